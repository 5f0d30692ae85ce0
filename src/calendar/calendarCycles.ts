/**
 * Calendar cycles in an IANA time zone: dates stepped on the local calendar, each cycle
 * starting at the first instant of its own local date, named with date-fns' `format`.
 *
 * @since 0.1.0
 */
import { TZDateMini } from '@date-fns/tz/date/mini'
// One module per function: the date-fns root would load all of date-fns at start-up.
import { format } from 'date-fns/format'
import * as E from 'fp-ts/lib/Either.js'
import type { Cycle } from '../model/cycle.js'
import { definitionError, type DefinitionError, type DefinitionProblem } from '../model/error.js'
import { MAX_CYCLES } from '../model/cycle.js'
import { isPositiveSafeInteger, isRecord, ownField } from '../internal/guards.js'
import {
  cycleStartAfter,
  FREQUENCY_MESSAGE,
  readFrequency,
  stepLocalDate,
  type Frequency,
} from './frequency.js'
import { DAY_MS, isTimeZone, LAST_SAFE_DAY, localDateStart, localWallClock } from './localTime.js'

export type { Frequency } from './frequency.js'

// model

/**
 * What {@link calendarCycles} builds cycles from.
 *
 * @example
 * import type { CalendarCyclesInput } from 'loyalty-streaks'
 * const quarters: CalendarCyclesInput = { start: '2026-01-01', frequency: 'QUARTERLY', count: 4, timeZone: 'UTC' }
 *
 * @since 0.1.0
 */
export interface CalendarCyclesInput {
  /** The local date the first cycle starts on (at its first instant, local midnight), `'YYYY-MM-DD'`. */
  readonly start: string
  /** How long each cycle is: a named period or `{ everyDays }`, stepped in local time. */
  readonly frequency: Frequency
  /** How many cycles: 1 to 100. */
  readonly count: number
  /** An IANA time zone name, e.g. `'America/New_York'` or `'UTC'` (not an offset such as `'+01:00'`). */
  readonly timeZone: string
  /**
   * A date-fns `format` pattern of at most 100 characters for each cycle's refCode, applied to the
   * local wall-clock time of its start (read as UTC: zone tokens such as `xxx` show `+00:00`). It
   * must give every cycle a different, non-empty refCode. Defaults: `uuuu-MM-dd` (daily, weekly,
   * every N days), `uuuu-MM` (monthly), `uuuu-'Q'q` (quarterly), `uuuu-'H'1`/`uuuu-'H'2`
   * (half-yearly), `uuuu` (yearly); `uuuu` is the ISO year, so the year 0 is `0000`.
   */
  readonly refCodeFormat?: string | undefined
}

/** Longer patterns are refused before date-fns reads them, once per cycle. */
const MAX_PATTERN_CHARS = 100

/** The instant after which a `Date` holds nothing (`LAST_DAY` at 00:00 UTC), for refusals. */
const LAST_INSTANT_TEXT = '275760-09-13T00:00Z, the last instant a JavaScript Date can hold'

// operations

/** What a field reads as when its getter or Proxy throws: no check accepts it. */
const UNREADABLE: unique symbol = Symbol('unreadable')

/** An own field, read once; a throwing getter or Proxy trap reads as {@link UNREADABLE}. */
const readField = (record: Readonly<Record<string, unknown>>, key: string): unknown => {
  try {
    return ownField(record, key)
  } catch {
    return UNREADABLE
  }
}

/** Whether `value` is an object we can read fields of (a revoked Proxy is not). */
const isReadableRecord = (value: unknown): value is Readonly<Record<string, unknown>> => {
  try {
    return isRecord(value)
  } catch {
    return false
  }
}

/**
 * A local date `'YYYY-MM-DD'` as days since 1970-01-01, `undefined` unless the text is exactly that
 * and the day exists (not 2026-02-30). UTC fields read it: date-fns' `isExists` builds a local
 * `Date`, which moves the years 0–99 to 1900–1999.
 */
const parseLocalDate = (value: unknown): number | undefined => {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null
  if (match === null) return undefined
  const year = Number(match[1])
  const month = Number(match[2]) - 1
  const dayOfMonth = Number(match[3])
  const date = new Date(0)
  date.setUTCFullYear(year, month, dayOfMonth)
  return date.getUTCFullYear() === year &&
    date.getUTCMonth() === month &&
    date.getUTCDate() === dayOfMonth
    ? date.getTime() / DAY_MS
    : undefined
}

/** A date whose fields are a local wall-clock time, for `format`: neither zone nor host moves them. */
const wallClockDate = (wallClockMs: number): Date => new TZDateMini(wallClockMs, 'UTC')

/** A local date (days since 1970-01-01) as `uuuu-MM-dd`, for messages. */
const dateText = (day: number): string => format(wallClockDate(day * DAY_MS), 'uuuu-MM-dd')

const refCodeOf = (frequency: Frequency, pattern: string | undefined, start: Date): string => {
  if (pattern !== undefined) return format(start, pattern)
  if (typeof frequency === 'object') return format(start, 'uuuu-MM-dd')
  switch (frequency) {
    case 'DAILY':
    case 'WEEKLY':
      return format(start, 'uuuu-MM-dd')
    case 'MONTHLY':
      return format(start, 'uuuu-MM')
    case 'QUARTERLY':
      return format(start, "uuuu-'Q'q")
    case 'HALF_YEARLY':
      return `${format(start, 'uuuu')}-H${start.getMonth() < 6 ? 1 : 2}`
    case 'YEARLY':
      return format(start, 'uuuu')
  }
}

/**
 * Why boundary `k` (the start of cycle k + 1; boundary `count` is the end of the last cycle) has
 * no first instant: its date is skipped by the zone (calendar.skipped-day), or out of the `Date`
 * range (calendar.range), blamed on the field that carried it there: the frequency when the first
 * cycle already ends out of range, else the count. A start has four digits of year, so it is
 * never out of range itself.
 */
const missingBoundary = (
  startDay: number,
  frequency: Frequency,
  k: number,
  count: number,
  timeZone: string,
): DefinitionProblem => {
  const day = stepLocalDate(startDay, frequency, k)
  const which = k < count ? `cycle ${k + 1} would start` : `cycle ${count} would end`
  if (Math.abs(day) <= LAST_SAFE_DAY)
    return { path: 'start', message: `${which} on ${dateText(day)}, a date ${timeZone} skips` }
  const culprit =
    k >= 2 ? 'count' : typeof frequency === 'object' ? 'frequency.everyDays' : 'frequency'
  return { path: culprit, message: `${which} after ${LAST_INSTANT_TEXT}` }
}

const refuse = (problem: DefinitionProblem): E.Either<DefinitionError, never> =>
  E.left(definitionError([problem]))

/** The cycles of a checked input (calendar.local-start, calendar.range, calendar.ref-code). */
const cyclesFrom = (
  startDay: number,
  frequency: Frequency,
  count: number,
  timeZone: string,
  pattern: string | undefined,
): E.Either<DefinitionError, ReadonlyArray<Cycle>> => {
  const origin = localDateStart(startDay, timeZone)
  if (Number.isNaN(origin)) return refuse(missingBoundary(startDay, frequency, 0, count, timeZone))
  const spans: Array<readonly [start: number, end: number]> = []
  let cycleStart = origin
  for (let k = 1; k <= count; k++) {
    // calendar.local-start: stepped from the origin, not from the previous cycle, so that
    // Jan 31 + 2 months is Mar 31 (calendar.month-end).
    const next = cycleStartAfter(origin, frequency, k, timeZone)
    if (next === undefined) return refuse(missingBoundary(startDay, frequency, k, count, timeZone))
    spans.push([cycleStart, next])
    cycleStart = next
  }
  const refCodes: Array<string> = []
  try {
    for (const [start] of spans)
      refCodes.push(refCodeOf(frequency, pattern, wallClockDate(localWallClock(start, timeZone))))
  } catch {
    // date-fns throws on a malformed pattern: reported as the bad field, never rethrown.
    return refuse({ path: 'refCodeFormat', message: 'is not a valid date-fns format pattern' })
  }
  // calendar.ref-code: every refCode names its cycle, so none is empty and no two are alike.
  const empty = refCodes.indexOf('')
  if (empty >= 0)
    return refuse({ path: 'refCodeFormat', message: `gives cycle ${empty + 1} an empty refCode` })
  // The default patterns name each cycle's own date, month, quarter, half or year, all distinct
  // once stepped; were one to repeat, the frequency that chose it would be at fault.
  if (new Set(refCodes).size < refCodes.length)
    return refuse({
      path: pattern === undefined ? 'frequency' : 'refCodeFormat',
      message: 'gives two cycles the same refCode',
    })
  return E.right(
    spans.map(([start, end], i) => ({
      index: i + 1,
      refCode: refCodes[i] ?? '',
      start: new Date(start),
      end: new Date(end),
    })),
  )
}

/**
 * Builds `count` consecutive cycles from a local start date. Cycle i starts at the first instant of
 * the local date start + i periods — stepped on the calendar, not chained from the previous cycle —
 * so a daily cycle across a DST change lasts 23 or 25 hours, monthly cycles from the 31st start on
 * Jan 31, Feb 28, Mar 31, Apr 30, and a cycle on a day whose midnight the zone skips starts when its
 * clock jumps. Each cycle ends where the next starts. Never throws: a bad input, a date the zone
 * skips, or a cycle beyond the `Date` range is a Left naming the field at fault.
 *
 * @example
 * import { calendarCycles } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const months = calendarCycles({ start: '2026-01-31', frequency: 'MONTHLY', count: 4, timeZone: 'America/New_York' })
 * if (E.isRight(months)) console.log(months.right.map((c) => c.refCode)) // ['2026-01', '2026-02', '2026-03', '2026-04']
 *
 * @since 0.1.0
 */
export const calendarCycles = (
  input: CalendarCyclesInput,
): E.Either<DefinitionError, ReadonlyArray<Cycle>> => {
  const raw: unknown = input
  if (!isReadableRecord(raw))
    return E.left(definitionError([{ path: '', message: 'must be an object' }]))
  // calendar.never-throws: each field is read once, as a getter answering twice could pass a
  // check and then change, and a throwing getter or Proxy reads as a value no check accepts.
  const start = readField(raw, 'start')
  const frequency = readFrequency(readField(raw, 'frequency'))
  const count = readField(raw, 'count')
  const timeZone = readField(raw, 'timeZone')
  const pattern = readField(raw, 'refCodeFormat')
  const problems: Array<DefinitionProblem> = []
  // calendar.time-zone: IANA names only; an offset string is not a brand's zone.
  const zone = isTimeZone(timeZone) ? timeZone : undefined
  if (zone === undefined) problems.push({ path: 'timeZone', message: 'must be an IANA time zone' })
  if (frequency === undefined) problems.push({ path: 'frequency', message: FREQUENCY_MESSAGE })
  // calendar.count: 1 to 100 cycles.
  const cycleCount = isPositiveSafeInteger(count) && count <= MAX_CYCLES ? count : undefined
  if (cycleCount === undefined)
    problems.push({ path: 'count', message: `must be an integer from 1 to ${MAX_CYCLES}` })
  if (pattern !== undefined && (typeof pattern !== 'string' || pattern.length === 0))
    problems.push({ path: 'refCodeFormat', message: 'must be a date-fns format pattern' })
  else if (typeof pattern === 'string' && pattern.length > MAX_PATTERN_CHARS)
    problems.push({
      path: 'refCodeFormat',
      message: `must be at most ${MAX_PATTERN_CHARS} characters`,
    })
  // A start is a date of the zone: without a zone, only the zone is named.
  const startDay = parseLocalDate(start)
  if (zone !== undefined && startDay === undefined)
    problems.push({ path: 'start', message: "must be a local date 'YYYY-MM-DD'" })
  if (
    problems.length > 0 ||
    zone === undefined ||
    frequency === undefined ||
    cycleCount === undefined ||
    startDay === undefined
  )
    return E.left(definitionError(problems))
  return cyclesFrom(
    startDay,
    frequency,
    cycleCount,
    zone,
    typeof pattern === 'string' ? pattern : undefined,
  )
}
