// What the rules know besides the customer's record: the target and its window.
import type { Target } from '../model/target.js'
import type { Instant } from './customer.js'
import type { CustomerWindow } from './window.js'

// model

/** One target's rules, ready to decide for any of its customers. */
export interface Context {
  readonly target: Target
  readonly window: CustomerWindow
  /** `graceDays` in milliseconds: a cycle closes this long after its end (rule grace.close-at). */
  readonly grace: number
  /** `VISIT`: the local day (a day number) of an instant, in the target's zone (rule visit.local-date). */
  readonly localDay: (t: Instant) => number
}

// operations

/** When the customer's `cycle` closes: its end plus the grace days (rule grace.close-at). */
export const closeAt = (
  context: Context,
  customer: Parameters<CustomerWindow['end']>[0],
  cycle: number,
): Instant => context.window.end(customer, cycle) + context.grace

/** The goal of the customer's `cycle`: a `FIXED` cycle's own, else the target's. */
export const goalOf = (context: Context, cycle: number): number =>
  (context.window.type === 'FIXED' ? context.target.cycles[cycle - 1]?.goal : undefined) ??
  context.target.goal
