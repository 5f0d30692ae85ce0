/**
 * Settlement of every customer up to an instant (SPEC §3 advance, §5).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { countEndedBy, countStartedBy } from '../model/cycle.js'
import type { Enrolment } from '../model/enrolment.js'
import { byInstant, type EnrolmentEvent } from '../model/event.js'
import type { EnrolmentState } from '../model/state.js'
import { mapCustomers } from '../internal/customerMap.js'
import { checkNow } from './input.js'
import { settle } from './settle.js'
import type { Result } from './transition.js'

// operations

/** No cycle starts or ends in `(from, to]`: nothing can be due for anyone. */
const isIdle = (state: EnrolmentState, from: O.Option<Date>, to: Date): boolean =>
  O.isSome(from) &&
  countEndedBy(state.target.cycles, from.value) === countEndedBy(state.target.cycles, to) &&
  countStartedBy(state.target.cycles, from.value) === countStartedBy(state.target.cycles, to)

/**
 * Settles every cycle end ≤ `now` for every customer and returns what that emits: `PERIOD_END`
 * rewards and forfeits, broken streaks. It never changes what is owed, only when the host hears of
 * it. With no cycle boundary since the last `advance` it touches no customer.
 * Errors: 300004 (`now` invalid or earlier than the latest operation).
 *
 * @example
 * import { advance, type EnrolmentState } from 'loyalty-streaks'
 * declare const state: EnrolmentState
 * const result = advance(state, new Date('2026-02-01T00:00:00Z'))
 */
export const advance = (state: EnrolmentState, now: Date): Result => {
  const at = checkNow(state, now)
  if (E.isLeft(at)) return at
  const moved: EnrolmentState = {
    ...state,
    watermark: O.some(at.right),
    advancedTo: O.some(at.right),
  }
  if (isIdle(state, state.advancedTo, at.right))
    return E.right({ state: moved, events: [], warnings: [] })
  const emitted: Array<{
    readonly customerId: number
    readonly events: ReadonlyArray<EnrolmentEvent>
  }> = []
  const enrolments = mapCustomers(state.enrolments, (enrolment: Enrolment) => {
    const step = settle(state.target, enrolment, at.right)
    if (step.events.length > 0)
      emitted.push({ customerId: enrolment.customerId, events: step.events })
    return step.enrolment === enrolment
      ? enrolment
      : { ...step.enrolment, version: enrolment.version + 1 }
  })
  // Ties in `at` arise customer by customer, in ascending customer id.
  const events = byInstant(
    emitted.sort((a, b) => a.customerId - b.customerId).flatMap((chunk) => chunk.events),
  )
  return E.right({ state: { ...moved, enrolments }, events, warnings: [] })
}
