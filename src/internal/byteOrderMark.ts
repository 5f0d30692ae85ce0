// A byte order mark (U+FEFF) some editors write before a text file's first character: not part of
// the JSON, and skipped as the UTF-8 decoder skips it before bytes.

/**
 * `text` without a byte order mark before its first character.
 *
 * @example
 * import { withoutByteOrderMark } from '../internal/byteOrderMark.js'
 * JSON.parse(withoutByteOrderMark('\uFEFF[1]')) // [1]
 */
export const withoutByteOrderMark = (text: string): string =>
  text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
