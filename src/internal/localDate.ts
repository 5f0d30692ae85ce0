// A local date — a whole number of days since 1970-01-01 — as the text the codec writes and the
// enrolment view shows, `YYYY-MM-DD` (`±YYYYYY-MM-DD` outside the years 0–9999, as ISO-8601 and
// `toISOString` write them), and back. A visit may fall on the local date a day beyond either end
// of the `Date` range (rule visit.local-date), whose midnight no `Date` holds: the date is read 400
// years nearer to 1970, where a `Date` holds it, and its year moved back.

// model

const DAY_MS = 86_400_000

/** 400 Gregorian years are exactly 146,097 days: a date and the one 400 years off share month and day. */
const ERA_DAYS = 146_097
const ERA_YEARS = 400

/** The local date text the codec reads: `YYYY-MM-DD`, or `±YYYYYY-MM-DD`. */
const LOCAL_DATE = /^(?:\d{4}|[+-]\d{6})-\d{2}-\d{2}$/

// operations

const twoDigits = (n: number): string => String(n).padStart(2, '0')

/** A year as ISO-8601 writes it: four digits for 0–9999, else a sign and six digits. */
const yearText = (year: number): string =>
  year >= 0 && year <= 9999
    ? String(year).padStart(4, '0')
    : `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`

/**
 * The local date `day` (whole days since 1970-01-01) as `YYYY-MM-DD`, or `±YYYYYY-MM-DD` beyond the
 * years 0–9999: every whole day, those a `Date` cannot hold the midnight of included.
 *
 * @example
 * import { localDateText } from '../internal/localDate.js'
 * localDateText(20_548) // '2026-04-05'
 * localDateText(-100_000_001) // '-271821-04-19', the day before the earliest a `Date` holds
 */
export const localDateText = (day: number): string => {
  // Whole 400-year eras towards 1970: the day moved by them is one a `Date` holds.
  const eras = Math.trunc(day / ERA_DAYS)
  const date = new Date((day - eras * ERA_DAYS) * DAY_MS)
  const year = date.getUTCFullYear() + eras * ERA_YEARS
  return `${yearText(year)}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}`
}

/**
 * The local date `text` as whole days since 1970-01-01 (what {@link localDateText} writes), or
 * `undefined` unless the text is exactly how that day is written (not `2026-02-30`, nor
 * `-000000-01-01`).
 *
 * @example
 * import { localDateDay } from '../internal/localDate.js'
 * localDateDay('2026-04-05') // 20548
 * localDateDay('+275760-09-14') // 100000001, the day after the latest a `Date` holds
 * localDateDay('2026-02-30') // undefined
 */
export const localDateDay = (text: string): number | undefined => {
  if (!LOCAL_DATE.test(text)) return undefined
  const year = Number(text.slice(0, -6))
  const eras = Math.trunc(year / ERA_YEARS)
  const midnight = Date.parse(`${yearText(year - eras * ERA_YEARS)}${text.slice(-6)}T00:00:00.000Z`)
  const day = midnight / DAY_MS + eras * ERA_DAYS
  return Number.isSafeInteger(day) && localDateText(day) === text ? day : undefined
}
