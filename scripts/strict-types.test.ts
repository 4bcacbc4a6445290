// What a host on `exactOptionalPropertyTypes` meets: every TypeScript block of the README, a
// pass-through wrapper, and every optional field of the public options, compiled in one program
// under the flag against the package's own sources (the same declarations `npm run build` emits).
// An optional field typed without `| undefined` refuses a wrapper's `locale={props.locale}` or
// the README's `webhookSecret: process.env.KYC_WEBHOOK_SECRET`; this test names each one.
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { readmeBlocks } from './lib/readme-snippets.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const virtualDir = join(root, '.strict-types')

/** The package's entries, as a host imports them, mapped to their sources. */
const ENTRIES: Record<string, string> = {
  'kyc-uploader': 'src/index.ts',
  'kyc-uploader/locales/*': 'src/locales/*.ts',
  'kyc-uploader/server': 'src/server/index.ts',
  'kyc-uploader/server/node': 'src/server/node.ts',
  'kyc-uploader/server/redis': 'src/server/redis.ts',
  'kyc-uploader/sandbox': 'src/sandbox/index.ts',
  'kyc-uploader/testing': 'src/testing/index.ts',
  'kyc-uploader/styles.css': 'src/ui/styles.css.d.ts',
}

/** What the README's blocks import besides the package: the host's own modules, stubbed. */
const HOST_MODULES: Record<string, string> = {
  'session.ts': `export async function sessionFrom(request: Request): Promise<{ kycCustomerId: string } | undefined> {
  return request.headers.has('cookie') ? { kycCustomerId: 'cust_1' } : undefined
}
`,
  'src/ui/styles.css.d.ts': 'export {}\n',
}

// Free names the README's fragments lean on (`...options`, `app.use`), declared for them.
const FRAGMENT_PRELUDE: Record<string, string> = {
  options: `declare const options: Omit<import('kyc-uploader/server').KycProxyOptions, 'prefix' | 'store' | 'webhookSecret' | 'handoff'>`,
  app: `declare const app: { all(path: string, handler: (c: { req: { raw: Request } }) => unknown): void; use(path: string, handler: unknown): void }`,
  customerId: `declare const customerId: string`,
  kyc: `declare const kyc: import('kyc-uploader/server').KycProxyHandler`,
  createKycProxy: `import { createKycProxy } from 'kyc-uploader/server'`,
  toNodeListener: `import { toNodeListener } from 'kyc-uploader/server/node'`,
  KycUploader: `import { KycUploader } from 'kyc-uploader'`,
}

/** A pass-through wrapper, the way hosts write one, and every public options type checked. */
const WRAPPER = `import { type ComponentProps } from 'react'
import {
  KycUploader,
  DocumentCard,
  UploadStatus,
  useDocumentDropzone,
  type DocumentSlot,
  type DocumentDropzoneOptions,
  type KycApiError,
  type KycLocale,
  type KycStringOverrides,
  type KycUploaderOptions,
  type KycUploaderProps,
  type PhotoOptions,
} from 'kyc-uploader'
import {
  createKycProxy,
  type HandoffOptions,
  type KycProxyOptions,
  type ProxyRateLimitOptions,
} from 'kyc-uploader/server'
import type { RedisStoreOptions } from 'kyc-uploader/server/redis'
import {
  startSandboxServer,
  type FaultSpec,
  type SandboxOptions,
  type SandboxServerOptions,
  type WebhookOptions,
} from 'kyc-uploader/sandbox'

interface StepProps {
  customerId: string
  locale?: KycLocale
  strings?: KycStringOverrides
  baseUrl?: string
  photos?: PhotoOptions | false
  onError?: (error: KycApiError) => void
  onComplete?: () => void
}

// Optional props passed straight on: each is \`T | undefined\` here.
export function Step({ customerId, locale, strings, baseUrl, photos, onError, onComplete }: StepProps) {
  return (
    <KycUploader
      customerId={customerId}
      locale={locale}
      strings={strings}
      baseUrl={baseUrl}
      photos={photos}
      onError={onError}
      onComplete={onComplete}
      className={undefined}
    />
  )
}

export function Spread(props: KycUploaderProps) {
  return <KycUploader {...props} />
}

export function Card({ slot, noClick }: { slot: DocumentSlot; noClick?: boolean }) {
  const dropzone = useDocumentDropzone(slot, { noClick })
  return (
    <div {...dropzone.getRootProps()}>
      <UploadStatus slot={slot} onCancel={undefined} />
    </div>
  )
}

export const proxy = createKycProxy({
  providerBaseUrl: 'https://api.example/v3',
  clientId: 'id',
  clientSecret: 'secret',
  authorize: () => undefined,
  prefix: process.env.KYC_PREFIX,
  webhookSecret: process.env.KYC_WEBHOOK_SECRET,
  statusMaxAgeMs: undefined,
  handoff: process.env.KYC_PHONE_PAGE ? { pageUrl: process.env.KYC_PHONE_PAGE, publicOrigin: process.env.KYC_ORIGIN } : undefined,
})

export const sandbox = startSandboxServer({
  port: Number(process.env.PORT) || undefined,
  webhook: process.env.HOOK_URL ? { url: process.env.HOOK_URL, secret: 'whsec_x', timeoutMs: undefined } : undefined,
})

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T]
/** The optional fields of T that refuse \`undefined\` (none, when T is right). */
type RefusingUndefined<T> = {
  [K in OptionalKeys<T>]-?: { [P in K]: undefined } extends Pick<T, K> ? never : K
}[OptionalKeys<T>]
type Expect<T extends never> = T

export type EveryOptionAcceptsUndefined = [
  Expect<RefusingUndefined<KycUploaderOptions>>,
  Expect<RefusingUndefined<KycUploaderProps>>,
  Expect<RefusingUndefined<PhotoOptions>>,
  Expect<RefusingUndefined<DocumentDropzoneOptions>>,
  Expect<RefusingUndefined<KycStringOverrides>>,
  Expect<RefusingUndefined<ComponentProps<typeof DocumentCard>>>,
  Expect<RefusingUndefined<ComponentProps<typeof UploadStatus>>>,
  Expect<RefusingUndefined<KycProxyOptions>>,
  Expect<RefusingUndefined<NonNullable<KycProxyOptions['events']>>>,
  Expect<RefusingUndefined<HandoffOptions>>,
  Expect<RefusingUndefined<ProxyRateLimitOptions>>,
  Expect<RefusingUndefined<RedisStoreOptions>>,
  Expect<RefusingUndefined<SandboxOptions>>,
  Expect<RefusingUndefined<SandboxServerOptions>>,
  Expect<RefusingUndefined<NonNullable<SandboxOptions['rateLimit']>>>,
  Expect<RefusingUndefined<WebhookOptions>>,
  Expect<RefusingUndefined<FaultSpec>>,
]
`

interface VirtualFile {
  name: string
  text: string
  /** Where it came from, for the failure message. */
  origin: string
}

function virtualFiles(): VirtualFile[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const files: VirtualFile[] = [{ name: 'wrapper.tsx', text: WRAPPER, origin: 'the wrapper' }]
  readmeBlocks(readme).forEach((block, index) => {
    if (block.language !== 'ts' && block.language !== 'tsx') return
    // Blocks that import a framework the repository does not install (Express, React Router)
    // are compiled by the consumer apps, under the same flag, against the packed package.
    const imports = [...block.body.matchAll(/from '([^']+)'/g)].map(([, name]) => name ?? '')
    const known = (name: string) =>
      name.startsWith('kyc-uploader') ||
      name.startsWith('node:') ||
      name.startsWith('./') ||
      name.startsWith('@/') ||
      ['react', 'react-dom', 'react-dom/client', '@tanstack/react-query'].includes(name)
    if (!imports.every(known)) return
    let text = block.body
    if (!block.file) {
      const declared = (name: string) =>
        new RegExp(`\\b(?:const|let|function|import)\\s+(?:\\{[^}]*\\b)?${name}\\b`).test(text)
      const prelude = Object.entries(FRAGMENT_PRELUDE)
        .filter(([name]) => new RegExp(`\\b${name}\\b`).test(text) && !declared(name))
        .map(([, declaration]) => declaration)
      text = `${prelude.join('\n')}\n${text}\nexport {}\n`
    }
    const line = readme.slice(0, readme.indexOf(block.body)).split('\n').length
    files.push({
      name: `readme-${index}.${block.language}`,
      text,
      origin: `README.md line ${line}${block.file ? ` (${block.file})` : ''}`,
    })
  })
  return files
}

function compile(files: VirtualFile[]) {
  const base = ts.readConfigFile(join(root, 'tsconfig.json'), (path) => ts.sys.readFile(path))
  const parsed = ts.parseJsonConfigFileContent(base.config, ts.sys, root)
  const options: ts.CompilerOptions = {
    ...parsed.options,
    exactOptionalPropertyTypes: true,
    types: ['node'],
    noEmit: true,
    baseUrl: root,
    paths: {
      ...Object.fromEntries(Object.entries(ENTRIES).map(([name, path]) => [name, [path]])),
      './session.js': [join(virtualDir, 'session.ts')],
      '@/session': [join(virtualDir, 'session.ts')],
    },
  }
  const texts = new Map<string, string>()
  for (const file of files) texts.set(join(virtualDir, file.name), file.text)
  for (const [name, text] of Object.entries(HOST_MODULES)) {
    texts.set(name.startsWith('src/') ? join(root, name) : join(virtualDir, name), text)
  }
  const host = ts.createCompilerHost(options)
  const { getSourceFile, fileExists, readFile } = host
  const { directoryExists } = host
  host.fileExists = (path) => texts.has(path) || fileExists.call(host, path)
  host.directoryExists = (path) =>
    path === virtualDir || (directoryExists?.call(host, path) ?? ts.sys.directoryExists(path))
  host.readFile = (path) => texts.get(path) ?? readFile.call(host, path)
  host.getSourceFile = (path, language, ...rest) => {
    const text = texts.get(path)
    return text === undefined
      ? getSourceFile.call(host, path, language, ...rest)
      : ts.createSourceFile(path, text, language, true)
  }
  const program = ts.createProgram({
    rootNames: files.map((file) => join(virtualDir, file.name)),
    options,
    host,
  })
  return files.flatMap((file) => {
    const source = program.getSourceFile(join(virtualDir, file.name))
    if (!source) return [`${file.origin}: not compiled`]
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
      .filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error)
      .map((diagnostic) => {
        const { line } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0)
        const code = file.text.split('\n')[line]?.trim()
        const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ')
        return `${file.origin}, its line ${line + 1} (${code}): TS${diagnostic.code} ${message}`
      })
  })
}

describe('under exactOptionalPropertyTypes', () => {
  it("compiles the README's TypeScript, a pass-through wrapper, and takes undefined for every optional option", () => {
    const files = virtualFiles()
    expect(files.length).toBeGreaterThan(5)
    expect(compile(files)).toEqual([])
  }, 120_000)
})
