/**
 * Unenrolment of a customer from a target: the seed's rules (SPEC §3 unenroll).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { Cycle } from '../model/cycle.js'
import { ErrorCode, enrolmentError } from '../model/error.js'
import { cycleEvent, type EnrolmentEvent } from '../model/event.js'
import type { EnrolmentState } from '../model/state.js'
import { dropProgressAt, restartAt, type Draft, type DraftProgress } from './draft.js'
import { checkCustomerClock, customerIdProblem, checkNow } from './input.js'
import { notEnrolled } from './refusals.js'
import { settle } from './settle.js'
import { unenrolmentCycle } from './startCycle.js'
import { noWarnings, once, type Effect, type Effects, type Result } from './transition.js'
import { recordOf, writable, type Workspace } from './workspace.js'

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
export const unenroll = (state: EnrolmentState, customerId: number, now: Date): Result =>
  once(state, (workspace) => unenrollIn(workspace, customerId, now))

/** `unenroll` in a workspace. */
export const unenrollIn = (workspace: Workspace, customerId: number, now: Date): Effect => {
  const target = workspace.target
  const badId = customerIdProblem(customerId)
  if (O.isSome(badId)) return E.left(badId.value)
  const at = checkNow(workspace, now)
  if (E.isLeft(at)) return at
  const stored = recordOf(workspace, customerId)
  if (stored === undefined) return E.left(notEnrolled(target, customerId, 'never enrolled'))
  const clock = checkCustomerClock(stored, at.right)
  if (E.isLeft(clock)) return clock
  if (stored.status === 'UNENROLLED')
    return E.left(notEnrolled(target, customerId, 'already unenrolled'))
  const k = unenrolmentCycle(target, at.right)
  if (O.isNone(k))
    return E.left(
      enrolmentError(
        ErrorCode.TARGET_PERIOD_NOT_FOUND,
        `every cycle of target ${target.targetId} has ended by ${at.right.toISOString()}`,
        'now',
      ),
    )
  return E.right(leave(workspace, writable(workspace, stored), at.right, k.value))
}

const leave = (workspace: Workspace, draft: Draft, now: Date, k: Cycle): Effects => {
  const target = workspace.target
  const events: Array<EnrolmentEvent> = []
  // SPEC §3 unenroll.2: rewards of cycles that ended before now are settled first.
  settle(target, draft, now, events)
  // SPEC §3 unenroll.4: progress of cycle k is kept, frozen; a later start cycle's is not.
  for (let at = draft.progress.length - 1; at >= 0; at--)
    if ((draft.progress[at] as DraftProgress).cycle > k.index) dropProgressAt(draft, at)
  draft.status = 'UNENROLLED'
  draft.fromCycle = k.index
  restartAt(draft, now)
  draft.version += 1
  events.push(cycleEvent('UNENROLLED', target, draft.customerId, now, k.index))
  workspace.watermark = O.some(now)
  return { events, warnings: noWarnings }
}
