/**
 * How long a cycle of a calendar is: a named period, or every N days.
 *
 * @since 0.1.0
 */

// model

/**
 * A named period length, or every N days. Periods are stepped in local time, so a `DAILY` cycle
 * across a DST change lasts 23 or 25 hours and `MONTHLY` cycles from the 31st clamp to shorter months.
 *
 * @example
 * import type { Frequency } from 'loyalty-streaks'
 * const fortnight: Frequency = { everyDays: 14 }
 *
 * @since 0.1.0
 */
export type Frequency =
  | 'DAILY'
  | 'WEEKLY'
  | 'MONTHLY'
  | 'QUARTERLY'
  | 'HALF_YEARLY'
  | 'YEARLY'
  | {
      /** A positive integer: cycles of that many local calendar days. */
      readonly everyDays: number
    }
