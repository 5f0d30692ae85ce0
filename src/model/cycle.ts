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
 */
export interface Cycle {
  readonly index: number
  readonly refCode: string
  readonly start: Date
  readonly end: Date
  readonly goal?: number
  readonly reward?: RewardDescriptor
}
