// The pages a hand-off link shows on the phone: plain HTML from the proxy, no script, one small
// style allowed by its hash, in the phone's language (Portuguese or English).
import type { MaskedIdentity } from './identity.ts'

const TEXT = {
  en: {
    lang: 'en',
    title: 'Continue on your phone',
    whose: 'Documents of',
    what: 'If you continue, this phone can send documents to this account for {minutes} minutes. The computer that showed the code can end this at any time.',
    notYou:
      'Not you? Do not continue. If someone sent you this link asking for your documents, close this page: they would go to another person’s account.',
    code: 'Code shown on the computer',
    codeHint: 'The 4 digits next to the QR code.',
    wrongCode: 'The code does not match. After 5 wrong codes the link stops working.',
    continue: 'Continue',
    refusedTitle: 'This link no longer works',
    used: 'This link was already opened. Each link works once: on your computer, choose “continue on the phone” again and scan the new code.',
    expired:
      'This link has expired or is not valid. On your computer, choose “continue on the phone” again and scan the new code.',
    tries:
      'The code was typed wrong too many times, so this link no longer works. On your computer, choose “continue on the phone” again.',
    otherTitle: 'These are not your documents',
    other:
      'You are signed in to another account in this browser, and this link is for someone else’s documents. Nothing was changed. If someone sent you this link, do not use it.',
    crossTitle: 'Open the link yourself',
    cross:
      'This page was sent from another site, so nothing was done. Scan the QR code on your computer, or open the link it shows.',
  },
  pt: {
    lang: 'pt-BR',
    title: 'Continuar no celular',
    whose: 'Documentos de',
    what: 'Ao continuar, este celular poderá enviar documentos para esta conta durante {minutes} minutos. O computador que mostrou o código pode encerrar isso a qualquer momento.',
    notYou:
      'Não é você? Não continue. Se alguém mandou este link pedindo seus documentos, feche esta página: eles iriam para a conta de outra pessoa.',
    code: 'Código mostrado no computador',
    codeHint: 'Os 4 dígitos ao lado do código QR.',
    wrongCode: 'O código não confere. Depois de 5 códigos errados o link para de funcionar.',
    continue: 'Continuar',
    refusedTitle: 'Este link não funciona mais',
    used: 'Este link já foi aberto. Cada link funciona uma vez: no computador, escolha “continuar no celular” de novo e leia o novo código.',
    expired:
      'Este link expirou ou não é válido. No computador, escolha “continuar no celular” de novo e leia o novo código.',
    tries:
      'O código foi digitado errado vezes demais e este link não funciona mais. No computador, escolha “continuar no celular” de novo.',
    otherTitle: 'Estes documentos não são seus',
    other:
      'Você está conectado(a) a outra conta neste navegador, e este link é para os documentos de outra pessoa. Nada foi alterado. Se alguém mandou este link, não o use.',
    crossTitle: 'Abra o link você mesmo(a)',
    cross:
      'Esta página foi enviada por outro site, então nada foi feito. Leia o código QR no computador, ou abra o link que ele mostra.',
  },
}

type Text = (typeof TEXT)['en']

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f4f6f9}main{max-width:32rem;margin:auto;padding:16px}h1{font-size:1.4rem}.who{font-size:1.15rem;padding:12px;background:#fff;border:1px solid #cfd5df;border-radius:10px}.warn{color:#8a1c14}label{display:block;font-weight:600}input{font:inherit;font-size:1.6rem;letter-spacing:.4em;width:6.5em;padding:8px;margin:6px 0}button{font:inherit;min-height:44px;padding:0 20px;border:0;border-radius:10px;background:#1f5fd1;color:#fff}.error{color:#b3261e;font-weight:600}'

let styleHash: Promise<string> | undefined
function styleSource(): Promise<string> {
  styleHash ??= crypto.subtle
    .digest('SHA-256', new TextEncoder().encode(STYLE))
    .then((digest) => `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`)
  return styleHash
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? '',
  )

function textFor(request: Request): Text {
  return /^pt\b/i.test(request.headers.get('accept-language') ?? '') ? TEXT.pt : TEXT.en
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''))

async function page(
  request: Request,
  status: number,
  title: string,
  body: string,
  formAction: string | null,
): Promise<Response> {
  const text = textFor(request)
  const html = `<!doctype html><html lang="${text.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`
  return new Response(request.method === 'HEAD' ? null : html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': `default-src 'none'; style-src ${await styleSource()}; form-action ${formAction ?? "'none'"}; base-uri 'none'; frame-ancestors 'none'`,
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-robots-tag': 'noindex',
    },
  })
}

export type RefusedReason = 'used' | 'expired' | 'tries'

/** A page that refuses, with why (`data-handoff-refused`) and what to do. */
function notice(request: Request, status: number, title: string, reason: string, words: string) {
  return page(
    request,
    status,
    title,
    `<p data-handoff-refused="${reason}">${escapeHtml(words)}</p>`,
    null,
  )
}

/** A link that cannot be opened (used, expired, unknown, typed wrong too often): 410. */
export function refusedPage(request: Request, reason: RefusedReason): Promise<Response> {
  const text = textFor(request)
  return notice(request, 410, text.refusedTitle, reason, text[reason])
}

/** The browser is signed in to another customer than the link's: 409, nothing done. */
export function otherAccountPage(request: Request): Promise<Response> {
  const text = textFor(request)
  return notice(request, 409, text.otherTitle, 'other-account', text.other)
}

/** The continue button was pressed on another site's page: 403, nothing done. */
export function crossSitePage(request: Request): Promise<Response> {
  const text = textFor(request)
  return notice(request, 403, text.crossTitle, 'cross-site', text.cross)
}

export interface ConfirmPageOptions {
  identity: MaskedIdentity | null
  /** Whether the person must type the code the desktop shows. */
  askCode: boolean
  sessionMinutes: number
  /** Shown again after a wrong code. */
  wrongCode: boolean
  /** Origins the form may post to and be redirected to (`'self'` and the phone page's). */
  formAction: string
}

/**
 * What `GET` (or `HEAD`) of a link shows: whose documents these are, masked, what continuing
 * does, a warning for whoever was sent the link by someone else, and a form that continues with
 * a `POST` (with the code the desktop shows). It spends nothing and sets nothing, so a chat
 * app's preview, a scanner or a prefetch leaves the link for the person.
 */
export function confirmPage(request: Request, options: ConfirmPageOptions): Promise<Response> {
  const text = textFor(request)
  const { identity } = options
  const who = [identity?.name, identity?.document].filter((part): part is string => !!part)
  const whose =
    who.length === 0
      ? ''
      : `<p class="who" data-handoff-identity="">${escapeHtml(text.whose)} <strong>${escapeHtml(who.join(' · '))}</strong></p>`
  const code = options.askCode
    ? `<label for="code">${escapeHtml(text.code)}</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{4}" maxlength="4" required aria-describedby="code-hint${options.wrongCode ? ' code-error' : ''}"><p id="code-hint">${escapeHtml(text.codeHint)}</p>${
        options.wrongCode
          ? `<p id="code-error" class="error" role="alert" data-handoff-error="code">${escapeHtml(text.wrongCode)}</p>`
          : ''
      }`
    : ''
  const body = `${whose}<p>${escapeHtml(fill(text.what, { minutes: options.sessionMinutes }))}</p><p class="warn">${escapeHtml(text.notYou)}</p><form method="post">${code}<button type="submit" data-action="continue">${escapeHtml(text.continue)}</button></form>`
  return page(request, options.wrongCode ? 422 : 200, text.title, body, options.formAction)
}
