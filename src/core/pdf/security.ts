/*
 * Whether a PDF encrypted with the Standard security handler opens without a password: files
 * with an owner password only (printing or copying restricted) open in every reader, so they are
 * documents like any other. ISO 32000-1 7.6.3.3 (algorithms 2, 4, 5, 6; revisions 2-4: MD5 and
 * RC4) and ISO 32000-2 7.6.4.3.3-4 (revisions 5 and 6: SHA-2 and AES, from Web Crypto).
 */
import { concatBytes } from '../bytes.ts'
import { isDict, isInteger, isName, type PdfDict, type PdfValue } from './syntax.ts'

const PADDING = new Uint8Array([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08,
  0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
])

// MD5 (RFC 1321), for the key derivation of revisions 2 to 4.
const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]
const SINES = Array.from({ length: 64 }, (_, index) =>
  Math.floor(Math.abs(Math.sin(index + 1)) * 2 ** 32),
)

export function md5(input: Uint8Array): Uint8Array {
  const length = input.length
  const padded = new Uint8Array(((length + 72) >>> 6) << 6)
  padded.set(input)
  padded[length] = 0x80
  const view = new DataView(padded.buffer)
  view.setUint32(padded.length - 8, (length << 3) >>> 0, true)
  view.setUint32(padded.length - 4, Math.floor(length / 0x20000000), true)
  const state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]
  for (let block = 0; block < padded.length; block += 64) {
    let [a, b, c, d] = state as [number, number, number, number]
    for (let step = 0; step < 64; step += 1) {
      const round = step >> 4
      let f: number
      let word: number
      if (round === 0) [f, word] = [(b & c) | (~b & d), step]
      else if (round === 1) [f, word] = [(d & b) | (~d & c), (5 * step + 1) % 16]
      else if (round === 2) [f, word] = [b ^ c ^ d, (3 * step + 5) % 16]
      else [f, word] = [c ^ (b | ~d), (7 * step) % 16]
      const sum = (a + f + (SINES[step] ?? 0) + view.getUint32(block + word * 4, true)) | 0
      const shift = SHIFTS[(round << 2) | (step & 3)] ?? 0
      a = d
      d = c
      c = b
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0
    }
    state[0] = ((state[0] ?? 0) + a) | 0
    state[1] = ((state[1] ?? 0) + b) | 0
    state[2] = ((state[2] ?? 0) + c) | 0
    state[3] = ((state[3] ?? 0) + d) | 0
  }
  const out = new Uint8Array(16)
  const outView = new DataView(out.buffer)
  state.forEach((word, index) => outView.setUint32(index * 4, word >>> 0, true))
  return out
}

export function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Array.from({ length: 256 }, (_, index) => index)
  let j = 0
  for (let i = 0; i < 256; i += 1) {
    j = (j + (s[i] ?? 0) + (key[i % key.length] ?? 0)) & 0xff
    ;[s[i], s[j]] = [s[j] ?? 0, s[i] ?? 0]
  }
  const out = new Uint8Array(data.length)
  let i = 0
  j = 0
  for (let n = 0; n < data.length; n += 1) {
    i = (i + 1) & 0xff
    j = (j + (s[i] ?? 0)) & 0xff
    ;[s[i], s[j]] = [s[j] ?? 0, s[i] ?? 0]
    out[n] = (data[n] ?? 0) ^ (s[((s[i] ?? 0) + (s[j] ?? 0)) & 0xff] ?? 0)
  }
  return out
}

const concat = (...parts: Uint8Array[]) => concatBytes(parts)

const equal = (a: Uint8Array, b: Uint8Array, length: number) =>
  a.length >= length && b.length >= length && a.subarray(0, length).every((v, i) => v === b[i])

const bytesOf = (value: PdfValue | undefined) => (value instanceof Uint8Array ? value : null)

/** Revisions 2-4: algorithm 2 (the key) and 4/5 (the user entry) with the empty password. */
function emptyPasswordOpensRc4(encrypt: PdfDict, id: Uint8Array, revision: number): boolean {
  const owner = bytesOf(encrypt.get('O'))
  const user = bytesOf(encrypt.get('U'))
  const permissions = encrypt.get('P')
  if (!owner || !user || owner.length < 32 || user.length < 16 || !isInteger(permissions)) {
    throw new Error('incomplete Standard security dictionary')
  }
  const lengthBits = encrypt.get('Length')
  const keyLength = revision === 2 ? 5 : isInteger(lengthBits) ? lengthBits >> 3 : 5
  if (keyLength < 5 || keyLength > 16) throw new Error('bad key length')
  const p = new Uint8Array(4)
  new DataView(p.buffer).setInt32(0, permissions | 0, true)
  const noMetadata = revision >= 4 && encrypt.get('EncryptMetadata') === false
  let key = md5(
    concat(
      PADDING,
      owner.subarray(0, 32),
      p,
      id,
      noMetadata ? new Uint8Array([255, 255, 255, 255]) : new Uint8Array(),
    ),
  ).subarray(0, keyLength)
  if (revision >= 3) {
    for (let round = 0; round < 50; round += 1) key = md5(key).subarray(0, keyLength)
  }
  if (revision === 2) return equal(rc4(key, PADDING), user, 32)
  let check = rc4(key, md5(concat(PADDING, id)))
  for (let round = 1; round <= 19; round += 1) {
    check = rc4(
      key.map((byte) => byte ^ round),
      check,
    )
  }
  return equal(check, user, 16)
}

/** Revision 6's hash (ISO 32000-2, algorithm 2.B) of the empty password; revision 5's is one SHA-256. */
async function emptyPasswordOpensAes(encrypt: PdfDict, revision: number): Promise<boolean> {
  const user = bytesOf(encrypt.get('U'))
  if (!user || user.length < 48) throw new Error('incomplete Standard security dictionary')
  const subtle = globalThis.crypto?.subtle
  if (!subtle) throw new Error('no Web Crypto here (not a secure context)')
  const digest = async (name: string, data: Uint8Array) =>
    new Uint8Array(await subtle.digest(name, data as Uint8Array<ArrayBuffer>))
  const salt = user.subarray(32, 40)
  let k = await digest('SHA-256', salt)
  if (revision === 6) {
    for (let round = 0; ; round += 1) {
      const block = new Uint8Array(64 * k.length)
      for (let copy = 0; copy < 64; copy += 1) block.set(k, copy * k.length)
      const aesKey = await subtle.importKey('raw', k.slice(0, 16), 'AES-CBC', false, ['encrypt'])
      const encrypted = new Uint8Array(
        await subtle.encrypt({ name: 'AES-CBC', iv: k.slice(16, 32) }, aesKey, block),
      ).subarray(0, block.length)
      let sum = 0
      for (let index = 0; index < 16; index += 1) sum += encrypted[index] ?? 0
      k = await digest(['SHA-256', 'SHA-384', 'SHA-512'][sum % 3] ?? 'SHA-256', encrypted)
      if (round >= 63 && (encrypted[encrypted.length - 1] ?? 0) <= round - 31) break
    }
  }
  return equal(k, user, 32)
}

/**
 * What an `/Encrypt` dictionary asks of a reader: `none` when it is damaged (readers ignore an
 * entry that is not a dictionary or names no handler), `owner` when the empty user password
 * opens the file, `password` when a password (or a certificate) is needed.
 */
export async function passwordNeeded(
  encrypt: PdfValue | undefined,
  firstId: Uint8Array | null,
): Promise<'none' | 'owner' | 'password'> {
  if (!isDict(encrypt) || !isName(encrypt.get('Filter'))) return 'none'
  if (!isName(encrypt.get('Filter'), 'Standard')) return 'password'
  const revision = encrypt.get('R')
  if (!isInteger(revision)) return 'password'
  try {
    const opens =
      revision <= 4
        ? emptyPasswordOpensRc4(encrypt, firstId ?? new Uint8Array(), revision)
        : await emptyPasswordOpensAes(encrypt, revision)
    return opens ? 'owner' : 'password'
  } catch {
    return 'password'
  }
}
