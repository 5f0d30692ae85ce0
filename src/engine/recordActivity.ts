/**
 * An activity of a customer, adding to the progress of the cycle it falls in (SPEC §3 recordActivity).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { cycleContaining } from '../model/cycle.js'
import type { Warning } from '../model/error.js'
import type { EnrolmentState } from '../model/state.js'
import type { Target } from '../model/target.js'
import { getCustomer } from '../internal/customerMap.js'
import {
  isNonNegativeFinite,
  isPositiveFinite,
  isRecord,
  laterOf,
  ownField,
} from '../internal/guards.js'
import { progressOf, setProgress } from './achieve.js'
import { commit, unchanged } from './commit.js'
import { checkCustomerId, checkInstant, describe, invalid } from './input.js'
import { settle } from './settle.js'
import type { Result } from './transition.js'

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
  const at = checkInstant(ownField(activity, 'at'), 'activity.at')
  if (E.isLeft(at)) return at
  const value = ownField(activity, 'value')
  if (target.metric === 'SUM')
    return isPositiveFinite(value)
      ? E.right({ at: at.right, amount: value })
      : E.left(
          invalid(
            `activity.value must be a finite number > 0 for a SUM target, got ${describe(value)}`,
            'activity.value',
          ),
        )
  return value === undefined || isNonNegativeFinite(value)
    ? E.right({ at: at.right, amount: 1 })
    : E.left(
        invalid(
          `activity.value must be a finite number ≥ 0 if given, got ${describe(value)}`,
          'activity.value',
        ),
      )
}

const warning = (code: Warning['code'], message: string): ReadonlyArray<Warning> => [
  { code, message },
]

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
): Result => {
  const id = checkCustomerId(customerId)
  if (E.isLeft(id)) return id
  const checked = checkActivity(state.target, activity)
  if (E.isLeft(checked)) return checked
  return E.right(count(state, id.right, checked.right))
}

/** Counts a checked activity, or says why it does not count. */
const count = (state: EnrolmentState, customerId: number, { at, amount }: CheckedActivity) => {
  const target = state.target
  const stored = getCustomer(state.enrolments, customerId)
  if (stored === undefined)
    return unchanged(state, warning('NOT_ENROLLED', `customer ${customerId} was never enrolled`))
  // SPEC §3: counted only while enrolled; an unenrolment freezes progress (see README, Rules).
  if (stored.status === 'UNENROLLED')
    return unchanged(state, warning('NOT_ENROLLED', `customer ${customerId} is unenrolled`))
  if (at.getTime() < stored.since.getTime())
    return unchanged(
      state,
      warning(
        'NOT_ENROLLED',
        `activity at ${at.toISOString()} is before the enrolment at ${stored.since.toISOString()}`,
      ),
    )
  const found = cycleContaining(target.cycles, at)
  if (O.isNone(found))
    return unchanged(state, warning('OUTSIDE_CYCLES', `no cycle holds ${at.toISOString()}`))
  const cycle = found.value
  if (cycle.index < stored.startCycle)
    return unchanged(
      state,
      warning(
        'NOT_ENROLLED',
        `customer ${customerId} takes part from cycle ${stored.startCycle}, not ${cycle.index}`,
      ),
    )
  // SPEC §2: the cycle must still be open at the watermark and at the customer's settled instant.
  const closedBy = laterOf(stored.settledAt, O.getOrElse(() => stored.settledAt)(state.watermark))
  if (cycle.end.getTime() <= closedBy.getTime())
    return unchanged(
      state,
      warning('CYCLE_CLOSED', `cycle ${cycle.index} closed at ${cycle.end.toISOString()}`),
    )
  const settled = settle(target, stored, at)
  const progress = progressOf(settled.enrolment, cycle)
  const counted = setProgress(target, settled.enrolment, cycle, progress.value + amount, at)
  return commit(
    state,
    stored,
    { ...counted.enrolment, settledAt: laterOf(stored.settledAt, at) },
    settled.events.length === 0 ? counted.events : [...settled.events, ...counted.events],
    [],
    O.none,
  )
}
