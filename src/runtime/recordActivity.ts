/**
 * An activity of a customer, adding to the progress of the cycle it falls in (rules activity.*).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { decideActivity } from '../rules/decide.js'
import { activityCommand, customerIdProblem } from './input.js'
import type { EnrolmentState } from './state.js'
import { once, recordOf, run, type Effect, type Result, type Workspace } from './workspace.js'

// model

/**
 * One activity: when it happened and, for `SUM` targets, its value (negative: a return, where allowed).
 *
 * @example
 * import type { Activity } from 'loyalty-streaks'
 * const purchase: Activity = { at: new Date('2026-03-02T10:00:00Z'), value: 25 }
 * const refund: Activity = { at: new Date('2026-03-02T10:00:00Z'), value: -25 } // targets with allowReturns
 *
 * @since 0.1.0
 */
export interface Activity {
  /** When it happened: it counts in the customer's cycle holding this instant. */
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
 * import { applyAll, defineMilestone, initialState, recordActivity } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const target = defineMilestone({
 *   targetGroupId: 501, targetId: 1, metric: 'COUNT', goal: 2, allocation: 'PERIOD_END',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') }],
 * })
 * if (E.isLeft(target)) throw new Error(target.left.message)
 * const { state } = applyAll(initialState(target.right), [
 *   { kind: 'enroll', customerId: 7, now: new Date('2026-01-05T00:00:00Z') },
 *   { kind: 'activity', customerId: 7, activity: { at: new Date('2026-01-06T10:00:00Z') } },
 * ])
 * const result = recordActivity(state, 7, { at: new Date('2026-01-07T10:00:00Z') })
 * if (E.isRight(result)) console.log(result.right.events.map((e) => e.type)) // ['CYCLE_ACHIEVED']
 * const stranger = recordActivity(state, 8, { at: new Date('2026-01-07T10:00:00Z') })
 * if (E.isRight(stranger)) console.log(stranger.right.warnings.map((w) => w.code)) // ['NOT_ENROLLED']
 *
 * @since 0.1.0
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
    : run(workspace, decideActivity, command, recordOf(workspace, customerId))
}
