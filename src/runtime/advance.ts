/**
 * Settlement of every customer up to an instant (rules advance.*, settle.*).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { EnrolmentEvent } from '../model/event.js'
import { empty, type Customer } from '../rules/customer.js'
import { decideSettle } from '../rules/decide.js'
import { nextSettlement } from '../rules/settle.js'
import { forEachCustomer } from './customerMap.js'
import { checkNow } from './input.js'
import type { EnrolmentState } from './state.js'
import {
  byInstantThenCustomer,
  nothingEmitted,
  decideIn,
  keep,
  once,
  type Effect,
  type Result,
  type Workspace,
} from './workspace.js'

// operations

/**
 * Settles every customer up to `now` and returns what that emits: `PERIOD_END` rewards and
 * forfeits, broken streaks, balances achieved at their cycle's start. It never changes what is
 * owed, only when the host hears of it (rule advance.confluence). It moves the watermark; with
 * nothing to settle for anyone before `now`, it touches no customer (rule advance.idle).
 * Errors: 300004 (`now` invalid or earlier than the latest `advance`).
 *
 * @example
 * import { advance, applyAll, defineMilestone, initialState } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
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
 * const result = advance(state, new Date('2026-02-01T00:00:00Z'))
 * if (E.isRight(result)) console.log(result.right.events.map((e) => `${e.type} c${e.cycle}`)) // ['REWARD_ISSUED c1']
 *
 * @since 0.1.0
 */
export const advance = (state: EnrolmentState, now: Date): Result =>
  once(state, (workspace) => advanceIn(workspace, now))

/** `advance` in a workspace. */
export const advanceIn = (workspace: Workspace, now: Date): Effect => {
  const checked = checkNow(workspace.watermarkAt, now)
  if (E.isLeft(checked)) return checked
  const until = checked.right
  workspace.watermarkAt = until
  if (until < workspace.settlesFrom) return nothingEmitted
  const context = workspace.context
  const due: Array<Customer> = []
  let settlesFrom = Number.POSITIVE_INFINITY
  const consider = (customer: Customer): void => {
    const next = nextSettlement(context, customer)
    if (next <= until) due.push(customer)
    else settlesFrom = Math.min(settlesFrom, next)
  }
  for (const customer of workspace.written.values()) consider(customer)
  // The workspace's own records, written in place, come first: `due` holds `owned` of them.
  const owned = due.length
  forEachCustomer(workspace.published.customers, (customer, id) => {
    if (!workspace.written.has(id)) consider(customer)
  })
  // Exact again after a full visit; each customer settled below lowers it to its next boundary.
  workspace.settlesFrom = settlesFrom
  const events: Array<EnrolmentEvent> = []
  for (let i = 0; i < due.length; i++) {
    const customer = due[i] as Customer
    const command = { type: 'SETTLE', customerId: customer.customerId, until } as const
    const decision = decideIn(workspace, decideSettle, command, customer, i < owned)
    if (decision.tag !== 'DECIDED' || !decision.changed) continue
    keep(workspace, decision.customer, i < owned)
    // Most settle no event: their list is the shared frozen empty one, not worth an iterator.
    if (decision.events.length > 0) for (const event of decision.events) events.push(event)
  }
  // Ties in `at` are reported customer by customer, in ascending customer id (rule advance.order).
  return events.length === 0
    ? nothingEmitted
    : E.right({ events: byInstantThenCustomer(events), warnings: empty })
}
