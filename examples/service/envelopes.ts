// The envelopes the service answers with itself, in the library's shape `{ data, errors, warnings }`.
// Its own error codes are in the 39xxxx range, apart from every code of the rules.
import { ErrorCode, type Envelope, type EnvelopeMessage } from 'loyalty-streaks'

/**
 * "Try again": the request was not applied because other requests kept changing the same customer;
 * sending it again (with the same Idempotency-Key) is safe. HTTP 503 with Retry-After.
 */
export const TRY_AGAIN = 390503

/** The service failed (a database error): nothing of the request was written. HTTP 500. */
export const INTERNAL_ERROR = 390500

/** An envelope whose `data` is any JSON value: the service's own routes answer with objects. */
export interface ServiceEnvelope {
  readonly data: unknown
  readonly errors: ReadonlyArray<EnvelopeMessage> | null
  readonly warnings: ReadonlyArray<EnvelopeMessage> | null
}

/** An HTTP answer: its status, the envelope, and any headers of its own. */
export interface Answer {
  readonly status: number
  readonly body: Envelope | ServiceEnvelope
  readonly headers?: Readonly<Record<string, string>>
}

export const success = (
  data: unknown,
  warnings: ReadonlyArray<EnvelopeMessage> = [],
): ServiceEnvelope => ({
  data,
  errors: null,
  warnings: warnings.length === 0 ? null : warnings,
})

export const refusal = (status: number, code: number, message: string): Answer => ({
  status,
  body: { data: null, errors: [{ code, message }], warnings: null },
})

/** Untrusted text quoted and cut, so that no answer echoes what a caller sent at length. */
export const quote = (text: string): string =>
  JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)

export const invalidInput = (status: number, message: string): Answer =>
  refusal(status, ErrorCode.INVALID_INPUT, message)

export const tryAgain = (retryAfterSeconds: number): Answer => ({
  ...refusal(
    503,
    TRY_AGAIN,
    'the customer was changed by concurrent requests: nothing was applied, try again',
  ),
  headers: { 'retry-after': String(retryAfterSeconds) },
})

export const internalError = (): Answer =>
  refusal(500, INTERNAL_ERROR, 'the service failed: nothing was applied, try again later')
