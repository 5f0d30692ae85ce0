/**
 * What every operation returns (SPEC §6).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { EnrolmentError, Warning } from '../model/error.js'
import type { EnrolmentEvent } from '../model/event.js'
import type { EnrolmentState } from '../model/state.js'
import { openWorkspace, publish, type Workspace } from './workspace.js'

// model

/** What an operation emitted: its events (ordered by `at`) and any warnings. */
export interface Effects {
  readonly events: ReadonlyArray<EnrolmentEvent>
  readonly warnings: ReadonlyArray<Warning>
}

/** The new state, the events it emitted (ordered by `at`) and any warnings. */
export interface Transition extends Effects {
  readonly state: EnrolmentState
}

/** An operation's result: refused with an error, or a transition. */
export type Result = E.Either<EnrolmentError, Transition>

/** An operation's result inside a session or a batch: refused, or what it emitted. */
export type Effect = E.Either<EnrolmentError, Effects>

/** The warnings of an operation that has none (shared: most operations have none). */
export const noWarnings: ReadonlyArray<Warning> = Object.freeze([])

/**
 * The effect of an operation that emitted nothing and has no warning (shared and frozen: most
 * activities emit nothing, and a stream should not allocate a result for each).
 */
export const nothingEmitted: Effect = Object.freeze(
  E.right(Object.freeze({ events: Object.freeze([]), warnings: noWarnings })),
)

// operations

/**
 * Runs one operation in a workspace of its own and publishes it: the pure form of every operation.
 * A refused operation wrote nothing, and its workspace is dropped.
 */
export const once = (state: EnrolmentState, run: (workspace: Workspace) => Effect): Result => {
  const workspace = openWorkspace(state, false)
  const effect = run(workspace)
  return E.isLeft(effect) ? effect : E.right({ state: publish(workspace), ...effect.right })
}
