// The README's code blocks, for the checks that hold the README to what runs: the consumer apps
// (scripts/consumer-apps.mjs) build their files from the blocks that name a file, and the strict
// type test (scripts/strict-types.test.ts) compiles every TypeScript block.

/** Every fenced block: its language and body, in README order. */
export function readmeBlocks(readme) {
  return [...readme.matchAll(/^```([a-z]*)\n([\s\S]*?)^```$/gm)].map(([, language, body]) => ({
    language,
    body,
    // A block whose first line is a comment naming a file is that file.
    file: /^\/\/ ([\w./[\]$-]+\.(?:tsx?|mjs|cjs|js))(?::|\s|$)/.exec(body)?.[1] ?? null,
  }))
}

/** The README's fenced blocks whose first line is a comment naming a file, by that name. */
export function readmeFiles(readme) {
  const files = new Map()
  for (const block of readmeBlocks(readme)) if (block.file) files.set(block.file, block.body)
  return files
}
