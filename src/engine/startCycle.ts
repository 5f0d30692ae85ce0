// SPEC §3 enroll.3: the start cycle of an enrolment or re-enrolment.
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { currentOrNextCycle, type Cycle } from '../model/cycle.js'
import { ErrorCode, enrolmentError, type EnrolmentError } from '../model/error.js'
import type { Target } from '../model/target.js'

/**
 * The cycle named `period`; else the cycle holding `now`; else the next to start. A named cycle
 * that has already ended, an unknown name, or no cycle left is 310019 (target period not found).
 */
export const startCycle = (
  target: Target,
  now: Date,
  period: string | undefined,
): E.Either<EnrolmentError, Cycle> => {
  if (period === undefined)
    return E.fromOption(() =>
      enrolmentError(
        ErrorCode.TARGET_PERIOD_NOT_FOUND,
        `no cycle of target ${target.targetId} is open or still to start at ${now.toISOString()}`,
      ),
    )(currentOrNextCycle(target.cycles, now))
  const named = target.cycles.find((cycle) => cycle.refCode === period)
  if (named === undefined)
    return E.left(
      enrolmentError(
        ErrorCode.TARGET_PERIOD_NOT_FOUND,
        `target ${target.targetId} has no cycle named ${JSON.stringify(period)}`,
        'options.period',
      ),
    )
  return named.end.getTime() <= now.getTime()
    ? E.left(
        enrolmentError(
          ErrorCode.TARGET_PERIOD_NOT_FOUND,
          `cycle ${JSON.stringify(period)} ended at ${named.end.toISOString()}`,
          'options.period',
        ),
      )
    : E.right(named)
}

/** The cycle an unenrolment takes effect from (SPEC §3 unenroll.3): the one holding `now`, else the next. */
export const unenrolmentCycle = (target: Target, now: Date): O.Option<Cycle> =>
  currentOrNextCycle(target.cycles, now)
