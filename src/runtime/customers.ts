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
 * import { applyAll, customers, defineMilestone, initialState } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const target = defineMilestone({
 *   targetGroupId: 501, targetId: 1, metric: 'COUNT', goal: 2, allocation: 'PERIOD_END',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') }],
 * })
 * if (E.isLeft(target)) throw new Error(target.left.message)
 * const { state } = applyAll(initialState(target.right), [
 *   { kind: 'enroll', customerId: 9, now: new Date('2026-01-05T00:00:00Z') },
 *   { kind: 'enroll', customerId: 7, now: new Date('2026-01-05T00:00:00Z') },
 *   { kind: 'unenroll', customerId: 9, now: new Date('2026-01-06T00:00:00Z') },
 * ])
 * for (const enrolment of customers(state)) console.log(enrolment.customerId, enrolment.status)
 * // 7 ENROLLED
 * // 9 UNENROLLED
 *
 * @since 0.2.0
 */
export function* customers(state: EnrolmentState): Generator<Enrolment, void, undefined> {
  for (const customer of customersInIdOrder(internals(state).customers))
    yield enrolmentView(state.target, customer)
}

/**
 * How many customers the state holds, unenrolled ones included.
 *
 * @example
 * import { applyAll, customerCount, defineMilestone, initialState } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const target = defineMilestone({
 *   targetGroupId: 501, targetId: 1, metric: 'COUNT', goal: 2, allocation: 'PERIOD_END',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') }],
 * })
 * if (E.isLeft(target)) throw new Error(target.left.message)
 * const { state } = applyAll(initialState(target.right), [
 *   { kind: 'enroll', customerId: 9, now: new Date('2026-01-05T00:00:00Z') },
 *   { kind: 'unenroll', customerId: 9, now: new Date('2026-01-06T00:00:00Z') },
 * ])
 * console.log(customerCount(state)) // 1: unenrolled customers count
 *
 * @since 0.2.0
 */
export const customerCount = (state: EnrolmentState): number => internals(state).customers.size
