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
 * import { nextDueAt, type EnrolmentState } from 'loyalty-streaks'
 * import * as O from 'fp-ts/lib/Option.js'
 * declare const state: EnrolmentState
 * const due = nextDueAt(state, 423789336) // e.g. some(2026-02-01T00:00:00.000Z)
 * if (O.isSome(due)) console.log(`sweep after ${due.value.toISOString()}`)
 */
export const nextDueAt = (state: EnrolmentState, customerId: number): O.Option<Date> => {
  if (!isPositiveSafeInteger(customerId)) return O.none
  const customer = getCustomer(internals(state).customers, customerId)
  if (customer === undefined) return O.none
  const due = dueAt(contextOf(state.target), customer)
  return due === undefined ? O.none : O.some(new Date(due))
}
