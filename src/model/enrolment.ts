/**
 * A customer's enrolment in one target, as the library shows it: a union on its status.
 *
 * @since 0.1.0
 */
import type * as O from 'fp-ts/lib/Option.js'

// model

/**
 * Progress of one cycle that has not closed: kept until the cycle closes, so it is never counted
 * twice.
 *
 * @example
 * import type { CycleProgress } from 'loyalty-streaks'
 * import * as O from 'fp-ts/lib/Option.js'
 * const achieved = (p: CycleProgress): boolean => O.isSome(p.achievedAt)
 *
 * @since 0.1.0
 */
export interface CycleProgress {
  /** The cycle's 1-based index. */
  readonly cycle: number
  /**
   * The metric's value so far: activities counted, values summed (returns subtracted), or distinct
   * local days with activity (with any balance given).
   */
  readonly value: number
  /** When the goal was last reached, while it is reached. */
  readonly achievedAt: O.Option<Date>
  /**
   * The first achievement was rewarded: an `IMMEDIATE` milestone reward was issued, or the cycle was
   * counted into the streak. Never again for this cycle (rules activity.cycle-once, return.streak).
   */
  readonly rewarded: boolean
  /**
   * Targets that allow returns: a return took the progress below the goal after it was reached
   * (rule return.reversed).
   * @since 0.2.0
   */
  readonly reversed?: boolean
  /**
   * Targets with sub-targets: those reached in this cycle, in the order reached (rule subtarget.once).
   * @since 0.2.0
   */
  readonly subTargets?: ReadonlyArray<string>
  /**
   * `VISIT` targets: the local dates (`YYYY-MM-DD`, in the target's zone) counted in this cycle.
   * @since 0.2.0
   */
  readonly visits?: ReadonlyArray<string>
}

/**
 * A streak cycle achieved while an earlier cycle the customer took part in was still in grace and
 * unachieved: it is counted once that earlier cycle is achieved or closed (rule grace.streak-order).
 *
 * @example
 * import type { WaitingCredit } from 'loyalty-streaks'
 * const label = (w: WaitingCredit): string => `c${w.cycle} waits since ${w.achievedAt.toISOString()}`
 *
 * @since 0.2.0
 */
export interface WaitingCredit {
  /** The achieved cycle waiting to be counted. */
  readonly cycle: number
  /** When it was achieved. */
  readonly achievedAt: Date
}

/**
 * Where a customer stands in a streak.
 *
 * @example
 * import type { StreakStatus } from 'loyalty-streaks'
 * const line = (s: StreakStatus): string => `${s.count} in a row, levels ${s.achievedLevels.join(', ')}`
 *
 * @since 0.1.0
 */
export interface StreakStatus {
  /** The run in which each level can be rewarded once; starts at 1. */
  readonly epoch: number
  /** Consecutive achieved cycles (`CONTINUOUS`), or achieved cycles (`NON_CONTINUOUS`). */
  readonly count: number
  /** The levels achieved in this epoch, ascending. */
  readonly achievedLevels: ReadonlyArray<number>
  /**
   * `CONTINUOUS` streaks with grace days: achieved cycles waiting to be counted, in cycle order.
   * @since 0.2.0
   */
  readonly waiting?: ReadonlyArray<WaitingCredit>
}

interface EnrolmentCommon {
  /** A positive safe integer. */
  readonly customerId: number
  /** Incremented by every change to this record: a host can store it with a version check. */
  readonly version: number
  /** The first cycle the customer takes part in, from the latest enrolment or re-enrolment. */
  readonly startCycle: number
  /** The instant of the latest enrolment, re-enrolment or unenrolment. */
  readonly since: Date
  /** The latest instant applied to this customer by an operation on it (rule time.settled-instant). */
  readonly settledAt: Date
  /** How many of the customer's cycles have closed and been settled (rule settle.at-close). */
  readonly settledCycles: number
  /**
   * Targets with grace days: how many of the customer's cycles have ended (≥ `settledCycles`).
   * @since 0.2.0
   */
  readonly endedCycles?: number
  /**
   * Targets with grace days: the cycles in grace (ended, not closed) the customer was in at their
   * end (rule grace.membership).
   * @since 0.2.0
   */
  readonly graceCycles?: ReadonlyArray<number>
  /**
   * `CYCLIC` and `PERIOD_AGNOSTIC` windows: when the customer's cycle 1 starts, once anchored
   * (rule window.anchor).
   * @since 0.2.0
   */
  readonly anchor?: O.Option<Date>
  /**
   * `PERIOD_AGNOSTIC` windows: the end of each achieved cycle, in order (rule window.agnostic).
   * @since 0.2.0
   */
  readonly cycleEnds?: ReadonlyArray<Date>
  /**
   * Progress of the cycles that have not closed and have some: the open cycle (frozen while the
   * customer is out of it), cycles in grace, and a start cycle given a balance before it began.
   * Sorted by cycle.
   */
  readonly progress: ReadonlyArray<CycleProgress>
  /** Some for streak targets, none for milestones. */
  readonly streak: O.Option<StreakStatus>
}

/**
 * Taking part in `startCycle` and every later cycle.
 *
 * @example
 * import type { Enrolled } from 'loyalty-streaks'
 * const since = (e: Enrolled): string => `enrolled from c${e.startCycle}`
 *
 * @since 0.1.0
 */
export interface Enrolled extends EnrolmentCommon {
  /** Tells an enrolled customer from an unenrolled one. */
  readonly status: 'ENROLLED'
}

/**
 * Out of `fromCycle` and every later cycle; progress and streak kept, frozen (rules unenroll.4,
 * unenroll.7).
 *
 * @example
 * import type { Unenrolled } from 'loyalty-streaks'
 * const until = (e: Unenrolled): string => `out from c${e.fromCycle}`
 *
 * @since 0.1.0
 */
export interface Unenrolled extends EnrolmentCommon {
  /** Tells an unenrolled customer from an enrolled one. */
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
 *
 * @since 0.1.0
 */
export type Enrolment = Enrolled | Unenrolled
