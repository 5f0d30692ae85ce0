/**
 * A session: a stream of operations applied to one workspace, with immutable states published on demand.
 *
 * @since 0.1.0
 */
import { applyIn, type Operation } from './applyAll.js'
import type { EnrolmentState } from './state.js'
import { openWorkspace, publish, type Effect } from './workspace.js'

// model

/**
 * Operations applied one after another to a state, for a service consuming a stream of them.
 * Each `apply` has the events, warnings and refusals the pure call would have on the state so far;
 * the records it writes go into the state's map once, when `state()` publishes. The session is the
 * one mutable object the library hands out; every state it returns, and the state it was opened
 * on, stay immutable.
 *
 * @example
 * import type { Operation, Session } from 'loyalty-streaks'
 * const feed = (session: Session, operations: Iterable<Operation>): number => {
 *   let refused = 0
 *   for (const operation of operations) if (session.apply(operation)._tag === 'Left') refused += 1
 *   return refused
 * }
 *
 * @since 0.1.0
 */
export interface Session {
  /** Applies one operation to the state so far: its events and warnings, or its refusal. */
  readonly apply: (operation: Operation) => Effect
  /** The state so far, immutable: the session goes on from it. */
  readonly state: () => EnrolmentState
}

// constructors

/**
 * Opens a session on `state`, which it never changes.
 *
 * @example
 * import { defineMilestone, initialState, openSession, type EnrolmentState } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const target = defineMilestone({
 *   targetGroupId: 501, targetId: 1, metric: 'COUNT', goal: 2, allocation: 'PERIOD_END',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') }],
 * })
 * if (E.isLeft(target)) throw new Error(target.left.message)
 * const session = openSession(initialState(target.right))
 * for (const customerId of [7, 8, 9]) {
 *   const effect = session.apply({ kind: 'enroll', customerId, now: new Date('2026-01-05T00:00:00Z') })
 *   if (E.isRight(effect)) console.log(effect.right.events.map((e) => e.type)) // ['ENROLLED']
 * }
 * const state: EnrolmentState = session.state() // three customers, immutable
 *
 * @since 0.1.0
 */
export const openSession = (state: EnrolmentState): Session => {
  const workspace = openWorkspace(state)
  return {
    apply: (operation) => applyIn(workspace, operation),
    state: () => publish(workspace),
  }
}
