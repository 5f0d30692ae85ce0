// A customer's record while an operation writes it: the one mutable shape in the engine.
//
// Every published `Enrolment` is immutable. An operation that changes a customer first takes a
// draft (a deep copy, see `workspace.ts`), writes it in place, and the workspace publishes a new
// record made from it (`published`) when the operation (or the batch, or the session) ends. Inside
// a batch the same draft is written by every later operation on that customer, instead of a new
// record per operation (issue #5).
import * as O from 'fp-ts/lib/Option.js'
import type { CycleProgress, Enrolment, StreakStatus } from '../model/enrolment.js'

// model

/**
 * A `CycleProgress` being written. The draft's own, never published (`published` makes the record's
 * progress from it), so it can be reused for a later cycle (`Draft.spare`).
 */
export interface DraftProgress {
  cycle: number
  value: number
  /**
   * When the goal was reached, or undefined: published as an `Option`. A plain field, not an
   * `Option`: an achievement then allocates nothing that lives until the cycle ends (issue #5).
   */
  achievedAt: Date | undefined
  rewarded: boolean
}

/** A `StreakStatus` being written. */
export interface DraftStreak {
  readonly epoch: number
  count: number
  achievedLevels: Array<number>
}

/**
 * An `Enrolment` being written. Every draft has the same fields (one shape for the engine's hot
 * paths): `fromCycle` is set exactly when `status` is `UNENROLLED`, undefined otherwise, and
 * `published` makes the record of the union from it.
 */
export interface Draft {
  status: 'ENROLLED' | 'UNENROLLED'
  readonly customerId: number
  version: number
  startCycle: number
  since: Date
  /** `since` in milliseconds: every activity reads it (never published). */
  sinceMs: number
  /**
   * The `Date` to publish as `settledAt`, or undefined once an activity has moved the settled
   * instant: `published` then makes one from `settledAtMs`. A draft does not keep an activity's
   * `Date` alive (over a long stream those end up spread over the heap and make every collection
   * and every read slower: issue #5).
   */
  settledAt: Date | undefined
  /** The settled instant in milliseconds (never published). */
  settledAtMs: number
  settledCycles: number
  progress: Array<DraftProgress>
  streak: O.Option<DraftStreak>
  fromCycle: number | undefined
  /**
   * A progress object this draft does not list (made with a lasting draft, or its cycle ended, or
   * it was dropped), kept for the next cycle's progress (`progressFor`). While there is one, the
   * list has room for one more entry. Reusing it saves a progress object (and, for a list that
   * emptied, its array) per customer and cycle: objects that live for a whole cycle and so cost a
   * copy at every young-generation collection (issue #5: about a third of the stream's time).
   */
  spare: DraftProgress | undefined
  /**
   * The progress `progressFor` returned last, while the list still holds it: a memo, so that an
   * activity finds its cycle's progress without reading the list (issue #5).
   */
  open: DraftProgress | undefined
  /**
   * False only if no start-cycle balance can be waiting for its cycle's start (SPEC §3 enroll.5,
   * see `settle`): every activity then skips that check, which reads the progress list (issue #5).
   * True is always safe; `setBalance` sets it, and `settle` clears it once nothing waits.
   */
  balanceMayWait: boolean
}

// constructors

const copyProgress = (progress: CycleProgress): DraftProgress => ({
  cycle: progress.cycle,
  value: progress.value,
  achievedAt: O.isSome(progress.achievedAt) ? progress.achievedAt.value : undefined,
  rewarded: progress.rewarded,
})

const publishedProgress = (progress: DraftProgress): CycleProgress => ({
  cycle: progress.cycle,
  value: progress.value,
  achievedAt: progress.achievedAt === undefined ? O.none : O.some(progress.achievedAt),
  rewarded: progress.rewarded,
})

const copyStreak = (streak: StreakStatus): DraftStreak => ({
  ...streak,
  achievedLevels: [...streak.achievedLevels],
})

/** Never a record's streak: comparing a streak to it reads the field, and is always false. */
const NOT_A_STREAK = {}

/**
 * Whether `enrolment` was found, reading its last field now: a record spans two cache lines, the
 * operation's checks read the first, and `draftOf` will copy both. Read at once, the second is
 * fetched while the CPU waits for the first; at a million customers neither is in any cache
 * (issue #5: ~1% of a pure call there, nothing at 1,000, in six alternating pairs of processes).
 */
export const foundWhole = (enrolment: Enrolment | undefined): enrolment is Enrolment =>
  enrolment !== undefined && enrolment.streak !== NOT_A_STREAK

/**
 * A draft of a published record: nothing it shares with `enrolment` is ever written. Field by
 * field, not a spread: a spread adding the two fields a record lacks runs through V8's slow path,
 * ~10 µs a call.
 */
export const draftOf = (enrolment: Enrolment): Draft => ({
  status: enrolment.status,
  customerId: enrolment.customerId,
  version: enrolment.version,
  startCycle: enrolment.startCycle,
  since: enrolment.since,
  sinceMs: enrolment.since.getTime(),
  settledAt: enrolment.settledAt,
  settledAtMs: enrolment.settledAt.getTime(),
  settledCycles: enrolment.settledCycles,
  progress: enrolment.progress.map(copyProgress),
  streak: O.isSome(enrolment.streak) ? O.some(copyStreak(enrolment.streak.value)) : O.none,
  fromCycle: enrolment.status === 'UNENROLLED' ? enrolment.fromCycle : undefined,
  spare: undefined,
  open: undefined,
  // Without the target the goal is unknown: any progress may be a waiting balance until `settle`.
  balanceMayWait: enrolment.progress.length > 0,
})

/**
 * Gives a draft with no progress an empty list with room for one entry, and the progress object to
 * fill it (its spare). Only for a draft that lasts (a session's or a batch's: `Workspace.lasting`);
 * a single call's draft is dropped with its operation, spare and all. Made right after the draft,
 * so that they lie beside it in memory: an activity reads the three together, and made later,
 * apart, they cost ~15% of an activity on a stream (issue #5, probe of 100,000 customers). After
 * it, not before: made first and passed into the draft's literal (which then needs no placeholder
 * list), activities took ~25% longer.
 */
export const makeRoomForProgress = (draft: Draft): void => {
  const spare: DraftProgress = { cycle: 0, value: 0, achievedAt: undefined, rewarded: false }
  const list = [spare]
  list.pop()
  draft.progress = list
  draft.spare = spare
}

/** A streak status before any cycle is achieved: epoch 1, count 0, no level. */
export const initialStreak = (): DraftStreak => ({ epoch: 1, count: 0, achievedLevels: [] })

// operations

/**
 * The one progress list of every published record that has none: frozen, shared, and saving an
 * array (and, at a million customers, a cache miss per operation) per customer.
 */
const noProgress: ReadonlyArray<CycleProgress> = Object.freeze([])

/** The record a draft is published as: its fields, in the order a new enrolment has them. */
export const published = (draft: Draft): Enrolment => {
  const settledAt = draft.settledAt ?? new Date(draft.settledAtMs)
  const progress = draft.progress.length === 0 ? noProgress : draft.progress.map(publishedProgress)
  const { customerId, version, startCycle, since, settledCycles, streak } = draft
  if (draft.status === 'ENROLLED')
    return {
      status: 'ENROLLED',
      customerId,
      version,
      startCycle,
      since,
      settledAt,
      settledCycles,
      progress,
      streak,
    }
  const fromCycle = draft.fromCycle as number
  return {
    status: 'UNENROLLED',
    customerId,
    version,
    startCycle,
    since,
    settledAt,
    settledCycles,
    progress,
    streak,
    fromCycle,
  }
}

/** Whether the progress at `at` in a record's list (a draft's or a published one) reached its goal. */
export const isAchievedAt = (record: Draft | Enrolment, at: number): boolean =>
  isDraft(record)
    ? (record.progress[at] as DraftProgress).achievedAt !== undefined
    : O.isSome((record.progress[at] as CycleProgress).achievedAt)

/** Whether a record may hold a start-cycle balance waiting for its cycle: a draft knows. */
export const balanceMayWait = (record: Draft | Enrolment): boolean =>
  isDraft(record) ? record.balanceMayWait : true

const isDraft = (record: Draft | Enrolment): record is Draft => 'settledAtMs' in record

/** `record.since` in milliseconds, without reading the `Date` of a draft. */
export const sinceMsOf = (record: Draft | Enrolment): number =>
  isDraft(record) ? record.sinceMs : record.since.getTime()

/** `record.settledAt` in milliseconds, without reading the `Date` of a draft. */
export const settledAtMsOf = (record: Draft | Enrolment): number =>
  isDraft(record) ? record.settledAtMs : record.settledAt.getTime()

/** An enrolment, unenrolment or re-enrolment at `now`: both instants of the draft move to it. */
export const restartAt = (draft: Draft, now: Date): void => {
  draft.since = now
  draft.sinceMs = now.getTime()
  draft.settledAt = now
  draft.settledAtMs = now.getTime()
}

/** An activity at `at`: the settled instant moves to it if it is later (SPEC §2). */
export const settledUpTo = (draft: Draft, at: Date): void => {
  const atMs = at.getTime()
  if (atMs <= draft.settledAtMs) return
  draft.settledAt = undefined
  draft.settledAtMs = atMs
}

/**
 * Where the progress of cycle `index` is in a record's list (sorted by cycle), or -1. A loop, not
 * `findIndex`: it runs on every activity and, in `advance`, for every customer (issue #5).
 */
export const indexOfCycle = (
  progress: ReadonlyArray<{ readonly cycle: number }>,
  index: number,
): number => {
  for (let i = 0; i < progress.length; i++)
    if ((progress[i] as { readonly cycle: number }).cycle === index) return i
  return -1
}

/** The progress kept for cycle `index`, if any. */
export const progressAt = (draft: Draft, index: number): DraftProgress | undefined => {
  const at = indexOfCycle(draft.progress, index)
  return at < 0 ? undefined : draft.progress[at]
}

/** `progress` (a spare) made the progress of cycle `index` at 0. */
const startedAfresh = (progress: DraftProgress, index: number): DraftProgress => {
  progress.cycle = index
  progress.value = 0
  progress.achievedAt = undefined
  progress.rewarded = false
  return progress
}

/**
 * The progress of cycle `index`: the one kept, else a new one at 0 (the draft's spare if it has
 * one), kept in cycle order.
 */
export const progressFor = (draft: Draft, index: number): DraftProgress => {
  const open = draft.open
  if (open !== undefined && open.cycle === index) return open
  const list = draft.progress
  const at = indexOfCycle(list, index)
  if (at >= 0) {
    draft.open = list[at]
    return list[at] as DraftProgress
  }
  let after = 0
  while (after < list.length && (list[after] as DraftProgress).cycle < index) after++
  const spare = draft.spare
  draft.spare = undefined
  const fresh: DraftProgress =
    spare === undefined
      ? { cycle: index, value: 0, achievedAt: undefined, rewarded: false }
      : startedAfresh(spare, index)
  // A draft with a spare has room in its list for one more (`makeRoomForProgress`, `dropProgressAt`).
  // An empty list without one gets a list of one, sized for one: a first push would reserve 17.
  if (list.length === 0 && spare === undefined) draft.progress = [fresh]
  else if (after === list.length) list.push(fresh)
  else list.splice(after, 0, fresh)
  draft.open = fresh
  return fresh
}

/**
 * Removes the progress at `at` from the draft's list, in place, and keeps it as the draft's spare.
 * (Unlike `splice`, allocates no array of removed items.)
 */
export const dropProgressAt = (draft: Draft, at: number): void => {
  const list = draft.progress
  const dropped = list[at]
  for (let i = at + 1; i < list.length; i++) list[i - 1] = list[i] as DraftProgress
  list.pop()
  draft.spare = dropped
  if (dropped === draft.open) draft.open = undefined
}
