// The state-dependent refusals of SPEC §3, worded once.
import { ErrorCode, enrolmentError, type EnrolmentError } from '../model/error.js'
import type { Target } from '../model/target.js'

/** 310119: the customer is already enrolled. */
export const alreadyEnrolled = (target: Target, customerId: number): EnrolmentError =>
  enrolmentError(
    ErrorCode.ALREADY_ENROLLED,
    `customer ${customerId} is already enrolled in target ${target.targetId}`,
    'customerId',
  )

/** 310126: the customer is not enrolled (never was, or was unenrolled). */
export const notEnrolled = (
  target: Target,
  customerId: number,
  why: 'never enrolled' | 'already unenrolled',
): EnrolmentError =>
  enrolmentError(
    ErrorCode.NOT_ENROLLED,
    `customer ${customerId} is not enrolled in target ${target.targetId} (${why})`,
    'customerId',
  )
