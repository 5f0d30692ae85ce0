// The events the rules emit, built in one place: ids, a fresh `Date` for each (so no event shares
// one with another or with a state: rule state.dates-are-values), keys and reward descriptors.
// Each is one object literal with its fields written out in one order: an event of a type always
// has the same layout, which a spread of shared fields would not give.
import type {
  EnrolmentEvent,
  ForfeitReason,
  RewardForfeitedEvent,
  RewardIssuedEvent,
  SubTargetReachedEvent,
} from '../model/event.js'
import { cycleRewardKey, levelRewardKey, subTargetKey } from '../model/event.js'
import type { RewardDescriptor } from '../model/json.js'
import type { SubTarget } from '../model/target.js'
import type { Context } from './context.js'
import type { Instant } from './customer.js'

/** An event that says only which cycle it is about. */
export const cycleEvent = (
  type: 'ENROLLED' | 'UNENROLLED' | 'REENROLLED' | 'CYCLE_ACHIEVED' | 'ACHIEVEMENT_REVERSED',
  context: Context,
  customerId: number,
  at: Instant,
  cycle: number,
): EnrolmentEvent => ({
  type,
  customerId,
  targetGroupId: context.target.targetGroupId,
  targetId: context.target.targetId,
  at: new Date(at),
  cycle,
})

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
): RewardIssuedEvent => {
  const { targetGroupId, targetId, allocation } = context.target
  const idempotencyKey = cycleRewardKey(targetGroupId, targetId, customerId, cycle)
  const reward = cycleRewardOf(context, cycle)
  const date = new Date(at)
  return reward === undefined
    ? {
        type: 'REWARD_ISSUED',
        customerId,
        targetGroupId,
        targetId,
        at: date,
        cycle,
        allocation,
        idempotencyKey,
      }
    : {
        type: 'REWARD_ISSUED',
        customerId,
        targetGroupId,
        targetId,
        at: date,
        cycle,
        allocation,
        idempotencyKey,
        reward,
      }
}

/** A milestone cycle's reward, not paid for `reason`: the same fields and key (rule event.forfeit-key). */
export const cycleForfeit = (
  context: Context,
  customerId: number,
  at: Instant,
  cycle: number,
  reason: ForfeitReason,
): RewardForfeitedEvent => {
  const { targetGroupId, targetId, allocation } = context.target
  const idempotencyKey = cycleRewardKey(targetGroupId, targetId, customerId, cycle)
  const reward = cycleRewardOf(context, cycle)
  const date = new Date(at)
  return reward === undefined
    ? {
        type: 'REWARD_FORFEITED',
        customerId,
        targetGroupId,
        targetId,
        at: date,
        cycle,
        allocation,
        idempotencyKey,
        reason,
      }
    : {
        type: 'REWARD_FORFEITED',
        customerId,
        targetGroupId,
        targetId,
        at: date,
        cycle,
        allocation,
        idempotencyKey,
        reward,
        reason,
      }
}

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
  const idempotencyKey = levelRewardKey(targetGroupId, targetId, customerId, epoch, level)
  const allocation = 'IMMEDIATE'
  const date = new Date(at)
  return [
    {
      type: 'STREAK_LEVEL_ACHIEVED',
      customerId,
      targetGroupId,
      targetId,
      at: new Date(at),
      cycle,
      level,
      epoch,
    },
    reward === undefined
      ? {
          type: 'REWARD_ISSUED',
          customerId,
          targetGroupId,
          targetId,
          at: date,
          cycle,
          allocation,
          level,
          epoch,
          idempotencyKey,
        }
      : {
          type: 'REWARD_ISSUED',
          customerId,
          targetGroupId,
          targetId,
          at: date,
          cycle,
          allocation,
          level,
          epoch,
          idempotencyKey,
          reward,
        },
  ]
}

/** A sub-target reached, with its own reward only (rules subtarget.key, reward.descriptor). */
export const subTargetReached = (
  context: Context,
  customerId: number,
  at: Instant,
  cycle: number,
  subTarget: SubTarget,
): SubTargetReachedEvent => {
  const { targetGroupId, targetId } = context.target
  const name = subTarget.name
  const idempotencyKey = subTargetKey(targetGroupId, targetId, customerId, cycle, name)
  const reward = subTarget.reward
  const date = new Date(at)
  return reward === undefined
    ? {
        type: 'SUB_TARGET_REACHED',
        customerId,
        targetGroupId,
        targetId,
        at: date,
        cycle,
        subTarget: name,
        idempotencyKey,
      }
    : {
        type: 'SUB_TARGET_REACHED',
        customerId,
        targetGroupId,
        targetId,
        at: date,
        cycle,
        subTarget: name,
        idempotencyKey,
        reward,
      }
}

/** A `CONTINUOUS` streak of `count` broken by `cycle` (rule settle.continuous-break). */
export const streakBroken = (
  context: Context,
  customerId: number,
  at: Instant,
  cycle: number,
  count: number,
): EnrolmentEvent => ({
  type: 'STREAK_BROKEN',
  customerId,
  targetGroupId: context.target.targetGroupId,
  targetId: context.target.targetId,
  at: new Date(at),
  cycle,
  count,
})

/** A new streak epoch from `cycle` (rule reenroll.5). */
export const streakReset = (
  context: Context,
  customerId: number,
  at: Instant,
  cycle: number,
  epoch: number,
): EnrolmentEvent => ({
  type: 'STREAK_RESET',
  customerId,
  targetGroupId: context.target.targetGroupId,
  targetId: context.target.targetId,
  at: new Date(at),
  cycle,
  epoch,
})
