// A serverless function in the shape of an AWS Lambda behind API Gateway (proxy integration): it
// loads the customer's enrolment, lets `handleRequest` decide, and writes back with a version check,
// retrying when another request changed the same customer in between. The library does no I/O.
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import {
  customerOfRequest,
  decodeState,
  encodeState,
  enrolmentOf,
  handleRequest,
  initialState,
  type EnrolmentState,
  type Target,
} from '../../src/index.js'
import { loadEnrolment, loadWatermark, saveEnrolment, type Sql } from './store.js'

/** The part of an API Gateway proxy event the handler reads. */
export interface ProxyEvent {
  readonly httpMethod: string
  readonly path: string
  readonly body: string | null
}

/** The proxy result API Gateway expects. */
export interface ProxyResult {
  readonly statusCode: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** What a run of the handler reports, for the example's test: retries taken. */
export interface Telemetry {
  conflicts: number
}

/** The state of one target holding only this customer's stored enrolment (if any). */
const stateFor = (
  target: Target,
  watermark: string | null,
  stored: Readonly<Record<string, unknown>> | undefined,
): EnrolmentState => {
  const document = {
    ...encodeState(initialState(target)),
    watermark,
    customers: stored === undefined ? [] : [stored],
  }
  const decoded = decodeState(document)
  if (E.isLeft(decoded))
    throw new Error(`stored enrolment is corrupt at ${decoded.left.path}: ${decoded.left.message}`)
  return decoded.right
}

/** Builds the handler for one target over a database; `clock` gives the request's instant. */
export const makeHandler =
  (sql: Sql, target: Target, clock: () => Date, telemetry: Telemetry = { conflicts: 0 }) =>
  async (event: ProxyEvent): Promise<ProxyResult> => {
    const request = { method: event.httpMethod, path: event.path, body: event.body }
    const customerId = O.toUndefined(customerOfRequest(request))
    for (let attempt = 0; attempt < 10; attempt++) {
      const stored =
        customerId === undefined
          ? undefined
          : await loadEnrolment(sql, target.targetGroupId, target.targetId, customerId)
      const state = stateFor(
        target,
        await loadWatermark(sql, target.targetGroupId, target.targetId),
        stored?.record,
      )
      const now = clock()
      const response = handleRequest(state, request, now)
      const next = customerId === undefined ? O.none : enrolmentOf(response.state, customerId)
      const changed =
        response.status === 200 && O.isSome(next) && next.value.version !== (stored?.version ?? 0)
      if (changed && customerId !== undefined) {
        const record = encodeState(response.state).customers.find(
          (e) => e.customerId === customerId,
        )
        if (record === undefined) throw new Error('the new enrolment is missing from the state')
        const saved = await saveEnrolment(
          sql,
          { targetGroupId: target.targetGroupId, targetId: target.targetId, customerId },
          stored?.version ?? null,
          { version: next.value.version, record },
          response.events,
          now,
        )
        if (!saved) {
          telemetry.conflicts++
          continue
        }
      }
      return {
        statusCode: response.status,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(response.body),
      }
    }
    return {
      statusCode: 503,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        data: null,
        errors: [{ code: 503, message: 'too many concurrent changes; retry' }],
        warnings: null,
      }),
    }
  }
