// Writing one customer's new record into a state: the only place records are replaced.
import * as O from 'fp-ts/lib/Option.js'
import type { Enrolment } from '../model/enrolment.js'
import type { EnrolmentEvent } from '../model/event.js'
import type { Warning } from '../model/error.js'
import type { EnrolmentState } from '../model/state.js'
import { setCustomer } from '../internal/customerMap.js'
import type { Transition } from './transition.js'

/**
 * The transition that stores `next` for its customer (its `version` one above `previous`'s), moves
 * the watermark to `now` when given, and returns `events` (already ordered by `at`, SPEC §4).
 */
export const commit = (
  state: EnrolmentState,
  previous: Enrolment | undefined,
  next: Enrolment,
  events: ReadonlyArray<EnrolmentEvent>,
  warnings: ReadonlyArray<Warning>,
  watermark: O.Option<Date>,
): Transition => ({
  state: {
    ...state,
    watermark: O.isSome(watermark) ? watermark : state.watermark,
    enrolments: setCustomer(state.enrolments, next.customerId, {
      ...next,
      version: previous === undefined ? 1 : previous.version + 1,
    }),
  },
  // Each operation emits in time order by construction (settlement first, then its own events
  // at `now`), as SPEC §4 asks; test/invariants.test.ts checks it on every generated story.
  events,
  warnings,
})

/** A transition that changes nothing but may warn. */
export const unchanged = (state: EnrolmentState, warnings: ReadonlyArray<Warning>): Transition => ({
  state,
  events: [],
  warnings,
})
