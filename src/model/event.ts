/**
 * Reward and lifecycle events: what the host must act on (rules event.*).
 *
 * @since 0.1.0
 */
import type { RewardDescriptor } from './json.js'
import type { RewardAllocationType } from './target.js'

// model

interface EventCommon {
  readonly customerId: number
  readonly targetGroupId: number
  readonly targetId: number
  /** The instant the event takes effect, not the instant it was computed. */
  readonly at: Date
}

/** A first enrolment; `cycle` is the start cycle. */
export interface EnrolledEvent extends EventCommon {
  readonly type: 'ENROLLED'
  readonly cycle: number
}

/** An unenrolment; `cycle` is the cycle k it takes effect from. */
export interface UnenrolledEvent extends EventCommon {
  readonly type: 'UNENROLLED'
  readonly cycle: number
}

/** A re-enrolment; `cycle` is the start cycle. */
export interface ReenrolledEvent extends EventCommon {
  readonly type: 'REENROLLED'
  readonly cycle: number
}

/** The cycle's goal was reached. */
export interface CycleAchievedEvent extends EventCommon {
  readonly type: 'CYCLE_ACHIEVED'
  readonly cycle: number
}

/** The streak count reached `level` in `epoch`. */
export interface StreakLevelAchievedEvent extends EventCommon {
  readonly type: 'STREAK_LEVEL_ACHIEVED'
  readonly cycle: number
  readonly level: number
  readonly epoch: number
}

/** A `CONTINUOUS` streak of `count` > 0 ended: `cycle` ended unachieved while enrolled. */
export interface StreakBrokenEvent extends EventCommon {
  readonly type: 'STREAK_BROKEN'
  readonly cycle: number
  /** The count before it dropped to 0. */
  readonly count: number
}

/** A re-enrolment with `resetStreakStatus: true` started `epoch`; `cycle` is the start cycle. */
export interface StreakResetEvent extends EventCommon {
  readonly type: 'STREAK_RESET'
  readonly cycle: number
  readonly epoch: number
}

interface RewardCommon extends EventCommon {
  readonly cycle: number
  readonly allocation: RewardAllocationType
  /** Equal for the same logical reward however and whenever it was reached: pay once per key. */
  readonly idempotencyKey: string
  /** Streak rewards only. */
  readonly level?: number
  /** Streak rewards only. */
  readonly epoch?: number
  /** The reward descriptor that applies (rule reward.descriptor), if the definition gives one. */
  readonly reward?: RewardDescriptor
}

/** Pay this reward. */
export interface RewardIssuedEvent extends RewardCommon {
  readonly type: 'REWARD_ISSUED'
}

/**
 * Why a reward was not paid: the customer left the cycle before its end (`UNENROLLED`, rule
 * unenroll.6), or returns took the progress below the goal by settlement (`RETURNED`, rule
 * return.period-end).
 */
export type ForfeitReason = 'UNENROLLED' | 'RETURNED'

/** This reward was earned but is not paid (rules unenroll.6, return.period-end). */
export interface RewardForfeitedEvent extends RewardCommon {
  readonly type: 'REWARD_FORFEITED'
  readonly reason: ForfeitReason
}

/** The cycle's progress reached a sub-target's threshold for the first time (rule subtarget.once). */
export interface SubTargetReachedEvent extends EventCommon {
  readonly type: 'SUB_TARGET_REACHED'
  readonly cycle: number
  /** The sub-target's name. */
  readonly subTarget: string
  /** Equal for the same sub-target of the same cycle and customer, whenever it was reached. */
  readonly idempotencyKey: string
  /** The sub-target's own reward descriptor, if it has one. */
  readonly reward?: RewardDescriptor
}

/** A return took an achieved cycle's progress below its goal (rule return.reversed). */
export interface AchievementReversedEvent extends EventCommon {
  readonly type: 'ACHIEVEMENT_REVERSED'
  readonly cycle: number
}

/**
 * Everything an operation can report.
 *
 * @example
 * import type { EnrolmentEvent } from 'loyalty-streaks'
 * const toPay = (events: ReadonlyArray<EnrolmentEvent>) =>
 *   events.flatMap((e) => (e.type === 'REWARD_ISSUED' ? [e.idempotencyKey] : []))
 */
export type EnrolmentEvent =
  | EnrolledEvent
  | UnenrolledEvent
  | ReenrolledEvent
  | CycleAchievedEvent
  | StreakLevelAchievedEvent
  | StreakBrokenEvent
  | StreakResetEvent
  | RewardIssuedEvent
  | RewardForfeitedEvent
  | SubTargetReachedEvent
  | AchievementReversedEvent

/** The `type` of an {@link EnrolmentEvent}. */
export type EnrolmentEventType = EnrolmentEvent['type']

// operations

/**
 * The idempotency key of a milestone cycle's reward: it depends only on which reward it is, so a
 * forfeit carries the key of the reward it replaces (rule event.key).
 */
export const cycleRewardKey = (
  targetGroupId: number,
  targetId: number,
  customerId: number,
  cycle: number,
): string => `tg${targetGroupId}/t${targetId}/cust${customerId}/cycle${cycle}`

/** The idempotency key of a streak level's reward in an epoch (rule event.key). */
export const levelRewardKey = (
  targetGroupId: number,
  targetId: number,
  customerId: number,
  epoch: number,
  level: number,
): string => `tg${targetGroupId}/t${targetId}/cust${customerId}/epoch${epoch}/level${level}`

/**
 * The idempotency key of a sub-target reached in a cycle (rule subtarget.key). The name is
 * URI-encoded, so no name can make two keys equal.
 */
export const subTargetKey = (
  targetGroupId: number,
  targetId: number,
  customerId: number,
  cycle: number,
  subTarget: string,
): string =>
  `tg${targetGroupId}/t${targetId}/cust${customerId}/cycle${cycle}/sub/${encodeURIComponent(subTarget)}`
