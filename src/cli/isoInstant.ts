/**
 * ISO-8601 instants read fast: the form `toISOString` writes, which most lines carry, from its
 * digits (rule simulate.line).
 *
 * @since 0.2.0
 */

// operations

/** An ISO-8601 instant with its offset: a date alone or a local time is not an instant. */
const ISO_INSTANT =
  /^(?:\d{4}|[+-]\d{6})-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/

/** The delimiters of the canonical form by position; undefined where a digit goes. */
const CANONICAL = 'dddd-dd-ddTdd:dd:dd.ddd'
const DELIMITERS: ReadonlyArray<number | undefined> = Array.from(
  { length: CANONICAL.length },
  (_, i) => (CANONICAL[i] === 'd' ? undefined : CANONICAL.charCodeAt(i)),
)

/** Whether `s` has the form `toISOString` writes (`2026-01-01T10:00:00.000Z`): most lines. */
const isCanonical = (s: string): boolean => {
  if (s.length !== 24 || s.charCodeAt(23) !== 90 /* Z */) return false
  for (let i = 0; i < 23; i++) {
    const c = s.charCodeAt(i)
    const expected = DELIMITERS[i]
    if (expected === undefined ? c < 48 || c > 57 : c !== expected) return false
  }
  return true
}

/** The number written by the digits of `s` from `start` to `end`. */
const digits = (s: string, start: number, end: number): number => {
  let n = 0
  for (let i = start; i < end; i++) n = n * 10 + s.charCodeAt(i) - 48
  return n
}

/**
 * The instant of a canonical string whose fields are plainly in range, computed from its digits
 * (parsing the string as a `Date` costs half as much as parsing the whole line); undefined for
 * any other, which `new Date` reads.
 */
const canonicalInstant = (s: string): Date | undefined => {
  const year = digits(s, 0, 4)
  const month = digits(s, 5, 7)
  const day = digits(s, 8, 10)
  const hour = digits(s, 11, 13)
  const minute = digits(s, 14, 16)
  const second = digits(s, 17, 19)
  // Years below 100 (Date.UTC reads them as 19xx) and days past the 28th go the slow way.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > 28) return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, digits(s, 20, 23)))
}

/**
 * The instant of an ISO-8601 string with its offset, or undefined: what `new Date` reads of it.
 *
 * @example
 * import { instantOf } from './isoInstant.js'
 * const at = instantOf('2026-03-02T10:00:00.000Z')
 */
export const instantOf = (value: unknown): Date | undefined => {
  if (typeof value !== 'string') return undefined
  // The canonical form is checked by hand: the regular expression cost more than the parse.
  const canonical = isCanonical(value)
  if (canonical) {
    const fast = canonicalInstant(value)
    if (fast !== undefined) return fast
  } else if (!ISO_INSTANT.test(value)) return undefined
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date
}
