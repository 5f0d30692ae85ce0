/**
 * The REST contract of the platform as a pure adapter: route, decode, call the engine, answer with
 * the envelope. No I/O: the host does HTTP and storage.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { describe, quote } from '../internal/describe.js'
import { instantOf, isPositiveSafeInteger } from '../internal/guards.js'
import { ErrorCode, enrolmentError, type EnrolmentError, type Warning } from '../model/error.js'
import type { EnrolmentEvent } from '../model/event.js'
import { enroll } from '../runtime/enroll.js'
import { enrolmentOf } from '../runtime/enrolmentOf.js'
import { recordActivity } from '../runtime/recordActivity.js'
import { reenroll } from '../runtime/reenroll.js'
import type { EnrolmentState } from '../runtime/state.js'
import { unenroll } from '../runtime/unenroll.js'
import type { Result } from '../runtime/workspace.js'
import { DEFAULT_MAX_BODY_BYTES, decodeBody, type Endpoint, type RequestOf } from './decodeBody.js'
import { failed, succeeded, type Envelope } from './envelope.js'
import { readProperty } from './untrusted.js'

// model

/**
 * An HTTP request as a serverless function receives it. `body` is JSON text, UTF-8 JSON bytes (a
 * `Uint8Array`, Node's `Buffer` included) or an already-parsed value.
 *
 * @example
 * import type { ApiRequest } from 'loyalty-streaks'
 * const request: ApiRequest = {
 *   method: 'POST',
 *   path: '/targetGroups/501/targets/1/unEnroll',
 *   body: '[{"customerId": 423789336}]',
 * }
 *
 * @since 0.1.0
 */
export interface ApiRequest {
  /** The HTTP method; only `POST` is served. */
  readonly method: string
  /** The path, with its query string if any: `/targetGroups/{g}/targets/{t}/{endpoint}`. */
  readonly path: string
  /** JSON text, UTF-8 JSON bytes, or an already-parsed value: a one-element array. */
  readonly body: unknown
}

/**
 * The answer: HTTP status, the envelope, and the state and events to store and publish.
 *
 * @example
 * import type { ApiResponse } from 'loyalty-streaks'
 * const ok = (response: ApiResponse): boolean => response.body.errors === null
 *
 * @since 0.1.0
 */
export interface ApiResponse {
  /** The HTTP status: 200, 400, 404, 405 or 409 (rule boundary.codes). */
  readonly status: number
  /** The envelope to send as the response's JSON body. */
  readonly body: Envelope
  /** The new state; on any failure, the very state given. */
  readonly state: EnrolmentState
  /** What the request caused, to publish; none on a failure. */
  readonly events: ReadonlyArray<EnrolmentEvent>
}

/**
 * How the host serves the routes. Checked like any input: a bad option is refused with 300004
 * naming it (`options.basePath`, `options.maxBodyBytes`).
 *
 * @example
 * import type { HandleRequestOptions } from 'loyalty-streaks'
 * const options: HandleRequestOptions = { basePath: '/prod', maxBodyBytes: 16 * 1024 }
 *
 * @since 0.2.0
 */
export interface HandleRequestOptions {
  /**
   * A prefix every path carries before `/targetGroups/…`, such as an API Gateway stage (`'/prod'`):
   * `''` or `/` and segments, a trailing `/` ignored. By default none: only the bare paths match.
   */
  readonly basePath?: string | undefined
  /**
   * The largest body read, in bytes of UTF-8 (JSON text is measured in the bytes it encodes to);
   * a larger one is refused before it is parsed. A positive safe integer; 65,536 by default.
   * An already-parsed body is not measured.
   */
  readonly maxBodyBytes?: number | undefined
}

/**
 * The HTTP status of each refusal (rule boundary.codes).
 *
 * @example
 * import { ErrorCode, STATUS_OF_CODE } from 'loyalty-streaks'
 * console.log(STATUS_OF_CODE[ErrorCode.NOT_ENROLLED]) // 409
 *
 * @since 0.1.0
 */
export const STATUS_OF_CODE: Readonly<Record<EnrolmentError['code'], number>> = {
  [ErrorCode.INVALID_INPUT]: 400,
  [ErrorCode.INVALID_CUSTOMER_ID]: 400,
  [ErrorCode.TARGET_GROUP_NOT_FOUND]: 404,
  [ErrorCode.TARGET_NOT_FOUND]: 404,
  [ErrorCode.TARGET_PERIOD_NOT_FOUND]: 404,
  [ErrorCode.ALREADY_ENROLLED]: 409,
  [ErrorCode.NOT_ENROLLED]: 409,
}

/** A request refused before the engine: its status and error. */
interface Refusal {
  readonly status: number
  readonly error: EnrolmentError
}

/** A request that reached one of the routes by POST. */
interface Route {
  readonly request: object
  readonly endpoint: Endpoint
  readonly targetGroupText: string
  readonly targetText: string
  readonly maxBodyBytes: number
}

// operations

const ROUTE =
  /^\/targetGroups\/([^/?#]+)\/targets\/([^/?#]+)\/(enroll|unEnroll|activity)\/?(?:[?#][\s\S]*)?$/

const BASE_PATH = /^(?:\/[^/?#\s]+)*\/?$/

const invalid = (message: string, field: string): EnrolmentError =>
  enrolmentError(ErrorCode.INVALID_INPUT, message, field)

const refusal = (status: number, message: string, field: string): E.Either<Refusal, never> =>
  E.left({ status, error: invalid(message, field) })

const refuse = (
  state: EnrolmentState,
  status: number,
  error: EnrolmentError,
  warnings: ReadonlyArray<Warning> = [],
): ApiResponse => ({ status, body: failed(error, warnings), state, events: [] })

/** The options, checked: `basePath` without its trailing `/`, and the body limit. */
const optionsOf = (
  options: unknown,
): E.Either<Refusal, { readonly basePath: string; readonly maxBodyBytes: number }> => {
  if (options === undefined) return E.right({ basePath: '', maxBodyBytes: DEFAULT_MAX_BODY_BYTES })
  if (typeof options !== 'object' || options === null)
    return refusal(400, `options must be an object, got ${describe(options)}`, 'options')
  // Options may be a class instance: inherited getters are read too, each once.
  const basePath = readProperty(options, 'basePath')
  if (O.isNone(basePath))
    return refusal(400, 'options.basePath could not be read', 'options.basePath')
  const path = basePath.value
  if (path !== undefined && (typeof path !== 'string' || !BASE_PATH.test(path)))
    return refusal(
      400,
      `options.basePath must be "" or a path such as "/prod", got ${describe(path)}`,
      'options.basePath',
    )
  const maxBodyBytes = readProperty(options, 'maxBodyBytes')
  if (O.isNone(maxBodyBytes))
    return refusal(400, 'options.maxBodyBytes could not be read', 'options.maxBodyBytes')
  const max = maxBodyBytes.value
  if (max !== undefined && !isPositiveSafeInteger(max))
    return refusal(
      400,
      `options.maxBodyBytes must be a positive safe integer, got ${describe(max)}`,
      'options.maxBodyBytes',
    )
  return E.right({
    basePath: path === undefined ? '' : path.replace(/\/$/, ''),
    maxBodyBytes: max ?? DEFAULT_MAX_BODY_BYTES,
  })
}

/**
 * The route a request takes, read as both `handleRequest` and `customerOfRequest` read it: options,
 * then the path (404), then the method (405). Each field of the request is read once.
 */
const routeOf = (request: unknown, options: unknown): E.Either<Refusal, Route> => {
  const checked = optionsOf(options)
  if (E.isLeft(checked)) return checked
  const { basePath, maxBodyBytes } = checked.right
  if (typeof request !== 'object' || request === null)
    return refusal(
      400,
      `request must be an object { method, path, body }, got ${describe(request)}`,
      'request',
    )
  const read = readProperty(request, 'path')
  if (O.isNone(read)) return refusal(400, 'request.path could not be read', 'request.path')
  const path = read.value
  // rule boundary.codes: no route is 404 with 300004; an HTTP status is never an error code.
  if (typeof path !== 'string')
    return refusal(404, `path must be a string, got ${describe(path)}`, 'path')
  // rule boundary.base-path: the prefix is matched exactly, then the route as without it.
  const match = path.startsWith(basePath) ? ROUTE.exec(path.slice(basePath.length)) : null
  if (match === null) return refusal(404, `no route for ${quote(path)}`, 'path')
  const readMethod = readProperty(request, 'method')
  if (O.isNone(readMethod))
    return refusal(400, 'request.method could not be read', 'request.method')
  const method = readMethod.value
  if (typeof method !== 'string')
    return refusal(405, `method must be a string such as "POST", got ${describe(method)}`, 'method')
  // The length first: a long method is never upper-cased whole.
  if (method.length !== 4 || method.toUpperCase() !== 'POST')
    return refusal(405, `method ${quote(method)} is not allowed: use POST`, 'method')
  const [, targetGroupText = '', targetText = '', endpoint = ''] = match
  return E.right({
    request,
    endpoint: endpoint as Endpoint,
    targetGroupText,
    targetText,
    maxBodyBytes,
  })
}

/** The body of a routed request, read once and decoded for `endpoint`. */
const bodyOf = <K extends Endpoint>(route: Route, endpoint: K): E.Either<Refusal, RequestOf[K]> => {
  const body = readProperty(route.request, 'body')
  if (O.isNone(body)) return refusal(400, 'request.body could not be read', 'request.body')
  const decoded = decodeBody(endpoint, body.value, route.maxBodyBytes)
  return E.isLeft(decoded)
    ? E.left({ status: STATUS_OF_CODE[decoded.left.code], error: decoded.left })
    : decoded
}

/** A copy of `now`, read through the intrinsic `Date` method: a look-alike or a Proxy is refused. */
const nowOf = (now: unknown): E.Either<Refusal, Date> => {
  const time = instantOf(now)
  return Number.isNaN(time)
    ? refusal(400, `now must be a valid Date, got ${describe(now)}`, 'now')
    : E.right(new Date(time))
}

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

const resetStreakStatusIgnored: Warning = {
  code: 'RESET_STREAK_STATUS_IGNORED',
  message: 'resetStreakStatus applies to re-enrolments only; ignored for a first enrolment',
}

/** Enrols, or re-enrols an unenrolled customer with `resetStreakStatus`. */
const serveEnroll = (state: EnrolmentState, route: Route, now: unknown): ApiResponse => {
  const decoded = bodyOf(route, 'enroll')
  if (E.isLeft(decoded)) return refuse(state, decoded.left.status, decoded.left.error)
  const instant = nowOf(now)
  if (E.isLeft(instant)) return refuse(state, instant.left.status, instant.left.error)
  const { customerId, periodName, initialBalance, resetStreakStatus, warnings } = decoded.right
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
        reenroll(state, customerId, instant.right, {
          ...options,
          ...(resetStreakStatus === undefined ? {} : { resetStreakStatus }),
        }),
        warnings,
      )
    : answer(state, customerId, enroll(state, customerId, instant.right, options), [
        ...warnings,
        ...(resetStreakStatus === true ? [resetStreakStatusIgnored] : []),
      ])
}

const serveUnenroll = (state: EnrolmentState, route: Route, now: unknown): ApiResponse => {
  const decoded = bodyOf(route, 'unEnroll')
  if (E.isLeft(decoded)) return refuse(state, decoded.left.status, decoded.left.error)
  const instant = nowOf(now)
  if (E.isLeft(instant)) return refuse(state, instant.left.status, instant.left.error)
  const { customerId, warnings } = decoded.right
  return answer(state, customerId, unenroll(state, customerId, instant.right), warnings)
}

/** Records one activity, at `at` or else at `now`; one that does not count is a success with its warning. */
const serveActivity = (state: EnrolmentState, route: Route, now: unknown): ApiResponse => {
  const decoded = bodyOf(route, 'activity')
  if (E.isLeft(decoded)) return refuse(state, decoded.left.status, decoded.left.error)
  const instant = nowOf(now)
  if (E.isLeft(instant)) return refuse(state, instant.left.status, instant.left.error)
  const { customerId, at, value, warnings } = decoded.right
  const activity = { at: at ?? instant.right, ...(value === undefined ? {} : { value }) }
  return answer(state, customerId, recordActivity(state, customerId, activity), warnings)
}

const serve = (
  state: EnrolmentState,
  request: unknown,
  now: unknown,
  options: unknown,
): ApiResponse => {
  const route = routeOf(request, options)
  if (E.isLeft(route)) return refuse(state, route.left.status, route.left.error)
  const { targetGroupText, targetText, endpoint } = route.right
  const targetGroupId = idOf(targetGroupText)
  if (targetGroupId !== state.target.targetGroupId)
    return refuse(
      state,
      404,
      enrolmentError(
        ErrorCode.TARGET_GROUP_NOT_FOUND,
        `target group ${quote(targetGroupText)} not found`,
        'targetGroupId',
      ),
    )
  if (idOf(targetText) !== state.target.targetId)
    return refuse(
      state,
      404,
      enrolmentError(
        ErrorCode.TARGET_NOT_FOUND,
        `target ${quote(targetText)} not found in target group ${targetGroupId}`,
        'targetId',
      ),
    )
  switch (endpoint) {
    case 'enroll':
      return serveEnroll(state, route.right, now)
    case 'unEnroll':
      return serveUnenroll(state, route.right, now)
    case 'activity':
      return serveActivity(state, route.right, now)
  }
}

/**
 * The customer a request is about, read exactly as `handleRequest` reads it (options, route,
 * method, then body), or none when `handleRequest` would refuse the request before looking at any
 * customer. A host that stores one row per customer loads that row, builds the state from it, then
 * calls `handleRequest` with the same options. Never throws.
 *
 * @example
 * import { customerOfRequest } from 'loyalty-streaks'
 * customerOfRequest({ method: 'POST', path: '/targetGroups/7/targets/1/enroll', body: '[{"customerId": "42"}]' })
 * // some(42)
 * customerOfRequest(
 *   { method: 'POST', path: '/prod/targetGroups/7/targets/1/activity', body: '[{"customerId": 42}]' },
 *   { basePath: '/prod' },
 * )
 * // some(42)
 *
 * @since 0.1.0
 */
export const customerOfRequest = (
  request: ApiRequest,
  options?: HandleRequestOptions,
): O.Option<number> => {
  try {
    const route = routeOf(request, options)
    if (E.isLeft(route)) return O.none
    const decoded = bodyOf(route.right, route.right.endpoint)
    return E.isLeft(decoded) ? O.none : O.some(decoded.right.customerId)
  } catch {
    // rule boundary.never-throws: the last line of defence; every case known is answered above.
    return O.none
  }
}

/**
 * Serves, on the state of one target, `POST /targetGroups/{targetGroupId}/targets/{targetId}/enroll`
 * (enrols, or re-enrols an unenrolled customer with its `periodName`, `initialBalance` and
 * `resetStreakStatus`), `POST …/unEnroll` and `POST …/activity` (records one activity, `at` an
 * ISO-8601 instant with a time zone, `now` by default; one that does not count is a success with
 * its warning). Never throws, whatever it is given: a refused request returns the very state it was
 * given and no events, and no message quotes more than 40 characters of what the caller sent.
 * Statuses: 200, 400 (300004, 310011), 404 (310017, 310018, 310019; an unknown route, 300004),
 * 405 (not POST, 300004), 409 (310119, 310126).
 *
 * @example
 * import { defineMilestone, handleRequest, initialState } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const target = defineMilestone({
 *   targetGroupId: 501, targetId: 1, metric: 'COUNT', goal: 2, allocation: 'PERIOD_END',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') }],
 * })
 * if (E.isLeft(target)) throw new Error(target.left.message)
 * const now = new Date('2026-01-05T00:00:00Z')
 * const enrol = { method: 'POST', path: '/prod/targetGroups/501/targets/1/enroll', body: '[{"customerId": 423789336}]' }
 * const response = handleRequest(initialState(target.right), enrol, now, { basePath: '/prod' })
 * console.log(response.status, response.body) // 200 { data: 423789336, errors: null, warnings: null }
 * const again = handleRequest(response.state, enrol, now, { basePath: '/prod' })
 * console.log(again.status, again.body.errors?.[0]?.code) // 409 310119: already enrolled
 * const wrong = handleRequest(response.state, { ...enrol, method: 'GET' }, now, { basePath: '/prod' })
 * console.log(wrong.status, wrong.body.errors?.[0]?.code) // 405 300004
 *
 * @since 0.1.0
 */
export const handleRequest = (
  state: EnrolmentState,
  request: ApiRequest,
  now: Date,
  options?: HandleRequestOptions,
): ApiResponse => {
  try {
    return serve(state, request, now, options)
  } catch {
    // rule boundary.never-throws: the last line of defence; every case known is answered above.
    return refuse(state, 400, invalid('the request could not be handled', 'request'))
  }
}
