/**
 * Reading a customer's enrolment out of a state.
 *
 * @since 0.1.0
 */
import * as O from 'fp-ts/lib/Option.js'
import type { CycleProgress, Enrolment, StreakStatus } from '../model/enrolment.js'
import type { Target } from '../model/target.js'
import type { Customer, Progress } from '../rules/customer.js'
import { isPositiveSafeInteger } from '../internal/guards.js'
import { localDateText } from '../internal/localDate.js'
import { getCustomer } from './customerMap.js'
import { internals, type EnrolmentState } from './state.js'

// operations

const progressView = (target: Target, p: Progress): CycleProgress => ({
  cycle: p.cycle,
  value: p.value,
  achievedAt: p.achievedAt === undefined ? O.none : O.some(new Date(p.achievedAt)),
  rewarded: p.rewarded,
  // Each feature's fields appear where the target uses it, so a record shows what matters to it.
  ...(target.allowReturns ? { reversed: p.reversed } : {}),
  ...(target.subTargets.length > 0 ? { subTargets: [...p.subTargets] } : {}),
  // rule state.enrolment-view: a visit's local date as the codec writes it, whatever its year.
  ...(target.metric === 'VISIT' ? { visits: p.visits.map(localDateText) } : {}),
})

const streakView = (target: Target, customer: Customer): O.Option<StreakStatus> => {
  if (target.kind !== 'STREAK') return O.none
  const s = customer.streak ?? { epoch: 1, count: 0, achievedLevels: [], waiting: [] }
  return O.some({
    epoch: s.epoch,
    count: s.count,
    achievedLevels: [...s.achievedLevels],
    ...(target.streakType === 'CONTINUOUS' && target.graceDays > 0
      ? { waiting: s.waiting.map((w) => ({ cycle: w.cycle, achievedAt: new Date(w.achievedAt) })) }
      : {}),
  })
}

/** The public view of a record: `Date`s of its own, and the fields of the features its target uses. */
const viewOf = (target: Target, c: Customer): Enrolment => {
  const common = {
    customerId: c.customerId,
    version: c.version,
    startCycle: c.startCycle,
    since: new Date(c.since),
    settledAt: new Date(c.settledAt),
    settledCycles: c.closedCycles,
    ...(target.graceDays > 0
      ? { endedCycles: c.endedCycles, graceCycles: [...c.graceCycles] }
      : {}),
    ...(target.window.type === 'FIXED'
      ? {}
      : { anchor: c.anchor === undefined ? O.none : O.some(new Date(c.anchor)) }),
    ...(target.window.type === 'PERIOD_AGNOSTIC'
      ? { cycleEnds: c.cycleEnds.map((t) => new Date(t)) }
      : {}),
    progress: c.progress.map((p) => progressView(target, p)),
    streak: streakView(target, c),
  }
  return c.status === 'ENROLLED'
    ? { status: 'ENROLLED', ...common }
    : { status: 'UNENROLLED', ...common, fromCycle: c.fromCycle }
}

/**
 * The public view of a record: made at every read, so nothing a caller does to one view (its
 * `Date`s, its arrays) reaches the record or any later view (rule state.dates-are-values).
 */
export const enrolmentView = viewOf

/**
 * The enrolment of `customerId`, or none if the customer was never enrolled (or was forgotten).
 *
 * @example
 * import { applyAll, defineMilestone, enrolmentOf, initialState } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as O from 'fp-ts/lib/Option.js'
 * const target = defineMilestone({
 *   targetGroupId: 501, targetId: 1, metric: 'COUNT', goal: 2, allocation: 'PERIOD_END',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') }],
 * })
 * if (E.isLeft(target)) throw new Error(target.left.message)
 * const { state } = applyAll(initialState(target.right), [
 *   { kind: 'enroll', customerId: 7, now: new Date('2026-01-05T00:00:00Z') },
 *   { kind: 'activity', customerId: 7, activity: { at: new Date('2026-01-06T10:00:00Z') } },
 * ])
 * const enrolment = enrolmentOf(state, 7)
 * if (O.isSome(enrolment)) console.log(enrolment.value.status, enrolment.value.progress[0]?.value) // ENROLLED 1
 * console.log(O.isNone(enrolmentOf(state, 8))) // true: never enrolled
 *
 * @since 0.1.0
 */
export const enrolmentOf = (state: EnrolmentState, customerId: number): O.Option<Enrolment> => {
  if (!isPositiveSafeInteger(customerId)) return O.none
  const customer = getCustomer(internals(state).customers, customerId)
  return customer === undefined ? O.none : O.some(enrolmentView(state.target, customer))
}
