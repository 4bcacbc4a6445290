// Types of scripts/check-package.mjs, for its test.

/** The package a bare specifier names, or null for a Node builtin. */
export declare function packageOf(specifier: string): string | null

/** Bare imports under `dir` naming neither a dependency, a peer, a builtin nor the package. */
export declare function undeclaredImports(
  dir: string,
  manifest: {
    name: string
    dependencies?: Record<string, string>
    peerDependencies?: Record<string, string>
  },
): Promise<string[]>
