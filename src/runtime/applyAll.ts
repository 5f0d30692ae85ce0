/**
 * Operations as data, and a batch of them applied in one call (for streams of transactions).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { EnrolmentError, Warning } from '../model/error.js'
import type { EnrolmentEvent } from '../model/event.js'
import { absurd } from '../internal/absurd.js'
import { advanceIn } from './advance.js'
import { enrollIn, type EnrollOptions } from './enroll.js'
import { recordActivityIn, type Activity } from './recordActivity.js'
import { reenrollIn, type ReenrollOptions } from './reenroll.js'
import type { EnrolmentState } from './state.js'
import { unenrollIn } from './unenroll.js'
import {
  once,
  openWorkspace,
  publish,
  type Effect,
  type Result,
  type Workspace,
} from './workspace.js'

// model

/** One call of the library, as data. */
export type Operation =
  | {
      readonly kind: 'enroll'
      readonly customerId: number
      readonly now: Date
      readonly options?: EnrollOptions | undefined
    }
  | { readonly kind: 'unenroll'; readonly customerId: number; readonly now: Date }
  | {
      readonly kind: 'reenroll'
      readonly customerId: number
      readonly now: Date
      readonly options?: ReenrollOptions | undefined
    }
  | { readonly kind: 'activity'; readonly customerId: number; readonly activity: Activity }
  | { readonly kind: 'advance'; readonly now: Date }

/** What a batch did: the final state, every event and warning in order, and each refused operation. */
export interface BatchResult {
  readonly state: EnrolmentState
  readonly events: ReadonlyArray<EnrolmentEvent>
  readonly warnings: ReadonlyArray<Warning>
  /** The operations refused, by their index in the batch; each changed nothing. */
  readonly errors: ReadonlyArray<{ readonly index: number; readonly error: EnrolmentError }>
}

// operations

/** Runs one {@link Operation} in a workspace. */
export const applyIn = (workspace: Workspace, operation: Operation): Effect => {
  switch (operation.kind) {
    case 'enroll':
      return enrollIn(workspace, operation.customerId, operation.now, operation.options)
    case 'unenroll':
      return unenrollIn(workspace, operation.customerId, operation.now)
    case 'reenroll':
      return reenrollIn(workspace, operation.customerId, operation.now, operation.options)
    case 'activity':
      return recordActivityIn(workspace, operation.customerId, operation.activity)
    case 'advance':
      return advanceIn(workspace, operation.now)
    default:
      return absurd(operation)
  }
}

/**
 * Runs one {@link Operation}: `enroll`, `unenroll`, `reenroll`, `recordActivity` or `advance`.
 *
 * @example
 * import { applyOperation, type EnrolmentState } from 'loyalty-streaks'
 * declare const state: EnrolmentState
 * const result = applyOperation(state, { kind: 'unenroll', customerId: 7, now: new Date('2026-03-15') })
 */
export const applyOperation = (state: EnrolmentState, operation: Operation): Result =>
  once(state, (workspace) => applyIn(workspace, operation))

/**
 * Applies `operations` in order, as if each were called on the state the previous one returned,
 * with the same events, warnings and refusals — but in one workspace: the map is written once, at
 * the end. The given state is never changed, and the returned state is as immutable as any other.
 *
 * @example
 * import { applyAll, type EnrolmentState } from 'loyalty-streaks'
 * declare const state: EnrolmentState
 * const { state: next, events, errors } = applyAll(state, [
 *   { kind: 'activity', customerId: 7, activity: { at: new Date('2026-03-02T10:00:00Z') } },
 *   { kind: 'advance', now: new Date('2026-04-01T00:00:00Z') },
 * ])
 */
export const applyAll = (state: EnrolmentState, operations: Iterable<Operation>): BatchResult => {
  const workspace = openWorkspace(state)
  const events: Array<EnrolmentEvent> = []
  const warnings: Array<Warning> = []
  const errors: Array<{ readonly index: number; readonly error: EnrolmentError }> = []
  let index = 0
  for (const operation of operations) {
    const effect = applyIn(workspace, operation)
    if (E.isLeft(effect)) errors.push({ index, error: effect.left })
    else {
      for (const e of effect.right.events) events.push(e)
      for (const w of effect.right.warnings) warnings.push(w)
    }
    index += 1
  }
  return { state: publish(workspace), events, warnings, errors }
}
