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
 *
 * @example
 * import type { CustomerCycle } from 'loyalty-streaks'
 * const open = (c: CustomerCycle): boolean => c.end === undefined
 *
 * @since 0.2.0
 */
export interface CustomerCycle {
  /** The customer's own 1-based index, as events carry it. */
  readonly index: number
  /** The first instant of the cycle. */
  readonly start: Date
  /** The first instant after it; absent while a `PERIOD_AGNOSTIC` cycle is open. */
  readonly end?: Date
  /** `FIXED` windows: the cycle's name. */
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
 * import { applyAll, cyclesOf, defineMilestone, initialState } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const target = defineMilestone({
 *   targetGroupId: 1, targetId: 1, metric: 'COUNT', goal: 3, allocation: 'IMMEDIATE', timeZone: 'UTC',
 *   window: { type: 'CYCLIC', frequency: 'WEEKLY', count: 4 },
 * })
 * if (E.isLeft(target)) throw new Error(target.left.message)
 * const { state } = applyAll(initialState(target.right), [
 *   { kind: 'enroll', customerId: 7, now: new Date('2026-03-02T09:00:00Z') },
 *   { kind: 'activity', customerId: 7, activity: { at: new Date('2026-03-04T18:30:00Z') } },
 * ])
 * for (const c of cyclesOf(state, 7)) console.log(c.index, c.start.toISOString())
 * // 1 2026-03-04T00:00:00.000Z (the day of the first activity)
 * // 2 2026-03-11T00:00:00.000Z …
 *
 * @since 0.2.0
 */
export const cyclesOf = (state: EnrolmentState, customerId: number): ReadonlyArray<CustomerCycle> =>
  cyclesOfCustomer(
    contextOf(state.target),
    isPositiveSafeInteger(customerId)
      ? getCustomer(internals(state).customers, customerId)
      : undefined,
  )
