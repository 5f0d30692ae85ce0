/**
 * The response envelope of the platform's API: `{ data, errors, warnings }`.
 *
 * @since 0.1.0
 */
import { clip } from '../internal/describe.js'
import type { EnrolmentError, Warning } from '../model/error.js'

// model

/**
 * One error or warning as the envelope carries it.
 *
 * @example
 * import type { EnvelopeMessage } from 'loyalty-streaks'
 * const notEnrolled: EnvelopeMessage = { code: 310126, message: 'customer 7 is not enrolled in target 1' }
 *
 * @since 0.1.0
 */
export interface EnvelopeMessage {
  /** An error's numeric code, or a warning's string code. */
  readonly code: number | string
  /** For people; at most 300 characters (rule boundary.echo). */
  readonly message: string
}

/**
 * The platform's response body: `data` is the customer id on success; `errors` is set (and `data`
 * null) on failure. Each message is at most 300 characters.
 *
 * @example
 * import type { Envelope } from 'loyalty-streaks'
 * const success: Envelope = { data: 423789336, errors: null, warnings: null }
 *
 * @since 0.1.0
 */
export interface Envelope {
  /** The customer id on success, else null. */
  readonly data: number | null
  /** The error on failure (one), else null. */
  readonly errors: ReadonlyArray<EnvelopeMessage> | null
  /** The warnings, success or not; null when there are none. */
  readonly warnings: ReadonlyArray<EnvelopeMessage> | null
}

// constructors

// rule boundary.echo: whoever built a message (the engine included), the envelope carries at most
// 300 characters of it.
const messagesOf = (warnings: ReadonlyArray<Warning>): ReadonlyArray<EnvelopeMessage> | null =>
  warnings.length === 0
    ? null
    : warnings.map(({ code, message }) => ({ code, message: clip(message) }))

/** The envelope of a success. */
export const succeeded = (customerId: number, warnings: ReadonlyArray<Warning>): Envelope => ({
  data: customerId,
  errors: null,
  warnings: messagesOf(warnings),
})

/** The envelope of a refusal. */
export const failed = (
  error: EnvelopeMessage | EnrolmentError,
  warnings: ReadonlyArray<Warning>,
): Envelope => ({
  data: null,
  errors: [{ code: error.code, message: clip(error.message) }],
  warnings: messagesOf(warnings),
})
