/**
 * A cycle: one target period of a target group.
 *
 * @since 0.1.0
 */
import type { RewardDescriptor } from './json.js'

// model

/** At most 100 cycles per target group (rule definition.cycles). */
export const MAX_CYCLES = 100

/**
 * One target period `[start, end)`, with a 1-based `index` and its name, `refCode`.
 * `goal` is set only where this cycle's goal differs from the target's, `reward` only where this
 * cycle's reward differs from the target's.
 *
 * @example
 * import type { Cycle } from 'loyalty-streaks'
 * const c1: Cycle = { index: 1, refCode: 'c1', start: new Date('2026-01-01'), end: new Date('2026-02-01') }
 *
 * @since 0.1.0
 */
export interface Cycle {
  /** 1-based, in the order of the cycles. */
  readonly index: number
  /** The period's name, e.g. `'2026-03'`: what `period` (and `periodName`) select. */
  readonly refCode: string
  /** The first instant of the cycle. */
  readonly start: Date
  /** The first instant after the cycle: it belongs to the next one (rule time.half-open). */
  readonly end: Date
  /** This cycle's own goal, where it differs from the target's. */
  readonly goal?: number
  /** This cycle's own reward descriptor, where it differs from the target's. */
  readonly reward?: RewardDescriptor
}
