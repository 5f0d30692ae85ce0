import { instantOf, isArray, isDateObject, UNREADABLE } from './guards.js'
/**
 * Short, safe renderings of untrusted values for messages: nothing a caller sent comes back at
 * length, and rendering never runs the caller's code or throws (rule boundary.echo).
 *
 * @since 0.2.0
 */

/**
 * The most characters of a caller's text a message quotes (then `…`).
 *
 * @example
 * import { MAX_QUOTED_CHARS } from '../internal/describe.js'
 * MAX_QUOTED_CHARS // 40
 *
 * @since 0.2.0
 */
export const MAX_QUOTED_CHARS = 40

/**
 * The most characters of a message the boundary answers with.
 *
 * @example
 * import { MAX_MESSAGE_CHARS } from '../internal/describe.js'
 * MAX_MESSAGE_CHARS // 300
 *
 * @since 0.2.0
 */
export const MAX_MESSAGE_CHARS = 300

/** Where to cut `text` to keep at most `max` code units without splitting a surrogate pair. */
const cutAt = (text: string, max: number): number => {
  const code = text.charCodeAt(max - 1)
  // A high surrogate at the cut would be left without its pair.
  return max > 0 && code >= 0xd800 && code <= 0xdbff ? max - 1 : max
}

/**
 * `text` as a JSON string literal, cut to its first `max` characters with `…` when longer:
 * control characters and quotes are escaped, so a message stays one safe line.
 *
 * @example
 * import { quote } from '../internal/describe.js'
 * quote('x'.repeat(41)) // '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…"'
 *
 * @since 0.2.0
 */
export const quote = (text: string, max: number = MAX_QUOTED_CHARS): string =>
  text.length > max ? JSON.stringify(`${text.slice(0, cutAt(text, max))}…`) : JSON.stringify(text)

/**
 * `message` cut to at most `max` characters, `…` included, when longer.
 *
 * @example
 * import { clip } from '../internal/describe.js'
 * clip('a'.repeat(1_000)).length // 300
 *
 * @since 0.2.0
 */
export const clip = (message: string, max: number = MAX_MESSAGE_CHARS): string =>
  message.length > max ? `${message.slice(0, cutAt(message, max - 1))}…` : message

/** Digits of a number or bigint, cut like a quoted text. */
const digits = (text: string): string =>
  text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}…` : text

/**
 * A short, safe rendering of an untrusted value for an error message: strings quoted and cut at 40
 * characters, numbers and bigints as digits (cut at 40), real Dates as ISO-8601, anything else by
 * its kind only. Reads no property and runs none of the value's code, so it never throws.
 *
 * @example
 * import { describe } from '../internal/describe.js'
 * describe('x'.repeat(100)) // '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…"'
 * describe({ secret: 1 }) // 'an object'
 *
 * @since 0.2.0
 */
export const describe = (value: unknown): string => {
  switch (typeof value) {
    case 'string':
      return quote(value)
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value)
    case 'bigint':
      return digits(String(value))
    case 'boolean':
    case 'undefined':
      return String(value)
    case 'symbol':
      return value === UNREADABLE ? 'a value that could not be read' : 'a symbol'
    case 'function':
      return 'a function'
    case 'object': {
      if (value === null) return 'null'
      if (isDateObject(value)) {
        const time = instantOf(value)
        return Number.isNaN(time) ? 'Invalid Date' : new Date(time).toISOString()
      }
      return isArray(value) ? 'an array' : 'an object'
    }
  }
}

/** An instant for a message; one beyond the `Date` range (a far cycle's close) as milliseconds. */
export const iso = (t: number): string => {
  const date = new Date(t)
  return Number.isNaN(date.getTime()) ? `${t} ms` : date.toISOString()
}
