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

/** Revisions 2-4: whether `password` (padded to 32 bytes) is the user password (algorithms 2, 4, 5). */
function isUserPasswordRc4(
  encrypt: PdfDict,
  id: Uint8Array,
  revision: number,
  password: Uint8Array,
): boolean {
  const { owner, user, permissions, keyLength } = rc4Fields(encrypt, revision)
  const p = new Uint8Array(4)
  new DataView(p.buffer).setInt32(0, permissions | 0, true)
  const noMetadata = revision >= 4 && encrypt.get('EncryptMetadata') === false
  const tail = noMetadata ? new Uint8Array([255, 255, 255, 255]) : new Uint8Array()
  let key = md5(concat(password, owner.subarray(0, 32), p, id, tail)).subarray(0, keyLength)
  if (revision >= 3) {
    for (let round = 0; round < 50; round += 1) key = md5(key).subarray(0, keyLength)
  }
  if (revision === 2) return equal(rc4(key, PADDING), user, 32)
  return equal(rc4Rounds(key, md5(concat(PADDING, id)), true), user, 16)
}

/** RC4 with the key, then (revision 3+) 19 more times with the key XORed with 1..19, or back. */
function rc4Rounds(key: Uint8Array, data: Uint8Array, forward: boolean): Uint8Array {
  let out = data
  for (let step = 0; step <= 19; step += 1) {
    const round = forward ? step : 19 - step
    out = rc4(
      key.map((byte) => byte ^ round),
      out,
    )
  }
  return out
}

function rc4Fields(encrypt: PdfDict, revision: number) {
  const owner = bytesOf(encrypt.get('O'))
  const user = bytesOf(encrypt.get('U'))
  const permissions = encrypt.get('P')
  if (!owner || !user || owner.length < 32 || user.length < 16 || !isInteger(permissions)) {
    throw new Error('incomplete Standard security dictionary')
  }
  const lengthBits = encrypt.get('Length')
  // Revision 4 (AES-128 or RC4-128) without a /Length uses 128-bit keys.
  const fallback = revision >= 4 ? 16 : 5
  const keyLength = revision === 2 ? 5 : isInteger(lengthBits) ? lengthBits >> 3 : fallback
  if (keyLength < 5 || keyLength > 16) throw new Error('bad key length')
  return { owner, user, permissions, keyLength }
}

/** Revisions 2-4: whether the empty password opens the file, as the user or as the owner (algorithm 7). */
function emptyPasswordOpensRc4(encrypt: PdfDict, id: Uint8Array, revision: number): boolean {
  if (isUserPasswordRc4(encrypt, id, revision, PADDING)) return true
  const { owner, keyLength } = rc4Fields(encrypt, revision)
  let key = md5(PADDING).subarray(0, keyLength)
  if (revision >= 3) {
    for (let round = 0; round < 50; round += 1) key = md5(key).subarray(0, keyLength)
  }
  const userPassword =
    revision === 2 ? rc4(key, owner.subarray(0, 32)) : rc4Rounds(key, owner.subarray(0, 32), false)
  return isUserPasswordRc4(encrypt, id, revision, userPassword)
}

/**
 * Revisions 5 and 6: whether the empty password is the user's or the owner's. Revision 6 hashes
 * with ISO 32000-2's algorithm 2.B; revision 5 (Adobe's extension level 3) with one SHA-256.
 */
async function emptyPasswordOpensAes(encrypt: PdfDict, revision: number): Promise<boolean> {
  const user = bytesOf(encrypt.get('U'))
  const owner = bytesOf(encrypt.get('O'))
  if (!user || user.length < 48) throw new Error('incomplete Standard security dictionary')
  const subtle = globalThis.crypto?.subtle
  if (!subtle) throw new Error('no Web Crypto here (not a secure context)')
  const digest = async (name: string, data: Uint8Array) =>
    new Uint8Array(await subtle.digest(name, data as Uint8Array<ArrayBuffer>))
  const hash = async (salt: Uint8Array, extra: Uint8Array) => {
    let k = await digest('SHA-256', concat(salt, extra))
    if (revision !== 6) return k
    for (let round = 0; ; round += 1) {
      const unit = concat(k, extra)
      const block = new Uint8Array(64 * unit.length)
      for (let copy = 0; copy < 64; copy += 1) block.set(unit, copy * unit.length)
      const aesKey = await subtle.importKey('raw', k.slice(0, 16), 'AES-CBC', false, ['encrypt'])
      const encrypted = new Uint8Array(
        await subtle.encrypt({ name: 'AES-CBC', iv: k.slice(16, 32) }, aesKey, block),
      ).subarray(0, block.length)
      let sum = 0
      for (let index = 0; index < 16; index += 1) sum += encrypted[index] ?? 0
      k = await digest(['SHA-256', 'SHA-384', 'SHA-512'][sum % 3] ?? 'SHA-256', encrypted)
      if (round >= 63 && (encrypted[encrypted.length - 1] ?? 0) <= round - 31) break
    }
    return k.subarray(0, 32)
  }
  if (equal(await hash(user.subarray(32, 40), new Uint8Array()), user, 32)) return true
  if (!owner || owner.length < 48) return false
  return equal(await hash(owner.subarray(32, 40), user.subarray(0, 48)), owner, 32)
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
