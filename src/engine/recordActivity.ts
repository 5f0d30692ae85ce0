/**
 * An activity of a customer, adding to the progress of the cycle it falls in (SPEC §3 recordActivity).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { cycleHolding } from '../model/cycle.js'
import type { EnrolmentError, Warning } from '../model/error.js'
import type { EnrolmentEvent } from '../model/event.js'
import type { EnrolmentState } from '../model/state.js'
import type { Target } from '../model/target.js'
import {
  isNonNegativeFinite,
  isPositiveFinite,
  isRecord,
  isValidDate,
  ownField,
} from '../internal/guards.js'
import { setProgress } from './achieve.js'
import { progressFor, settledAtMsOf, settledUpTo, sinceMsOf } from './draft.js'
import { customerIdProblem, describe, invalid, invalidInstant } from './input.js'
import { settle } from './settle.js'
import { nothingEmitted, noWarnings, once, type Effect, type Result } from './transition.js'
import { recordOf, writable, type Workspace } from './workspace.js'

// model

/** One activity: when it happened and, for `SUM` targets, its value. */
export interface Activity {
  readonly at: Date
  /** Required and > 0 for `SUM`; ignored for `COUNT` (each activity adds 1). */
  readonly value?: number
}

// operations

/**
 * `activity.value` for the target's metric: none if it is acceptable, else the error. (An Option,
 * not an Either of the amount: the check runs on every activity and allocates nothing.)
 */
const valueProblem = (target: Target, value: unknown): O.Option<EnrolmentError> => {
  if (target.metric === 'SUM')
    return isPositiveFinite(value)
      ? O.none
      : O.some(
          invalid(
            `activity.value must be a finite number > 0 for a SUM target, got ${describe(value)}`,
            'activity.value',
          ),
        )
  return value === undefined || isNonNegativeFinite(value)
    ? O.none
    : O.some(
        invalid(
          `activity.value must be a finite number ≥ 0 if given, got ${describe(value)}`,
          'activity.value',
        ),
      )
}

const warn = (code: Warning['code'], message: string): Effect =>
  E.right({ events: [], warnings: [{ code, message }] })

/**
 * Adds an activity to the progress of the cycle holding `activity.at`. The first time the progress
 * reaches the goal: `CYCLE_ACHIEVED`, and an `IMMEDIATE` milestone reward or the streak levels reached.
 * An activity the customer was not enrolled for, or whose cycle has closed, changes nothing and
 * carries a warning: hosts feed every transaction, so this is not an error.
 * Errors: 310011 (customerId), 300004 (`at`, `value`).
 *
 * @example
 * import { recordActivity, type EnrolmentState } from 'loyalty-streaks'
 * declare const state: EnrolmentState
 * const result = recordActivity(state, 423789336, { at: new Date('2026-01-05T10:00:00Z'), value: 120 })
 */
export const recordActivity = (
  state: EnrolmentState,
  customerId: number,
  activity: Activity,
): Result => once(state, (workspace) => recordActivityIn(workspace, customerId, activity))

/** `recordActivity` in a workspace. */
export const recordActivityIn = (
  workspace: Workspace,
  customerId: number,
  activity: Activity,
): Effect => {
  const badId = customerIdProblem(customerId)
  if (O.isSome(badId)) return E.left(badId.value)
  // Each field is read once: a getter cannot answer the check one thing and the count another.
  const input: unknown = activity
  if (!isRecord(input))
    return E.left(
      invalid(`activity must be an object { at, value }, got ${describe(input)}`, 'activity'),
    )
  const at = ownField(input, 'at')
  if (!isValidDate(at)) return E.left(invalidInstant(at, 'activity.at'))
  const value = ownField(input, 'value')
  const badValue = valueProblem(workspace.target, value)
  if (O.isSome(badValue)) return E.left(badValue.value)
  // COUNT adds 1 whatever the value; SUM adds the value, checked above to be a number > 0.
  return count(workspace, customerId, at, workspace.target.metric === 'SUM' ? (value as number) : 1)
}

/** Counts a checked activity, or says why it does not count. */
const count = (workspace: Workspace, customerId: number, at: Date, amount: number): Effect => {
  const target = workspace.target
  const stored = recordOf(workspace, customerId)
  if (stored === undefined) return warn('NOT_ENROLLED', `customer ${customerId} was never enrolled`)
  // SPEC §3: counted only while enrolled; an unenrolment freezes progress (see README, Rules).
  if (stored.status === 'UNENROLLED')
    return warn('NOT_ENROLLED', `customer ${customerId} is unenrolled`)
  const atMs = at.getTime()
  if (atMs < sinceMsOf(stored))
    return warn(
      'NOT_ENROLLED',
      `activity at ${at.toISOString()} is before the enrolment at ${stored.since.toISOString()}`,
    )
  const cycle = cycleHolding(target.cycles, at)
  if (cycle === undefined) return warn('OUTSIDE_CYCLES', `no cycle holds ${at.toISOString()}`)
  if (cycle.index < stored.startCycle)
    return warn(
      'NOT_ENROLLED',
      `customer ${customerId} takes part from cycle ${stored.startCycle}, not ${cycle.index}`,
    )
  // SPEC §2: the cycle must still be open at the watermark and at the customer's settled instant.
  const settledAtMs = settledAtMsOf(stored)
  const closedBy = O.isSome(workspace.watermark)
    ? Math.max(settledAtMs, workspace.watermark.value.getTime())
    : settledAtMs
  if (cycle.end.getTime() <= closedBy)
    return warn('CYCLE_CLOSED', `cycle ${cycle.index} closed at ${cycle.end.toISOString()}`)
  const draft = writable(workspace, stored)
  const events: Array<EnrolmentEvent> = []
  // The cycles ended by `at` are those before the one holding it.
  settle(target, draft, at, events, cycle.index - 1)
  const progress = progressFor(draft, cycle.index)
  setProgress(target, draft, progress, cycle, progress.value + amount, at, events)
  settledUpTo(draft, at)
  draft.version += 1
  return events.length === 0 ? nothingEmitted : E.right({ events, warnings: noWarnings })
}
