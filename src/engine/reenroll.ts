/**
 * Re-enrolment of an unenrolled customer (SPEC §3 reenroll).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { initialBalanceIgnored, type Warning } from '../model/error.js'
import type { Unenrolled } from '../model/enrolment.js'
import { cycleEvent, type EnrolmentEvent } from '../model/event.js'
import type { EnrolmentState } from '../model/state.js'
import { setBalance } from './achieve.js'
import { progressAt, restartAt, type Draft } from './draft.js'
import {
  checkCustomerClock,
  customerIdProblem,
  checkNow,
  checkStartOptions,
  checkResetStreakStatus,
} from './input.js'
import { alreadyEnrolled, notEnrolled } from './refusals.js'
import { settle } from './settle.js'
import { startCycle } from './startCycle.js'
import { noWarnings, once, type Effect, type Result } from './transition.js'
import { recordOf, writable, type Workspace } from './workspace.js'

// model

/** Options of {@link reenroll}, passed last. */
export interface ReenrollOptions {
  /** Start a new streak epoch: count 0, every level can be earned and rewarded again. */
  readonly resetStreakStatus?: boolean
  /** Milestones: the start cycle's progress, replacing any kept. */
  readonly initialBalance?: number
  /** The refCode of the start cycle; by default the cycle holding `now`, else the next. */
  readonly period?: string
}

/** Re-enrolment options once checked. */
export interface CheckedReenrollOptions {
  readonly resetStreakStatus: boolean
  readonly initialBalance: number | undefined
  readonly period: string | undefined
}

// operations

/** Re-enrols a customer known to be unenrolled, with checked input (shared with `enroll`). */
export const reenrollUnenrolled = (
  workspace: Workspace,
  stored: Draft | Unenrolled,
  now: Date,
  options: CheckedReenrollOptions,
): Effect => {
  const target = workspace.target
  // The start cycle is checked before anything is written: a refused re-enrolment changes nothing.
  const start = startCycle(target, now, options.period)
  if (E.isLeft(start)) return start
  const draft = writable(workspace, stored)
  const warnings: Array<Warning> = []
  const events: Array<EnrolmentEvent> = []
  settle(target, draft, now, events)
  // The frozen progress of cycle k stays until k ends: it resumes if the customer comes back
  // into k, and is never counted twice (SPEC §3 reenroll.3, recordActivity).
  draft.fromCycle = undefined
  draft.status = 'ENROLLED'
  draft.startCycle = start.right.index
  restartAt(draft, now)
  draft.version += 1
  events.push(cycleEvent('REENROLLED', target, draft.customerId, now, start.right.index))
  if (options.resetStreakStatus && target.kind === 'STREAK') {
    // SPEC §3 reenroll.5: count 0, levels cleared, next epoch.
    const epoch = O.isSome(draft.streak) ? draft.streak.value.epoch + 1 : 2
    draft.streak = O.some({ epoch, count: 0, achievedLevels: [] })
    events.push({
      type: 'STREAK_RESET',
      customerId: draft.customerId,
      targetGroupId: target.targetGroupId,
      targetId: target.targetId,
      at: now,
      cycle: start.right.index,
      epoch,
    })
  } else if (options.resetStreakStatus)
    warnings.push({
      code: 'RESET_STREAK_STATUS_IGNORED',
      message: 'resetStreakStatus applies to streaks only; ignored for a milestone',
    })
  if (target.kind === 'STREAK' && options.initialBalance !== undefined)
    warnings.push(initialBalanceIgnored)
  const given = target.kind === 'MILESTONE' ? options.initialBalance : undefined
  // SPEC §3 reenroll.3: the given balance replaces the progress; else the frozen one resumes. Set
  // again either way: a frozen balance that reaches the goal is achieved now, or, before its cycle
  // begins, waits for the cycle's start again (`settle` stopped waiting for it while the customer
  // was out). Tested in test/reenroll.test.ts ("a start-cycle balance frozen before its cycle began").
  const balance = given ?? progressAt(draft, start.right.index)?.value
  if (balance !== undefined) setBalance(target, draft, start.right, balance, now, events)
  workspace.watermark = O.some(now)
  return E.right({ events, warnings: warnings.length === 0 ? noWarnings : warnings })
}

/**
 * Re-enrols an unenrolled customer from the start cycle (`options.period`, else the cycle holding
 * `now`, else the next). A streak resumes its count and levels, or with `resetStreakStatus: true`
 * starts a new epoch in which every level can be rewarded again.
 * Errors: 310011, 300004, 310119 (enrolled), 310126 (never enrolled), 310019 (no such cycle).
 *
 * @example
 * import { reenroll, type EnrolmentState } from 'loyalty-streaks'
 * declare const state: EnrolmentState
 * const result = reenroll(state, 423789336, new Date('2026-05-02T00:00:00Z'), { resetStreakStatus: true })
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
  if (O.isSome(badId)) return E.left(badId.value)
  const at = checkNow(workspace, now)
  if (E.isLeft(at)) return at
  const start = checkStartOptions(options)
  if (E.isLeft(start)) return start
  const reset = checkResetStreakStatus(start.right.options)
  if (E.isLeft(reset)) return reset
  const stored = recordOf(workspace, customerId)
  if (stored === undefined)
    return E.left(notEnrolled(workspace.target, customerId, 'never enrolled'))
  const clock = checkCustomerClock(stored, at.right)
  if (E.isLeft(clock)) return clock
  return stored.status === 'ENROLLED'
    ? E.left(alreadyEnrolled(workspace.target, customerId))
    : reenrollUnenrolled(workspace, stored, at.right, {
        period: start.right.period,
        initialBalance: start.right.initialBalance,
        resetStreakStatus: reset.right,
      })
}
