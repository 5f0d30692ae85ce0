/**
 * Re-enrolment of an unenrolled customer (rules reenroll.*).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { decideReenroll } from '../rules/decide.js'
import { checkCustomerClock, checkNow, checkStartOptions, customerIdProblem } from './input.js'
import type { EnrolmentState } from './state.js'
import { once, recordOf, run, type Effect, type Result, type Workspace } from './workspace.js'

// model

/**
 * Options of {@link reenroll}, passed last.
 *
 * @example
 * import type { ReenrollOptions } from 'loyalty-streaks'
 * const freshStart: ReenrollOptions = { resetStreakStatus: true }
 *
 * @since 0.1.0
 */
export interface ReenrollOptions {
  /** Start a new streak epoch: count 0, every level can be earned and rewarded again. */
  readonly resetStreakStatus?: boolean | undefined
  /** Milestones: the start cycle's progress, replacing any kept. */
  readonly initialBalance?: number | undefined
  /** The refCode of the start cycle (`FIXED` windows); by default the cycle holding `now`, else the next. */
  readonly period?: string | undefined
}

// operations

/**
 * Re-enrols an unenrolled customer from the start cycle (`options.period`, else the cycle holding
 * `now`, else the next). A streak resumes its count and levels, or with `resetStreakStatus: true`
 * starts a new epoch in which every level can be rewarded again.
 * Errors: 310011, 300004, 310119 (enrolled), 310126 (never enrolled), 310019 (no such cycle).
 *
 * @example
 * import { applyAll, defineMilestone, initialState, reenroll } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const target = defineMilestone({
 *   targetGroupId: 501, targetId: 1, metric: 'COUNT', goal: 2, allocation: 'PERIOD_END',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') }],
 * })
 * if (E.isLeft(target)) throw new Error(target.left.message)
 * const { state } = applyAll(initialState(target.right), [
 *   { kind: 'enroll', customerId: 7, now: new Date('2026-01-05T00:00:00Z') },
 *   { kind: 'unenroll', customerId: 7, now: new Date('2026-01-10T00:00:00Z') },
 * ])
 * const result = reenroll(state, 7, new Date('2026-01-12T00:00:00Z'), { initialBalance: 1 })
 * if (E.isRight(result)) console.log(result.right.events.map((e) => `${e.type} c${e.cycle}`)) // ['REENROLLED c1']
 *
 * @since 0.1.0
 */
export const reenroll = (
  state: EnrolmentState,
  customerId: number,
  now: Date,
  options?: ReenrollOptions,
): Result => once(state, (workspace) => reenrollIn(workspace, customerId, now, options))

/** `reenroll` in a workspace. */
export const reenrollIn = (
  workspace: Workspace,
  customerId: number,
  now: Date,
  options?: ReenrollOptions,
): Effect => {
  const badId = customerIdProblem(customerId)
  if (badId !== undefined) return E.left(badId)
  const at = checkNow(workspace.watermarkAt, now)
  if (E.isLeft(at)) return at
  const start = checkStartOptions(workspace.target, options, true)
  if (E.isLeft(start)) return start
  const record = recordOf(workspace, customerId)
  const behind = checkCustomerClock(record, at.right)
  if (behind !== undefined) return E.left(behind)
  return run(
    workspace,
    decideReenroll,
    { type: 'REENROLL', customerId, now: at.right, ...start.right },
    record,
  )
}
