/**
 * Re-enrolment of an unenrolled customer (SPEC §3 reenroll).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { pipe } from 'fp-ts/lib/function.js'
import { initialBalanceIgnored, type Warning } from '../model/error.js'
import type { Enrolment, Unenrolled } from '../model/enrolment.js'
import type { EnrolmentEvent } from '../model/event.js'
import type { EnrolmentState } from '../model/state.js'
import { getCustomer } from '../internal/customerMap.js'
import { setBalance } from './achieve.js'
import { commit } from './commit.js'
import {
  checkCustomerClock,
  checkCustomerId,
  checkNow,
  checkStartOptions,
  checkResetStreakStatus,
} from './input.js'
import { alreadyEnrolled, notEnrolled } from './refusals.js'
import { settle } from './settle.js'
import { startCycle } from './startCycle.js'
import type { Result } from './transition.js'

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
  state: EnrolmentState,
  stored: Unenrolled,
  now: Date,
  options: CheckedReenrollOptions,
): Result => {
  const target = state.target
  const settled = settle(target, stored, now)
  return pipe(
    startCycle(target, now, options.period),
    E.map((start) => {
      const warnings: Array<Warning> = []
      const events: Array<EnrolmentEvent> = [...settled.events]
      // The frozen progress of cycle k stays until k ends: it resumes if the customer comes back
      // into k, and is never counted twice (SPEC §3 reenroll.3, recordActivity).
      const { fromCycle: _left, ...rest } = settled.enrolment as Unenrolled
      let enrolment: Enrolment = {
        ...rest,
        status: 'ENROLLED',
        startCycle: start.index,
        since: now,
        settledAt: now,
      }
      events.push({
        type: 'REENROLLED',
        customerId: enrolment.customerId,
        targetGroupId: target.targetGroupId,
        targetId: target.targetId,
        at: now,
        cycle: start.index,
      })
      if (options.resetStreakStatus && target.kind === 'STREAK') {
        // SPEC §3 reenroll.5: count 0, levels cleared, next epoch.
        const epoch = O.isSome(enrolment.streak) ? enrolment.streak.value.epoch + 1 : 2
        enrolment = { ...enrolment, streak: O.some({ epoch, count: 0, achievedLevels: [] }) }
        events.push({
          type: 'STREAK_RESET',
          customerId: enrolment.customerId,
          targetGroupId: target.targetGroupId,
          targetId: target.targetId,
          at: now,
          cycle: start.index,
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
      // SPEC §3 reenroll.3: the given balance replaces the progress; else the frozen one resumes.
      const balance = given ?? enrolment.progress.find((p) => p.cycle === start.index)?.value
      const balanced =
        balance === undefined
          ? { enrolment, events: [] }
          : setBalance(target, enrolment, start, balance, now)
      events.push(...balanced.events)
      return commit(state, stored, balanced.enrolment, events, warnings, O.some(now))
    }),
  )
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
): Result => {
  const id = checkCustomerId(customerId)
  if (E.isLeft(id)) return id
  const at = checkNow(state, now)
  if (E.isLeft(at)) return at
  const start = checkStartOptions(options)
  if (E.isLeft(start)) return start
  const reset = checkResetStreakStatus(start.right.options)
  if (E.isLeft(reset)) return reset
  const stored = getCustomer(state.enrolments, id.right)
  if (stored === undefined) return E.left(notEnrolled(state, id.right, 'never enrolled'))
  const clock = checkCustomerClock(stored, at.right)
  if (E.isLeft(clock)) return clock
  return stored.status === 'ENROLLED'
    ? E.left(alreadyEnrolled(state, id.right))
    : reenrollUnenrolled(state, stored, at.right, {
        period: start.right.period,
        initialBalance: start.right.initialBalance,
        resetStreakStatus: reset.right,
      })
}
