/**
 * Erasure of a customer on request (rule ops.forget).
 *
 * @since 0.2.0
 */
import { isPositiveSafeInteger } from '../internal/guards.js'
import { removeCustomer } from './customerMap.js'
import { internals, stateOf, type EnrolmentState } from './state.js'

// operations

/**
 * The state without `customerId`'s record: nothing of the customer is kept. A customer the state
 * does not hold (or an id that is not one) changes nothing: the same state comes back. A forgotten
 * customer who enrols again is a new customer.
 *
 * @example
 * import { applyAll, defineMilestone, enrolmentOf, forget, initialState } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as O from 'fp-ts/lib/Option.js'
 * const target = defineMilestone({
 *   targetGroupId: 501, targetId: 1, metric: 'COUNT', goal: 2, allocation: 'PERIOD_END',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') }],
 * })
 * if (E.isLeft(target)) throw new Error(target.left.message)
 * const { state } = applyAll(initialState(target.right), [{ kind: 'enroll', customerId: 7, now: new Date('2026-01-05T00:00:00Z') },])
 * const erased = forget(state, 7)
 * console.log(O.isNone(enrolmentOf(erased, 7))) // true
 *
 * @since 0.2.0
 */
export const forget = (state: EnrolmentState, customerId: number): EnrolmentState => {
  if (!isPositiveSafeInteger(customerId)) return state
  const inside = internals(state)
  const customers = removeCustomer(inside.customers, customerId)
  if (customers === inside.customers) return state
  return stateOf(inside.target, customers, inside.watermarkAt, inside.settlesFrom)
}
