// What happens when a cycle's progress reaches its goal (SPEC §3 recordActivity).
import * as O from 'fp-ts/lib/Option.js'
import type { Cycle } from '../model/cycle.js'
import { cycleEvent, cycleReward, levelRewardKey, type EnrolmentEvent } from '../model/event.js'
import { goalOf, type StreakTarget, type Target } from '../model/target.js'
import { absurd } from '../internal/absurd.js'
import {
  initialStreak,
  progressFor,
  type Draft,
  type DraftProgress,
  type DraftStreak,
} from './draft.js'

const reachLevels = (
  target: StreakTarget,
  draft: Draft,
  streak: DraftStreak,
  cycle: Cycle,
  at: Date,
  events: Array<EnrolmentEvent>,
): void => {
  streak.count += 1
  // SPEC §3: each level reached and not yet achieved in this epoch, once per epoch.
  const reached = target.levels.filter(
    (level) => level <= streak.count && !streak.achievedLevels.includes(level),
  )
  if (reached.length === 0) return
  const { customerId } = draft
  const { targetGroupId, targetId } = target
  for (const level of reached)
    events.push(
      {
        type: 'STREAK_LEVEL_ACHIEVED',
        customerId,
        targetGroupId,
        targetId,
        at,
        cycle: cycle.index,
        level,
        epoch: streak.epoch,
      },
      {
        type: 'REWARD_ISSUED',
        customerId,
        targetGroupId,
        targetId,
        at,
        cycle: cycle.index,
        allocation: 'IMMEDIATE',
        level,
        epoch: streak.epoch,
        idempotencyKey: levelRewardKey(targetGroupId, targetId, customerId, streak.epoch, level),
      },
    )
  streak.achievedLevels = [...streak.achievedLevels, ...reached].sort((a, b) => a - b)
}

/**
 * Marks `cycle` achieved at `at` and emits what that earns: `CYCLE_ACHIEVED`, then an `IMMEDIATE`
 * milestone reward (unless already issued for this cycle), or the streak levels the count reaches.
 */
export const achieve = (
  target: Target,
  draft: Draft,
  progress: DraftProgress,
  cycle: Cycle,
  at: Date,
  events: Array<EnrolmentEvent>,
): void => {
  const { customerId } = draft
  events.push(cycleEvent('CYCLE_ACHIEVED', target, customerId, at, cycle.index))
  progress.achievedAt = at
  switch (target.kind) {
    case 'MILESTONE': {
      if (target.allocation === 'PERIOD_END' || progress.rewarded) return
      events.push(cycleReward(target, customerId, at, cycle.index, 'IMMEDIATE'))
      progress.rewarded = true
      return
    }
    case 'STREAK': {
      const streak = O.isSome(draft.streak) ? draft.streak.value : initialStreak()
      draft.streak = O.some(streak)
      reachLevels(target, draft, streak, cycle, at, events)
      return
    }
    default:
      absurd(target)
  }
}

/**
 * Sets `cycle`'s progress (kept in the draft, see `progressFor`) to `value`; the first time it
 * reaches the goal, achieves the cycle at `at`.
 */
export const setProgress = (
  target: Target,
  draft: Draft,
  progress: DraftProgress,
  cycle: Cycle,
  value: number,
  at: Date,
  events: Array<EnrolmentEvent>,
): void => {
  progress.value = value
  if (value < goalOf(target, cycle))
    // SPEC §3 reenroll.3: whether the cycle counts as achieved follows from the value.
    progress.achievedAt = undefined
  else if (progress.achievedAt === undefined) achieve(target, draft, progress, cycle, at, events)
}

/**
 * Sets the progress of a start cycle to a balance given at `now` (SPEC §3 enroll.5, reenroll.3).
 * Reaching the goal this way achieves the cycle at the later of `now` and the cycle's start: for a
 * cycle that has not begun, the achievement waits for its start (see `settle`).
 */
export const setBalance = (
  target: Target,
  draft: Draft,
  cycle: Cycle,
  value: number,
  now: Date,
  events: Array<EnrolmentEvent>,
): void => {
  const progress = progressFor(draft, cycle.index)
  if (cycle.start.getTime() <= now.getTime())
    setProgress(target, draft, progress, cycle, value, now, events)
  else {
    progress.value = value
    draft.balanceMayWait = true
  }
}
