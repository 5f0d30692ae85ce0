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

/**
 * One call of the library, as data: what `applyAll`, `applyOperation` and a session's `apply` take.
 *
 * @example
 * import type { Operation } from 'loyalty-streaks'
 * const stream: ReadonlyArray<Operation> = [
 *   { kind: 'enroll', customerId: 7, now: new Date('2026-01-05T00:00:00Z'), options: { period: 'c1' } },
 *   { kind: 'activity', customerId: 7, activity: { at: new Date('2026-01-06T10:00:00Z') } },
 *   { kind: 'advance', now: new Date('2026-02-01T00:00:00Z') },
 * ]
 *
 * @since 0.1.0
 */
export type Operation =
  | {
      /** `enroll(state, customerId, now, options)`. */
      readonly kind: 'enroll'
      /** The customer. */
      readonly customerId: number
      /** The instant of the call. */
      readonly now: Date
      /** As `enroll` takes them. */
      readonly options?: EnrollOptions | undefined
    }
  | {
      /** `unenroll(state, customerId, now)`. */
      readonly kind: 'unenroll'
      /** The customer. */
      readonly customerId: number
      /** The instant of the call. */
      readonly now: Date
    }
  | {
      /** `reenroll(state, customerId, now, options)`. */
      readonly kind: 'reenroll'
      /** The customer. */
      readonly customerId: number
      /** The instant of the call. */
      readonly now: Date
      /** As `reenroll` takes them. */
      readonly options?: ReenrollOptions | undefined
    }
  | {
      /** `recordActivity(state, customerId, activity)`. */
      readonly kind: 'activity'
      /** The customer. */
      readonly customerId: number
      /** The activity. */
      readonly activity: Activity
    }
  | {
      /** `advance(state, now)`. */
      readonly kind: 'advance'
      /** The instant to settle everyone up to. */
      readonly now: Date
    }

/**
 * What a batch did: the final state, every event and warning in order, and each refused operation.
 *
 * @example
 * import type { BatchResult } from 'loyalty-streaks'
 * const refusals = (batch: BatchResult): string =>
 *   batch.errors.map(({ index, error }) => `#${index}: ${error.code}`).join(', ')
 *
 * @since 0.1.0
 */
export interface BatchResult {
  /** The state after the last operation. */
  readonly state: EnrolmentState
  /** Every event, operation by operation, each operation's ordered by `at`. */
  readonly events: ReadonlyArray<EnrolmentEvent>
  /** Every warning, operation by operation. */
  readonly warnings: ReadonlyArray<Warning>
  /** The operations refused, by their index in the batch; each changed nothing. */
  readonly errors: ReadonlyArray<{
    /** The operation's position in the batch, from 0. */
    readonly index: number
    /** Why it was refused. */
    readonly error: EnrolmentError
  }>
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
 * import { applyOperation, defineMilestone, initialState } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const target = defineMilestone({
 *   targetGroupId: 501, targetId: 1, metric: 'COUNT', goal: 2, allocation: 'PERIOD_END',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') }],
 * })
 * if (E.isLeft(target)) throw new Error(target.left.message)
 * const operation = { kind: 'enroll', customerId: 7, now: new Date('2026-01-05T00:00:00Z') } as const
 * const result = applyOperation(initialState(target.right), operation) // as enroll(state, 7, now)
 * if (E.isRight(result)) console.log(result.right.events.map((e) => e.type)) // ['ENROLLED']
 *
 * @since 0.1.0
 */
export const applyOperation = (state: EnrolmentState, operation: Operation): Result =>
  once(state, (workspace) => applyIn(workspace, operation))

/**
 * Applies `operations` in order, as if each were called on the state the previous one returned,
 * with the same events, warnings and refusals — but in one workspace: the map is written once, at
 * the end. The given state is never changed, and the returned state is as immutable as any other.
 *
 * @example
 * import { applyAll, defineMilestone, initialState } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const target = defineMilestone({
 *   targetGroupId: 501, targetId: 1, metric: 'COUNT', goal: 2, allocation: 'PERIOD_END',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') }],
 * })
 * if (E.isLeft(target)) throw new Error(target.left.message)
 * const { state, events, errors } = applyAll(initialState(target.right), [
 *   { kind: 'enroll', customerId: 7, now: new Date('2026-01-05T00:00:00Z') },
 *   { kind: 'activity', customerId: 7, activity: { at: new Date('2026-01-06T10:00:00Z') } },
 *   { kind: 'activity', customerId: 7, activity: { at: new Date('2026-01-07T10:00:00Z') } },
 *   { kind: 'unenroll', customerId: 8, now: new Date('2026-01-08T00:00:00Z') }, // refused: not enrolled
 *   { kind: 'advance', now: new Date('2026-02-01T00:00:00Z') },
 * ])
 * console.log(events.map((e) => e.type)) // ['ENROLLED', 'CYCLE_ACHIEVED', 'REWARD_ISSUED']
 * console.log(errors.map((e) => `#${e.index} ${e.error.code}`)) // ['#3 310126']
 *
 * @since 0.1.0
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
      // Most operations emit nothing: their lists are shared frozen empty ones, not worth an iterator.
      const emitted = effect.right
      if (emitted.events.length > 0) for (const e of emitted.events) events.push(e)
      if (emitted.warnings.length > 0) for (const w of emitted.warnings) warnings.push(w)
    }
    index += 1
  }
  return { state: publish(workspace), events, warnings, errors }
}
