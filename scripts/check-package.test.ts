// check-package.mjs's import check, on small built-looking trees: an import of a package the
// manifest does not declare is reported, whichever entry (or declaration file) makes it.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { packageOf, undeclaredImports } from './check-package.mjs'

const manifest = {
  name: 'kyc-uploader',
  dependencies: { 'react-dropzone': '^19', hono: '^4' },
  peerDependencies: { react: '^19', '@tanstack/react-query': '^5' },
}

let dir = ''
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'check-package-'))
  await mkdir(join(dir, 'types', 'sandbox'), { recursive: true })
})
afterEach(() => rm(dir, { recursive: true, force: true }))

it('names the package of a specifier, scoped or not, and none for a builtin', () => {
  expect(packageOf('react/jsx-runtime')).toBe('react')
  expect(packageOf('@hono/node-server/listener')).toBe('@hono/node-server')
  expect(packageOf('node:http')).toBeNull()
  expect(packageOf('crypto')).toBeNull()
})

it('accepts dependencies, peers, builtins, the package itself and relative files', async () => {
  await writeFile(
    join(dir, 'index.js'),
    [
      `import { useQuery } from '@tanstack/react-query'`,
      `import { jsx } from 'react/jsx-runtime'`,
      `import { createServer } from 'node:http'`,
      `export { x } from './chunks/x.js'`,
      `const locale = () => import('./locales/pt-BR.js')`,
    ].join('\n'),
  )
  await writeFile(
    join(dir, 'types', 'sandbox', 'index.d.ts'),
    `import type { Hono } from 'hono'\n/** @example import { a } from 'kyc-uploader/server' */\n`,
  )
  expect(await undeclaredImports(dir, manifest)).toEqual([])
})

it('reports an undeclared package in any entry, static, dynamic or type-only', async () => {
  await writeFile(join(dir, 'sandbox.js'), `import { Hono } from 'hono'\nimport 'left-pad'\n`)
  await writeFile(join(dir, 'server.js'), `const lazy = () => import('@hono/node-server')\n`)
  await writeFile(
    join(dir, 'types', 'sandbox', 'node.d.ts'),
    `import type { Server } from 'undeclared-types'\n`,
  )
  const problems = await undeclaredImports(dir, manifest)
  expect(problems).toHaveLength(3)
  expect(problems.join('\n')).toMatch(/sandbox\.js imports left-pad/)
  expect(problems.join('\n')).toMatch(/server\.js imports @hono\/node-server/)
  expect(problems.join('\n')).toMatch(/node\.d\.ts imports undeclared-types/)
})
