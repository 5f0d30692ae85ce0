/**
 * An activity of a customer, adding to the progress of the cycle it falls in (SPEC §3 recordActivity).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { cycleHolding } from '../model/cycle.js'
import type { Warning } from '../model/error.js'
import type { EnrolmentEvent } from '../model/event.js'
import type { EnrolmentState } from '../model/state.js'
import type { Target } from '../model/target.js'
import {
  isNonNegativeFinite,
  isPositiveFinite,
  isRecord,
  isValidDate,
  laterOf,
  ownField,
} from '../internal/guards.js'
import { setProgress } from './achieve.js'
import { progressFor } from './draft.js'
import { customerIdProblem, describe, invalid } from './input.js'
import { settle } from './settle.js'
import { noWarnings, once, type Effect, type Effects, type Result } from './transition.js'
import { recordOf, writable, type Workspace } from './workspace.js'

// model

/** One activity: when it happened and, for `SUM` targets, its value. */
export interface Activity {
  readonly at: Date
  /** Required and > 0 for `SUM`; ignored for `COUNT` (each activity adds 1). */
  readonly value?: number
}

// operations

interface CheckedActivity {
  readonly at: Date
  readonly amount: number
}

const checkActivity = (
  target: Target,
  activity: unknown,
): E.Either<ReturnType<typeof invalid>, CheckedActivity> => {
  if (!isRecord(activity))
    return E.left(
      invalid(`activity must be an object { at, value }, got ${describe(activity)}`, 'activity'),
    )
  const at = ownField(activity, 'at')
  if (!isValidDate(at))
    return E.left(invalid(`activity.at must be a valid Date, got ${describe(at)}`, 'activity.at'))
  const value = ownField(activity, 'value')
  if (target.metric === 'SUM')
    return isPositiveFinite(value)
      ? E.right({ at, amount: value })
      : E.left(
          invalid(
            `activity.value must be a finite number > 0 for a SUM target, got ${describe(value)}`,
            'activity.value',
          ),
        )
  return value === undefined || isNonNegativeFinite(value)
    ? E.right({ at, amount: 1 })
    : E.left(
        invalid(
          `activity.value must be a finite number ≥ 0 if given, got ${describe(value)}`,
          'activity.value',
        ),
      )
}

const warn = (code: Warning['code'], message: string): Effects => ({
  events: [],
  warnings: [{ code, message }],
})

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
  const checked = checkActivity(workspace.target, activity)
  if (E.isLeft(checked)) return checked
  return E.right(count(workspace, customerId, checked.right))
}

/** Counts a checked activity, or says why it does not count. */
const count = (
  workspace: Workspace,
  customerId: number,
  { at, amount }: CheckedActivity,
): Effects => {
  const target = workspace.target
  const stored = recordOf(workspace, customerId)
  if (stored === undefined) return warn('NOT_ENROLLED', `customer ${customerId} was never enrolled`)
  // SPEC §3: counted only while enrolled; an unenrolment freezes progress (see README, Rules).
  if (stored.status === 'UNENROLLED')
    return warn('NOT_ENROLLED', `customer ${customerId} is unenrolled`)
  if (at.getTime() < stored.since.getTime())
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
  const closedBy = O.isSome(workspace.watermark)
    ? laterOf(stored.settledAt, workspace.watermark.value)
    : stored.settledAt
  if (cycle.end.getTime() <= closedBy.getTime())
    return warn('CYCLE_CLOSED', `cycle ${cycle.index} closed at ${cycle.end.toISOString()}`)
  const draft = writable(workspace, stored)
  const events: Array<EnrolmentEvent> = []
  // The cycles ended by `at` are those before the one holding it.
  settle(target, draft, at, events, cycle.index - 1)
  const progress = progressFor(draft, cycle.index)
  setProgress(target, draft, progress, cycle, progress.value + amount, at, events)
  draft.settledAt = laterOf(draft.settledAt, at)
  draft.version += 1
  return { events, warnings: noWarnings }
}
