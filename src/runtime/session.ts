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
 * import { openSession, type EnrolmentState, type Operation } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * declare const state: EnrolmentState
 * declare const stream: Iterable<Operation>
 * const session = openSession(state)
 * for (const operation of stream) {
 *   const effect = session.apply(operation)
 *   if (E.isRight(effect)) console.log(effect.right.events)
 * }
 * const next: EnrolmentState = session.state()
 */
export const openSession = (state: EnrolmentState): Session => {
  const workspace = openWorkspace(state)
  return {
    apply: (operation) => applyIn(workspace, operation),
    state: () => publish(workspace),
  }
}
