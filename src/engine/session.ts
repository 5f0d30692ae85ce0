/**
 * A session: a stream of operations applied in place, with immutable states published on demand.
 *
 * @since 0.2.0
 */
import type { EnrolmentState } from '../model/state.js'
import { applyIn, type Operation } from './applyAll.js'
import type { Effect } from './transition.js'
import { openWorkspace, publish } from './workspace.js'

// model

/**
 * Operations applied one after another to a state, for a service consuming a stream of them.
 * Each `apply` has the events, warnings and refusals the pure call would have on the state so far,
 * but a customer's record is copied once per session (until the next `state()`), not once per
 * operation. The session is the one mutable object the library hands out; every state it returns,
 * and the state it was opened on, stay immutable.
 */
export interface Session {
  /** Applies one operation to the state so far: its events and warnings, or its refusal. */
  readonly apply: (operation: Operation) => Effect
  /**
   * The state so far, immutable and shared with nothing the session writes: the session goes on
   * from it, and copies a customer's record again the next time it writes one.
   */
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
  const workspace = openWorkspace(state, true)
  return {
    apply: (operation) => applyIn(workspace, operation),
    state: () => publish(workspace),
  }
}
