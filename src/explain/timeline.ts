/**
 * A customer's history, one row per cycle: what support reads to answer "why no reward for
 * March?" (rules timeline.*).
 *
 * @since 0.2.0
 */
import * as O from 'fp-ts/lib/Option.js'
import type { CycleProgress } from '../model/enrolment.js'
import type { EnrolmentEvent, ForfeitReason } from '../model/event.js'
import type { RewardDescriptor } from '../model/json.js'
import type { RewardAllocationType } from '../model/target.js'
import { enrolmentOf } from '../runtime/enrolmentOf.js'
import { cyclesOf, type CustomerCycle } from '../runtime/cyclesOf.js'
import type { EnrolmentState } from '../runtime/state.js'

// model

/**
 * How a cycle went for the customer: out of it at its end (`UNENROLLED`), achieved and not
 * reversed (`ACHIEVED`), ended unachieved by `asOf` (`MISSED`), or still running (`OPEN`).
 *
 * @example
 * import type { TimelineStatus } from 'loyalty-streaks'
 * const paid = (status: TimelineStatus): boolean => status === 'ACHIEVED'
 *
 * @since 0.2.0
 */
export type TimelineStatus = 'UNENROLLED' | 'ACHIEVED' | 'MISSED' | 'OPEN'

/**
 * A reward of a cycle: issued or forfeited, when, and which (`level` and `epoch` for streaks, the
 * descriptor where the definition gives one).
 *
 * @example
 * import type { TimelineReward } from 'loyalty-streaks'
 * const cost = (rewards: ReadonlyArray<TimelineReward>): number =>
 *   rewards.filter((r) => r.outcome === 'ISSUED').length
 *
 * @since 0.2.0
 */
export interface TimelineReward {
  /** When the reward was due: at achievement, or at the cycle's close. */
  readonly allocation: RewardAllocationType
  /** When it was issued or forfeited. */
  readonly at: Date
  /** Paid, or not (`reason` says why). */
  readonly outcome: 'ISSUED' | 'FORFEITED'
  /** Forfeits only. */
  readonly reason?: ForfeitReason
  /** Streak rewards only. */
  readonly level?: number
  /** Streak rewards only. */
  readonly epoch?: number
  /** The reward descriptor the event carried, if any. */
  readonly reward?: RewardDescriptor
}

/**
 * One cycle the customer took part in: its bounds (as `cyclesOf` gives them), how it went, the
 * sub-targets reached in it (in the order reached) and its rewards (in the order they arose).
 *
 * @example
 * import type { TimelineRow } from 'loyalty-streaks'
 * const line = (row: TimelineRow): string => `c${row.cycle} ${row.status}`
 *
 * @since 0.2.0
 */
export interface TimelineRow {
  /** The customer's own 1-based cycle index. */
  readonly cycle: number
  /** The first instant of the cycle. */
  readonly start: Date
  /** Absent while a `PERIOD_AGNOSTIC` cycle is open. */
  readonly end?: Date
  /** How the cycle went for the customer. */
  readonly status: TimelineStatus
  /** The names of the sub-targets reached in it, in the order reached. */
  readonly subTargets: ReadonlyArray<string>
  /** Its rewards, issued or forfeited, in the order they arose. */
  readonly rewards: ReadonlyArray<TimelineReward>
}

/** A run of enrolment: from start cycle `from`, until an unenrolment from cycle `until` at `at`. */
interface Spell {
  readonly from: number
  until?: { readonly cycle: number; readonly at: number }
}

// operations

const copy = (date: Date): Date => new Date(date.getTime())

/** The spells the customer's enrolment events describe, in order. */
const spellsOf = (events: ReadonlyArray<EnrolmentEvent>): ReadonlyArray<Spell> => {
  const spells: Array<Spell> = []
  for (const e of events) {
    if (e.type === 'ENROLLED' || e.type === 'REENROLLED') spells.push({ from: e.cycle })
    else if (e.type === 'UNENROLLED') {
      const open = spells[spells.length - 1]
      // An unenrolment with no enrolment before it (a list cut from a longer history) has no spell.
      if (open?.until === undefined && open !== undefined)
        open.until = { cycle: e.cycle, at: e.at.getTime() }
    }
  }
  return spells
}

/**
 * Rule timeline.rows: events of the cycle's own (an achievement, a sub-target, a reward) make it a
 * row even when the customer joined and left it at its first instant.
 */
const hasOwnEvents = (cycleEvents: ReadonlyArray<EnrolmentEvent>): boolean =>
  cycleEvents.some(
    (e) =>
      e.type !== 'ENROLLED' &&
      e.type !== 'REENROLLED' &&
      e.type !== 'UNENROLLED' &&
      e.type !== 'STREAK_RESET',
  )

/** Rule timeline.rows: enrolled at some instant of the cycle, the unenrolment cycle included. */
const tookPart = (spell: Spell, cycle: CustomerCycle): boolean =>
  spell.from <= cycle.index &&
  (spell.until === undefined ||
    cycle.index < spell.until.cycle ||
    (cycle.index === spell.until.cycle && cycle.start.getTime() < spell.until.at))

/** Rule timeline.status: still taking part in the cycle at its end (membership follows `end`). */
const inAtEnd = (spell: Spell, index: number): boolean =>
  spell.from <= index && (spell.until === undefined || index < spell.until.cycle)

/**
 * Rule timeline.achieved: the latest of the cycle's `CYCLE_ACHIEVED` and `ACHIEVEMENT_REVERSED` is
 * an achievement — unless the state knows better: a re-enrolment balance that replaced an achieved
 * progress emits nothing, so the state's progress decides while it holds the cycle, and a settled
 * `PERIOD_END` cycle the customer was in at its end was achieved exactly when it was paid.
 */
const achievedOf = (
  cycleEvents: ReadonlyArray<EnrolmentEvent>,
  held: CycleProgress | undefined,
  paidAtSettlement: boolean | undefined,
): boolean => {
  if (held !== undefined) return O.isSome(held.achievedAt)
  if (paidAtSettlement !== undefined) return paidAtSettlement
  let achieved = false
  for (const e of cycleEvents)
    if (e.type === 'CYCLE_ACHIEVED') achieved = true
    else if (e.type === 'ACHIEVEMENT_REVERSED') achieved = false
  return achieved
}

const rewardOf = (e: EnrolmentEvent): TimelineReward | undefined => {
  if (e.type !== 'REWARD_ISSUED' && e.type !== 'REWARD_FORFEITED') return undefined
  return {
    allocation: e.allocation,
    at: copy(e.at),
    outcome: e.type === 'REWARD_ISSUED' ? 'ISSUED' : 'FORFEITED',
    ...(e.type === 'REWARD_FORFEITED' ? { reason: e.reason } : {}),
    ...(e.level === undefined ? {} : { level: e.level }),
    ...(e.epoch === undefined ? {} : { epoch: e.epoch }),
    ...(e.reward === undefined ? {} : { reward: e.reward }),
  }
}

/** The latest `at` of `events` (a loop: a long history would overflow a spread); none: -Infinity. */
const latestInstant = (events: ReadonlyArray<EnrolmentEvent>): number => {
  let latest = Number.NEGATIVE_INFINITY
  for (const e of events) latest = Math.max(latest, e.at.getTime())
  return latest
}

/**
 * Folds a customer's events into one row per cycle they took part in (enrolled at some instant of
 * it, the unenrolment cycle included) that started at or before `asOf`, in cycle order. `events`
 * may hold anything this library emitted: other customers' and other targets' events are ignored.
 * `asOf` (by default the latest instant of the customer's events) chooses the rows and `MISSED`
 * against `OPEN`; it drops no event. Bounds come from `cyclesOf(state, customerId)`, so pass the
 * state the events led to.
 *
 * @example
 * import { applyAll, defineMilestone, initialState, timeline } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const target = defineMilestone({
 *   targetGroupId: 1, targetId: 1, metric: 'COUNT', goal: 1, allocation: 'PERIOD_END',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') }],
 * })
 * if (E.isRight(target)) {
 *   const { state, events } = applyAll(initialState(target.right), [
 *     { kind: 'enroll', customerId: 7, now: new Date('2026-01-02T00:00:00Z') },
 *     { kind: 'activity', customerId: 7, activity: { at: new Date('2026-01-03T00:00:00Z') } },
 *     { kind: 'unenroll', customerId: 7, now: new Date('2026-01-04T00:00:00Z') },
 *     { kind: 'advance', now: new Date('2026-02-01T00:00:00Z') },
 *   ])
 *   const [c1] = timeline(state, events, 7)
 *   console.log(c1?.status, c1?.rewards[0]?.outcome, c1?.rewards[0]?.reason) // UNENROLLED FORFEITED UNENROLLED
 * }
 *
 * @since 0.2.0
 */
export const timeline = (
  state: EnrolmentState,
  events: ReadonlyArray<EnrolmentEvent>,
  customerId: number,
  asOf?: Date,
): ReadonlyArray<TimelineRow> => {
  const { target } = state
  const mine = events.filter(
    (e) =>
      e.customerId === customerId &&
      e.targetGroupId === target.targetGroupId &&
      e.targetId === target.targetId,
  )
  const until = asOf?.getTime() ?? latestInstant(mine)
  const spells = spellsOf(mine)
  const enrolment = O.toUndefined(enrolmentOf(state, customerId))
  // Every event names a cycle; the readers below skip the enrolment events filed with theirs.
  const byCycle = new Map<number, Array<EnrolmentEvent>>()
  for (const e of mine) {
    const list = byCycle.get(e.cycle)
    if (list === undefined) byCycle.set(e.cycle, [e])
    else list.push(e)
  }
  const rows: Array<TimelineRow> = []
  for (const cycle of cyclesOf(state, customerId)) {
    const cycleEvents = byCycle.get(cycle.index) ?? []
    if (cycle.start.getTime() > until) continue
    if (!spells.some((s) => tookPart(s, cycle)) && !hasOwnEvents(cycleEvents)) continue
    const rewards = cycleEvents.flatMap((e) => rewardOf(e) ?? [])
    const inAtItsEnd = spells.some((s) => inAtEnd(s, cycle.index))
    const settledPeriodEnd =
      target.kind === 'MILESTONE' &&
      target.allocation === 'PERIOD_END' &&
      inAtItsEnd &&
      enrolment !== undefined &&
      cycle.index <= enrolment.settledCycles
    const achieved = achievedOf(
      cycleEvents,
      enrolment?.progress.find((p) => p.cycle === cycle.index),
      settledPeriodEnd ? rewards.some((r) => r.outcome === 'ISSUED') : undefined,
    )
    const ended = cycle.end !== undefined && cycle.end.getTime() <= until
    const subTargets: Array<string> = []
    for (const e of cycleEvents)
      if (e.type === 'SUB_TARGET_REACHED' && !subTargets.includes(e.subTarget))
        subTargets.push(e.subTarget)
    rows.push({
      cycle: cycle.index,
      start: copy(cycle.start),
      ...(cycle.end === undefined ? {} : { end: copy(cycle.end) }),
      status: !inAtItsEnd ? 'UNENROLLED' : achieved ? 'ACHIEVED' : ended ? 'MISSED' : 'OPEN',
      subTargets,
      rewards,
    })
  }
  return rows
}
