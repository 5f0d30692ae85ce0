// A digest of what a request asked, so that a key reused for a different request is told apart.
import { createHash } from 'node:crypto'

/** SHA-256 of the parts, each length-prefixed so that no two lists of parts run together. */
export const fingerprint = (...parts: ReadonlyArray<string | Uint8Array>): string => {
  const hash = createHash('sha256')
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part) : part
    const length = Buffer.alloc(4)
    length.writeUInt32BE(bytes.byteLength)
    hash.update(length).update(bytes)
  }
  return hash.digest('hex')
}
