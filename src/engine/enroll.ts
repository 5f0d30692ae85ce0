/**
 * Enrolment of a customer in a target (SPEC §3 enroll).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { pipe } from 'fp-ts/lib/function.js'
import { countEndedBy } from '../model/cycle.js'
import { initialBalanceIgnored, type Warning } from '../model/error.js'
import { initialStreak, type Enrolment } from '../model/enrolment.js'
import type { EnrolmentEvent } from '../model/event.js'
import type { EnrolmentState } from '../model/state.js'
import { getCustomer } from '../internal/customerMap.js'
import { setBalance } from './achieve.js'
import { commit } from './commit.js'
import { checkCustomerClock, checkCustomerId, checkNow, checkStartOptions } from './input.js'
import { reenrollUnenrolled } from './reenroll.js'
import { alreadyEnrolled } from './refusals.js'
import { startCycle } from './startCycle.js'
import type { Result } from './transition.js'

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
  state: EnrolmentState,
  customerId: number,
  now: Date,
  period: string | undefined,
  initialBalance: number | undefined,
): Result => {
  const target = state.target
  return pipe(
    startCycle(target, now, period),
    E.map((start) => {
      const enrolment: Enrolment = {
        status: 'ENROLLED',
        customerId,
        version: 0,
        startCycle: start.index,
        since: now,
        settledAt: now,
        // Every cycle ended by `now` lies before the start cycle: nothing of it to settle.
        settledCycles: countEndedBy(target.cycles, now),
        progress: [],
        streak: target.kind === 'STREAK' ? O.some(initialStreak) : O.none,
      }
      const enrolled: EnrolmentEvent = {
        type: 'ENROLLED',
        customerId,
        targetGroupId: target.targetGroupId,
        targetId: target.targetId,
        at: now,
        cycle: start.index,
      }
      const warnings: ReadonlyArray<Warning> =
        target.kind === 'STREAK' && initialBalance !== undefined ? [initialBalanceIgnored] : []
      const balanced =
        target.kind === 'MILESTONE' && initialBalance !== undefined
          ? setBalance(target, enrolment, start, initialBalance, now)
          : { enrolment, events: [] }
      return commit(
        state,
        undefined,
        balanced.enrolment,
        [enrolled, ...balanced.events],
        warnings,
        O.some(now),
      )
    }),
  )
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
): Result => {
  const id = checkCustomerId(customerId)
  if (E.isLeft(id)) return id
  const at = checkNow(state, now)
  if (E.isLeft(at)) return at
  const start = checkStartOptions(options)
  if (E.isLeft(start)) return start
  const { period, initialBalance } = start.right
  const stored = getCustomer(state.enrolments, id.right)
  if (stored === undefined) return enrollNew(state, id.right, at.right, period, initialBalance)
  const clock = checkCustomerClock(stored, at.right)
  if (E.isLeft(clock)) return clock
  return stored.status === 'ENROLLED'
    ? E.left(alreadyEnrolled(state, id.right))
    : reenrollUnenrolled(state, stored, at.right, {
        resetStreakStatus: false,
        initialBalance,
        period,
      })
}
