/**
 * Enrolment of a customer in a target (rules enroll.*).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { decideEnroll } from '../rules/decide.js'
import { checkCustomerClock, checkNow, checkStartOptions, customerIdProblem } from './input.js'
import type { EnrolmentState } from './state.js'
import { once, recordOf, run, type Effect, type Result, type Workspace } from './workspace.js'

// model

/**
 * Options of {@link enroll}, passed last.
 *
 * @example
 * import type { EnrollOptions } from 'loyalty-streaks'
 * const fromMarch: EnrollOptions = { period: '2026-03', initialBalance: 2 }
 *
 * @since 0.1.0
 */
export interface EnrollOptions {
  /** The refCode of the start cycle (`FIXED` windows); by default the cycle holding `now`, else the next. */
  readonly period?: string | undefined
  /** Milestones: the start cycle's progress begins at this value (ignored, with a warning, for streaks). */
  readonly initialBalance?: number | undefined
}

// operations

/**
 * Enrols `customerId` from the start cycle: `options.period` by refCode, else the cycle holding
 * `now`, else the next to start (a customer of a `CYCLIC` or `PERIOD_AGNOSTIC` window starts in their
 * own cycle 1). An unenrolled customer is re-enrolled (as `reenroll` with `resetStreakStatus:
 * false`): the platform has one endpoint for both.
 * Errors: 310011 (customerId), 300004 (input, clock), 310119 (already enrolled), 310019 (no cycle).
 *
 * @example
 * import { defineMilestone, enroll, initialState } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const target = defineMilestone({
 *   targetGroupId: 501, targetId: 1, metric: 'COUNT', goal: 2, allocation: 'PERIOD_END',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') }],
 * })
 * if (E.isLeft(target)) throw new Error(target.left.message)
 * const result = enroll(initialState(target.right), 423789336, new Date('2026-01-05T00:00:00Z'))
 * if (E.isRight(result)) console.log(result.right.events.map((e) => `${e.type} c${e.cycle}`)) // ['ENROLLED c1']
 * if (E.isRight(result)) {
 *   const again = enroll(result.right.state, 423789336, new Date('2026-01-06T00:00:00Z'))
 *   if (E.isLeft(again)) console.log(again.left.code) // 310119: already enrolled
 * }
 *
 * @since 0.1.0
 */
export const enroll = (
  state: EnrolmentState,
  customerId: number,
  now: Date,
  options?: EnrollOptions,
): Result => once(state, (workspace) => enrollIn(workspace, customerId, now, options))

/** `enroll` in a workspace. */
export const enrollIn = (
  workspace: Workspace,
  customerId: number,
  now: Date,
  options?: EnrollOptions,
): Effect => {
  const badId = customerIdProblem(customerId)
  if (badId !== undefined) return E.left(badId)
  const at = checkNow(workspace.watermarkAt, now)
  if (E.isLeft(at)) return at
  const start = checkStartOptions(workspace.target, options, false)
  if (E.isLeft(start)) return start
  const record = recordOf(workspace, customerId)
  const behind = checkCustomerClock(record, at.right)
  if (behind !== undefined) return E.left(behind)
  return run(
    workspace,
    decideEnroll,
    {
      type: 'ENROLL',
      customerId,
      now: at.right,
      period: start.right.period,
      initialBalance: start.right.initialBalance,
    },
    record,
  )
}
