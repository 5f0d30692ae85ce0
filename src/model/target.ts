/**
 * A target: the rule a customer must reach in each cycle of a target group. A target is a
 * milestone or a streak; build one with `defineMilestone` or `defineStreak`.
 *
 * @since 0.1.0
 */
import type { Cycle } from './cycle.js'
import type { Frequency } from './frequency.js'
import type { RewardDescriptor } from './json.js'

// model

/** When a reward is issued: at the instant the goal is reached, or at the cycle's end. */
export type RewardAllocationType = 'IMMEDIATE' | 'PERIOD_END'

/**
 * How activity adds to a cycle's progress: +1 per activity (`COUNT`), + the activity's value
 * (`SUM`), or +1 per distinct local calendar day with activity (`VISIT`).
 */
export type Metric = 'COUNT' | 'SUM' | 'VISIT'

/** `CONTINUOUS` streaks drop to 0 when an enrolled cycle ends unachieved; `NON_CONTINUOUS` never drop. */
export type StreakType = 'CONTINUOUS' | 'NON_CONTINUOUS'

/**
 * Whose cycles, and when they start (rules window.*): the definition's calendar shared by every
 * customer (`FIXED`), each customer's own calendar from their first activity (`CYCLIC`), or each
 * customer's own cycles that end when the goal is reached (`PERIOD_AGNOSTIC`).
 *
 * @example
 * import type { Window } from 'loyalty-streaks'
 * const thirtyDays: Window = { type: 'CYCLIC', frequency: { everyDays: 30 }, count: 12 }
 */
export type Window =
  | { readonly type: 'FIXED' }
  | { readonly type: 'CYCLIC'; readonly frequency: Frequency; readonly count: number }
  | { readonly type: 'PERIOD_AGNOSTIC'; readonly maxCycles: number }

/**
 * An intermediate milestone of every cycle ("halfway there"): reached when the cycle's progress
 * reaches `value` (`ABSOLUTE`) or `value` per cent of the cycle's goal (`PERCENTAGE`).
 *
 * @example
 * import type { SubTarget } from 'loyalty-streaks'
 * const halfway: SubTarget = { name: 'halfway', trigger: 'PERCENTAGE', value: 50 }
 */
export interface SubTarget {
  readonly name: string
  readonly trigger: 'ABSOLUTE' | 'PERCENTAGE'
  readonly value: number
  readonly reward?: RewardDescriptor
}

/** A streak level's own reward descriptor. */
export interface LevelReward {
  readonly level: number
  readonly reward: RewardDescriptor
}

interface TargetCommon {
  readonly targetGroupId: number
  readonly targetId: number
  readonly name: string
  readonly metric: Metric
  /** The goal of every cycle that does not set its own. */
  readonly goal: number
  readonly window: Window
  /**
   * `FIXED` windows: sorted, non-overlapping, 1 to 100 of them, `index` 1…N. Other windows: none
   * (each customer has their own; see `cyclesOf`).
   */
  readonly cycles: ReadonlyArray<Cycle>
  /** The IANA time zone of local days: required by `CYCLIC` windows and the `VISIT` metric. */
  readonly timeZone?: string
  /** Intermediate milestones of every cycle, in definition order. */
  readonly subTargets: ReadonlyArray<SubTarget>
  /** Negative activity values are returns (`SUM` only). */
  readonly allowReturns: boolean
  /** Days a cycle stays open for late activity after its end, 0–30. */
  readonly graceDays: number
  /** The reward of every cycle or level that does not carry its own. */
  readonly reward?: RewardDescriptor
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
  /** The levels that carry a reward descriptor of their own. */
  readonly levelRewards: ReadonlyArray<LevelReward>
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
