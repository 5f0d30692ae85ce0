/**
 * Buffered writing of many small strings to a stream, with its back-pressure (rule
 * simulate.streamed).
 *
 * @since 0.2.0
 */
import { once } from 'node:events'
import type { Writable } from 'node:stream'

// model

/** Collects text and hands it to the stream in large pieces. */
export interface TextWriter {
  readonly write: (text: string) => void
  /** Hands what is buffered to the stream, and waits while the stream asks to. */
  readonly drain: () => Promise<void>
  /** Hands everything over and ends the stream (unless it is the process's own output). */
  readonly close: () => Promise<void>
}

// constructors

/** Characters buffered before they go to the stream: few enough to die in the young generation. */
const FLUSH_AT = 64 * 1024

/**
 * A writer on `stream`. `write` only buffers; call `drain` between chunks of work, so a slow
 * disk or pipe pauses the reading instead of filling memory.
 *
 * @example
 * import { createWriteStream } from 'node:fs'
 * import { textWriter } from './textWriter.js'
 * const out = textWriter(createWriteStream('events.ndjson'), true)
 * out.write('{"type":"ENROLLED"}\n')
 * await out.close()
 */
export const textWriter = (stream: Writable, end: boolean): TextWriter => {
  let pieces: Array<string> = []
  let size = 0
  let blocked = false
  const flush = (): void => {
    if (size === 0) return
    if (!stream.write(pieces.join(''))) blocked = true
    pieces = []
    size = 0
  }
  return {
    write: (text) => {
      pieces.push(text)
      size += text.length
      if (size >= FLUSH_AT) flush()
    },
    drain: async () => {
      if (size >= FLUSH_AT) flush()
      if (blocked) {
        blocked = false
        await once(stream, 'drain')
      }
    },
    close: async () => {
      flush()
      if (blocked) {
        blocked = false
        await once(stream, 'drain')
      }
      if (end) {
        stream.end()
        await once(stream, 'finish')
      }
    },
  }
}
