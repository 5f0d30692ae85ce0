/**
 * The state of one target's enrolments: what every operation takes and returns (SPEC §2, §3).
 *
 * @since 0.1.0
 */
import * as O from 'fp-ts/lib/Option.js'
import type { Enrolment } from './enrolment.js'
import type { Target } from './target.js'
import { emptyCustomerMap, getCustomer, type CustomerMap } from '../internal/customerMap.js'
import { isPositiveSafeInteger } from '../internal/guards.js'

// model

/**
 * Every customer's enrolment in one target, and the clock the operations have been given.
 * Immutable: operations return a new state that shares every record they did not touch.
 */
export interface EnrolmentState {
  readonly target: Target
  /** The latest `now` given to `enroll`, `unenroll`, `reenroll` or `advance` (SPEC §2). */
  readonly watermark: O.Option<Date>
  /** The latest `now` given to `advance`: every customer is settled up to it. */
  readonly advancedTo: O.Option<Date>
  readonly enrolments: CustomerMap<Enrolment>
}

// constructors

/**
 * The state of a target nobody is enrolled in yet.
 *
 * @example
 * import { defineMilestone, initialState } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const target = defineMilestone({
 *   targetGroupId: 1, targetId: 1, metric: 'COUNT', goal: 1, allocation: 'IMMEDIATE',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01'), end: new Date('2026-02-01') }],
 * })
 * if (E.isRight(target)) initialState(target.right)
 */
export const initialState = (target: Target): EnrolmentState => ({
  target,
  watermark: O.none,
  advancedTo: O.none,
  enrolments: emptyCustomerMap(),
})

// operations

/**
 * The enrolment of `customerId`, or none if the customer was never enrolled.
 *
 * @example
 * import { enrolmentOf, type EnrolmentState } from 'loyalty-streaks'
 * import * as O from 'fp-ts/lib/Option.js'
 * const isEnrolled = (state: EnrolmentState, id: number): boolean =>
 *   O.exists((e: { status: string }) => e.status === 'ENROLLED')(enrolmentOf(state, id))
 */
export const enrolmentOf = (state: EnrolmentState, customerId: number): O.Option<Enrolment> =>
  isPositiveSafeInteger(customerId)
    ? O.fromNullable(getCustomer(state.enrolments, customerId))
    : O.none
