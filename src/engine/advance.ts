/**
 * Settlement of every customer up to an instant (SPEC §3 advance, §5).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { countEndedBy, countStartedBy } from '../model/cycle.js'
import { byInstant, type EnrolmentEvent } from '../model/event.js'
import type { EnrolmentState } from '../model/state.js'
import type { Target } from '../model/target.js'
import { forEachCustomer } from '../internal/customerMap.js'
import { isAscending } from '../internal/isAscending.js'
import { checkNow } from './input.js'
import { isDue, settle } from './settle.js'
import { nothingEmitted, noWarnings, once, type Effect, type Result } from './transition.js'
import { writable, type Workspace } from './workspace.js'

// operations

/** No cycle starts or ends in `(from, to]`: nothing can be due for anyone. */
const isIdle = (target: Target, from: O.Option<Date>, to: Date): boolean =>
  O.isSome(from) &&
  countEndedBy(target.cycles, from.value) === countEndedBy(target.cycles, to) &&
  countStartedBy(target.cycles, from.value) === countStartedBy(target.cycles, to)

/**
 * Settles every cycle end ≤ `now` for every customer and returns what that emits: `PERIOD_END`
 * rewards and forfeits, broken streaks. It never changes what is owed, only when the host hears of
 * it. With no cycle boundary since the last `advance` it touches no customer.
 * Errors: 300004 (`now` invalid or earlier than the latest operation).
 *
 * @example
 * import { advance, type EnrolmentState } from 'loyalty-streaks'
 * declare const state: EnrolmentState
 * const result = advance(state, new Date('2026-02-01T00:00:00Z'))
 */
export const advance = (state: EnrolmentState, now: Date): Result =>
  once(state, (workspace) => advanceIn(workspace, now))

/** `advance` in a workspace. */
export const advanceIn = (workspace: Workspace, now: Date): Effect => {
  const at = checkNow(workspace, now)
  if (E.isLeft(at)) return at
  const target = workspace.target
  const idle = isIdle(target, workspace.advancedTo, at.right)
  workspace.watermark = O.some(at.right)
  workspace.advancedTo = O.some(at.right)
  if (idle) return nothingEmitted
  const ended = countEndedBy(target.cycles, at.right)
  // Drafts of the published records with something due; the workspace's own drafts are all below.
  forEachCustomer(workspace.published.enrolments, (record, customerId) => {
    if (!workspace.drafts.has(customerId) && isDue(target, record, at.right, ended))
      writable(workspace, record)
  })
  const events: Array<EnrolmentEvent> = []
  for (const draft of workspace.drafts.values())
    if (settle(target, draft, at.right, events, ended)) draft.version += 1
  if (events.length === 0) return nothingEmitted
  // Ties in `at` arise customer by customer, in ascending customer id. Each customer's events are
  // adjacent and in order, and the sort is stable, so ordering by customer keeps them so.
  const byCustomer = isAscending(events, (event) => event.customerId)
    ? events
    : events.sort((a, b) => a.customerId - b.customerId)
  return E.right({ events: byInstant(byCustomer), warnings: noWarnings })
}
