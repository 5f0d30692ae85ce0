/**
 * Unenrolment of a customer from a target: the seed's rules (SPEC §3 unenroll).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { Cycle } from '../model/cycle.js'
import { ErrorCode, enrolmentError } from '../model/error.js'
import type { Enrolment } from '../model/enrolment.js'
import type { EnrolmentEvent } from '../model/event.js'
import type { EnrolmentState } from '../model/state.js'
import { getCustomer } from '../internal/customerMap.js'
import { commit } from './commit.js'
import { checkCustomerClock, checkCustomerId, checkNow } from './input.js'
import { notEnrolled } from './refusals.js'
import { settle } from './settle.js'
import { unenrolmentCycle } from './startCycle.js'
import type { Result } from './transition.js'

// operations

/**
 * Unenrols `customerId` from the cycle k holding `now` (else the next to start) and every later
 * cycle. Everything due before `now` is settled first, so rewards of cycles that ended are issued
 * by this call if nobody called `advance`. `IMMEDIATE` rewards already issued stay issued; a
 * `PERIOD_END` reward of cycle k is forfeited at k's end unless the customer is re-enrolled into k
 * by then; progress of k and the streak are kept, frozen, for a re-enrolment.
 * Errors: 310011, 300004, 310126 (not enrolled), 310019 (the last cycle has ended).
 *
 * @example
 * import { unenroll, type EnrolmentState } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * declare const state: EnrolmentState
 * const result = unenroll(state, 423789336, new Date('2026-03-15T12:00:00Z'))
 * if (E.isLeft(result)) console.log(result.left.code) // e.g. 310126
 */
export const unenroll = (state: EnrolmentState, customerId: number, now: Date): Result => {
  const id = checkCustomerId(customerId)
  if (E.isLeft(id)) return id
  const at = checkNow(state, now)
  if (E.isLeft(at)) return at
  const stored = getCustomer(state.enrolments, id.right)
  if (stored === undefined) return E.left(notEnrolled(state, id.right, 'never enrolled'))
  const clock = checkCustomerClock(stored, at.right)
  if (E.isLeft(clock)) return clock
  if (stored.status === 'UNENROLLED')
    return E.left(notEnrolled(state, id.right, 'already unenrolled'))
  const k = unenrolmentCycle(state.target, at.right)
  if (O.isNone(k))
    return E.left(
      enrolmentError(
        ErrorCode.TARGET_PERIOD_NOT_FOUND,
        `every cycle of target ${state.target.targetId} has ended by ${at.right.toISOString()}`,
        'now',
      ),
    )
  return E.right(leave(state, stored, at.right, k.value))
}

const leave = (state: EnrolmentState, stored: Enrolment, now: Date, k: Cycle) => {
  // SPEC §3 unenroll.2: rewards of cycles that ended before now are settled first.
  const settled = settle(state.target, stored, now)
  // SPEC §3 unenroll.4: progress of cycle k is kept, frozen; a later start cycle's is not.
  const progress = settled.enrolment.progress.filter((p) => p.cycle <= k.index)
  const unenrolled: Enrolment = {
    ...settled.enrolment,
    status: 'UNENROLLED',
    fromCycle: k.index,
    since: now,
    settledAt: now,
    progress,
  }
  const event: EnrolmentEvent = {
    type: 'UNENROLLED',
    customerId: stored.customerId,
    targetGroupId: state.target.targetGroupId,
    targetId: state.target.targetId,
    at: now,
    cycle: k.index,
  }
  return commit(state, stored, unenrolled, [...settled.events, event], [], O.some(now))
}
