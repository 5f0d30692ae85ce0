/**
 * Every customer of a state, and how many there are (rule ops.customers).
 *
 * @since 0.2.0
 */
import type { Enrolment } from '../model/enrolment.js'
import { customersInIdOrder } from './customerMap.js'
import { enrolmentView } from './enrolmentOf.js'
import { internals, type EnrolmentState } from './state.js'

// operations

/**
 * Every customer's enrolment, in ascending customer id (unenrolled customers included).
 *
 * @example
 * import { customers, type EnrolmentState } from 'loyalty-streaks'
 * declare const state: EnrolmentState
 * for (const enrolment of customers(state)) console.log(enrolment.customerId, enrolment.status)
 */
export function* customers(state: EnrolmentState): Generator<Enrolment, void, undefined> {
  for (const customer of customersInIdOrder(internals(state).customers))
    yield enrolmentView(state.target, customer)
}

/**
 * How many customers the state holds, unenrolled ones included.
 *
 * @example
 * import { customerCount, type EnrolmentState } from 'loyalty-streaks'
 * declare const state: EnrolmentState
 * console.log(`${customerCount(state)} customers`)
 */
export const customerCount = (state: EnrolmentState): number => internals(state).customers.size
