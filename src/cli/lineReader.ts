/**
 * A byte stream read as lines, a chunk at a time (rule simulate.streamed).
 *
 * @since 0.2.0
 */
import type { Readable } from 'node:stream'
import { withoutByteOrderMark } from '../internal/byteOrderMark.js'

// model

/** The complete lines of one chunk, and the bytes read so far (for the progress bar). */
export interface LineChunk {
  readonly lines: ReadonlyArray<string>
  readonly bytes: number
}

// operations

const NEWLINE = 0x0a

/**
 * Bytes read at a time: small enough that a chunk's lines die young, in the garbage collector's
 * young generation (1 MB chunks lived long enough to be promoted, and the old generation's peak
 * grew with the length of the stream).
 */
export const READ_CHUNK = 64 * 1024

/** The lines of UTF-8 `text`, without a `\r` before their `\n`. */
const split = (text: string): Array<string> => {
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (line.endsWith('\r')) lines[i] = line.slice(0, -1)
  }
  return lines
}

/**
 * The lines of `stream`, chunk by chunk, without their `\n` (nor a `\r` before it); the last line
 * need not end with one. Each chunk is decoded up to its last newline (a byte that never occurs
 * inside a multi-byte UTF-8 character), and only the bytes after it are held for the next chunk:
 * memory does not grow with the stream.
 *
 * @example
 * import { createReadStream } from 'node:fs'
 * import { readLines } from './lineReader.js'
 * for await (const { lines } of readLines(createReadStream('ops.ndjson'))) console.log(lines.length)
 */
export async function* readLines(stream: Readable): AsyncGenerator<LineChunk, void, undefined> {
  let rest: Buffer = Buffer.alloc(0)
  let bytes = 0
  let first = true
  // A byte order mark before the first line is the file's, not the line's (rule simulate.line).
  const decode = (buffer: Buffer, end: number): string => {
    const text = buffer.toString('utf8', 0, end)
    if (!first) return text
    first = false
    return withoutByteOrderMark(text)
  }
  for await (const chunk of stream) {
    const read = chunk as Buffer
    bytes += read.length
    const buffer = rest.length === 0 ? read : Buffer.concat([rest, read])
    const last = buffer.lastIndexOf(NEWLINE)
    if (last < 0) {
      rest = buffer
      continue
    }
    rest = buffer.subarray(last + 1)
    yield { lines: split(decode(buffer, last)), bytes }
  }
  if (rest.length > 0) yield { lines: split(decode(rest, rest.length)), bytes }
}
