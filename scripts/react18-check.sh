#!/usr/bin/env bash
# The component tests on React 18, the older end of the peer range (`^18 || ^19`); `npm test`
# runs them on React 19. A scratch copy of the repository gets react@18, react-dom@18 and their
# types (Testing Library 16 supports both), type-checks the project on React 18's types (the
# type-level tests of the public API among it: refs and props of the parts, src/ui/*.test-d.tsx),
# then runs the tests of src/react and src/ui.
# CI runs this after `npm test` (.ci/run). Usage: bash scripts/react18-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."

scratch="$(mktemp -d "${TMPDIR:-/tmp}/kyc-react18.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

# The working tree as it is (tracked and new files), without build output or git metadata.
tar --exclude=./node_modules --exclude=./.git --exclude=./dist --exclude=./.tmp \
  --exclude=./test-results --exclude=./playwright-report -cf - . | tar -xf - -C "$scratch"
# Start from this checkout's installed tree (no network for those), then swap React alone.
cp -a node_modules "$scratch/node_modules"
cd "$scratch"
npm install --no-save --no-audit --no-fund --loglevel=error \
  react@18 react-dom@18 @types/react@18 @types/react-dom@18

node -e '
  const react = require("react/package.json").version
  const dom = require("react-dom/package.json").version
  console.log(`React ${react}, react-dom ${dom}`)
  if (!react.startsWith("18.") || !dom.startsWith("18.")) process.exit(1)
'
npx tsc -p tsconfig.json
targets=()
for dir in src/react src/ui; do [ -d "$dir" ] && targets+=("$dir"); done
if [ "${#targets[@]}" -eq 0 ]; then
  echo "no component tests found (src/react, src/ui)" >&2
  exit 1
fi
npx vitest run "${targets[@]}"
