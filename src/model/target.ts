/**
 * A target: the rule a customer must reach in each cycle of a target group (SPEC §1).
 * A target is a milestone or a streak; build one with `defineMilestone` or `defineStreak`.
 *
 * @since 0.1.0
 */
import type { Cycle } from './cycle.js'

// model

/** When a reward is issued: at the instant the goal is reached, or at the cycle's end. */
export type RewardAllocationType = 'IMMEDIATE' | 'PERIOD_END'

/** How activity adds to a cycle's progress: +1 per activity, or + the activity's value. */
export type Metric = 'COUNT' | 'SUM'

/** `CONTINUOUS` streaks drop to 0 when an enrolled cycle ends unachieved; `NON_CONTINUOUS` never drop. */
export type StreakType = 'CONTINUOUS' | 'NON_CONTINUOUS'

interface TargetCommon {
  readonly targetGroupId: number
  readonly targetId: number
  readonly name: string
  readonly metric: Metric
  /** The goal of every cycle that does not set its own. */
  readonly goal: number
  /** Sorted, non-overlapping, 1 to 100 of them, `index` 1…N. */
  readonly cycles: ReadonlyArray<Cycle>
}

/** A target group whose every cycle is rewarded on its own when achieved. */
export interface MilestoneTarget extends TargetCommon {
  readonly kind: 'MILESTONE'
  readonly allocation: RewardAllocationType
}

/** A target group rewarding ascending streak levels; streaks are rewarded `IMMEDIATE` only. */
export interface StreakTarget extends TargetCommon {
  readonly kind: 'STREAK'
  readonly allocation: 'IMMEDIATE'
  readonly streakType: StreakType
  /** Positive integers, strictly ascending, 1 to 10 of them, the highest ≤ the number of cycles. */
  readonly levels: ReadonlyArray<number>
}

/**
 * A milestone or a streak.
 *
 * @example
 * import { defineMilestone, type Target } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const target = defineMilestone({
 *   targetGroupId: 1, targetId: 1, metric: 'COUNT', goal: 5, allocation: 'IMMEDIATE',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01'), end: new Date('2026-02-01') }],
 * })
 * const ok: boolean = E.isRight(target)
 */
export type Target = MilestoneTarget | StreakTarget

// operations

/** The goal of `cycle` in `target`: the cycle's own value, else the target's. */
export const goalOf = (target: Target, cycle: Cycle): number => cycle.goal ?? target.goal
