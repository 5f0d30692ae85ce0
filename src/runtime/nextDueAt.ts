/**
 * When `advance` next has something to say about a customer (rule ops.next-due-at).
 *
 * @since 0.2.0
 */
import * as O from 'fp-ts/lib/Option.js'
import { isPositiveSafeInteger } from '../internal/guards.js'
import { nextDueAt as dueAt } from '../rules/settle.js'
import { contextOf } from './contextOf.js'
import { getCustomer } from './customerMap.js'
import { internals, type EnrolmentState } from './state.js'

// operations

/**
 * The earliest instant at which `advance` would emit an event for this customer — a `PERIOD_END`
 * reward or forfeit, a broken streak, a balance achieved at its cycle's start — or none if nothing
 * can come without new input (an unachieved `PERIOD_END` cycle, a `CONTINUOUS` streak at count 0,
 * a customer never enrolled). A host stores it beside the customer's row, and its sweep settles only
 * the customers whose instant has passed.
 *
 * @example
 * import { applyAll, defineMilestone, initialState, nextDueAt } from 'loyalty-streaks'
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
 *   { kind: 'activity', customerId: 7, activity: { at: new Date('2026-01-07T10:00:00Z') } },
 * ])
 * const due = nextDueAt(state, 7) // c1's reward, at its end
 * if (O.isSome(due)) console.log(`settle customer 7 at ${due.value.toISOString()}`) // 2026-02-01T00:00:00.000Z
 *
 * @since 0.2.0
 */
export const nextDueAt = (state: EnrolmentState, customerId: number): O.Option<Date> => {
  if (!isPositiveSafeInteger(customerId)) return O.none
  const customer = getCustomer(internals(state).customers, customerId)
  if (customer === undefined) return O.none
  const due = dueAt(contextOf(state.target), customer)
  return due === undefined ? O.none : O.some(new Date(due))
}
