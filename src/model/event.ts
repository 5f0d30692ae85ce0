/**
 * Reward and lifecycle events: what the host must act on (rules event.*).
 *
 * @since 0.1.0
 */
import type { RewardDescriptor } from './json.js'
import type { RewardAllocationType } from './target.js'

// model

interface EventCommon {
  /** The customer it is about. */
  readonly customerId: number
  /** The target group of the state that emitted it. */
  readonly targetGroupId: number
  /** The target of the state that emitted it. */
  readonly targetId: number
  /** The instant the event takes effect, not the instant it was computed. */
  readonly at: Date
}

/**
 * A first enrolment (rule enroll.6).
 *
 * @example
 * import type { EnrolledEvent } from 'loyalty-streaks'
 * const line = (e: EnrolledEvent): string => `${e.customerId} takes part from c${e.cycle}`
 *
 * @since 0.1.0
 */
export interface EnrolledEvent extends EventCommon {
  /** Tells the events apart. */
  readonly type: 'ENROLLED'
  /** The start cycle. */
  readonly cycle: number
}

/**
 * An unenrolment (rule unenroll.8).
 *
 * @example
 * import type { UnenrolledEvent } from 'loyalty-streaks'
 * const line = (e: UnenrolledEvent): string => `${e.customerId} is out from c${e.cycle}`
 *
 * @since 0.1.0
 */
export interface UnenrolledEvent extends EventCommon {
  /** Tells the events apart. */
  readonly type: 'UNENROLLED'
  /** The unenrolment cycle k: the customer is out of it and every later cycle. */
  readonly cycle: number
}

/**
 * A re-enrolment (rule reenroll.6), also by `enroll` of an unenrolled customer (rule enroll.2).
 *
 * @example
 * import type { ReenrolledEvent } from 'loyalty-streaks'
 * const line = (e: ReenrolledEvent): string => `${e.customerId} is back from c${e.cycle}`
 *
 * @since 0.1.0
 */
export interface ReenrolledEvent extends EventCommon {
  /** Tells the events apart. */
  readonly type: 'REENROLLED'
  /** The start cycle. */
  readonly cycle: number
}

/**
 * The cycle's progress reached its goal; again after a return reversed it (rule return.reversed).
 *
 * @example
 * import type { CycleAchievedEvent } from 'loyalty-streaks'
 * const line = (e: CycleAchievedEvent): string => `c${e.cycle} achieved at ${e.at.toISOString()}`
 *
 * @since 0.1.0
 */
export interface CycleAchievedEvent extends EventCommon {
  /** Tells the events apart. */
  readonly type: 'CYCLE_ACHIEVED'
  /** The cycle achieved. */
  readonly cycle: number
}

/**
 * The streak count reached `level` in `epoch`; its `REWARD_ISSUED` follows.
 *
 * @example
 * import type { StreakLevelAchievedEvent } from 'loyalty-streaks'
 * const line = (e: StreakLevelAchievedEvent): string => `level ${e.level} (epoch ${e.epoch})`
 *
 * @since 0.1.0
 */
export interface StreakLevelAchievedEvent extends EventCommon {
  /** Tells the events apart. */
  readonly type: 'STREAK_LEVEL_ACHIEVED'
  /** The cycle whose credit reached the level. */
  readonly cycle: number
  /** The level reached. */
  readonly level: number
  /** The streak epoch it was reached in. */
  readonly epoch: number
}

/**
 * A `CONTINUOUS` streak of `count` > 0 ended: `cycle` closed unachieved with the customer in it
 * (rule settle.continuous-break).
 *
 * @example
 * import type { StreakBrokenEvent } from 'loyalty-streaks'
 * const line = (e: StreakBrokenEvent): string => `a run of ${e.count} ended in c${e.cycle}`
 *
 * @since 0.1.0
 */
export interface StreakBrokenEvent extends EventCommon {
  /** Tells the events apart. */
  readonly type: 'STREAK_BROKEN'
  /** The cycle that closed unachieved. */
  readonly cycle: number
  /** The count before it dropped to 0. */
  readonly count: number
}

/**
 * A re-enrolment with `resetStreakStatus: true` started a new epoch (rule reenroll.5).
 *
 * @example
 * import type { StreakResetEvent } from 'loyalty-streaks'
 * const line = (e: StreakResetEvent): string => `epoch ${e.epoch} from c${e.cycle}`
 *
 * @since 0.1.0
 */
export interface StreakResetEvent extends EventCommon {
  /** Tells the events apart. */
  readonly type: 'STREAK_RESET'
  /** The start cycle of the re-enrolment. */
  readonly cycle: number
  /** The new epoch: every level can be earned and rewarded again. */
  readonly epoch: number
}

interface RewardCommon extends EventCommon {
  /** The cycle rewarded, or for a streak level the cycle whose credit reached it. */
  readonly cycle: number
  /** When the reward is (or would have been) paid. */
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

/**
 * Pay this reward, once per `idempotencyKey` (rule event.key).
 *
 * @example
 * import type { RewardIssuedEvent } from 'loyalty-streaks'
 * const paid = new Set<string>()
 * const pay = (e: RewardIssuedEvent): void => {
 *   if (paid.has(e.idempotencyKey)) return // delivered twice: paid once
 *   paid.add(e.idempotencyKey)
 * }
 *
 * @since 0.1.0
 */
export interface RewardIssuedEvent extends RewardCommon {
  /** Tells the events apart. */
  readonly type: 'REWARD_ISSUED'
}

/**
 * Why a reward was not paid: the customer left the cycle before its end (`UNENROLLED`, rule
 * unenroll.6), or returns took the progress below the goal by settlement (`RETURNED`, rule
 * return.period-end).
 *
 * @example
 * import type { ForfeitReason } from 'loyalty-streaks'
 * const explain = (reason: ForfeitReason): string =>
 *   reason === 'UNENROLLED' ? 'left the cycle before it ended' : 'returns took it below the goal'
 *
 * @since 0.1.0
 */
export type ForfeitReason = 'UNENROLLED' | 'RETURNED'

/**
 * This reward was earned but is not paid (rules unenroll.6, return.period-end). It carries the key
 * of the reward it replaces: a cycle's reward is issued or forfeited, never both (rule
 * event.forfeit-key).
 *
 * @example
 * import type { RewardForfeitedEvent } from 'loyalty-streaks'
 * const line = (e: RewardForfeitedEvent): string => `c${e.cycle} not paid: ${e.reason}`
 *
 * @since 0.1.0
 */
export interface RewardForfeitedEvent extends RewardCommon {
  /** Tells the events apart. */
  readonly type: 'REWARD_FORFEITED'
  /** Why it is not paid. */
  readonly reason: ForfeitReason
}

/**
 * The cycle's progress reached a sub-target's threshold for the first time (rule subtarget.once).
 *
 * @example
 * import type { SubTargetReachedEvent } from 'loyalty-streaks'
 * const line = (e: SubTargetReachedEvent): string => `'${e.subTarget}' reached in c${e.cycle}`
 *
 * @since 0.2.0
 */
export interface SubTargetReachedEvent extends EventCommon {
  /** Tells the events apart. */
  readonly type: 'SUB_TARGET_REACHED'
  /** The cycle whose progress reached it. */
  readonly cycle: number
  /** The sub-target's name. */
  readonly subTarget: string
  /** Equal for the same sub-target of the same cycle and customer, whenever it was reached. */
  readonly idempotencyKey: string
  /** The sub-target's own reward descriptor, if it has one. */
  readonly reward?: RewardDescriptor
}

/**
 * A return took an achieved cycle's progress below its goal (rule return.reversed). Nothing issued
 * is taken back; a `PERIOD_END` reward is then paid only if the goal is reached again by the
 * cycle's close.
 *
 * @example
 * import type { AchievementReversedEvent } from 'loyalty-streaks'
 * const line = (e: AchievementReversedEvent): string => `c${e.cycle} is below its goal again`
 *
 * @since 0.2.0
 */
export interface AchievementReversedEvent extends EventCommon {
  /** Tells the events apart. */
  readonly type: 'ACHIEVEMENT_REVERSED'
  /** The cycle no longer achieved. */
  readonly cycle: number
}

/**
 * Everything an operation can report.
 *
 * @example
 * import type { EnrolmentEvent } from 'loyalty-streaks'
 * const toPay = (events: ReadonlyArray<EnrolmentEvent>) =>
 *   events.flatMap((e) => (e.type === 'REWARD_ISSUED' ? [e.idempotencyKey] : []))
 *
 * @since 0.1.0
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

/**
 * The `type` of an {@link EnrolmentEvent}.
 *
 * @example
 * import type { EnrolmentEventType } from 'loyalty-streaks'
 * const money: ReadonlyArray<EnrolmentEventType> = ['REWARD_ISSUED', 'REWARD_FORFEITED']
 *
 * @since 0.1.0
 */
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
