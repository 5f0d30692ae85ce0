// The record the rules keep for one customer of one target: plain readonly data, instants as
// epoch milliseconds (so that no `Date` a caller holds can ever be part of it).

// model

/** Milliseconds since the epoch. The rules compare instants as numbers. */
export type Instant = number

/** Progress of one of the customer's cycles that has not closed. */
export interface Progress {
  readonly cycle: number
  /** Activities counted, values summed (returns subtracted), or visits plus any balance. */
  readonly value: number
  /** When the goal was last reached, while it is reached (rule activity.achieves). */
  readonly achievedAt: Instant | undefined
  /** Reached, then taken below the goal by a return, and not reached again (rule return.reversed). */
  readonly reversed: boolean
  /**
   * The first achievement had its effect: the `IMMEDIATE` reward was issued, or the cycle was counted
   * into the streak (or queued to be). Never again for this cycle (rules activity.cycle-once, return.streak).
   */
  readonly rewarded: boolean
  /** The sub-targets reached in this cycle, in the order reached (rule subtarget.once). */
  readonly subTargets: ReadonlyArray<string>
  /** `VISIT`: the local days counted in this cycle, as day numbers, ascending (rule visit.distinct-days). */
  readonly visits: ReadonlyArray<number>
}

/** A streak cycle achieved while an earlier one is undecided (rule grace.streak-order). */
export interface WaitingCredit {
  readonly cycle: number
  readonly achievedAt: Instant
}

/** Where the customer stands in a streak. */
export interface Streak {
  readonly epoch: number
  readonly count: number
  /** Ascending. */
  readonly achievedLevels: ReadonlyArray<number>
  /** In cycle order. */
  readonly waiting: ReadonlyArray<WaitingCredit>
  /**
   * With grace days, the latest close of a cycle the customer was in that closed unachieved: a
   * later cycle's credit is dated no earlier (rule grace.streak-order). Kept across epochs.
   */
  readonly heldUntil: Instant | undefined
}

interface CustomerCommon {
  readonly customerId: number
  /** Set by the runtime, one more at every change; the rules carry it and never read it. */
  readonly version: number
  /** The first cycle of the latest enrolment or re-enrolment. */
  readonly startCycle: number
  /** The latest enrolment, re-enrolment or unenrolment. */
  readonly since: Instant
  /** The latest instant applied to this customer (rule time.settled-instant). */
  readonly settledAt: Instant
  /** How many of the customer's cycles have ended, and so have their membership fixed. */
  readonly endedCycles: number
  /** How many of the customer's cycles have closed and been settled (≤ `endedCycles`). */
  readonly closedCycles: number
  /** The cycles in grace (ended, not closed) the customer was in at their end (rule grace.membership). */
  readonly graceCycles: ReadonlyArray<number>
  /** `CYCLIC` and `PERIOD_AGNOSTIC`: when cycle 1 starts, once anchored (rule window.anchor). */
  readonly anchor: Instant | undefined
  /** `PERIOD_AGNOSTIC`: the end of each achieved cycle, in order (rule window.agnostic). */
  readonly cycleEnds: ReadonlyArray<Instant>
  /** The cycles not closed that have progress, by cycle. */
  readonly progress: ReadonlyArray<Progress>
  /** Streak targets, once anything happened to the streak; absent means epoch 1, count 0. */
  readonly streak: Streak | undefined
}

/** Taking part in `startCycle` and every later cycle. */
export interface EnrolledCustomer extends CustomerCommon {
  readonly status: 'ENROLLED'
  readonly fromCycle?: undefined
}

/** Out of `fromCycle` (the unenrolment cycle k) and every later cycle. */
export interface UnenrolledCustomer extends CustomerCommon {
  readonly status: 'UNENROLLED'
  readonly fromCycle: number
}

/** A customer's record. */
export type Customer = EnrolledCustomer | UnenrolledCustomer

// constructors

const none: ReadonlyArray<never> = Object.freeze([])

/** The progress of a cycle nothing has counted in yet. */
export const noProgress = (cycle: number): DraftProgress => ({
  cycle,
  value: 0,
  achievedAt: undefined,
  reversed: false,
  rewarded: false,
  subTargets: none,
  visits: none,
})

/** The streak of a customer nothing has happened to yet. */
export const initialStreak: Streak = {
  epoch: 1,
  count: 0,
  achievedLevels: none,
  waiting: none,
  heldUntil: undefined,
}

/** A new customer's record, enrolled at `at` from `startCycle`. */
export const newCustomer = (customerId: number, startCycle: number, at: Instant): Draft => ({
  status: 'ENROLLED',
  customerId,
  version: 0,
  startCycle,
  since: at,
  settledAt: at,
  endedCycles: 0,
  closedCycles: 0,
  graceCycles: none,
  anchor: undefined,
  cycleEnds: none,
  progress: none,
  streak: undefined,
  fromCycle: undefined,
})

/** The frozen empty list every record shares where it has nothing. */
export const empty: ReadonlyArray<never> = none

/**
 * A record being written: the same fields, writable. Only `evolve` writes one, and only while the
 * decision (or the runtime's workspace) that made it is the only one holding it; once handed out
 * it is a `Customer`, never written again.
 */
export type Draft = {
  -readonly [K in keyof UnenrolledCustomer]: K extends 'status'
    ? Customer['status']
    : K extends 'fromCycle'
      ? number | undefined
      : K extends 'progress'
        ? ReadonlyArray<DraftProgress>
        : UnenrolledCustomer[K]
}

/** A cycle's progress being written. */
export type DraftProgress = { -readonly [K in keyof Progress]: Progress[K] }

/**
 * A draft of `customer` that shares nothing writable with it. Every field is written out in one
 * order, so that every record has one layout (a spread would give records of many layouts).
 */
export const draftOf = (customer: Customer): Draft => ({
  status: customer.status,
  customerId: customer.customerId,
  version: customer.version,
  startCycle: customer.startCycle,
  since: customer.since,
  settledAt: customer.settledAt,
  endedCycles: customer.endedCycles,
  closedCycles: customer.closedCycles,
  graceCycles: customer.graceCycles,
  anchor: customer.anchor,
  cycleEnds: customer.cycleEnds,
  progress: customer.progress.length === 0 ? none : customer.progress.map(draftProgressOf),
  streak: customer.streak,
  fromCycle: customer.status === 'UNENROLLED' ? customer.fromCycle : undefined,
})

/** A draft of one cycle's progress. */
export const draftProgressOf = (progress: Progress): DraftProgress => ({
  cycle: progress.cycle,
  value: progress.value,
  achievedAt: progress.achievedAt,
  reversed: progress.reversed,
  rewarded: progress.rewarded,
  subTargets: progress.subTargets,
  visits: progress.visits,
})

/** A finished draft, as the record it is (it is never written again). */
export const recordOf = (draft: Draft): Customer => draft as Customer

// operations

/** The progress kept for `cycle`, if any. */
export const progressOf = (customer: Customer, cycle: number): Progress | undefined => {
  // An index loop: the list may be the shared frozen empty one, and a for-of over a frozen array
  // allocates an iterator on every call.
  const list = customer.progress
  for (let i = 0; i < list.length; i++) if ((list[i] as Progress).cycle === cycle) return list[i]
  return undefined
}

/** The customer's streak, or the one nothing has happened to yet. */
export const streakOf = (customer: Customer): Streak => customer.streak ?? initialStreak

/**
 * Whether the customer is in `cycle` by their status now (rule unenroll.4): enrolled from the start
 * cycle on, or unenrolled from k but in the cycles from the start cycle to k − 1.
 */
export const takesPartIn = (customer: Customer, cycle: number): boolean =>
  cycle >= customer.startCycle && (customer.status === 'ENROLLED' || cycle < customer.fromCycle)
