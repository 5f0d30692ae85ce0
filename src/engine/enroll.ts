/**
 * Enrolment of a customer in a target (SPEC §3 enroll).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { countEndedBy } from '../model/cycle.js'
import { initialBalanceIgnored, type Warning } from '../model/error.js'
import { cycleEvent, type EnrolmentEvent } from '../model/event.js'
import type { EnrolmentState } from '../model/state.js'
import { setBalance } from './achieve.js'
import { initialStreak, type Draft } from './draft.js'
import { checkCustomerClock, customerIdProblem, checkNow, checkStartOptions } from './input.js'
import { reenrollUnenrolled } from './reenroll.js'
import { alreadyEnrolled } from './refusals.js'
import { startCycle } from './startCycle.js'
import { noWarnings, once, type Effect, type Result } from './transition.js'
import { addRecord, recordOf, type Workspace } from './workspace.js'

// model

/** Options of {@link enroll}, passed last. */
export interface EnrollOptions {
  /** The refCode of the start cycle; by default the cycle holding `now`, else the next. */
  readonly period?: string
  /** Milestones: the start cycle's progress begins at this value (ignored, with a warning, for streaks). */
  readonly initialBalance?: number
}

// operations

const enrollNew = (
  workspace: Workspace,
  customerId: number,
  now: Date,
  period: string | undefined,
  initialBalance: number | undefined,
): Effect => {
  const target = workspace.target
  const start = startCycle(target, now, period)
  if (E.isLeft(start)) return start
  const draft: Draft = {
    status: 'ENROLLED',
    customerId,
    version: 1,
    startCycle: start.right.index,
    since: now,
    sinceMs: now.getTime(),
    settledAt: now,
    settledAtMs: now.getTime(),
    // Every cycle ended by `now` lies before the start cycle: nothing of it to settle.
    settledCycles: countEndedBy(target.cycles, now),
    progress: [],
    streak: target.kind === 'STREAK' ? O.some(initialStreak()) : O.none,
    fromCycle: undefined,
    spare: undefined,
    open: undefined,
    balanceMayWait: false,
  }
  addRecord(workspace, draft)
  const events: Array<EnrolmentEvent> = [
    cycleEvent('ENROLLED', target, customerId, now, start.right.index),
  ]
  if (target.kind === 'MILESTONE' && initialBalance !== undefined)
    setBalance(target, draft, start.right, initialBalance, now, events)
  workspace.watermark = O.some(now)
  const warnings: ReadonlyArray<Warning> =
    target.kind === 'STREAK' && initialBalance !== undefined ? [initialBalanceIgnored] : noWarnings
  return E.right({ events, warnings })
}

/**
 * Enrols `customerId` from the start cycle: `options.period` by refCode, else the cycle holding
 * `now`, else the next to start. An unenrolled customer is re-enrolled (as `reenroll` with
 * `resetStreakStatus: false`): the platform has one endpoint for both.
 * Errors: 310011 (customerId), 300004 (input, clock), 310119 (already enrolled), 310019 (no cycle).
 *
 * @example
 * import { enroll, type EnrolmentState } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * declare const state: EnrolmentState
 * const result = enroll(state, 423789336, new Date('2026-01-01T00:00:00Z'))
 * if (E.isRight(result)) console.log(result.right.events)
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
  if (O.isSome(badId)) return E.left(badId.value)
  const at = checkNow(workspace, now)
  if (E.isLeft(at)) return at
  const start = checkStartOptions(options)
  if (E.isLeft(start)) return start
  const { period, initialBalance } = start.right
  const stored = recordOf(workspace, customerId)
  if (stored === undefined)
    return enrollNew(workspace, customerId, at.right, period, initialBalance)
  const clock = checkCustomerClock(stored, at.right)
  if (E.isLeft(clock)) return clock
  return stored.status === 'ENROLLED'
    ? E.left(alreadyEnrolled(workspace.target, customerId))
    : reenrollUnenrolled(workspace, stored, at.right, {
        resetStreakStatus: false,
        initialBalance,
        period,
      })
}
