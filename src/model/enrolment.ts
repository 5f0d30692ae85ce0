/**
 * A customer's enrolment in one target: a union on its status (SPEC §3).
 *
 * @since 0.1.0
 */
import type * as O from 'fp-ts/lib/Option.js'

// model

/** Progress of one cycle that has not ended: kept until the cycle ends, so it is never counted twice. */
export interface CycleProgress {
  /** The cycle's 1-based index. */
  readonly cycle: number
  /** The metric's value so far: activities counted, or their values summed. */
  readonly value: number
  /** When the goal was reached, if it was. */
  readonly achievedAt: O.Option<Date>
  /** An `IMMEDIATE` milestone reward was issued for this cycle: never again (SPEC §3). */
  readonly rewarded: boolean
}

/** Where a customer stands in a streak (SPEC §1, §3). */
export interface StreakStatus {
  /** The run in which each level can be rewarded once; starts at 1. */
  readonly epoch: number
  /** Consecutive achieved cycles (`CONTINUOUS`), or achieved cycles (`NON_CONTINUOUS`). */
  readonly count: number
  /** The levels achieved in this epoch, ascending. */
  readonly achievedLevels: ReadonlyArray<number>
}

interface EnrolmentCommon {
  readonly customerId: number
  /** Incremented by every change to this record: a host can store it with a version check. */
  readonly version: number
  /** The first cycle the customer takes part in, from the latest enrolment or re-enrolment. */
  readonly startCycle: number
  /** The instant of the latest enrolment, re-enrolment or unenrolment. */
  readonly since: Date
  /** The latest instant applied to this customer by an operation on it (SPEC §2). */
  readonly settledAt: Date
  /** How many cycle ends have been settled for this customer (SPEC §5). */
  readonly settledCycles: number
  /**
   * Progress of the cycles that have not ended and have some: the open cycle (frozen while the
   * customer is out of it) and a start cycle given a balance before it began. Sorted by cycle.
   */
  readonly progress: ReadonlyArray<CycleProgress>
  /** Some for streak targets, none for milestones. */
  readonly streak: O.Option<StreakStatus>
}

/** Taking part in `startCycle` and every later cycle. */
export interface Enrolled extends EnrolmentCommon {
  readonly status: 'ENROLLED'
}

/** Out of `fromCycle` and every later cycle; progress and streak kept, frozen (SPEC §3 unenroll). */
export interface Unenrolled extends EnrolmentCommon {
  readonly status: 'UNENROLLED'
  /** The unenrolment cycle k. */
  readonly fromCycle: number
}

/**
 * A customer's enrolment. A customer never enrolled has none (`enrolmentOf` gives `none`).
 *
 * @example
 * import type { Enrolment } from 'loyalty-streaks'
 * const describe = (e: Enrolment): string =>
 *   e.status === 'ENROLLED' ? `in from c${e.startCycle}` : `out from c${e.fromCycle}`
 */
export type Enrolment = Enrolled | Unenrolled
