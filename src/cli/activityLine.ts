/**
 * The most common line of a stream, an activity written the way `simulate generate` and
 * `JSON.stringify` write it, read without `JSON.parse` (rule simulate.line).
 *
 * @since 0.2.0
 */
import type { Operation } from '../runtime/applyAll.js'
import { instantOf } from './isoInstant.js'

// operations

const PREFIX = '{"kind":"activity","customerId":'
const AT = ',"at":"'
const VALUE = ',"value":'
/** `toISOString`'s length. */
const INSTANT = 24

const isDigit = (c: number): boolean => c >= 48 && c <= 57

/** The end of the JSON number that starts at `i`, or -1 if none does (JSON's own grammar). */
const numberEnd = (s: string, start: number): number => {
  let i = start
  if (s.charCodeAt(i) === 45 /* - */) i++
  if (s.charCodeAt(i) === 48 /* 0 */) i++
  else if (isDigit(s.charCodeAt(i)) && s.charCodeAt(i) !== 48) while (isDigit(s.charCodeAt(i))) i++
  else return -1
  if (s.charCodeAt(i) === 46 /* . */) {
    i++
    if (!isDigit(s.charCodeAt(i))) return -1
    while (isDigit(s.charCodeAt(i))) i++
  }
  if (s.charCodeAt(i) === 101 || s.charCodeAt(i) === 69 /* e E */) {
    i++
    if (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45) i++
    if (!isDigit(s.charCodeAt(i))) return -1
    while (isDigit(s.charCodeAt(i))) i++
  }
  return i
}

/**
 * `{"kind":"activity","customerId":N,"at":"…Z"}`, with `,"value":V` before the brace or not, in
 * that order and without white space, read as `parseOperationLine` would read it through
 * `JSON.parse`; undefined for any other line (which takes that way). `JSON.parse` cost as much as
 * the rules themselves on a large replay.
 *
 * @example
 * import { activityLine } from './activityLine.js'
 * const operation = activityLine('{"kind":"activity","customerId":7,"at":"2026-01-02T03:04:05.678Z","value":12.5}')
 */
export const activityLine = (text: string): Operation | undefined => {
  if (!text.startsWith(PREFIX)) return undefined
  // A positive integer without a leading zero, at most 15 digits: a safe integer, as JSON reads it.
  let i = PREFIX.length
  const idStart = i
  if (!isDigit(text.charCodeAt(i)) || text.charCodeAt(i) === 48) return undefined
  while (isDigit(text.charCodeAt(i))) i++
  if (i - idStart > 15 || !text.startsWith(AT, i)) return undefined
  const atStart = i + AT.length
  const atEnd = atStart + INSTANT
  if (text.charCodeAt(atEnd) !== 34 /* " */) return undefined
  const atText = text.slice(atStart, atEnd)
  // Only plain characters: an escape or a quote inside means JSON.parse must read it.
  for (let k = 0; k < INSTANT; k++) {
    const c = atText.charCodeAt(k)
    if (c === 92 || c === 34 || c < 32) return undefined
  }
  const at = instantOf(atText)
  if (at === undefined) return undefined
  const customerId = Number(text.slice(idStart, i))
  const rest = atEnd + 1
  if (rest === text.length - 1 && text.charCodeAt(rest) === 125 /* } */)
    return { kind: 'activity', customerId, activity: { at } }
  if (!text.startsWith(VALUE, rest)) return undefined
  const valueStart = rest + VALUE.length
  const valueEnd = numberEnd(text, valueStart)
  if (valueEnd < 0 || valueEnd !== text.length - 1 || text.charCodeAt(valueEnd) !== 125)
    return undefined
  return {
    kind: 'activity',
    customerId,
    activity: { at, value: Number(text.slice(valueStart, valueEnd)) },
  }
}
