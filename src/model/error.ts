/**
 * Errors and warnings: expected failures are values, never exceptions.
 *
 * @since 0.1.0
 */

// model

/**
 * The platform's error codes: 300004 invalid input (a bad value, an instant earlier than the
 * watermark, an unknown route or method), 310011 invalid customer id, 310017 target group not
 * found, 310018 target not found, 310019 target period not found, 310119 already enrolled, 310126
 * not enrolled.
 *
 * @example
 * import { ErrorCode, type EnrolmentError } from 'loyalty-streaks'
 * const retryable = (e: EnrolmentError): boolean => e.code === ErrorCode.INVALID_INPUT
 *
 * @since 0.1.0
 */
export const ErrorCode = {
  /** A malformed value, an instant earlier than the watermark, an unknown route or method. */
  INVALID_INPUT: 300004,
  /** A customer id that is not a positive safe integer. */
  INVALID_CUSTOMER_ID: 310011,
  /** A request for a target group the state does not hold. */
  TARGET_GROUP_NOT_FOUND: 310017,
  /** A request for a target the state does not hold. */
  TARGET_NOT_FOUND: 310018,
  /** No such cycle, a named cycle that has ended, or no cycle left. */
  TARGET_PERIOD_NOT_FOUND: 310019,
  /** The customer is already enrolled. */
  ALREADY_ENROLLED: 310119,
  /** The customer is not enrolled (never, or no longer). */
  NOT_ENROLLED: 310126,
} as const

/**
 * One of the numeric codes of {@link ErrorCode}.
 *
 * @example
 * import { ErrorCode } from 'loyalty-streaks'
 * const code: ErrorCode = ErrorCode.NOT_ENROLLED // 310126
 *
 * @since 0.1.0
 */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

/**
 * Why an operation was refused. Nothing changed: the caller keeps the state it had.
 *
 * @example
 * import { ErrorCode, type EnrolmentError } from 'loyalty-streaks'
 * const e: EnrolmentError = { code: ErrorCode.NOT_ENROLLED, message: 'customer 7 is not enrolled' }
 *
 * @since 0.1.0
 */
export interface EnrolmentError {
  /** What went wrong, as the platform numbers it. */
  readonly code: ErrorCode
  /** For people: names the field and what it must be. */
  readonly message: string
  /** The input field at fault, where one is (`customerId`, `now`, `options.initialBalance`, …). */
  readonly field?: string
}

/**
 * One problem of a target definition, named by its field path (`cycles[3].end`, `levels[1]`).
 *
 * @example
 * import type { DefinitionProblem } from 'loyalty-streaks'
 * const line = (p: DefinitionProblem): string => `${p.path}: ${p.message}`
 *
 * @since 0.1.0
 */
export interface DefinitionProblem {
  /** The field at fault, with dots and `[index]`; `''` for the whole definition. */
  readonly path: string
  /** What the field must be. */
  readonly message: string
}

/**
 * Why a target definition or a calendar was refused: every problem found, each with its path
 * (rule definition.constructors).
 *
 * @example
 * import { defineMilestone } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const refused = defineMilestone({
 *   targetGroupId: 1, targetId: 1, metric: 'COUNT', goal: 0, allocation: 'IMMEDIATE', cycles: [],
 * })
 * if (E.isLeft(refused)) console.log(refused.left.problems.map((p) => p.path)) // ['goal', 'cycles']
 *
 * @since 0.1.0
 */
export interface DefinitionError {
  /** Always 300004, invalid input. */
  readonly code: typeof ErrorCode.INVALID_INPUT
  /** Every problem in one line. */
  readonly message: string
  /** Every problem found, in the order of the definition's fields. */
  readonly problems: ReadonlyArray<DefinitionProblem>
}

/**
 * Codes of the warnings an operation can carry (the operation still succeeded): an activity that
 * did not count (`NOT_ENROLLED`, `CYCLE_CLOSED`, `OUTSIDE_CYCLES`, rule activity.warning-order), an
 * option ignored (`INITIAL_BALANCE_IGNORED`, `RESET_STREAK_STATUS_IGNORED`), a request field no
 * endpoint reads (`UNKNOWN_FIELD`).
 *
 * @example
 * import type { WarningCode } from 'loyalty-streaks'
 * const counted = (codes: ReadonlyArray<WarningCode>): boolean =>
 *   !codes.some((c) => c === 'NOT_ENROLLED' || c === 'CYCLE_CLOSED' || c === 'OUTSIDE_CYCLES')
 *
 * @since 0.1.0
 */
export type WarningCode =
  | 'NOT_ENROLLED'
  | 'CYCLE_CLOSED'
  | 'OUTSIDE_CYCLES'
  | 'INITIAL_BALANCE_IGNORED'
  | 'RESET_STREAK_STATUS_IGNORED'
  | 'UNKNOWN_FIELD'

/**
 * Something the host should hear of although the operation succeeded.
 *
 * @example
 * import type { Warning } from 'loyalty-streaks'
 * const log = (warnings: ReadonlyArray<Warning>): string => warnings.map((w) => w.code).join(', ')
 *
 * @since 0.1.0
 */
export interface Warning {
  /** Which warning. */
  readonly code: WarningCode
  /** For people. */
  readonly message: string
}

// constructors

/** An {@link EnrolmentError}. */
export const enrolmentError = (code: ErrorCode, message: string, field?: string): EnrolmentError =>
  field === undefined ? { code, message } : { code, message, field }

/** The warning for an `initialBalance` given to a streak (rule enroll.5). */
export const initialBalanceIgnored: Warning = {
  code: 'INITIAL_BALANCE_IGNORED',
  message: 'initialBalance applies to milestones only; ignored for a streak',
}

/** A {@link DefinitionError} listing `problems`. */
export const definitionError = (problems: ReadonlyArray<DefinitionProblem>): DefinitionError => ({
  code: ErrorCode.INVALID_INPUT,
  message: `invalid definition: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
  problems,
})
