/**
 * The REST contract of the platform (SPEC §7) as a pure adapter: route, decode, call the engine,
 * answer with the envelope. No I/O: the host does HTTP and storage.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { ErrorCode, type EnrolmentError, type Warning } from '../model/error.js'
import type { EnrolmentEvent } from '../model/event.js'
import { enroll } from '../runtime/enroll.js'
import { enrolmentOf } from '../runtime/enrolmentOf.js'
import { reenroll } from '../runtime/reenroll.js'
import type { EnrolmentState } from '../runtime/state.js'
import { unenroll } from '../runtime/unenroll.js'
import type { Result } from '../runtime/workspace.js'
import { decodeBody, type Endpoint } from './decodeBody.js'
import { failed, succeeded, type Envelope } from './envelope.js'

// model

/** An HTTP request as a serverless function receives it; `body` is JSON text or already parsed. */
export interface ApiRequest {
  readonly method: string
  readonly path: string
  readonly body: unknown
}

/** The answer: HTTP status, the envelope, and the state and events to store and publish. */
export interface ApiResponse {
  readonly status: number
  readonly body: Envelope
  /** The new state; on any failure, the very state given. */
  readonly state: EnrolmentState
  readonly events: ReadonlyArray<EnrolmentEvent>
}

/** The HTTP status of each refusal (README, "Use it in a service"). */
export const STATUS_OF_CODE: Readonly<Record<EnrolmentError['code'], number>> = {
  [ErrorCode.INVALID_INPUT]: 400,
  [ErrorCode.INVALID_CUSTOMER_ID]: 400,
  [ErrorCode.TARGET_GROUP_NOT_FOUND]: 404,
  [ErrorCode.TARGET_NOT_FOUND]: 404,
  [ErrorCode.TARGET_PERIOD_NOT_FOUND]: 404,
  [ErrorCode.ALREADY_ENROLLED]: 409,
  [ErrorCode.NOT_ENROLLED]: 409,
}

// operations

const ROUTE = /^\/targetGroups\/([^/?#]+)\/targets\/([^/?#]+)\/(enroll|unEnroll)\/?(?:[?#].*)?$/

const refuse = (
  state: EnrolmentState,
  status: number,
  error: { readonly code: number; readonly message: string },
  warnings: ReadonlyArray<Warning> = [],
): ApiResponse => ({ status, body: failed(error, warnings), state, events: [] })

/** A path id: digits naming a positive safe integer. */
const idOf = (text: string): number | undefined =>
  /^[1-9][0-9]{0,15}$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined

const answer = (
  state: EnrolmentState,
  customerId: number,
  result: Result,
  warnings: ReadonlyArray<Warning>,
): ApiResponse =>
  E.isLeft(result)
    ? refuse(state, STATUS_OF_CODE[result.left.code], result.left, warnings)
    : {
        status: 200,
        body: succeeded(customerId, [...warnings, ...result.right.warnings]),
        state: result.right.state,
        events: result.right.events,
      }

/**
 * The customer a request is about, read exactly as `handleRequest` reads it (route, then body), or
 * none when `handleRequest` would refuse the request before looking at any customer. A host that
 * stores one row per customer loads that row, builds the state from it, then calls `handleRequest`.
 *
 * @example
 * import { customerOfRequest } from 'loyalty-streaks'
 * customerOfRequest({ method: 'POST', path: '/targetGroups/7/targets/1/enroll', body: '[{"customerId": "42"}]' })
 * // some(42)
 */
export const customerOfRequest = (request: ApiRequest): O.Option<number> => {
  const path: unknown = (request as Partial<ApiRequest> | null)?.path
  const match = typeof path === 'string' ? ROUTE.exec(path) : null
  if (match === null) return O.none
  const decoded = decodeBody(match[3] as Endpoint, request.body)
  return E.isLeft(decoded) ? O.none : O.some(decoded.right.customerId)
}

/**
 * Serves `POST /targetGroups/{targetGroupId}/targets/{targetId}/enroll` (enrols, or re-enrols an
 * unenrolled customer with its `periodName`, `initialBalance` and `resetStreakStatus`) and
 * `POST …/unEnroll`, on the state of that target. Never throws; a refused request returns the
 * state it was given and no events. Statuses: 200, 400 (300004, 310011), 404 (310017, 310018,
 * 310019, unknown route), 405 (not POST), 409 (310119, 310126).
 *
 * @example
 * import { handleRequest, type EnrolmentState } from 'loyalty-streaks'
 * declare const state: EnrolmentState
 * const response = handleRequest(
 *   state,
 *   { method: 'POST', path: '/targetGroups/7/targets/1/unEnroll', body: '[{"customerId": 423789336}]' },
 *   new Date('2026-03-15T12:00:00Z'),
 * )
 * // response.body: { data: 423789336, errors: null, warnings: null }
 */
export const handleRequest = (
  state: EnrolmentState,
  request: ApiRequest,
  now: Date,
): ApiResponse => {
  const method: unknown = (request as Partial<ApiRequest> | null)?.method
  const path: unknown = (request as Partial<ApiRequest> | null)?.path
  const match = typeof path === 'string' ? ROUTE.exec(path) : null
  if (match === null)
    return refuse(state, 404, { code: 404, message: `no route for ${String(path).slice(0, 200)}` })
  if (typeof method !== 'string' || method.toUpperCase() !== 'POST')
    return refuse(state, 405, { code: 405, message: `${String(method)} is not allowed: use POST` })
  const [, groupText = '', targetText = '', endpointText] = match
  const targetGroupId = idOf(groupText)
  if (targetGroupId !== state.target.targetGroupId)
    return refuse(state, 404, {
      code: ErrorCode.TARGET_GROUP_NOT_FOUND,
      message: `target group ${JSON.stringify(groupText.slice(0, 40))} not found`,
    })
  const targetId = idOf(targetText)
  if (targetId !== state.target.targetId)
    return refuse(state, 404, {
      code: ErrorCode.TARGET_NOT_FOUND,
      message: `target ${JSON.stringify(targetText.slice(0, 40))} not found in target group ${targetGroupId}`,
    })
  const endpoint = endpointText as Endpoint
  const decoded = decodeBody(endpoint, request.body)
  if (E.isLeft(decoded)) return refuse(state, STATUS_OF_CODE[decoded.left.code], decoded.left)
  const { customerId, periodName, initialBalance, resetStreakStatus, warnings } = decoded.right
  if (endpoint === 'unEnroll')
    return answer(state, customerId, unenroll(state, customerId, now), warnings)
  const options = {
    ...(periodName === undefined ? {} : { period: periodName }),
    ...(initialBalance === undefined ? {} : { initialBalance }),
  }
  // One endpoint for both: an unenrolled customer is re-enrolled, with resetStreakStatus.
  const unenrolled = O.exists((e: { readonly status: string }) => e.status === 'UNENROLLED')(
    enrolmentOf(state, customerId),
  )
  return unenrolled
    ? answer(
        state,
        customerId,
        reenroll(state, customerId, now, {
          ...options,
          ...(resetStreakStatus === undefined ? {} : { resetStreakStatus }),
        }),
        warnings,
      )
    : answer(state, customerId, enroll(state, customerId, now, options), [
        ...warnings,
        ...(resetStreakStatus === true
          ? [
              {
                code: 'RESET_STREAK_STATUS_IGNORED' as const,
                message:
                  'resetStreakStatus applies to re-enrolments only; ignored for a first enrolment',
              },
            ]
          : []),
      ])
}
