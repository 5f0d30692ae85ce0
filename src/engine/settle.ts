// SPEC §5: settlement of one customer at each cycle end, lazily, up to an instant.
import * as O from 'fp-ts/lib/Option.js'
import { countEndedBy, cycleAt, type Cycle } from '../model/cycle.js'
import type { Enrolment } from '../model/enrolment.js'
import { cycleReward, forfeit, type EnrolmentEvent } from '../model/event.js'
import { goalOf, type Target } from '../model/target.js'
import { absurd } from '../internal/absurd.js'
import { achieve } from './achieve.js'
import {
  balanceMayWait,
  dropProgressAt,
  indexOfCycle,
  isAchievedAt,
  type Draft,
  type DraftProgress,
} from './draft.js'

/**
 * The start cycle's progress and cycle, if it holds a balance that reached the goal before the
 * cycle began (SPEC §3 enroll.5) and is not achieved yet: it is achieved at the cycle's start,
 * once the customer is settled that far and still enrolled.
 */
const waitingBalance = <R extends Draft | Enrolment>(
  target: Target,
  record: R,
): { readonly progress: R['progress'][number]; readonly cycle: Cycle } | undefined => {
  if (record.status !== 'ENROLLED' || !balanceMayWait(record)) return undefined
  const at = indexOfCycle(record.progress, record.startCycle)
  if (at < 0 || isAchievedAt(record, at)) return undefined
  const progress = record.progress[at] as R['progress'][number]
  const cycle = cycleAt(target.cycles, progress.cycle)
  return progress.value >= goalOf(target, cycle) ? { progress, cycle } : undefined
}

/**
 * The waiting balance, if its cycle's start is reached by `until` and by `through`, the last cycle
 * whose start may be reached: at an instant where one cycle ends and the next begins, the end
 * comes first.
 */
const deferredDue = <R extends Draft | Enrolment>(
  target: Target,
  record: R,
  until: Date,
  through: number,
): { readonly progress: R['progress'][number]; readonly cycle: Cycle } | undefined => {
  if (record.startCycle > through) return undefined
  const waiting = waitingBalance(target, record)
  return waiting !== undefined && waiting.cycle.start.getTime() <= until.getTime()
    ? waiting
    : undefined
}

/** Achieves the deferred start-cycle progress if it is due; whether it was. */
const achieveDeferred = (
  target: Target,
  draft: Draft,
  until: Date,
  through: number,
  events: Array<EnrolmentEvent>,
): boolean => {
  const due = deferredDue(target, draft, until, through)
  if (due === undefined) return false
  achieve(target, draft, due.progress, due.cycle, due.cycle.start, events)
  return true
}

const takesPart = (draft: Draft, cycle: Cycle): boolean =>
  draft.status === 'ENROLLED' && cycle.index >= draft.startCycle

/** What the end of `cycle` does to one customer (SPEC §5). */
const closeCycle = (
  target: Target,
  draft: Draft,
  cycle: Cycle,
  events: Array<EnrolmentEvent>,
): void => {
  const at = indexOfCycle(draft.progress, cycle.index)
  const achieved = at >= 0 && (draft.progress[at] as DraftProgress).achievedAt !== undefined
  if (at >= 0) dropProgressAt(draft, at)
  const { customerId } = draft
  const { targetGroupId, targetId } = target
  switch (target.kind) {
    case 'MILESTONE': {
      if (target.allocation === 'IMMEDIATE' || !achieved) return
      const reward = cycleReward(target, customerId, cycle.end, cycle.index, 'PERIOD_END')
      // SPEC §3 unenroll.6: achieved, then out of the cycle by its end (unenrolled, or re-enrolled
      // from a later cycle): forfeited, not paid.
      events.push(takesPart(draft, cycle) ? reward : forfeit(reward, 'UNENROLLED'))
      return
    }
    case 'STREAK': {
      if (
        target.streakType === 'NON_CONTINUOUS' ||
        achieved ||
        !takesPart(draft, cycle) ||
        O.isNone(draft.streak) ||
        draft.streak.value.count === 0
      )
        return
      events.push({
        type: 'STREAK_BROKEN',
        customerId,
        targetGroupId,
        targetId,
        at: cycle.end,
        cycle: cycle.index,
        count: draft.streak.value.count,
      })
      draft.streak.value.count = 0
      return
    }
    default:
      absurd(target)
  }
}

/**
 * Whether settling the record up to `until` would change it: a cycle end not settled yet, or a
 * deferred start-cycle achievement now due. `advance` takes a draft only of the records that are.
 * `ended` is how many cycles have ended by `until` (given once by `advance` for every customer).
 */
export const isDue = (
  target: Target,
  record: Draft | Enrolment,
  until: Date,
  ended: number = countEndedBy(target.cycles, until),
): boolean =>
  ended > record.settledCycles ||
  deferredDue(target, record, until, target.cycles.length) !== undefined

/**
 * Settles one customer up to `until`: every cycle end ≤ `until` not settled yet, in order, each
 * preceded by a deferred start-cycle achievement that falls before it. `ended`: as for `isDue`.
 * Returns whether it changed the draft (exactly when `isDue` said it would).
 */
export const settle = (
  target: Target,
  draft: Draft,
  until: Date,
  events: Array<EnrolmentEvent>,
  ended: number = countEndedBy(target.cycles, until),
): boolean => {
  // The usual case, on every activity: no cycle ended since, no balance waiting for its cycle.
  if (ended <= draft.settledCycles && !draft.balanceMayWait) return false
  const endsSettled = ended > draft.settledCycles
  for (let i = draft.settledCycles; i < ended; i++) {
    const cycle = target.cycles[i] as Cycle
    achieveDeferred(target, draft, cycle.end, cycle.index, events)
    closeCycle(target, draft, cycle, events)
  }
  const achieved = achieveDeferred(target, draft, until, target.cycles.length, events)
  if (draft.balanceMayWait && waitingBalance(target, draft) === undefined)
    draft.balanceMayWait = false
  if (endsSettled) draft.settledCycles = ended
  return endsSettled || achieved
}
