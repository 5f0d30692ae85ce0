// Input checks shared by the operations. SPEC §3: input is checked before state — an invalid
// customerId is 310011; an Invalid Date, a bad number or a clock going back is 300004.
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { ErrorCode, enrolmentError, type EnrolmentError } from '../model/error.js'
import type { Enrolment } from '../model/enrolment.js'
import { settledAtMsOf, type Draft } from './draft.js'
import {
  isNonNegativeFinite,
  isPositiveSafeInteger,
  isRecord,
  isValidDate,
  ownField,
} from '../internal/guards.js'

/**
 * `customerId` must be a positive safe integer (SPEC §3): none if it is, else the error.
 * (An Option, not an Either of the id: the check runs on every operation and allocates nothing.)
 */
export const customerIdProblem = (customerId: unknown): O.Option<EnrolmentError> =>
  isPositiveSafeInteger(customerId)
    ? O.none
    : O.some(
        enrolmentError(
          ErrorCode.INVALID_CUSTOMER_ID,
          `customerId must be a positive safe integer, got ${describe(customerId)}`,
          'customerId',
        ),
      )

/** The error for a `field` that is not a valid Date. */
export const invalidInstant = (value: unknown, field: string): EnrolmentError =>
  invalid(`${field} must be a valid Date, got ${describe(value)}`, field)

/** `field` must be a valid Date. */
export const checkInstant = (value: unknown, field: string): E.Either<EnrolmentError, Date> =>
  isValidDate(value) ? E.right(value) : E.left(invalidInstant(value, field))

/** `now` must be a valid Date not earlier than the state's watermark (SPEC §2). */
export const checkNow = (
  clock: { readonly watermark: O.Option<Date> },
  now: unknown,
): E.Either<EnrolmentError, Date> => {
  const instant = checkInstant(now, 'now')
  if (E.isLeft(instant)) return instant
  return O.isSome(clock.watermark) && instant.right.getTime() < clock.watermark.value.getTime()
    ? E.left(
        invalid(
          `now (${instant.right.toISOString()}) is earlier than the latest operation (${clock.watermark.value.toISOString()})`,
          'now',
        ),
      )
    : instant
}

/** An operation on a customer may not go back before that customer's settled instant (SPEC §2). */
export const checkCustomerClock = <R extends Draft | Enrolment>(
  record: R,
  now: Date,
): E.Either<EnrolmentError, R> => {
  const settledAtMs = settledAtMsOf(record)
  return now.getTime() < settledAtMs
    ? E.left(
        invalid(
          `now (${now.toISOString()}) is earlier than customer ${record.customerId}'s settled instant (${new Date(settledAtMs).toISOString()})`,
          'now',
        ),
      )
    : E.right(record)
}

/** Options must be an object, or absent. */
const checkOptions = (
  options: unknown,
): E.Either<EnrolmentError, Readonly<Record<string, unknown>>> =>
  options === undefined
    ? E.right({})
    : isRecord(options)
      ? E.right(options)
      : E.left(invalid(`options must be an object, got ${describe(options)}`, 'options'))

/** `options.period`: a cycle's refCode, or absent. */
const checkPeriod = (
  options: Readonly<Record<string, unknown>>,
): E.Either<EnrolmentError, string | undefined> => {
  const period = ownField(options, 'period')
  return period === undefined || (typeof period === 'string' && period.length > 0)
    ? E.right(period)
    : E.left(
        invalid(
          `options.period must be a cycle's refCode, got ${describe(period)}`,
          'options.period',
        ),
      )
}

/** `options.initialBalance`: a finite number ≥ 0, or absent. */
const checkInitialBalance = (
  options: Readonly<Record<string, unknown>>,
): E.Either<EnrolmentError, number | undefined> => {
  const balance = ownField(options, 'initialBalance')
  return balance === undefined || isNonNegativeFinite(balance)
    ? E.right(balance === undefined ? undefined : balance + 0)
    : E.left(
        invalid(
          `options.initialBalance must be a finite number ≥ 0, got ${describe(balance)}`,
          'options.initialBalance',
        ),
      )
}

/** `options.resetStreakStatus`: a boolean, or absent (false). */
export const checkResetStreakStatus = (
  options: Readonly<Record<string, unknown>>,
): E.Either<EnrolmentError, boolean> => {
  const reset = ownField(options, 'resetStreakStatus')
  return reset === undefined || typeof reset === 'boolean'
    ? E.right(reset === true)
    : E.left(
        invalid(
          `options.resetStreakStatus must be a boolean, got ${describe(reset)}`,
          'options.resetStreakStatus',
        ),
      )
}

/** The options an enrolment and a re-enrolment share, checked: `period` and `initialBalance`. */
export const checkStartOptions = (
  options: unknown,
): E.Either<
  EnrolmentError,
  {
    readonly options: Readonly<Record<string, unknown>>
    readonly period: string | undefined
    readonly initialBalance: number | undefined
  }
> => {
  const checked = checkOptions(options)
  if (E.isLeft(checked)) return checked
  const period = checkPeriod(checked.right)
  if (E.isLeft(period)) return period
  const initialBalance = checkInitialBalance(checked.right)
  if (E.isLeft(initialBalance)) return initialBalance
  return E.right({
    options: checked.right,
    period: period.right,
    initialBalance: initialBalance.right,
  })
}

/** A 300004 error naming `field`. */
export const invalid = (message: string, field: string): EnrolmentError =>
  enrolmentError(ErrorCode.INVALID_INPUT, message, field)

/** A short, safe rendering of an untrusted value for an error message. */
export const describe = (value: unknown): string => {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return Object.is(value, -0) ? '-0' : String(value)
  if (value === null || value === undefined) return String(value)
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}
