// What the rules decide: the events a host hears of, and the internal facts only the record needs.
import type { EnrolmentEvent } from '../model/event.js'
import type { Instant } from './customer.js'

// model

/** Cycles that ended before a new customer joined: nothing of them is theirs to settle. */
export interface CyclesPassed {
  readonly type: 'CYCLES_PASSED'
  readonly cycles: number
}

/** The customer's own cycle 1 starts at `anchor` (rule window.anchor). */
export interface Anchored {
  readonly type: 'ANCHORED'
  readonly anchor: Instant
}

/** An activity counted in `cycle`: its progress is now `value` (rule activity.adds). */
export interface ActivityCounted {
  readonly type: 'ACTIVITY_COUNTED'
  readonly cycle: number
  readonly at: Instant
  readonly value: number
  /** `VISIT`: a local day not counted in this cycle before. */
  readonly visit: number | undefined
}

/**
 * A balance replaced the progress of `cycle` (rules enroll.5, reenroll.3). It is not a return: below
 * the goal, the cycle is simply no longer achieved.
 */
export interface BalanceSet {
  readonly type: 'BALANCE_SET'
  readonly cycle: number
  readonly value: number
  readonly belowGoal: boolean
}

/** A cycle ended, with the customer in it or not: its settlement waits for its close (rule grace.membership). */
export interface CycleEnded {
  readonly type: 'CYCLE_ENDED'
  readonly cycle: number
  readonly member: boolean
}

/** A cycle closed and was settled: its progress is dropped (rule settle.at-close). */
export interface CycleClosed {
  readonly type: 'CYCLE_CLOSED'
  readonly cycle: number
  /**
   * A `CONTINUOUS` streak's cycle with grace days that the customer was in closed unachieved, at
   * this instant: no later cycle's credit is dated before it (rule grace.streak-order).
   */
  readonly heldUntil?: Instant | undefined
}

/** A `PERIOD_AGNOSTIC` cycle ended at the activity that reached its goal (rule window.agnostic). */
export interface CycleCompleted {
  readonly type: 'CYCLE_COMPLETED'
  readonly cycle: number
  readonly at: Instant
}

/** An achieved cycle counted into the streak (rule activity.streak-credit). */
export interface StreakCredited {
  readonly type: 'STREAK_CREDITED'
  readonly cycle: number
}

/** An achieved cycle queued behind an undecided earlier one (rule grace.streak-order). */
export interface CreditWaiting {
  readonly type: 'CREDIT_WAITING'
  readonly cycle: number
  readonly achievedAt: Instant
}

/** `advance` settled the customer up to `at` (rule advance.settles-all). */
export interface SettledUntil {
  readonly type: 'SETTLED_UNTIL'
  readonly at: Instant
}

/** A fact only the record needs. */
export type InternalFact =
  | CyclesPassed
  | Anchored
  | ActivityCounted
  | BalanceSet
  | CycleEnded
  | CycleClosed
  | CycleCompleted
  | StreakCredited
  | CreditWaiting
  | SettledUntil

/** Everything the rules decide: events for the host, and internal facts. */
export type Fact = EnrolmentEvent | InternalFact

/** The types of the facts a host hears of. */
const EVENT_TYPES: ReadonlySet<string> = new Set<EnrolmentEvent['type']>([
  'ENROLLED',
  'UNENROLLED',
  'REENROLLED',
  'CYCLE_ACHIEVED',
  'STREAK_LEVEL_ACHIEVED',
  'STREAK_BROKEN',
  'STREAK_RESET',
  'REWARD_ISSUED',
  'REWARD_FORFEITED',
  'SUB_TARGET_REACHED',
  'ACHIEVEMENT_REVERSED',
])

// operations

/** Whether a fact is an event the host hears of. */
export const isEvent = (fact: Fact): fact is EnrolmentEvent => EVENT_TYPES.has(fact.type)
