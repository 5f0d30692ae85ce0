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

/**
 * When a reward is issued: at the instant the goal is reached (`IMMEDIATE`), or when the cycle
 * closes (`PERIOD_END`, rule settle.period-end).
 *
 * @example
 * import type { RewardAllocationType } from 'loyalty-streaks'
 * const waits = (allocation: RewardAllocationType): boolean => allocation === 'PERIOD_END'
 *
 * @since 0.1.0
 */
export type RewardAllocationType = 'IMMEDIATE' | 'PERIOD_END'

/**
 * How activity adds to a cycle's progress: +1 per activity (`COUNT`), + the activity's value
 * (`SUM`), or +1 per distinct local calendar day with activity (`VISIT`, rule visit.distinct-days).
 *
 * @example
 * import type { Metric } from 'loyalty-streaks'
 * const unit = (metric: Metric): string =>
 *   metric === 'SUM' ? 'spent' : metric === 'VISIT' ? 'days visited' : 'purchases'
 *
 * @since 0.1.0
 */
export type Metric = 'COUNT' | 'SUM' | 'VISIT'

/**
 * `CONTINUOUS` streaks drop to 0 when a cycle the customer is in closes unachieved (rule
 * settle.continuous-break); `NON_CONTINUOUS` streaks never drop (rule activity.non-continuous).
 *
 * @example
 * import type { StreakType } from 'loyalty-streaks'
 * const canBreak = (type: StreakType): boolean => type === 'CONTINUOUS'
 *
 * @since 0.1.0
 */
export type StreakType = 'CONTINUOUS' | 'NON_CONTINUOUS'

/**
 * Whose cycles, and when they start (rules window.*): the definition's calendar shared by every
 * customer (`FIXED`), each customer's own calendar from their first activity (`CYCLIC`), or each
 * customer's own cycles that end when the goal is reached (`PERIOD_AGNOSTIC`).
 *
 * @example
 * import type { Window } from 'loyalty-streaks'
 * const thirtyDays: Window = { type: 'CYCLIC', frequency: { everyDays: 30 }, count: 12 }
 *
 * @since 0.2.0
 */
export type Window =
  | {
      /** The definition's `cycles`, shared by every customer (rule window.fixed). */
      readonly type: 'FIXED'
    }
  | {
      /** Each customer's own calendar, from their anchoring activity's day (rule window.cyclic). */
      readonly type: 'CYCLIC'
      /** The length of each cycle, stepped in local time as `calendarCycles` steps. */
      readonly frequency: Frequency
      /** How many cycles each customer has: 1 to 100. */
      readonly count: number
    }
  | {
      /**
       * Each customer's own cycles, each ending when its goal is reached (rule window.agnostic).
       */
      readonly type: 'PERIOD_AGNOSTIC'
      /** How many cycles each customer can achieve: 1 to 100. */
      readonly maxCycles: number
    }

/**
 * An intermediate milestone of every cycle ("halfway there"): reached when the cycle's progress
 * reaches `value` (`ABSOLUTE`) or `value` per cent of the cycle's goal (`PERCENTAGE`).
 *
 * @example
 * import type { SubTarget } from 'loyalty-streaks'
 * const halfway: SubTarget = { name: 'halfway', trigger: 'PERCENTAGE', value: 50 }
 *
 * @since 0.2.0
 */
export interface SubTarget {
  /** Unique among the target's sub-targets; `SUB_TARGET_REACHED` carries it. */
  readonly name: string
  /** Whether `value` is a threshold of progress or a percentage of the cycle's goal. */
  readonly trigger: 'ABSOLUTE' | 'PERCENTAGE'
  /** The threshold (> 0, below the goal), or the percentage (between 0 and 100, exclusive). */
  readonly value: number
  /** The sub-target's reward descriptor, carried by its `SUB_TARGET_REACHED` events. */
  readonly reward?: RewardDescriptor
}

/**
 * A streak level's own reward descriptor (rule reward.descriptor).
 *
 * @example
 * import type { LevelReward } from 'loyalty-streaks'
 * const gold: LevelReward = { level: 12, reward: { sku: 'gold', value: 25 } }
 *
 * @since 0.2.0
 */
export interface LevelReward {
  /** One of the streak's levels. */
  readonly level: number
  /** Carried by that level's `REWARD_ISSUED` events. */
  readonly reward: RewardDescriptor
}

interface TargetCommon {
  /** The target group (the programme); a positive safe integer. */
  readonly targetGroupId: number
  /** The target within its group; a positive safe integer. */
  readonly targetId: number
  /** A display name, `''` if the definition gave none. */
  readonly name: string
  /** How activity adds to a cycle's progress. */
  readonly metric: Metric
  /** The goal of every cycle that does not set its own. */
  readonly goal: number
  /**
   * Whose cycles, and when they start; `{ type: 'FIXED' }` unless the definition says otherwise.
   */
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

/**
 * A target group whose every cycle is rewarded on its own when achieved. Built by
 * `defineMilestone`.
 *
 * @example
 * import type { MilestoneTarget } from 'loyalty-streaks'
 * const rewardedAt = (target: MilestoneTarget): string =>
 *   target.allocation === 'IMMEDIATE' ? 'when the goal is reached' : 'when the cycle closes'
 *
 * @since 0.1.0
 */
export interface MilestoneTarget extends TargetCommon {
  /** Tells a milestone from a streak. */
  readonly kind: 'MILESTONE'
  /** When each cycle's reward is issued. */
  readonly allocation: RewardAllocationType
}

/**
 * A target group rewarding ascending streak levels; streaks are rewarded `IMMEDIATE` only (rule
 * definition.streak-immediate). Built by `defineStreak`.
 *
 * @example
 * import type { StreakTarget } from 'loyalty-streaks'
 * const top = (target: StreakTarget): number => target.levels[target.levels.length - 1] ?? 0
 *
 * @since 0.1.0
 */
export interface StreakTarget extends TargetCommon {
  /** Tells a streak from a milestone. */
  readonly kind: 'STREAK'
  /** Levels are rewarded when reached. */
  readonly allocation: 'IMMEDIATE'
  /** Whether a cycle that closes unachieved breaks the streak. */
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
 *
 * @since 0.1.0
 */
export type Target = MilestoneTarget | StreakTarget
