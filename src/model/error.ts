/**
 * Errors and warnings: expected failures are values, never exceptions.
 *
 * @since 0.1.0
 */

// model

/** The platform's error codes: its unEnroll API page lists 310011, 310019 and 310119. */
export const ErrorCode = {
  INVALID_INPUT: 300004,
  INVALID_CUSTOMER_ID: 310011,
  TARGET_GROUP_NOT_FOUND: 310017,
  TARGET_NOT_FOUND: 310018,
  TARGET_PERIOD_NOT_FOUND: 310019,
  ALREADY_ENROLLED: 310119,
  NOT_ENROLLED: 310126,
} as const

/** One of the numeric codes of {@link ErrorCode}. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

/**
 * Why an operation was refused. Nothing changed: the caller keeps the state it had.
 *
 * @example
 * import { ErrorCode, type EnrolmentError } from 'loyalty-streaks'
 * const e: EnrolmentError = { code: ErrorCode.NOT_ENROLLED, message: 'customer 7 is not enrolled' }
 */
export interface EnrolmentError {
  readonly code: ErrorCode
  readonly message: string
  /** The input field at fault, where one is (`customerId`, `now`, `options.initialBalance`, …). */
  readonly field?: string
}

/** One problem of a target definition, named by its field path (`cycles[3].end`, `levels[1]`). */
export interface DefinitionProblem {
  readonly path: string
  readonly message: string
}

/** Why a target definition or a calendar was refused: every problem found, each with its path. */
export interface DefinitionError {
  readonly code: typeof ErrorCode.INVALID_INPUT
  readonly message: string
  readonly problems: ReadonlyArray<DefinitionProblem>
}

/** Codes of the warnings an operation can carry (the operation still succeeded). */
export type WarningCode =
  | 'NOT_ENROLLED'
  | 'CYCLE_CLOSED'
  | 'OUTSIDE_CYCLES'
  | 'INITIAL_BALANCE_IGNORED'
  | 'RESET_STREAK_STATUS_IGNORED'
  | 'UNKNOWN_FIELD'

/** Something the host should hear of although the operation succeeded. */
export interface Warning {
  readonly code: WarningCode
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
