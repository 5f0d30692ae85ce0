// The library's part of a request: build the customer's state, let handleRequest decide, and turn
// the decision into the row to write. Pure and synchronous: the bench times this function as the
// library's share of a request.
import * as O from 'fp-ts/lib/Option.js'
import {
  encodeEnrolment,
  enrolmentOf,
  handleRequest,
  nextDueAt,
  type ApiRequest,
  type ApiResponse,
  type HandleRequestOptions,
  type Target,
} from 'loyalty-streaks'
import { stateOf } from './customerState.js'
import type { RecordWrite, StoredCustomer } from './customerStore.js'

export interface Decision {
  readonly response: ApiResponse
  /** The customer's new record, when the request changed it. */
  readonly write: RecordWrite | undefined
}

/**
 * Decides `request` for the customer stored in `stored` (undefined: none yet). The request takes
 * effect at the later of `clock` and the customer's settled instant (rule service.request-instant).
 */
export const decide = (
  target: Target,
  watermark: Date | null,
  customerId: number | undefined,
  stored: StoredCustomer | undefined,
  request: ApiRequest,
  clock: Date,
  options: HandleRequestOptions,
): Decision => {
  const state = stateOf(target, watermark, stored === undefined ? [] : [stored])
  const enrolment = customerId === undefined ? O.none : enrolmentOf(state, customerId)
  const settledAt = O.isSome(enrolment) ? enrolment.value.settledAt : undefined
  const now = settledAt !== undefined && settledAt > clock ? settledAt : clock
  const response = handleRequest(state, request, now, options)
  if (customerId === undefined || response.status !== 200) return { response, write: undefined }
  const next = enrolmentOf(response.state, customerId)
  const record = encodeEnrolment(response.state, customerId)
  if (O.isNone(next) || O.isNone(record) || next.value.version === stored?.version)
    return { response, write: undefined }
  return {
    response,
    write: {
      customerId,
      expected: stored,
      version: next.value.version,
      nextDueAt: O.toUndefined(nextDueAt(response.state, customerId)),
      record: record.value,
      events: response.events,
    },
  }
}
