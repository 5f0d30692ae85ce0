/**
 * Where a customer stands, as their app shows it (rule ops.standing).
 *
 * @since 0.2.0
 */
import * as O from 'fp-ts/lib/Option.js'
import { instantOf, isPositiveSafeInteger } from '../internal/guards.js'
import { thresholdOf } from '../rules/achievement.js'
import { goalOf } from '../rules/context.js'
import { progressOf, streakOf, type Customer } from '../rules/customer.js'
import { decide } from '../rules/decide.js'
import { cycleHoldingOrNext } from '../rules/window.js'
import { contextOf } from './contextOf.js'
import { getCustomer } from './customerMap.js'
import type { CustomerCycle } from './cyclesOf.js'
import { internals, type EnrolmentState } from './state.js'

// model

/**
 * Where a customer stands at an instant, as if settled up to it.
 *
 * @example
 * import type { Standing } from 'loyalty-streaks'
 * const bar = (s: Standing): string => `${s.progress} / ${s.goal}`
 *
 * @since 0.2.0
 */
export interface Standing {
  /** The enrolment status at the instant. */
  readonly status: 'ENROLLED' | 'UNENROLLED'
  /** The cycle holding the instant, else the next one; none before anchoring or after the last. */
  readonly cycle: O.Option<CustomerCycle>
  /** That cycle's progress (0 without one). */
  readonly progress: number
  /** That cycle's goal. */
  readonly goal: number
  /** The lowest sub-target not reached in that cycle, with its threshold. */
  readonly nextSubTarget: O.Option<{
    /** The sub-target's name. */
    readonly name: string
    /** The progress that reaches it in that cycle. */
    readonly threshold: number
  }>
  /** Streaks: the count, the epoch, and the lowest level not achieved in this epoch. */
  readonly streak: O.Option<{
    /** The streak count. */
    readonly count: number
    /** The current epoch. */
    readonly epoch: number
    /** The lowest level not achieved in this epoch; none once all are. */
    readonly nextLevel: O.Option<number>
  }>
}

// operations

const standingOf = (state: EnrolmentState, customer: Customer, now: number): Standing => {
  const context = contextOf(state.target)
  const decision = decide(
    { type: 'SETTLE', customerId: customer.customerId, until: now },
    customer,
    context,
    { version: customer.version, owned: false },
  )
  const settled = decision.tag === 'DECIDED' ? decision.customer : customer
  const { window, target } = context
  const index =
    window.type === 'PERIOD_AGNOSTIC'
      ? window.count(settled) > settled.cycleEnds.length
        ? settled.cycleEnds.length + 1
        : 0
      : cycleHoldingOrNext(window, settled, now)
  const cycle: O.Option<CustomerCycle> =
    index === 0
      ? O.none
      : O.some({
          index,
          start: new Date(window.start(settled, index)),
          ...(Number.isFinite(window.end(settled, index))
            ? { end: new Date(window.end(settled, index)) }
            : {}),
          ...(window.type === 'FIXED' ? { refCode: target.cycles[index - 1]?.refCode ?? '' } : {}),
        })
  const progress = index === 0 ? undefined : progressOf(settled, index)
  const goal = goalOf(context, index === 0 ? 1 : index)
  const reached = progress?.subTargets ?? []
  const next = target.subTargets
    .map((s) => ({ name: s.name, threshold: thresholdOf(context, s, index === 0 ? 1 : index) }))
    .filter((s) => !reached.includes(s.name))
    .sort((a, b) => a.threshold - b.threshold)[0]
  const streak = streakOf(settled)
  return {
    status: settled.status,
    cycle,
    progress: progress?.value ?? 0,
    goal,
    nextSubTarget: O.fromNullable(next),
    streak:
      target.kind === 'STREAK'
        ? O.some({
            count: streak.count,
            epoch: streak.epoch,
            nextLevel: O.fromNullable(
              target.levels.find((l) => !streak.achievedLevels.includes(l)),
            ),
          })
        : O.none,
  }
}

/**
 * What a customer's app shows at `now`, as if the customer were settled up to it (the state is not
 * changed): the enrolment status, the cycle holding `now` (else the next one) with its progress and
 * goal, the next sub-target to reach there, and for streaks the count and the next level. None for a
 * customer never enrolled (or an id or instant that is not valid).
 *
 * @example
 * import { applyAll, defineMilestone, initialState, standing } from 'loyalty-streaks'
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
 * const s = standing(state, 7, new Date('2026-01-10T00:00:00Z'))
 * if (O.isSome(s)) console.log(`${s.value.progress} of ${s.value.goal}`) // 1 of 2
 *
 * @since 0.2.0
 */
export const standing = (
  state: EnrolmentState,
  customerId: number,
  now: Date,
): O.Option<Standing> => {
  const at = instantOf(now)
  if (!isPositiveSafeInteger(customerId) || Number.isNaN(at)) return O.none
  const customer = getCustomer(internals(state).customers, customerId)
  return customer === undefined ? O.none : O.some(standingOf(state, customer, at))
}
