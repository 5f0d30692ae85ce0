/**
 * The response envelope of the platform's API: `{ data, errors, warnings }`.
 *
 * @since 0.1.0
 */
import { clip } from '../internal/describe.js'
import type { EnrolmentError, Warning } from '../model/error.js'

// model

/** One error or warning as the envelope carries it. */
export interface EnvelopeMessage {
  readonly code: number | string
  readonly message: string
}

/** `data` is the customer id on success; `errors` is set (and `data` null) on failure. Each message is at most 300 characters. */
export interface Envelope {
  readonly data: number | null
  readonly errors: ReadonlyArray<EnvelopeMessage> | null
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
