// Every operation's input, checked once, in one order (rule input.order): the customer id
// (310011); `now` or the activity's `at` (300004); the options and values (300004, naming the
// field); then, once the customer's record is read, `now` against its settled instant (300004).
import * as E from 'fp-ts/lib/Either.js'
import { ErrorCode, enrolmentError, type EnrolmentError } from '../model/error.js'
import type { Target } from '../model/target.js'
import type { Customer, Instant } from '../rules/customer.js'
import type { RecordActivity } from '../rules/decide.js'
import { describe, iso } from '../internal/describe.js'
import {
  instantOf,
  isNonNegativeFinite,
  isPositiveSafeInteger,
  isRecord,
  ownField,
} from '../internal/guards.js'

// model

/** The options of an enrolment or a re-enrolment, checked. */
export interface StartOptions {
  readonly period: string | undefined
  readonly initialBalance: number | undefined
  readonly resetStreakStatus: boolean
}

// operations

/** A 300004 error naming `field`. */
export const invalid = (message: string, field: string): EnrolmentError =>
  enrolmentError(ErrorCode.INVALID_INPUT, message, field)

/** rule input.customer-id: a positive safe integer, else 310011. */
export const customerIdProblem = (customerId: unknown): EnrolmentError | undefined =>
  isPositiveSafeInteger(customerId)
    ? undefined
    : enrolmentError(
        ErrorCode.INVALID_CUSTOMER_ID,
        `customerId must be a positive safe integer, got ${describe(customerId)}`,
        'customerId',
      )

/** rule input.instant: a valid `Date`, read once, as milliseconds. */
export const checkInstant = (value: unknown, field: string): E.Either<EnrolmentError, Instant> => {
  const t = instantOf(value)
  return Number.isNaN(t)
    ? E.left(invalid(`${field} must be a valid Date, got ${describe(value)}`, field))
    : E.right(t)
}

/** rule time.watermark: `now` may not be earlier than the latest `advance`. */
export const checkNow = (watermarkAt: Instant, now: unknown): E.Either<EnrolmentError, Instant> => {
  const t = checkInstant(now, 'now')
  if (E.isLeft(t)) return t
  return t.right < watermarkAt
    ? E.left(
        invalid(
          `now (${iso(t.right)}) is earlier than the watermark, the latest advance (${iso(watermarkAt)})`,
          'now',
        ),
      )
    : t
}

/** rule time.settled-instant: an operation on a customer may not go back before their settled instant. */
export const checkCustomerClock = (
  customer: Customer | undefined,
  now: Instant,
): EnrolmentError | undefined =>
  customer !== undefined && now < customer.settledAt
    ? invalid(
        `now (${iso(now)}) is earlier than customer ${customer.customerId}'s settled instant (${iso(customer.settledAt)})`,
        'now',
      )
    : undefined

/** Options must be an object, or absent. */
const checkOptions = (
  options: unknown,
): E.Either<EnrolmentError, Readonly<Record<string, unknown>>> =>
  options === undefined
    ? E.right({})
    : isRecord(options)
      ? E.right(options)
      : E.left(invalid(`options must be an object, got ${describe(options)}`, 'options'))

/** Whether `metric` counts whole numbers only, so a balance must be one (rule input.balance). */
const countsWhole = (target: Target): boolean => target.metric !== 'SUM'

/**
 * rule input.options: `period` a cycle's refCode, `initialBalance` a finite number ≥ 0 (whole for
 * `COUNT` and `VISIT`), `resetStreakStatus` a boolean — each absent or `undefined` if not given.
 */
export const checkStartOptions = (
  target: Target,
  options: unknown,
  withReset: boolean,
): E.Either<EnrolmentError, StartOptions> => {
  const checked = checkOptions(options)
  if (E.isLeft(checked)) return checked
  const period = ownField(checked.right, 'period')
  if (period !== undefined && !(typeof period === 'string' && period.length > 0))
    return E.left(
      invalid(
        `options.period must be a cycle's refCode, got ${describe(period)}`,
        'options.period',
      ),
    )
  const balance = ownField(checked.right, 'initialBalance')
  if (balance !== undefined && !isNonNegativeFinite(balance))
    return E.left(
      invalid(
        `options.initialBalance must be a finite number ≥ 0, got ${describe(balance)}`,
        'options.initialBalance',
      ),
    )
  if (balance !== undefined && countsWhole(target) && !Number.isInteger(balance))
    return E.left(
      invalid(
        `options.initialBalance must be a whole number for a ${target.metric} target, got ${describe(balance)}`,
        'options.initialBalance',
      ),
    )
  const reset = withReset ? ownField(checked.right, 'resetStreakStatus') : undefined
  if (reset !== undefined && typeof reset !== 'boolean')
    return E.left(
      invalid(
        `options.resetStreakStatus must be a boolean, got ${describe(reset)}`,
        'options.resetStreakStatus',
      ),
    )
  return E.right({
    period,
    initialBalance: balance === undefined ? undefined : balance + 0,
    resetStreakStatus: reset === true,
  })
}

/**
 * rule activity.value: an activity, checked, as the command the rules decide — a `SUM` value is a
 * finite number > 0 (any finite non-zero number where returns are allowed: rule return.allowed); a
 * `COUNT` or `VISIT` activity adds 1, and a value given must still be a finite number ≥ 0. (The
 * command is built here, with no value in between: every activity of a stream passes here.)
 */
export const activityCommand = (
  target: Target,
  customerId: number,
  activity: unknown,
  watermark: Instant,
): EnrolmentError | RecordActivity => {
  if (!isRecord(activity))
    return invalid(
      `activity must be an object { at, value }, got ${describe(activity)}`,
      'activity',
    )
  // Each field is read once: a getter cannot answer the check one thing and the count another.
  const given = ownField(activity, 'at')
  const at = instantOf(given)
  if (Number.isNaN(at))
    return invalid(`activity.at must be a valid Date, got ${describe(given)}`, 'activity.at')
  const value = ownField(activity, 'value')
  if (target.metric === 'SUM') {
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (target.allowReturns ? value !== 0 : value > 0)
    return ok
      ? { type: 'RECORD_ACTIVITY', customerId, at, amount: value + 0, watermark }
      : invalid(
          target.allowReturns
            ? `activity.value must be a finite number other than 0 (negative: a return), got ${describe(value)}`
            : `activity.value must be a finite number > 0 for a SUM target, got ${describe(value)}`,
          'activity.value',
        )
  }
  return value === undefined || isNonNegativeFinite(value)
    ? { type: 'RECORD_ACTIVITY', customerId, at, amount: 1, watermark }
    : invalid(
        `activity.value must be a finite number ≥ 0 if given, got ${describe(value)}`,
        'activity.value',
      )
}
