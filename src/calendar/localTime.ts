/**
 * Local calendar dates of an IANA time zone: which date an instant falls on, and the first instant
 * of a date. Offsets come from `@date-fns/tz` (the runtime's zone data, through `Intl`), never from
 * a table of our own. A local date is a whole number of days since 1970-01-01, so stepping dates is
 * arithmetic and comparing them is `<`.
 *
 * @since 0.2.0
 */
import { tzOffset } from '@date-fns/tz/tzOffset'
import { fitsDate, MAX_INSTANT_MS } from '../internal/guards.js'

// model

/** Milliseconds in a calendar day of UTC (a local day may be 23, 25 or more hours). */
export const DAY_MS = 86_400_000

/** The local date of `MAX_INSTANT_MS` in UTC, 275760-09-13: no later date can start a cycle. */
export const LAST_DAY = MAX_INSTANT_MS / DAY_MS

/**
 * Dates this far from 1970 or nearer have all their instants inside the `Date` range, whatever the
 * zone, because every offset is under a day: beyond it, a date without a first instant may only
 * be out of range, not skipped.
 */
export const LAST_SAFE_DAY = LAST_DAY - 2

/** IANA names are at most 30-odd characters; longer text is refused before `Intl` reads it. */
const MAX_TIME_ZONE_CHARS = 64

/** An IANA name: letters first, then letters, digits, `/`, `_`, `-`, `+` (`Etc/GMT+5`, `GMT-0`). */
const TIME_ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]*$/

// operations

/** The answers of {@link isTimeZone} so far: `Intl` takes ~50 µs to build a formatter. */
const timeZoneAnswers = new Map<string, boolean>()

/** How many zone names each memo keeps: bounded, so odd spellings cannot grow it without end. */
const NAMES_REMEMBERED = 512

const intlKnows = (name: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name })
    return true
  } catch {
    return false
  }
}

/**
 * Whether `value` names an IANA time zone the runtime knows (`'UTC'`, `'Etc/UTC'`,
 * `'America/New_York'`, the database's older names such as `'US/Eastern'`, in any letter case):
 * offset strings such as `'+01:00'` or `'-99:99'` are refused, because `@date-fns/tz` would read
 * them as fixed offsets, and no zone of a brand is a fixed offset.
 *
 * @example
 * import { isTimeZone } from './localTime.js'
 * isTimeZone('Europe/Paris') // true
 * isTimeZone('+01:00') // false
 */
export const isTimeZone = (value: unknown): value is string => {
  if (
    typeof value !== 'string' ||
    value.length > MAX_TIME_ZONE_CHARS ||
    !TIME_ZONE_NAME.test(value)
  )
    return false
  const answer = timeZoneAnswers.get(value)
  if (answer !== undefined) return answer
  const fresh = intlKnows(value)
  if (timeZoneAnswers.size >= NAMES_REMEMBERED) timeZoneAnswers.clear()
  timeZoneAnswers.set(value, fresh)
  return fresh
}

/** `instantMs` moved into the `Date` range, to sample a zone's offset near its ends. */
const clamp = (instantMs: number): number =>
  Math.min(MAX_INSTANT_MS, Math.max(-MAX_INSTANT_MS, instantMs))

const offsetNames = new Map<string, Intl.DateTimeFormat>()

/** Whether the zone's offset at `date` is west of Greenwich, read from the zone's own offset name. */
const isWestOfGreenwich = (timeZone: string, date: Date): boolean => {
  let names = offsetNames.get(timeZone)
  if (names === undefined) {
    // A name `Intl` refuses (`tzOffset` reads offsets out of some) has no west to be in.
    if (!intlKnows(timeZone)) return false
    names = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    if (offsetNames.size >= NAMES_REMEMBERED) offsetNames.clear()
    offsetNames.set(timeZone, names)
  }
  return names.format(date).includes('GMT-')
}

/**
 * The zone's UTC offset at an instant in whole milliseconds, seconds included (New York's local
 * mean time was -04:56:02). `tzOffset` reads an offset between -01:00 and 00:00, such as Monrovia's
 * -00:44:30 until 1972, as positive (it takes the sign from the hours, which are zero), so an
 * offset under an hour has its sign checked against the zone's name for it, `GMT-00:44:30`.
 */
const offsetMs = (timeZone: string, instantMs: number): number => {
  const date = new Date(instantMs)
  const minutes = tzOffset(timeZone, date)
  const signed =
    minutes > 0 && minutes < 60 && isWestOfGreenwich(timeZone, date) ? -minutes : minutes
  return Math.round(signed * 60) * 1000
}

/**
 * The local wall-clock time at an instant, as milliseconds since 1970-01-01T00:00 on that clock:
 * what `format` and the local date read; `NaN` outside the `Date` range.
 */
export const localWallClock = (instantMs: number, timeZone: string): number =>
  fitsDate(instantMs) ? instantMs + offsetMs(timeZone, instantMs) : Number.NaN

/**
 * The local calendar date of an instant, as whole days since 1970-01-01 (negative before): the
 * key to count distinct visit days, DST-correct without building a date. `NaN` for an instant
 * outside the `Date` range. `timeZone` must satisfy {@link isTimeZone}.
 *
 * @example
 * import { localDayNumber } from './localTime.js'
 * localDayNumber(Date.parse('2026-03-29T21:30:00Z'), 'Europe/Paris') // 20541 (23:30 on 2026-03-29)
 * localDayNumber(Date.parse('2026-03-29T22:30:00Z'), 'Europe/Paris') // 20542 (00:30 on 2026-03-30)
 */
export const localDayNumber = (instantMs: number, timeZone: string): number =>
  Math.floor(localWallClock(instantMs, timeZone) / DAY_MS)

/** {@link localDateStart}, computed: three offsets on most days, ~30 where midnight is skipped. */
const firstInstantOf = (day: number, timeZone: string): number => {
  const midnight = day * DAY_MS
  const wall = (instantMs: number): number => instantMs + offsetMs(timeZone, instantMs)
  // The offsets a day before and after midnight: save on the oddest days of history, the only
  // ones the day itself has, since a zone changes offset at most once in two days.
  const before = offsetMs(timeZone, clamp(midnight - DAY_MS))
  const after = offsetMs(timeZone, clamp(midnight + DAY_MS))
  const early = midnight - Math.max(before, after)
  const late = midnight - Math.min(before, after)
  if (fitsDate(early) && wall(early) === midnight) return early
  if (fitsDate(late) && wall(late) === midnight) return late
  // Midnight is skipped: the date starts at the first instant whose clock reads it or later. The
  // two candidates bracket the jump; failing that, a day either side does, since every offset is
  // under a day. Halving finds the jump within a millisecond.
  const brackets = (low: number, high: number): boolean =>
    wall(low) < midnight && wall(high) >= midnight
  let low = clamp(early)
  let high = clamp(late)
  if (!brackets(low, high)) {
    low = clamp(midnight - DAY_MS)
    high = clamp(midnight + DAY_MS)
    if (!brackets(low, high)) return Number.NaN
  }
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2)
    if (wall(middle) >= midnight) high = middle
    else low = middle
  }
  // A clock that jumps past the whole date (from 2011-12-29 24:00 to 2011-12-31 00:00) skips it.
  return wall(high) < midnight + DAY_MS ? high : Number.NaN
}

/** Days whose first instant is known, by zone: a cycle series asks for the same days again and again. */
const dayStarts = new Map<string, Map<number, number>>()

/** At most this many zones and days per zone are remembered (a few megabytes at worst). */
const DAY_STARTS_ZONES = 64
const DAY_STARTS_PER_ZONE = 1024

/**
 * The first instant of a local date (days since 1970-01-01): its midnight, or, where the zone skips
 * midnight (America/Santiago sets 24:00 to 01:00), the instant the clock jumps to. Where a clock set
 * back shows midnight twice, the first. `NaN` when the zone skips the whole date (Pacific/Apia
 * skipped 2011-12-30), when its first instant is outside the `Date` range, or for a day that is not
 * a whole number. `timeZone` must satisfy {@link isTimeZone}.
 *
 * @example
 * import { localDateStart } from './localTime.js'
 * localDateStart(20541, 'Europe/Paris') // 2026-03-28T23:00Z: 2026-03-29 00:00 in Paris
 */
export const localDateStart = (day: number, timeZone: string): number => {
  if (!Number.isSafeInteger(day) || Math.abs(day) > LAST_DAY + 1) return Number.NaN
  let starts = dayStarts.get(timeZone)
  const remembered = starts?.get(day)
  if (remembered !== undefined) return remembered
  const start = firstInstantOf(day, timeZone)
  if (starts === undefined) {
    if (dayStarts.size >= DAY_STARTS_ZONES) dayStarts.clear()
    starts = new Map()
    dayStarts.set(timeZone, starts)
  }
  if (starts.size >= DAY_STARTS_PER_ZONE) starts.clear()
  starts.set(day, start)
  return start
}

/**
 * The first instant of the local calendar day holding `instantMs`: where a customer's day starts,
 * DST-correct. `NaN` for an instant outside the `Date` range, or within a day of its ends when that
 * day's start is out of range. `timeZone` must satisfy {@link isTimeZone}.
 *
 * @example
 * import { localDayStart } from './localTime.js'
 * localDayStart(Date.parse('2026-09-06T15:00:00Z'), 'America/Santiago') // 2026-09-06T04:00Z: 01:00, midnight is skipped
 */
export const localDayStart = (instantMs: number, timeZone: string): number =>
  localDateStart(localDayNumber(instantMs, timeZone), timeZone)
