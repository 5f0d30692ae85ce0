/**
 * A customer's own cycles (rule window.cycles-of).
 *
 * @since 0.2.0
 */
import type { Customer } from '../rules/customer.js'
import type { Context } from '../rules/context.js'
import { isPositiveSafeInteger } from '../internal/guards.js'
import { contextOf } from './contextOf.js'
import { getCustomer } from './customerMap.js'
import { internals, type EnrolmentState } from './state.js'

// model

/**
 * One of a customer's cycles: `[start, end)`, `end` absent while a `PERIOD_AGNOSTIC` cycle is open.
 * `FIXED` cycles also carry their `refCode`.
 */
export interface CustomerCycle {
  readonly index: number
  readonly start: Date
  readonly end?: Date
  readonly refCode?: string
}

// operations

/** The customer's cycles as the rules know them (none before anchoring). */
export const cyclesOfCustomer = (
  context: Context,
  customer: Customer | undefined,
): ReadonlyArray<CustomerCycle> => {
  const { window, target } = context
  if (window.type === 'FIXED')
    return target.cycles.map((c) => ({
      index: c.index,
      start: new Date(c.start.getTime()),
      end: new Date(c.end.getTime()),
      refCode: c.refCode,
    }))
  const count = window.count(customer)
  return Array.from({ length: count }, (_, i) => {
    const end = window.end(customer, i + 1)
    const start = new Date(window.start(customer, i + 1))
    return Number.isFinite(end)
      ? { index: i + 1, start, end: new Date(end) }
      : { index: i + 1, start }
  })
}

/**
 * Every cycle of the customer that is known: a `FIXED` target's cycles (shared by everyone); a
 * `CYCLIC` customer's `count` cycles once anchored by their first activity; a `PERIOD_AGNOSTIC`
 * customer's achieved cycles and the open one. None before anchoring, nor for a customer the state
 * does not hold in a per-customer window.
 *
 * @example
 * import { cyclesOf, type EnrolmentState } from 'loyalty-streaks'
 * declare const state: EnrolmentState
 * for (const c of cyclesOf(state, 423789336)) console.log(c.index, c.start, c.end)
 */
export const cyclesOf = (state: EnrolmentState, customerId: number): ReadonlyArray<CustomerCycle> =>
  cyclesOfCustomer(
    contextOf(state.target),
    isPositiveSafeInteger(customerId)
      ? getCustomer(internals(state).customers, customerId)
      : undefined,
  )
