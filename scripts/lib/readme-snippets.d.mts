// Types of scripts/lib/readme-snippets.mjs, for the TypeScript tests that use it.

export interface ReadmeBlock {
  language: string
  body: string
  /** The file the block is, when its first line is a comment naming one. */
  file: string | null
}

/** Every fenced block of a README, in order. */
export declare function readmeBlocks(readme: string): ReadmeBlock[]

/** The blocks whose first line names a file, by that name. */
export declare function readmeFiles(readme: string): Map<string, string>
