/**
 * Every story id, for the e2e suite (which cannot run Vite's `import.meta.glob`): it visits
 * `showcase.html?story=<id>` for each. `showcase.test.tsx` fails when this list and the story files
 * disagree, so it cannot go stale.
 */
export const storyIds: string[] = []
