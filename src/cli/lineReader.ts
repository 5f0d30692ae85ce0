/**
 * A byte stream read as lines, a chunk at a time (rule simulate.streamed).
 *
 * @since 0.2.0
 */
import type { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'

// model

/** The complete lines of one chunk, and the bytes read so far (for the progress bar). */
export interface LineChunk {
  readonly lines: ReadonlyArray<string>
  readonly bytes: number
}

// operations

/**
 * The lines of `stream`, chunk by chunk, without their `\n` (nor a `\r` before it); the last line
 * need not end with one. Only the line that straddles two chunks is held between them, so memory
 * does not grow with the stream.
 *
 * @example
 * import { createReadStream } from 'node:fs'
 * import { readLines } from './lineReader.js'
 * for await (const { lines } of readLines(createReadStream('ops.ndjson'))) console.log(lines.length)
 */
export async function* readLines(stream: Readable): AsyncGenerator<LineChunk, void, undefined> {
  const decoder = new StringDecoder('utf8')
  let partial = ''
  let bytes = 0
  for await (const chunk of stream) {
    const buffer = chunk as Buffer
    bytes += buffer.length
    const text = partial + decoder.write(buffer)
    const lines = text.split('\n')
    partial = lines.pop() ?? ''
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? ''
      if (line.endsWith('\r')) lines[i] = line.slice(0, -1)
    }
    yield { lines, bytes }
  }
  const rest = partial + decoder.end()
  if (rest.length > 0) yield { lines: [rest.endsWith('\r') ? rest.slice(0, -1) : rest], bytes }
}
