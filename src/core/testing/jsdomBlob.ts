/**
 * jsdom 27's Blob has no arrayBuffer(); every browser the widget supports has. Tests that run
 * validation in jsdom call this first: it reads the same bytes with jsdom's own FileReader.
 */
export function shimBlobArrayBuffer() {
  if (typeof Blob.prototype.arrayBuffer === 'function') return
  Blob.prototype.arrayBuffer = function arrayBuffer(this: Blob) {
    return new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader()
      reader.onload = () => resolve(reader.result as ArrayBuffer)
      reader.onerror = () => reject(reader.error ?? new Error('read failed'))
      reader.readAsArrayBuffer(this)
    })
  }
}
