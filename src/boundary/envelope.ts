/**
 * The response envelope of the platform's API (SPEC §7): `{ data, errors, warnings }`.
 *
 * @since 0.1.0
 */
import type { EnrolmentError, Warning } from '../model/error.js'

// model

/** One error or warning as the envelope carries it. */
export interface EnvelopeMessage {
  readonly code: number | string
  readonly message: string
}

/** `data` is the customer id on success; `errors` is set (and `data` null) on failure. */
export interface Envelope {
  readonly data: number | null
  readonly errors: ReadonlyArray<EnvelopeMessage> | null
  readonly warnings: ReadonlyArray<EnvelopeMessage> | null
}

// constructors

/** The envelope of a success. */
export const succeeded = (customerId: number, warnings: ReadonlyArray<Warning>): Envelope => ({
  data: customerId,
  errors: null,
  warnings: warnings.length === 0 ? null : warnings.map(({ code, message }) => ({ code, message })),
})

/** The envelope of a refusal. */
export const failed = (
  error: EnvelopeMessage | EnrolmentError,
  warnings: ReadonlyArray<Warning>,
): Envelope => ({
  data: null,
  errors: [{ code: error.code, message: error.message }],
  warnings: warnings.length === 0 ? null : warnings.map(({ code, message }) => ({ code, message })),
})
