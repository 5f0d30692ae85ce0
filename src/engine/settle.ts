// SPEC §5: settlement of one customer at each cycle end, lazily, up to an instant.
import * as O from 'fp-ts/lib/Option.js'
import { countEndedBy, cycleAt, type Cycle } from '../model/cycle.js'
import type { Enrolment } from '../model/enrolment.js'
import { cycleRewardKey, type EnrolmentEvent } from '../model/event.js'
import { goalOf, type Target } from '../model/target.js'
import { achieve, type Step } from './achieve.js'
import { absurd } from '../internal/absurd.js'

/**
 * A start cycle given a balance that reaches its goal before the cycle began (SPEC §3 enroll.5)
 * is achieved at the cycle's start, once the customer is settled that far and still enrolled.
 * `through` is the last cycle whose start may be reached: at an instant where one cycle ends and
 * the next begins, the end comes first.
 */
const achieveDeferred = (
  target: Target,
  enrolment: Enrolment,
  until: Date,
  through: number,
): Step => {
  const progress = enrolment.progress.find((p) => p.cycle === enrolment.startCycle)
  if (enrolment.status !== 'ENROLLED' || progress === undefined || progress.cycle > through)
    return { enrolment, events: [] }
  const cycle = cycleAt(target.cycles, progress.cycle)
  return O.isNone(progress.achievedAt) &&
    progress.value >= goalOf(target, cycle) &&
    cycle.start.getTime() <= until.getTime()
    ? achieve(target, enrolment, progress, cycle, cycle.start)
    : { enrolment, events: [] }
}

const takesPart = (enrolment: Enrolment, cycle: Cycle): boolean =>
  enrolment.status === 'ENROLLED' && cycle.index >= enrolment.startCycle

/** What the end of `cycle` does to one customer (SPEC §5). */
const closeCycle = (target: Target, enrolment: Enrolment, cycle: Cycle): Step => {
  const progress = enrolment.progress.find((p) => p.cycle === cycle.index)
  const achieved = progress !== undefined && O.isSome(progress.achievedAt)
  const closed: Enrolment =
    progress === undefined
      ? enrolment
      : { ...enrolment, progress: enrolment.progress.filter((p) => p !== progress) }
  const { customerId } = enrolment
  const { targetGroupId, targetId } = target
  const at = cycle.end
  switch (target.kind) {
    case 'MILESTONE': {
      if (target.allocation === 'IMMEDIATE' || !achieved) return { enrolment: closed, events: [] }
      const reward = {
        customerId,
        targetGroupId,
        targetId,
        at,
        cycle: cycle.index,
        allocation: 'PERIOD_END' as const,
        idempotencyKey: cycleRewardKey(targetGroupId, targetId, customerId, cycle.index),
      }
      // SPEC §3 unenroll.6: achieved, then out of the cycle by its end (unenrolled, or re-enrolled
      // from a later cycle): forfeited, not paid.
      const event: EnrolmentEvent = takesPart(enrolment, cycle)
        ? { type: 'REWARD_ISSUED', ...reward }
        : { type: 'REWARD_FORFEITED', ...reward, reason: 'UNENROLLED' }
      return { enrolment: closed, events: [event] }
    }
    case 'STREAK': {
      if (
        target.streakType === 'NON_CONTINUOUS' ||
        achieved ||
        !takesPart(enrolment, cycle) ||
        O.isNone(enrolment.streak) ||
        enrolment.streak.value.count === 0
      )
        return { enrolment: closed, events: [] }
      const streak = enrolment.streak.value
      return {
        enrolment: { ...closed, streak: O.some({ ...streak, count: 0 }) },
        events: [
          {
            type: 'STREAK_BROKEN',
            customerId,
            targetGroupId,
            targetId,
            at,
            cycle: cycle.index,
            count: streak.count,
          },
        ],
      }
    }
    default:
      return absurd(target)
  }
}

/**
 * Settles one customer up to `until`: every cycle end ≤ `until` not settled yet, in order, each
 * preceded by a deferred start-cycle achievement that falls before it. Returns the very same record
 * when nothing was due.
 */
export const settle = (target: Target, enrolment: Enrolment, until: Date): Step => {
  const ended = countEndedBy(target.cycles, until)
  // The usual case, on every activity: no cycle ended since, no balance waiting for its cycle.
  if (ended <= enrolment.settledCycles && enrolment.progress.length === 0)
    return { enrolment, events: [] }
  let current = enrolment
  const events: Array<EnrolmentEvent> = []
  const apply = (step: Step): void => {
    current = step.enrolment
    events.push(...step.events)
  }
  for (let i = enrolment.settledCycles; i < ended; i++) {
    const cycle = target.cycles[i] as Cycle
    apply(achieveDeferred(target, current, cycle.end, cycle.index))
    apply(closeCycle(target, current, cycle))
  }
  apply(achieveDeferred(target, current, until, target.cycles.length))
  return ended > enrolment.settledCycles
    ? { enrolment: { ...current, settledCycles: ended }, events }
    : { enrolment: current, events }
}
