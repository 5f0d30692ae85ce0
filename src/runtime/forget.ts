/**
 * Erasure of a customer on request (rule ops.forget).
 *
 * @since 0.2.0
 */
import { isPositiveSafeInteger } from '../internal/guards.js'
import { removeCustomer } from './customerMap.js'
import { internals, type EnrolmentState, type State } from './state.js'

// operations

/**
 * The state without `customerId`'s record: nothing of the customer is kept. A customer the state
 * does not hold (or an id that is not one) changes nothing: the same state comes back. A forgotten
 * customer who enrols again is a new customer.
 *
 * @example
 * import { forget, type EnrolmentState } from 'loyalty-streaks'
 * declare const state: EnrolmentState
 * const erased: EnrolmentState = forget(state, 423789336)
 */
export const forget = (state: EnrolmentState, customerId: number): EnrolmentState => {
  if (!isPositiveSafeInteger(customerId)) return state
  const inside = internals(state)
  const customers = removeCustomer(inside.customers, customerId)
  if (customers === inside.customers) return state
  const forgotten: State = { ...inside, customers }
  return forgotten
}
