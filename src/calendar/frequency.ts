/**
 * Cycle frequencies and the one stepping rule that calendar cycles and per-customer cycles share:
 * cycle i starts at the first instant of the local date that is i periods after the first cycle's
 * date, stepped on the calendar, never chained from the previous cycle.
 *
 * @since 0.2.0
 */
import type { Frequency } from '../model/frequency.js'
import { isPositiveSafeInteger, isRecord, ownField } from '../internal/guards.js'
import { DAY_MS, localDateStart, localDayNumber } from './localTime.js'

// model

export type { Frequency }

/** A frequency by name. */
type NamedFrequency = Exclude<Frequency, object>

/** The named frequencies, in the order a refusal lists them. */
const NAMED: ReadonlyArray<NamedFrequency> = [
  'DAILY',
  'WEEKLY',
  'MONTHLY',
  'QUARTERLY',
  'HALF_YEARLY',
  'YEARLY',
]

/** What a bad frequency must be, the same words wherever a frequency is read. */
export const FREQUENCY_MESSAGE = `must be one of ${NAMED.join(', ')} or { everyDays: a positive integer }`

// operations

/**
 * The frequency `value` holds, read once into a fresh value (a getter or a Proxy cannot answer
 * twice, nor throw): `undefined` when it is not a {@link Frequency}.
 */
export const readFrequency = (value: unknown): Frequency | undefined => {
  try {
    if (typeof value === 'string') return NAMED.find((name) => name === value)
    if (!isRecord(value)) return undefined
    const everyDays = ownField(value, 'everyDays')
    return isPositiveSafeInteger(everyDays) ? { everyDays } : undefined
  } catch {
    return undefined
  }
}

/**
 * The date `months` calendar months after `day` (days since 1970-01-01), on the same day of the
 * month or the month's last day when it has fewer (Jan 31 + 1 month = Feb 28): date-fns' `addMonths`
 * rule, computed on UTC fields so that neither the host's zone nor DST can move it, and without the
 * ~25 µs a `TZDate` costs per step. `NaN` beyond the `Date` range.
 */
const addMonths = (day: number, months: number): number => {
  const date = new Date(day * DAY_MS)
  const dayOfMonth = date.getUTCDate()
  // Day 0 of the month after the target month is the target month's last day.
  date.setUTCFullYear(date.getUTCFullYear(), date.getUTCMonth() + months + 1, 0)
  if (dayOfMonth < date.getUTCDate()) date.setUTCDate(dayOfMonth)
  return date.getTime() / DAY_MS
}

/**
 * The local date `periods` periods after `day` (days since 1970-01-01; `periods` may be negative):
 * the one stepping rule of every cycle. `NaN` when it is beyond the `Date` range.
 */
export const stepLocalDate = (day: number, frequency: Frequency, periods: number): number => {
  if (typeof frequency === 'object') return day + periods * frequency.everyDays
  switch (frequency) {
    case 'DAILY':
      return day + periods
    case 'WEEKLY':
      return day + 7 * periods
    case 'MONTHLY':
      return addMonths(day, periods)
    case 'QUARTERLY':
      return addMonths(day, 3 * periods)
    case 'HALF_YEARLY':
      return addMonths(day, 6 * periods)
    case 'YEARLY':
      return addMonths(day, 12 * periods)
    default:
      // Reached only by a caller outside the type system: no date, rather than a throw.
      return Number.NaN
  }
}

/**
 * The first instant of the local date `periods` periods after the local date of `originDayStartMs`
 * (any instant of the origin day gives the same answer), stepped in local time as
 * `calendarCycles` steps from its start: the start of cycle `periods + 1` of a cycle series
 * whose first cycle starts on the origin's day. `undefined` when that date does not exist in the
 * zone (Pacific/Apia skipped 2011-12-30), when its first instant is outside the `Date` range, or
 * when `periods` is not a safe integer. `timeZone` must satisfy `isTimeZone`.
 *
 * @example
 * import { cycleStartAfter } from './frequency.js'
 * // The cycle after the one starting 2026-01-31 00:00 in New York (05:00Z), monthly:
 * cycleStartAfter(Date.parse('2026-01-31T05:00:00Z'), 'MONTHLY', 1, 'America/New_York') // 2026-02-28T05:00Z
 */
export const cycleStartAfter = (
  originDayStartMs: number,
  frequency: Frequency,
  periods: number,
  timeZone: string,
): number | undefined => {
  if (!Number.isSafeInteger(periods)) return undefined
  const day = stepLocalDate(localDayNumber(originDayStartMs, timeZone), frequency, periods)
  const start = localDateStart(day, timeZone)
  return Number.isNaN(start) ? undefined : start
}
