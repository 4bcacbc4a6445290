// The labelled corpus of document images the photo checks are tuned on (issue 20): identity
// cards and A4 pages drawn by Chromium from the HTML below (our own text; the ID portrait is
// NASA's public-domain astronaut of ./photos/), then photographed with ImageMagick: laid on
// tables (./photos/ brick and gravel, CC0), held in a hand, scanned, screenshotted. Each shot as
// it is and in harmless variations (labelled good: brighter, dimmer, a soft shadow, tilted), and
// with the defects a person must hear about: blurred past the legibility of 10-pt text, shaken,
// a glare spot over the text, under- and overexposed, too small. Every source and licence:
// ./photos/README.md; everything else is made here.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const PHOTOS = fileURLToPath(new URL('./photos/', import.meta.url))
const CONVERT = '/usr/bin/convert'

const CARD_CSS = `body{margin:0;font-family:'DejaVu Sans',Arial,sans-serif}
.card{width:1300px;height:820px;box-sizing:border-box;padding:36px;border-radius:36px;position:relative;overflow:hidden}
.band{position:absolute;left:0;right:0;top:0;height:110px;color:#fff;font-weight:700;font-size:40px;padding:30px 40px;box-sizing:border-box}
.photo{position:absolute;left:50px;top:160px;width:330px;height:420px;object-fit:cover;filter:grayscale(0.3)}
.fields{position:absolute;left:420px;top:150px;right:40px;font-size:30px;line-height:1.25}
.fields small{display:block;font-size:20px;color:#456;margin-top:16px}
.mrz{position:absolute;left:40px;right:40px;bottom:36px;font:32px 'DejaVu Sans Mono',monospace;letter-spacing:4px}`

function card({ title, color, background, fields, mrz, portrait }) {
  return `<!doctype html><html><head><style>${CARD_CSS}</style></head><body>
  <div class="card" style="background:${background}"><div class="band" style="background:${color}">${title}</div>
  <img class="photo" src="${portrait}"><div class="fields">${fields
    .map(([label, value]) => `<small>${label}</small>${value}`)
    .join('')}</div><div class="mrz">${mrz}</div></div></body></html>`
}

const A4_CSS = `body{margin:0;width:1240px;height:1754px;background:#fff;font:13.5px/1.45 'DejaVu Serif',Georgia,serif;color:#111}
main{padding:110px 120px} h1{font-size:26px;color:#123;border-bottom:3px solid #123;padding-bottom:8px}
table{width:100%;border-collapse:collapse;margin:18px 0} td,th{border:1px solid #777;padding:5px 8px;text-align:left}`

const LOREM =
  'Declaro, para os devidos fins, que as informações prestadas neste documento são verdadeiras e ' +
  'conferem com os registros mantidos por esta instituição, nos termos da legislação vigente. '

function statement() {
  const rows = Array.from({ length: 26 }, (_, index) => {
    const day = String(1 + index).padStart(2, '0')
    const value = ((index * 7919) % 100000) / 100
    return `<tr><td>${day}/03/2026</td><td>${['PIX recebido', 'Pagamento boleto', 'Tarifa', 'Compra débito'][index % 4]} ${1000 + index * 37}</td><td>R$ ${value.toFixed(2).replace('.', ',')}</td></tr>`
  }).join('')
  return `<!doctype html><html><head><style>${A4_CSS}</style></head><body><main>
  <h1>Banco Aurora S.A. — Extrato de conta corrente</h1>
  <p>Cliente: Maria da Silva · Agência 0001 · Conta 12345-6 · Período: 01/03/2026 a 31/03/2026</p>
  <table><tr><th>Data</th><th>Lançamento</th><th>Valor</th></tr>${rows}</table>
  <p>${LOREM.repeat(3)}</p></main></body></html>`
}

function certificate() {
  return `<!doctype html><html><head><style>${A4_CSS}</style></head><body><main>
  <h1>Certificado da Condição de Microempreendedor Individual</h1>
  <table><tr><td>Nome empresarial</td><td>Padaria Aurora</td></tr><tr><td>CNPJ</td><td>12.345.678/0001-95</td></tr>
  <tr><td>Início das atividades</td><td>14/03/2021</td></tr><tr><td>Endereço</td><td>Rua das Flores, 123, Centro, São Paulo - SP</td></tr></table>
  ${Array.from({ length: 9 }, () => `<p>${LOREM.repeat(2)}</p>`).join('')}</main></body></html>`
}

const SCREEN = `<!doctype html><html><head><style>body{margin:0;width:1080px;height:2000px;font:34px system-ui,'DejaVu Sans',sans-serif;background:#f3f5f8}
header{background:#0b3d91;color:#fff;padding:60px 48px;font-weight:700}.row{display:flex;justify-content:space-between;background:#fff;margin:18px 32px;padding:34px;border-radius:18px}
</style></head><body><header>Banco Aurora — Comprovante</header>${Array.from(
  { length: 12 },
  (_, index) =>
    `<div class="row"><span>${['Pagamento', 'Transferência PIX', 'Recarga', 'Boleto'][index % 4]}</span><b>R$ ${(12.5 * (index + 3)).toFixed(2).replace('.', ',')}</b></div>`,
).join('')}</body></html>`

/** The documents, drawn by Chromium into `dir` once. */
async function renderSources(dir, browser) {
  const files = {
    'rg.png': { width: 1300, height: 820 },
    'cnh.png': { width: 1300, height: 820 },
    'statement.png': { width: 1240, height: 1754 },
    'certificate.png': { width: 1240, height: 1754 },
    'screen.png': { width: 1080, height: 2000 },
  }
  if (Object.keys(files).every((name) => existsSync(join(dir, name)))) return
  const portrait = `data:image/jpeg;base64,${readFileSync(join(PHOTOS, 'astronaut.jpg')).toString('base64')}`
  const html = {
    'rg.png': card({
      title: 'REPÚBLICA FEDERATIVA DO BRASIL · CARTEIRA DE IDENTIDADE',
      color: '#2f6b3f',
      background: 'linear-gradient(135deg,#e3efe3,#cfe0d2)',
      fields: [
        ['NOME', 'MARIA DA SILVA SANTOS'],
        ['REGISTRO GERAL', '12.345.678-9'],
        ['CPF', '123.456.789-09'],
        ['DATA DE NASCIMENTO', '01/02/1990'],
        ['NATURALIDADE', 'SÃO PAULO - SP'],
      ],
      mrz: 'IDBRA123456789&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;9',
      portrait,
    }),
    'cnh.png': card({
      title: 'CARTEIRA NACIONAL DE HABILITAÇÃO',
      color: '#1d4f91',
      background: 'linear-gradient(135deg,#eef1e0,#d9e2c4)',
      fields: [
        ['NOME', 'JOÃO PEREIRA DE SOUZA'],
        ['Nº REGISTRO', '01234567890'],
        ['VALIDADE', '14/03/2031'],
        ['CATEGORIA', 'AB'],
        ['CPF', '987.654.321-00'],
      ],
      mrz: 'I&lt;BRA01234567890&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;2',
      portrait,
    }),
    'statement.png': statement(),
    'certificate.png': certificate(),
    'screen.png': SCREEN,
  }
  const page = await browser.newPage()
  try {
    for (const [name, size] of Object.entries(files)) {
      await page.setViewportSize(size)
      await page.setContent(html[name])
      await page.waitForLoadState('load')
      await page.screenshot({ path: join(dir, name), type: 'png' })
    }
  } finally {
    await page.close()
  }
}

const convert = (args) => execFileSync(CONVERT, args, { maxBuffer: 256 * 1024 * 1024 })

/**
 * How each document is photographed: `table-*` on a table seen slightly from one side, `hand`
 * held over a dark floor with a thumb on its edge, `scan` flat at 300 dpi, `screenshot` as a
 * phone saves one (JPEG).
 */
const SHOTS = {
  'rg.png': ['table-brick', 'table-gravel', 'hand'],
  'cnh.png': ['table-brick', 'hand'],
  'statement.png': ['table-gravel', 'scan'],
  'certificate.png': ['table-brick', 'scan'],
  'screen.png': ['screenshot'],
}

function shoot(source, shot, out) {
  if (shot === 'scan') {
    // A flatbed scan: white paper stays white, a faint grain.
    convert([
      source,
      '-resize',
      '2000x2000',
      '-attenuate',
      '0.15',
      '+noise',
      'Gaussian',
      '-quality',
      '90',
      out,
    ])
    return
  }
  if (shot === 'screenshot') {
    convert([source, '-quality', '90', out])
    return
  }
  const W = 2000
  const H = 1500
  const table = shot === 'hand' ? 'gravel.jpg' : `${shot.slice('table-'.length)}.jpg`
  const [dw, dh] =
    source.endsWith('rg.png') || source.endsWith('cnh.png') ? [1300, 820] : [1240, 1754]
  // The document fills about three quarters of the frame, as the camera's guide asks.
  const scale = Math.min((0.78 * W) / dw, (0.86 * H) / dh)
  const w = Math.round(dw * scale)
  const h = Math.round(dh * scale)
  const x = Math.round((W - w) / 2)
  const y = Math.round((H - h) / 2)
  const skew = Math.round(w * 0.04)
  convert([
    '(',
    join(PHOTOS, table),
    '-resize',
    `${W}x${H}^`,
    '-gravity',
    'center',
    '-extent',
    `${W}x${H}`,
    ...(shot === 'hand' ? ['-brightness-contrast', '-35x-10'] : []),
    ')',
    '(',
    source,
    '-resize',
    `${w}x${h}!`,
    '-alpha',
    'set',
    '-virtual-pixel',
    'transparent',
    '-background',
    'none',
    '-extent',
    `${w + 2 * skew}x${h}-${skew}+0`,
    '-distort',
    'Perspective',
    `${skew},0 ${skew * 2},0  ${w + skew},0 ${w},${Math.round(skew / 2)}  ${skew},${h} ${skew},${h}  ${w + skew},${h} ${w + skew},${h - Math.round(skew / 3)}`,
    ')',
    '-gravity',
    'northwest',
    '-geometry',
    `+${x - skew}+${y}`,
    '-composite',
    ...(shot === 'hand'
      ? [
          '-fill',
          '#c98f6b',
          '-draw',
          `roundrectangle ${x + w * 0.55},${y + h * 0.86} ${x + w * 0.72},${H} 60,60`,
          '-fill',
          '#b97d5a',
          '-draw',
          `ellipse ${x + w * 0.635},${y + h * 0.88} ${w * 0.07},${h * 0.06} 0,360`,
        ]
      : []),
    // Room light: brighter on one side, and the lens's softness and sensor noise.
    '(',
    '-size',
    `${W}x${H}`,
    'radial-gradient:gray96-gray70',
    ')',
    '-compose',
    'multiply',
    '-composite',
    '-blur',
    '0x0.7',
    '-attenuate',
    '0.3',
    '+noise',
    'Gaussian',
    '-quality',
    '90',
    out,
  ])
}

/** A glare spot: a blown-out patch with a soft halo, over the text, `size` of the frame's width. */
function glare(size, at) {
  return (input, output) => {
    const [W, H] = sizeOf(input)
    const r = Math.round(W * size)
    const [cx, cy] = [Math.round(W * at[0]), Math.round(H * at[1])]
    convert([
      input,
      '(',
      '-size',
      `${W}x${H}`,
      'xc:black',
      '-fill',
      'white',
      '-draw',
      `ellipse ${cx},${cy} ${r},${Math.round(r * 0.7)} 0,360`,
      '-blur',
      `0x${Math.round(r * 0.45)}`,
      '-level',
      '0%,55%',
      ')',
      '-compose',
      'screen',
      '-composite',
      '-quality',
      '90',
      output,
    ])
  }
}

const sizeOf = (path) =>
  execFileSync('/usr/bin/identify', ['-format', '%w %h', path]).toString().split(' ').map(Number)

const im = (operations) => (input, output) =>
  convert([input, ...operations, '-quality', '90', output])

/** Variants: label (`good` or the warning a person must get), name, how it is made. */
export const DOCUMENT_VARIANTS = [
  ['good', 'as-is', im([])],
  ['good', 'brighter', im(['-modulate', '112'])],
  ['good', 'dimmer', im(['-modulate', '80'])],
  [
    'good',
    'shadow',
    (input, output) => {
      const [W, H] = sizeOf(input)
      convert([
        input,
        '(',
        '-size',
        `${W}x${H}`,
        'xc:white',
        '-fill',
        'gray55',
        '-draw',
        `polygon 0,0 ${Math.round(W * 0.45)},0 ${Math.round(W * 0.3)},${H} 0,${H}`,
        '-blur',
        '0x40',
        ')',
        '-compose',
        'multiply',
        '-composite',
        '-quality',
        '90',
        output,
      ])
    },
  ],
  ['good', 'tilted', im(['-background', 'gray30', '-rotate', '3'])],
  ['blurry', 'blur-4', im(['-blur', '0x4'])],
  ['blurry', 'motion-18', im(['-motion-blur', '0x18+20'])],
  ['glare', 'glare-spot', glare(0.09, [0.58, 0.42])],
  ['glare', 'glare-wide', glare(0.15, [0.42, 0.55])],
  ['dark', 'dark-25', im(['-evaluate', 'multiply', '0.25'])],
  ['dark', 'dark-gamma', im(['-gamma', '0.4', '-evaluate', 'multiply', '0.35'])],
  ['bright', 'overexposed', im(['-evaluate', 'multiply', '2.4'])],
  ['bright', 'washed', im(['-level', '0%,50%'])],
  ['small', 'shrunk-30', im(['-resize', '30%'])],
]

/**
 * Glare and exposure belong to a camera: a scanner's and a screenshot's white is white by
 * design, so those shots get no glare, overexposure or washed-out variants.
 */
const applies = (shot, variant) =>
  !(
    ['glare-spot', 'glare-wide', 'overexposed', 'washed'].includes(variant) &&
    (shot === 'scan' || shot === 'screenshot')
  )

/** Writes the corpus into `dir` once; returns its entries: { path, name, label, variant, shot }. */
export async function makeDocumentCorpus(dir, browser) {
  mkdirSync(dir, { recursive: true })
  const sources = join(dir, 'sources')
  mkdirSync(sources, { recursive: true })
  await renderSources(sources, browser)
  const entries = []
  for (const [document, shots] of Object.entries(SHOTS)) {
    for (const shot of shots) {
      const base = `${document.replace('.png', '')}--${shot}`
      const shotPath = join(sources, `${base}.jpg`)
      if (!existsSync(shotPath)) shoot(join(sources, document), shot, shotPath)
      for (const [label, variant, make] of DOCUMENT_VARIANTS) {
        if (!applies(shot, variant)) continue
        const path = join(dir, `${base}--${variant}.jpg`)
        if (!existsSync(path)) make(shotPath, path)
        entries.push({ path, name: `${base}--${variant}`, label, variant, shot })
      }
    }
  }
  writeFileSync(join(dir, 'labels.json'), JSON.stringify(entries, null, 1))
  return entries
}
