// What happens when a cycle's progress reaches its goal (SPEC §3 recordActivity).
import * as O from 'fp-ts/lib/Option.js'
import type { Cycle } from '../model/cycle.js'
import {
  initialStreak,
  type CycleProgress,
  type Enrolment,
  type StreakStatus,
} from '../model/enrolment.js'
import { cycleRewardKey, levelRewardKey, type EnrolmentEvent } from '../model/event.js'
import { goalOf, type StreakTarget, type Target } from '../model/target.js'
import { absurd } from '../internal/absurd.js'

/** A customer's record after a step, with the events the step emitted. */
export interface Step {
  readonly enrolment: Enrolment
  readonly events: ReadonlyArray<EnrolmentEvent>
}

/** The progress of `cycle`: the one kept, else a fresh one at 0. */
export const progressOf = (enrolment: Enrolment, cycle: Cycle): CycleProgress =>
  enrolment.progress.find((p) => p.cycle === cycle.index) ?? {
    cycle: cycle.index,
    value: 0,
    achievedAt: O.none,
    rewarded: false,
  }

/** The enrolment with `progress` stored for its cycle, replacing what was kept for it. */
const withProgress = (enrolment: Enrolment, progress: CycleProgress): Enrolment => {
  const kept = enrolment.progress
  // Almost always none or just this cycle's: no need to filter and sort.
  const only = kept.length === 0 || (kept.length === 1 && kept[0]?.cycle === progress.cycle)
  return {
    ...enrolment,
    progress: only
      ? [progress]
      : [...kept.filter((p) => p.cycle !== progress.cycle), progress].sort(
          (a, b) => a.cycle - b.cycle,
        ),
  }
}

const streakLevels = (
  target: StreakTarget,
  enrolment: Enrolment,
  streak: StreakStatus,
  cycle: Cycle,
  at: Date,
): { readonly streak: StreakStatus; readonly events: ReadonlyArray<EnrolmentEvent> } => {
  const count = streak.count + 1
  // SPEC §3: each level reached and not yet achieved in this epoch, once per epoch.
  const reached = target.levels.filter(
    (level) => level <= count && !streak.achievedLevels.includes(level),
  )
  const { customerId } = enrolment
  const { targetGroupId, targetId } = target
  const events = reached.flatMap((level): ReadonlyArray<EnrolmentEvent> => [
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
  ])
  const achievedLevels = [...streak.achievedLevels, ...reached].sort((a, b) => a - b)
  return { streak: { ...streak, count, achievedLevels }, events }
}

/**
 * Marks `cycle` achieved at `at` and emits what that earns: `CYCLE_ACHIEVED`, then an `IMMEDIATE`
 * milestone reward (unless already issued for this cycle), or the streak levels the count reaches.
 */
export const achieve = (
  target: Target,
  enrolment: Enrolment,
  progress: CycleProgress,
  cycle: Cycle,
  at: Date,
): Step => {
  const achieved: EnrolmentEvent = {
    type: 'CYCLE_ACHIEVED',
    customerId: enrolment.customerId,
    targetGroupId: target.targetGroupId,
    targetId: target.targetId,
    at,
    cycle: cycle.index,
  }
  const reached: CycleProgress = { ...progress, achievedAt: O.some(at) }
  switch (target.kind) {
    case 'MILESTONE': {
      if (target.allocation === 'PERIOD_END' || progress.rewarded)
        return { enrolment: withProgress(enrolment, reached), events: [achieved] }
      const reward: EnrolmentEvent = {
        type: 'REWARD_ISSUED',
        customerId: enrolment.customerId,
        targetGroupId: target.targetGroupId,
        targetId: target.targetId,
        at,
        cycle: cycle.index,
        allocation: 'IMMEDIATE',
        idempotencyKey: cycleRewardKey(
          target.targetGroupId,
          target.targetId,
          enrolment.customerId,
          cycle.index,
        ),
      }
      return {
        enrolment: withProgress(enrolment, { ...reached, rewarded: true }),
        events: [achieved, reward],
      }
    }
    case 'STREAK': {
      const streak = O.getOrElse(() => initialStreak)(enrolment.streak)
      const next = streakLevels(target, enrolment, streak, cycle, at)
      return {
        enrolment: { ...withProgress(enrolment, reached), streak: O.some(next.streak) },
        events: [achieved, ...next.events],
      }
    }
    default:
      return absurd(target)
  }
}

/** Sets `cycle`'s progress to `value`; the first time it reaches the goal, achieves the cycle at `at`. */
export const setProgress = (
  target: Target,
  enrolment: Enrolment,
  cycle: Cycle,
  value: number,
  at: Date,
): Step => {
  const progress: CycleProgress = { ...progressOf(enrolment, cycle), value }
  const reachesGoal = value >= goalOf(target, cycle)
  if (reachesGoal && O.isNone(progress.achievedAt))
    return achieve(target, enrolment, progress, cycle, at)
  // SPEC §3 reenroll.3: whether the cycle counts as achieved follows from the value.
  const kept: CycleProgress = reachesGoal ? progress : { ...progress, achievedAt: O.none }
  return { enrolment: withProgress(enrolment, kept), events: [] }
}

/**
 * Sets the progress of a start cycle to a balance given at `now` (SPEC §3 enroll.5, reenroll.3).
 * Reaching the goal this way achieves the cycle at the later of `now` and the cycle's start: for a
 * cycle that has not begun, the achievement waits for its start (see `settle`).
 */
export const setBalance = (
  target: Target,
  enrolment: Enrolment,
  cycle: Cycle,
  value: number,
  now: Date,
): Step =>
  cycle.start.getTime() <= now.getTime()
    ? setProgress(target, enrolment, cycle, value, now)
    : {
        enrolment: withProgress(enrolment, { ...progressOf(enrolment, cycle), value }),
        events: [],
      }
