// A host's strict type check (`strict`, `skipLibCheck: false`) of a file that imports
// `kyc-uploader/server/redis`, against the built declarations (dist/types): once with the real
// ioredis, once with an ioredis whose declarations import an untyped package, as ioredis 5's
// `index.d.ts` imports `redis-errors` (TS7016 for any host whose program loads it). Our
// declarations name no ioredis type, so neither loads it. A control run, a host importing that
// ioredis itself, must fail with TS7016: it shows the stand-in reproduces the error.
import { spawnSync } from 'node:child_process'
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'es2022',
    types: ['node'],
  },
  files: ['host.ts'],
}

const HOST = `import { createRedisStore, type RedisStoreOptions } from 'kyc-uploader/server/redis'
import { createKycProxy } from 'kyc-uploader/server'

const options: RedisStoreOptions = { url: 'redis://127.0.0.1:6379', commandTimeoutMs: 250 }
export const kyc = createKycProxy({
  providerBaseUrl: 'https://api.example.com/v3',
  clientId: 'id',
  clientSecret: 'secret',
  authorize: () => null,
  store: createRedisStore(options),
})
`

async function project(ioredis, host = HOST) {
  const dir = await mkdtemp(join(tmpdir(), 'kyc-host-types-'))
  const modules = join(dir, 'node_modules')
  await mkdir(join(modules, '@types'), { recursive: true })
  await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }))
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG))
  await writeFile(join(dir, 'host.ts'), host)
  // A copy, not a link: our declarations must resolve `ioredis` from the host's node_modules.
  await mkdir(join(modules, 'kyc-uploader', 'dist'), { recursive: true })
  await cp(join(root, 'package.json'), join(modules, 'kyc-uploader', 'package.json'))
  await cp(join(root, 'dist', 'types'), join(modules, 'kyc-uploader', 'dist', 'types'), {
    recursive: true,
  })
  await symlink(
    join(root, 'node_modules', '@types', 'node'),
    join(modules, '@types', 'node'),
    'dir',
  )
  for (const name of ['hono', '@hono']) {
    await symlink(join(root, 'node_modules', name), join(modules, name), 'dir')
  }
  if (ioredis === 'real') {
    await symlink(join(root, 'node_modules', 'ioredis'), join(modules, 'ioredis'), 'dir')
  } else {
    await mkdir(join(modules, 'ioredis'))
    await writeFile(
      join(modules, 'ioredis', 'package.json'),
      JSON.stringify({
        name: 'ioredis',
        version: '5.0.0-stand-in',
        types: 'index.d.ts',
        main: 'index.js',
      }),
    )
    await writeFile(
      join(modules, 'ioredis', 'index.d.ts'),
      "export { ReplyError } from 'redis-errors'\nexport interface RedisOptions { host?: string }\n",
    )
    await writeFile(join(modules, 'ioredis', 'index.js'), 'export {}\n')
    await mkdir(join(modules, 'redis-errors'))
    await writeFile(
      join(modules, 'redis-errors', 'package.json'),
      JSON.stringify({ name: 'redis-errors', version: '1.2.0', main: 'index.js' }),
    )
    await writeFile(join(modules, 'redis-errors', 'index.js'), 'module.exports = {}\n')
  }
  const result = spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' })
  await rm(dir, { recursive: true, force: true })
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() }
}

const failures = []
for (const ioredis of ['real', 'untyped-import']) {
  const { status, output } = await project(ioredis)
  console.log(`  ioredis ${ioredis}: ${status === 0 ? 'passes' : 'FAILS'}`)
  if (status !== 0) failures.push(`with the ${ioredis} ioredis:\n${output}`)
}
const control = await project(
  'untyped-import',
  "import type { RedisOptions } from 'ioredis'\nexport type O = RedisOptions\n",
)
console.log(
  `  control (the host imports that ioredis itself): ${control.output.includes('TS7016') ? 'TS7016 as expected' : 'no TS7016'}`,
)
if (!control.output.includes('TS7016'))
  failures.push(`the control run did not fail with TS7016:\n${control.output}`)

if (failures.length > 0) {
  console.error(failures.join('\n\n'))
  process.exit(1)
}
