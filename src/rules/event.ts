// The events the rules emit, built in one place: ids, a fresh `Date` for each (so no event shares
// one with another or with a state: rule state.dates-are-values), keys and reward descriptors.
import type {
  EnrolmentEvent,
  RewardForfeitedEvent,
  RewardIssuedEvent,
  SubTargetReachedEvent,
} from '../model/event.js'
import { cycleRewardKey, levelRewardKey, subTargetKey } from '../model/event.js'
import type { ForfeitReason } from '../model/event.js'
import type { RewardDescriptor } from '../model/json.js'
import type { SubTarget } from '../model/target.js'
import type { Context } from './context.js'
import type { Instant } from './customer.js'

/** The fields every event of `customerId` has. */
const base = (context: Context, customerId: number, at: Instant) => ({
  customerId,
  targetGroupId: context.target.targetGroupId,
  targetId: context.target.targetId,
  at: new Date(at),
})

const withReward = <E extends object>(event: E, reward: RewardDescriptor | undefined): E =>
  reward === undefined ? event : { ...event, reward }

/** An event that says only which cycle it is about. */
export const cycleEvent = (
  type: 'ENROLLED' | 'UNENROLLED' | 'REENROLLED' | 'CYCLE_ACHIEVED' | 'ACHIEVEMENT_REVERSED',
  context: Context,
  customerId: number,
  at: Instant,
  cycle: number,
): EnrolmentEvent => ({ type, ...base(context, customerId, at), cycle })

/** rule reward.descriptor: a milestone cycle's reward is its own, else the target's. */
const cycleRewardOf = (context: Context, cycle: number): RewardDescriptor | undefined =>
  (context.window.type === 'FIXED' ? context.target.cycles[cycle - 1]?.reward : undefined) ??
  context.target.reward

/** A milestone cycle's reward, issued (rule event.key: its key names the cycle only). */
export const cycleReward = (
  context: Context,
  customerId: number,
  at: Instant,
  cycle: number,
): RewardIssuedEvent =>
  withReward(
    {
      type: 'REWARD_ISSUED',
      ...base(context, customerId, at),
      cycle,
      allocation: context.target.allocation,
      idempotencyKey: cycleRewardKey(
        context.target.targetGroupId,
        context.target.targetId,
        customerId,
        cycle,
      ),
    },
    cycleRewardOf(context, cycle),
  )

/** A milestone cycle's reward, not paid for `reason`: the same fields and key (rule event.forfeit-key). */
export const cycleForfeit = (
  context: Context,
  customerId: number,
  at: Instant,
  cycle: number,
  reason: ForfeitReason,
): RewardForfeitedEvent => ({
  ...cycleReward(context, customerId, at, cycle),
  type: 'REWARD_FORFEITED',
  reason,
})

/** A streak level reached, and its reward (rule activity.streak-levels). */
export const levelReached = (
  context: Context,
  customerId: number,
  at: Instant,
  cycle: number,
  level: number,
  epoch: number,
): readonly [EnrolmentEvent, EnrolmentEvent] => {
  const { targetGroupId, targetId } = context.target
  const reward =
    context.target.kind === 'STREAK'
      ? (context.target.levelRewards.find((r) => r.level === level)?.reward ??
        context.target.reward)
      : undefined
  return [
    { type: 'STREAK_LEVEL_ACHIEVED', ...base(context, customerId, at), cycle, level, epoch },
    withReward(
      {
        type: 'REWARD_ISSUED',
        ...base(context, customerId, at),
        cycle,
        allocation: 'IMMEDIATE',
        level,
        epoch,
        idempotencyKey: levelRewardKey(targetGroupId, targetId, customerId, epoch, level),
      },
      reward,
    ),
  ]
}

/** A sub-target reached, with its own reward only (rules subtarget.key, reward.descriptor). */
export const subTargetReached = (
  context: Context,
  customerId: number,
  at: Instant,
  cycle: number,
  subTarget: SubTarget,
): SubTargetReachedEvent =>
  withReward(
    {
      type: 'SUB_TARGET_REACHED',
      ...base(context, customerId, at),
      cycle,
      subTarget: subTarget.name,
      idempotencyKey: subTargetKey(
        context.target.targetGroupId,
        context.target.targetId,
        customerId,
        cycle,
        subTarget.name,
      ),
    },
    subTarget.reward,
  )

/** A `CONTINUOUS` streak of `count` broken by `cycle` (rule settle.continuous-break). */
export const streakBroken = (
  context: Context,
  customerId: number,
  at: Instant,
  cycle: number,
  count: number,
): EnrolmentEvent => ({ type: 'STREAK_BROKEN', ...base(context, customerId, at), cycle, count })

/** A new streak epoch from `cycle` (rule reenroll.5). */
export const streakReset = (
  context: Context,
  customerId: number,
  at: Instant,
  cycle: number,
  epoch: number,
): EnrolmentEvent => ({ type: 'STREAK_RESET', ...base(context, customerId, at), cycle, epoch })
