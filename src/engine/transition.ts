/**
 * What every operation returns (SPEC §6).
 *
 * @since 0.1.0
 */
import type * as E from 'fp-ts/lib/Either.js'
import type { EnrolmentError, Warning } from '../model/error.js'
import type { EnrolmentEvent } from '../model/event.js'
import type { EnrolmentState } from '../model/state.js'

// model

/** The new state, the events it emitted (ordered by `at`) and any warnings. */
export interface Transition {
  readonly state: EnrolmentState
  readonly events: ReadonlyArray<EnrolmentEvent>
  readonly warnings: ReadonlyArray<Warning>
}

/** An operation's result: refused with an error, or a transition. */
export type Result = E.Either<EnrolmentError, Transition>
