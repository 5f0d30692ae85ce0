/**
 * The state of one target's enrolments: what every operation takes and returns.
 *
 * @since 0.1.0
 */
import * as O from 'fp-ts/lib/Option.js'
import type { Target } from '../model/target.js'
import type { Customer, Instant } from '../rules/customer.js'
import { emptyCustomerMap, type CustomerMap } from './customerMap.js'

// model

/**
 * Every customer's enrolment in one target, and the clock `advance` has been given. Immutable:
 * operations return a new state that shares every record they did not touch. Opaque beyond its
 * target and watermark: read it with `enrolmentOf`, `customers`, `customerCount`, `nextDueAt`.
 *
 * @example
 * import { defineMilestone, initialState } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as O from 'fp-ts/lib/Option.js'
 * const target = defineMilestone({
 *   targetGroupId: 501, targetId: 1, metric: 'COUNT', goal: 2, allocation: 'PERIOD_END',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') }],
 * })
 * if (E.isLeft(target)) throw new Error(target.left.message)
 * const state = initialState(target.right)
 * console.log(state.target.name, O.isNone(state.watermark)) // '' true
 *
 * @since 0.1.0
 */
export interface EnrolmentState {
  /** The target this state holds the enrolments of. */
  readonly target: Target
  /** The latest `now` given to `advance` (rule time.watermark). */
  readonly watermark: O.Option<Date>
}

/** What the runtime keeps behind the public face of a state. */
export interface State extends EnrolmentState {
  readonly customers: CustomerMap<Customer>
  /** `watermark` in milliseconds, or -Infinity before the first `advance`. */
  readonly watermarkAt: Instant
  /**
   * No customer has anything to settle before this instant (a lower bound): an `advance` before it
   * touches nobody (rule advance.idle).
   */
  readonly settlesFrom: Instant
}

// constructors

/**
 * The state of a target nobody is enrolled in yet.
 *
 * @example
 * import { defineMilestone, initialState } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const target = defineMilestone({
 *   targetGroupId: 501, targetId: 1, metric: 'COUNT', goal: 2, allocation: 'PERIOD_END',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') }],
 * })
 * if (E.isLeft(target)) throw new Error(target.left.message)
 * const state = initialState(target.right) // nobody enrolled, no advance yet
 *
 * @since 0.1.0
 */
export const initialState = (target: Target): EnrolmentState =>
  stateOf(target, emptyCustomerMap(), Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)

/**
 * A state as the runtime makes it. The watermark is kept as an instant and read as a new `Date` at
 * every read (rule state.dates-are-values); a getter of the class, not of each state, so that
 * making a state (once per pure call) costs no more than a plain object.
 */
class RuntimeState implements State {
  constructor(
    readonly target: Target,
    readonly customers: CustomerMap<Customer>,
    readonly watermarkAt: Instant,
    readonly settlesFrom: Instant,
  ) {}

  get watermark(): O.Option<Date> {
    return this.watermarkAt === Number.NEGATIVE_INFINITY
      ? O.none
      : O.some(new Date(this.watermarkAt))
  }
}

/** A state from its parts. */
export const stateOf = (
  target: Target,
  customers: CustomerMap<Customer>,
  watermarkAt: Instant,
  settlesFrom: Instant,
): State => new RuntimeState(target, customers, watermarkAt, settlesFrom)

/** The runtime's view of a state the library made. */
export const internals = (state: EnrolmentState): State => state as State
