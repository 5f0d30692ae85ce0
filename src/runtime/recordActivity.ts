/**
 * An activity of a customer, adding to the progress of the cycle it falls in (rules activity.*).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { activityCommand, customerIdProblem } from './input.js'
import type { EnrolmentState } from './state.js'
import { once, recordOf, run, type Effect, type Result, type Workspace } from './workspace.js'

// model

/** One activity: when it happened and, for `SUM` targets, its value (negative: a return, where allowed). */
export interface Activity {
  readonly at: Date
  /** Required for `SUM`; ignored for `COUNT` and `VISIT` (each activity counts once). */
  readonly value?: number | undefined
}

// operations

/**
 * Adds an activity to the progress of the customer's cycle holding `activity.at`. The first time
 * the progress reaches a sub-target or the goal: `SUB_TARGET_REACHED`, `CYCLE_ACHIEVED`, and an
 * `IMMEDIATE` milestone reward or the streak levels reached. An activity the customer was not
 * enrolled for, or whose cycle has closed, changes nothing and carries a warning: hosts feed every
 * transaction, so this is not an error.
 * Errors: 310011 (customerId), 300004 (`at`, `value`, or a progress that would not be finite).
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
  if (badId !== undefined) return E.left(badId)
  const command = activityCommand(workspace.target, customerId, activity, workspace.watermarkAt)
  return 'code' in command
    ? E.left(command)
    : run(workspace, command, recordOf(workspace, customerId))
}
