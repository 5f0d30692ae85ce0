// Decoding the untrusted body of the enrol and unenrol endpoints (SPEC §7): a JSON string or an
// already-parsed value, holding exactly one element. Never throws.
import * as E from 'fp-ts/lib/Either.js'
import { ErrorCode, enrolmentError, type EnrolmentError, type Warning } from '../model/error.js'
import { describe } from '../runtime/input.js'
import { isRecord, ownField } from '../internal/guards.js'

/** Bodies larger than this are refused before parsing (characters of the JSON text). */
const MAX_BODY_CHARS = 64 * 1024

/** The fields each endpoint reads. */
export type Endpoint = 'enroll' | 'unEnroll'

/** A decoded request element. */
export interface EnrolmentRequest {
  readonly customerId: number
  readonly periodName: string | undefined
  readonly initialBalance: number | undefined
  readonly resetStreakStatus: boolean | undefined
  readonly warnings: ReadonlyArray<Warning>
}

const FIELDS: Readonly<Record<Endpoint, ReadonlyArray<string>>> = {
  enroll: ['customerId', 'periodName', 'initialBalance', 'resetStreakStatus'],
  unEnroll: ['customerId'],
}

const invalid = (message: string, field: string): EnrolmentError =>
  enrolmentError(ErrorCode.INVALID_INPUT, message, field)

/** A positive safe integer, given as a number or as a string of digits (SPEC §7). */
const customerIdOf = (value: unknown): E.Either<EnrolmentError, number> => {
  const id =
    typeof value === 'string' && /^[1-9][0-9]{0,15}$/.test(value)
      ? Number(value)
      : typeof value === 'number'
        ? value
        : Number.NaN
  return Number.isSafeInteger(id) && id > 0
    ? E.right(id)
    : E.left(
        enrolmentError(
          ErrorCode.INVALID_CUSTOMER_ID,
          `body[0].customerId must be a positive integer (or a string of its digits), got ${describe(value)}`,
          'customerId',
        ),
      )
}

const parse = (body: unknown): E.Either<EnrolmentError, unknown> => {
  if (typeof body !== 'string') return E.right(body)
  if (body.length > MAX_BODY_CHARS)
    return E.left(invalid(`body is larger than ${MAX_BODY_CHARS} characters`, 'body'))
  try {
    return E.right(JSON.parse(body) as unknown)
  } catch {
    return E.left(invalid('body is not valid JSON', 'body'))
  }
}

/** Decodes the body of `endpoint`: one element, each field checked and named when wrong. */
export const decodeBody = (
  endpoint: Endpoint,
  body: unknown,
): E.Either<EnrolmentError, EnrolmentRequest> => {
  const parsed = parse(body)
  if (E.isLeft(parsed)) return parsed
  const list = parsed.right
  if (!Array.isArray(list))
    return E.left(invalid(`body must be an array of one element, got ${describe(list)}`, 'body'))
  const items: ReadonlyArray<unknown> = list
  if (items.length === 0) return E.left(invalid('body must hold one element, got none', 'body'))
  if (items.length > 1)
    return E.left(
      invalid(`batch is not supported: body must hold one element, got ${items.length}`, 'body'),
    )
  const item = items[0]
  if (!isRecord(item))
    return E.left(invalid(`body[0] must be an object, got ${describe(item)}`, 'body[0]'))
  const id = customerIdOf(ownField(item, 'customerId'))
  if (E.isLeft(id)) return id
  // Fields this endpoint does not read are reported, never silently dropped.
  const unknown = Object.keys(item).filter((key) => !FIELDS[endpoint].includes(key))
  const warnings: ReadonlyArray<Warning> = unknown.map((key) => ({
    code: 'UNKNOWN_FIELD',
    message: `body[0].${key} is not a field of ${endpoint}; ignored`,
  }))
  if (endpoint === 'unEnroll')
    return E.right({
      customerId: id.right,
      periodName: undefined,
      initialBalance: undefined,
      resetStreakStatus: undefined,
      warnings,
    })
  const periodName = ownField(item, 'periodName')
  if (periodName !== undefined && (typeof periodName !== 'string' || periodName.length === 0))
    return E.left(
      invalid(
        `body[0].periodName must be a cycle's name, got ${describe(periodName)}`,
        'periodName',
      ),
    )
  const initialBalance = ownField(item, 'initialBalance')
  if (
    initialBalance !== undefined &&
    !(typeof initialBalance === 'number' && Number.isFinite(initialBalance) && initialBalance >= 0)
  )
    return E.left(
      invalid(
        `body[0].initialBalance must be a finite number ≥ 0, got ${describe(initialBalance)}`,
        'initialBalance',
      ),
    )
  const reset = ownField(item, 'resetStreakStatus')
  if (reset !== undefined && typeof reset !== 'boolean')
    return E.left(
      invalid(
        `body[0].resetStreakStatus must be a boolean, got ${describe(reset)}`,
        'resetStreakStatus',
      ),
    )
  return E.right({
    customerId: id.right,
    periodName,
    initialBalance,
    resetStreakStatus: reset,
    warnings,
  })
}
