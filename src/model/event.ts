/**
 * Reward and lifecycle events: what the host must act on (SPEC §4).
 *
 * @since 0.1.0
 */
import type { RewardAllocationType } from './target.js'
import { isAscending } from '../internal/isAscending.js'

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
}

/** Pay this reward. */
export interface RewardIssuedEvent extends RewardCommon {
  readonly type: 'REWARD_ISSUED'
}

/** Why a reward was not paid. */
export type ForfeitReason = 'UNENROLLED'

/** This reward was earned but is not paid (SPEC §3 unenroll.6). */
export interface RewardForfeitedEvent extends RewardCommon {
  readonly type: 'REWARD_FORFEITED'
  readonly reason: ForfeitReason
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

/** The `type` of an {@link EnrolmentEvent}. */
export type EnrolmentEventType = EnrolmentEvent['type']

// operations

/** The events that say only which cycle they are about. */
export type CycleEvent = EnrolledEvent | UnenrolledEvent | ReenrolledEvent | CycleAchievedEvent

/** An {@link CycleEvent} of `target`'s customer: its start cycle, cycle k, or the cycle achieved. */
export const cycleEvent = (
  type: CycleEvent['type'],
  target: { readonly targetGroupId: number; readonly targetId: number },
  customerId: number,
  at: Date,
  cycle: number,
): CycleEvent => ({
  type,
  customerId,
  targetGroupId: target.targetGroupId,
  targetId: target.targetId,
  at,
  cycle,
})

/**
 * The reward of a milestone's cycle, to be paid: `IMMEDIATE` at the achievement, `PERIOD_END` at the
 * cycle's end. Its key names the cycle only, so a forfeit of it carries the same key (README rule 17).
 */
export const cycleReward = (
  target: { readonly targetGroupId: number; readonly targetId: number },
  customerId: number,
  at: Date,
  cycle: number,
  allocation: RewardAllocationType,
): RewardIssuedEvent => ({
  type: 'REWARD_ISSUED',
  customerId,
  targetGroupId: target.targetGroupId,
  targetId: target.targetId,
  at,
  cycle,
  allocation,
  idempotencyKey: cycleRewardKey(target.targetGroupId, target.targetId, customerId, cycle),
})

/** `reward` not paid, for `reason` (SPEC §3 unenroll.6): the same fields, key included. */
export const forfeit = (
  reward: RewardIssuedEvent,
  reason: ForfeitReason,
): RewardForfeitedEvent => ({
  ...reward,
  type: 'REWARD_FORFEITED',
  reason,
})

/** The idempotency key of a milestone cycle's reward: it depends only on which reward it is. */
export const cycleRewardKey = (
  targetGroupId: number,
  targetId: number,
  customerId: number,
  cycle: number,
): string => `tg${targetGroupId}/t${targetId}/cust${customerId}/cycle${cycle}`

/** The idempotency key of a streak level's reward in an epoch. */
export const levelRewardKey = (
  targetGroupId: number,
  targetId: number,
  customerId: number,
  epoch: number,
  level: number,
): string => `tg${targetGroupId}/t${targetId}/cust${customerId}/epoch${epoch}/level${level}`

/**
 * Orders events by `at`; ties keep the order they arose in (a stable sort, SPEC §4). Events
 * already in order (the usual case: one cycle end) are returned as they are.
 */
export const byInstant = (events: ReadonlyArray<EnrolmentEvent>): ReadonlyArray<EnrolmentEvent> =>
  isAscending(events, (e) => e.at.getTime())
    ? events
    : [...events].sort((a, b) => a.at.getTime() - b.at.getTime())
