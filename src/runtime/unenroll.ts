/**
 * Unenrolment of a customer from a target: the seed's rules (rules unenroll.*).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { decideUnenroll } from '../rules/decide.js'
import { checkCustomerClock, checkNow, customerIdProblem } from './input.js'
import type { EnrolmentState } from './state.js'
import { once, recordOf, run, type Effect, type Result, type Workspace } from './workspace.js'

// operations

/**
 * Unenrols `customerId` from the cycle k holding `now` (else the next to start) and every later
 * cycle. Everything due before `now` is settled first, so rewards of cycles that ended are issued
 * by this call if nobody called `advance`. `IMMEDIATE` rewards already issued stay issued; a
 * `PERIOD_END` reward of cycle k is forfeited at k's close unless the customer is re-enrolled into k
 * by its end; progress of k and the streak are kept, frozen, for a re-enrolment.
 * Errors: 310011, 300004, 310126 (not enrolled), 310019 (the customer's last cycle has ended).
 *
 * @example
 * import { applyAll, defineMilestone, initialState, unenroll } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const target = defineMilestone({
 *   targetGroupId: 501, targetId: 1, metric: 'COUNT', goal: 2, allocation: 'PERIOD_END',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') }],
 * })
 * if (E.isLeft(target)) throw new Error(target.left.message)
 * const { state } = applyAll(initialState(target.right), [
 *   { kind: 'enroll', customerId: 7, now: new Date('2026-01-05T00:00:00Z') },
 *   { kind: 'activity', customerId: 7, activity: { at: new Date('2026-01-06T10:00:00Z') } },
 *   { kind: 'activity', customerId: 7, activity: { at: new Date('2026-01-07T10:00:00Z') } },
 * ])
 * // c1 is achieved; unenrolled within it, its PERIOD_END reward will be forfeited at its end
 * const result = unenroll(state, 7, new Date('2026-01-15T00:00:00Z'))
 * if (E.isRight(result)) console.log(result.right.events.map((e) => `${e.type} c${e.cycle}`)) // ['UNENROLLED c1']
 * const stranger = unenroll(state, 8, new Date('2026-01-15T00:00:00Z'))
 * if (E.isLeft(stranger)) console.log(stranger.left.code) // 310126: not enrolled
 *
 * @since 0.1.0
 */
export const unenroll = (state: EnrolmentState, customerId: number, now: Date): Result =>
  once(state, (workspace) => unenrollIn(workspace, customerId, now))

/** `unenroll` in a workspace. */
export const unenrollIn = (workspace: Workspace, customerId: number, now: Date): Effect => {
  const badId = customerIdProblem(customerId)
  if (badId !== undefined) return E.left(badId)
  const at = checkNow(workspace.watermarkAt, now)
  if (E.isLeft(at)) return at
  const record = recordOf(workspace, customerId)
  const behind = checkCustomerClock(record, at.right)
  if (behind !== undefined) return E.left(behind)
  return run(workspace, decideUnenroll, { type: 'UNENROLL', customerId, now: at.right }, record)
}
