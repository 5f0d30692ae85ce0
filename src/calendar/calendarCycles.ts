/**
 * Calendar cycles in an IANA time zone (SPEC §2), computed with date-fns and `@date-fns/tz`.
 *
 * @since 0.1.0
 */
import { TZDate, tz } from '@date-fns/tz'
// One module per function: the date-fns root would load all of date-fns at start-up.
import { addDays } from 'date-fns/addDays'
import { addMonths } from 'date-fns/addMonths'
import { addWeeks } from 'date-fns/addWeeks'
import { addYears } from 'date-fns/addYears'
import { format } from 'date-fns/format'
import { isValid } from 'date-fns/isValid'
import { parseISO } from 'date-fns/parseISO'
import * as E from 'fp-ts/lib/Either.js'
import { definitionError, type DefinitionError, type DefinitionProblem } from '../model/error.js'
import { MAX_CYCLES, type Cycle } from '../model/cycle.js'
import type { Frequency } from '../model/frequency.js'
import { absurd } from '../internal/absurd.js'
import { isPositiveSafeInteger, isRecord, ownField } from '../internal/guards.js'

// model

export type { Frequency }

/** What {@link calendarCycles} builds cycles from. */
export interface CalendarCyclesInput {
  /** The local date the first cycle starts on (at local midnight), `'YYYY-MM-DD'`. */
  readonly start: string
  readonly frequency: Frequency
  /** How many cycles: 1 to 100. */
  readonly count: number
  /** An IANA time zone, e.g. `'America/New_York'`. */
  readonly timeZone: string
  /**
   * A date-fns `format` pattern for each cycle's refCode, applied to its local start. Defaults:
   * `yyyy-MM-dd` (daily, weekly, every N days), `yyyy-MM` (monthly), `yyyy-'Q'q` (quarterly),
   * `yyyy-'H'1`/`yyyy-'H'2` (half-yearly), `yyyy` (yearly).
   */
  readonly refCodeFormat?: string
}

// operations

type Step = (date: TZDate, periods: number) => TZDate

const stepOf = (frequency: Frequency, zone: ReturnType<typeof tz>): Step => {
  if (typeof frequency === 'object') {
    const days = frequency.everyDays
    return (date, n) => addDays(date, n * days, { in: zone })
  }
  switch (frequency) {
    case 'DAILY':
      return (date, n) => addDays(date, n, { in: zone })
    case 'WEEKLY':
      return (date, n) => addWeeks(date, n, { in: zone })
    case 'MONTHLY':
      return (date, n) => addMonths(date, n, { in: zone })
    case 'QUARTERLY':
      return (date, n) => addMonths(date, 3 * n, { in: zone })
    case 'HALF_YEARLY':
      return (date, n) => addMonths(date, 6 * n, { in: zone })
    case 'YEARLY':
      return (date, n) => addYears(date, n, { in: zone })
    default:
      return absurd(frequency)
  }
}

const refCodeOf = (frequency: Frequency, pattern: string | undefined, start: TZDate): string => {
  if (pattern !== undefined) return format(start, pattern)
  if (typeof frequency === 'object') return format(start, 'yyyy-MM-dd')
  switch (frequency) {
    case 'DAILY':
    case 'WEEKLY':
      return format(start, 'yyyy-MM-dd')
    case 'MONTHLY':
      return format(start, 'yyyy-MM')
    case 'QUARTERLY':
      return format(start, "yyyy-'Q'q")
    case 'HALF_YEARLY':
      return `${format(start, 'yyyy')}-H${start.getMonth() < 6 ? 1 : 2}`
    case 'YEARLY':
      return format(start, 'yyyy')
    default:
      return absurd(frequency)
  }
}

const FREQUENCIES: ReadonlyArray<unknown> = [
  'DAILY',
  'WEEKLY',
  'MONTHLY',
  'QUARTERLY',
  'HALF_YEARLY',
  'YEARLY',
]

const isFrequency = (value: unknown): value is Frequency =>
  FREQUENCIES.includes(value) ||
  (isRecord(value) && isPositiveSafeInteger(ownField(value, 'everyDays')))

const isTimeZone = (value: unknown): value is string =>
  typeof value === 'string' &&
  value.length > 0 &&
  !Number.isNaN(new TZDate(2000, 0, 1, value).getTime())

/**
 * Builds `count` consecutive cycles from a local start date. Cycle i starts at the start date plus
 * i periods in local time — not chained from the previous cycle — so a daily cycle across a DST
 * change lasts 23 or 25 hours, and monthly cycles from the 31st start on Jan 31, Feb 28, Mar 31, Apr 30.
 * Each cycle ends where the next starts.
 *
 * @example
 * import { calendarCycles } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const months = calendarCycles({ start: '2026-01-31', frequency: 'MONTHLY', count: 4, timeZone: 'America/New_York' })
 * if (E.isRight(months)) console.log(months.right.map((c) => c.refCode)) // ['2026-01', '2026-02', '2026-03', '2026-04']
 */
export const calendarCycles = (
  input: CalendarCyclesInput,
): E.Either<DefinitionError, ReadonlyArray<Cycle>> => {
  const raw: unknown = input
  if (!isRecord(raw)) return E.left(definitionError([{ path: '', message: 'must be an object' }]))
  const problems: Array<DefinitionProblem> = []
  const start = ownField(raw, 'start')
  const frequency = ownField(raw, 'frequency')
  const count = ownField(raw, 'count')
  const timeZone = ownField(raw, 'timeZone')
  const pattern = ownField(raw, 'refCodeFormat')
  if (!isTimeZone(timeZone))
    problems.push({ path: 'timeZone', message: 'must be an IANA time zone' })
  if (!isFrequency(frequency))
    problems.push({
      path: 'frequency',
      message: `must be one of ${FREQUENCIES.join(', ')} or { everyDays: a positive integer }`,
    })
  if (!isPositiveSafeInteger(count) || count > MAX_CYCLES)
    problems.push({ path: 'count', message: `must be an integer from 1 to ${MAX_CYCLES}` })
  if (pattern !== undefined && (typeof pattern !== 'string' || pattern.length === 0))
    problems.push({ path: 'refCodeFormat', message: 'must be a date-fns format pattern' })
  const zone = isTimeZone(timeZone) ? tz(timeZone) : undefined
  // Exactly YYYY-MM-DD (the pattern), then parseISO reads it as local midnight in the zone and
  // refuses a day the month lacks. Not date-fns' general `parse`: loading its 30 parsers and the
  // locale's matchers costs ~3 ms of every cold start (issue #5).
  const first =
    typeof start === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(start) && zone !== undefined
      ? parseISO(start, { in: zone })
      : undefined
  if (zone !== undefined && (first === undefined || !isValid(first)))
    problems.push({ path: 'start', message: "must be a local date 'YYYY-MM-DD'" })
  if (problems.length > 0 || first === undefined || zone === undefined)
    return E.left(definitionError(problems))
  const step = stepOf(frequency as Frequency, zone)
  const origin = new TZDate(first.getTime(), timeZone as string)
  const cycles: Array<Cycle> = []
  for (let i = 0; i < (count as number); i++) {
    const cycleStart = step(origin, i)
    let refCode: string
    try {
      refCode = refCodeOf(frequency as Frequency, pattern as string | undefined, cycleStart)
    } catch {
      // date-fns throws on a malformed pattern: reported as the bad field, never rethrown.
      return E.left(
        definitionError([
          { path: 'refCodeFormat', message: 'is not a valid date-fns format pattern' },
        ]),
      )
    }
    cycles.push({
      index: i + 1,
      refCode,
      start: new Date(cycleStart.getTime()),
      end: new Date(step(origin, i + 1).getTime()),
    })
  }
  const seen = new Set(cycles.map((c) => c.refCode))
  return seen.size === cycles.length
    ? E.right(cycles)
    : E.left(
        definitionError([{ path: 'refCodeFormat', message: 'gives two cycles the same refCode' }]),
      )
}
