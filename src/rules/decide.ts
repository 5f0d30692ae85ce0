// The decider: for one customer of one target, what a command does — refused, ignored with a
// warning, or the facts it decides (rules enroll.*, unenroll.*, reenroll.*, activity.*, advance.*).
// Its input is already checked (rules input.*): here only the customer's record can refuse it.
import { absurd } from '../internal/absurd.js'
import { iso, quote } from '../internal/describe.js'
import {
  enrolmentError,
  ErrorCode,
  initialBalanceIgnored,
  type EnrolmentError,
  type Warning,
} from '../model/error.js'
import type { EnrolmentEvent } from '../model/event.js'
import { progressChanged } from './achievement.js'
import { closeAt, goalOf, type Context } from './context.js'
import {
  progressOf,
  streakOf,
  type Customer,
  type Instant,
  type UnenrolledCustomer,
} from './customer.js'
import { cycleEvent, streakReset } from './event.js'
import { empty, newCustomer, recordOf } from './customer.js'
import { nextSettlement, settleUntil } from './settle.js'
import { storyOf, type Story, type Writing } from './story.js'
import { cycleHolding, cycleHoldingOrNext } from './window.js'

// model

/** Enrol a customer (rule enroll.*); an unenrolled one is re-enrolled (rule enroll.2). */
export interface Enroll {
  readonly type: 'ENROLL'
  readonly customerId: number
  readonly now: Instant
  readonly period: string | undefined
  readonly initialBalance: number | undefined
}

/** Unenrol the customer (rule unenroll.*). */
export interface Unenroll {
  readonly type: 'UNENROLL'
  readonly customerId: number
  readonly now: Instant
}

/** Re-enrol an unenrolled customer (rule reenroll.*). */
export interface Reenroll {
  readonly type: 'REENROLL'
  readonly customerId: number
  readonly now: Instant
  readonly period: string | undefined
  readonly initialBalance: number | undefined
  readonly resetStreakStatus: boolean
}

/** Record one activity of the customer (rule activity.*). */
export interface RecordActivity {
  readonly type: 'RECORD_ACTIVITY'
  readonly customerId: number
  readonly at: Instant
  /** What the activity adds: 1 for `COUNT` and `VISIT`, its value for `SUM` (negative: a return). */
  readonly amount: number
  /** The state's watermark: a cycle closed by then takes nothing more (rule activity.counts-when). */
  readonly watermark: Instant
}

/** Settle the customer up to an instant, as `advance` does (rule advance.settles-all). */
export interface Settle {
  readonly type: 'SETTLE'
  readonly customerId: number
  readonly until: Instant
}

/** What can be asked of one customer. */
export type Command = Enroll | Unenroll | Reenroll | RecordActivity | Settle

/** What the rules answer. */
export type Decision =
  | { readonly tag: 'REFUSED'; readonly error: EnrolmentError }
  /** An activity that does not count: nothing changes at all (rule activity.changes-nothing). */
  | { readonly tag: 'IGNORED'; readonly warning: Warning }
  | {
      readonly tag: 'DECIDED'
      /** Whether the record changed: false when the command decided nothing. */
      readonly changed: boolean
      /** The events decided, in the order they arose. */
      readonly events: ReadonlyArray<EnrolmentEvent>
      /** The record after the facts. */
      readonly customer: Customer
      readonly warnings: ReadonlyArray<Warning>
    }

// operations

const refused = (error: EnrolmentError): Decision => ({ tag: 'REFUSED', error })

const ignored = (code: Warning['code'], message: string): Decision => ({
  tag: 'IGNORED',
  warning: { code, message },
})

const decided = (story: Story, warnings: ReadonlyArray<Warning> = empty): Decision => ({
  tag: 'DECIDED',
  changed: story.changed,
  events: story.events,
  customer: story.customer,
  warnings,
})

const periodNotFound = (message: string, field?: string): EnrolmentError =>
  enrolmentError(ErrorCode.TARGET_PERIOD_NOT_FOUND, message, field)

/** rule enroll.1: 310119. */
const alreadyEnrolled = (context: Context, customerId: number): EnrolmentError =>
  enrolmentError(
    ErrorCode.ALREADY_ENROLLED,
    `customer ${customerId} is already enrolled in target ${context.target.targetId}`,
    'customerId',
  )

/** rules unenroll.1, reenroll.1: 310126. */
const notEnrolled = (
  context: Context,
  customerId: number,
  why: 'never enrolled' | 'already unenrolled',
): EnrolmentError =>
  enrolmentError(
    ErrorCode.NOT_ENROLLED,
    `customer ${customerId} is not enrolled in target ${context.target.targetId} (${why})`,
    'customerId',
  )

/**
 * rule enroll.3: the start cycle of an enrolment or a re-enrolment — the cycle named `period`, else
 * the cycle holding `now`, else the next to start; a customer not yet anchored starts in cycle 1
 * (rule window.unanchored), unless a milestone's balance would anchor them on a local day no cycles
 * can start from (rule window.anchor-valid); `period` names only `FIXED` cycles (rule
 * window.period-fixed-only).
 */
const startCycle = (
  context: Context,
  customer: Customer | undefined,
  now: Instant,
  period: string | undefined,
  initialBalance: number | undefined,
): number | EnrolmentError => {
  const { window, target } = context
  if (period !== undefined) {
    if (window.type !== 'FIXED')
      return periodNotFound(
        `target ${target.targetId} has a ${window.type} window: its cycles are each customer's own, and none is named ${quote(period)}`,
        'options.period',
      )
    const named = window.named(period)
    if (named === 0)
      return periodNotFound(
        `target ${target.targetId} has no cycle named ${quote(period)}`,
        'options.period',
      )
    const end = window.end(customer, named)
    return end <= now
      ? periodNotFound(`cycle ${quote(period)} ended at ${iso(end)}`, 'options.period')
      : named
  }
  if (window.type !== 'FIXED' && customer?.anchor === undefined)
    // rule window.anchor-valid: a milestone's balance anchors at `now` (rule window.anchor-balance).
    return initialBalance !== undefined &&
      target.kind === 'MILESTONE' &&
      Number.isNaN(window.anchorFor(now))
      ? periodNotFound(noCyclesFrom(context, now), 'now')
      : 1
  const cycle =
    window.type === 'PERIOD_AGNOSTIC'
      ? openAgnosticCycle(context, customer)
      : cycleHoldingOrNext(window, customer, now)
  return cycle > 0
    ? cycle
    : periodNotFound(
        window.type === 'FIXED'
          ? `no cycle of target ${target.targetId} is open or still to start at ${iso(now)}`
          : `every cycle of customer ${customer?.customerId ?? 0} has ended by ${iso(now)}`,
        'now',
      )
}

/** rule window.agnostic: the open cycle of a `PERIOD_AGNOSTIC` customer, or 0 once `maxCycles` are achieved. */
const openAgnosticCycle = (context: Context, customer: Customer | undefined): number => {
  const achieved = customer?.cycleEnds.length ?? 0
  const window = context.target.window
  return window.type === 'PERIOD_AGNOSTIC' && achieved >= window.maxCycles ? 0 : achieved + 1
}

/**
 * rules enroll.5, reenroll.3: `value` becomes the progress of `cycle`. Reaching a sub-target or the
 * goal this way takes effect at the later of `now` and the cycle's start; before the cycle begins,
 * settlement emits it at the start. A customer not yet anchored is anchored at `now` by it, and the
 * balance is their cycle 1's (rule window.anchor-balance).
 */
const setBalance = (
  story: Story,
  context: Context,
  cycle: number,
  value: number,
  now: Instant,
): void => {
  if (context.window.type !== 'FIXED' && story.customer.anchor === undefined)
    story.emit({ type: 'ANCHORED', anchor: context.window.anchorFor(now) })
  story.emit({ type: 'BALANCE_SET', cycle, value, belowGoal: value < goalOf(context, cycle) })
  if (context.window.start(story.customer, cycle) <= now)
    progressChanged(story, context, cycle, now)
}

/** rule window.anchor-valid: why no cycles can start from the local day of `t`. */
const noCyclesFrom = (context: Context, t: Instant): string =>
  `no cycles of target ${context.target.targetId} can start on the local day of ${iso(t)} in ${context.target.timeZone ?? 'UTC'}: one would fall on a date the zone skips, or beyond the calendar`

/** rules enroll.*: an `ENROLL` command. */
export const decideEnroll = (
  context: Context,
  customer: Customer | undefined,
  command: Enroll,
  writing: Writing,
): Decision => {
  if (customer?.status === 'ENROLLED') return refused(alreadyEnrolled(context, customer.customerId))
  if (customer !== undefined)
    // rule enroll.2: one endpoint for both; an unenrolled customer is re-enrolled.
    return decideReenroll(
      context,
      customer,
      { ...command, type: 'REENROLL', resetStreakStatus: false },
      writing,
    )
  const start = startCycle(context, undefined, command.now, command.period, command.initialBalance)
  if (typeof start !== 'number') return refused(start)
  const enrolled = cycleEvent('ENROLLED', context, command.customerId, command.now, start)
  const story = storyOf(recordOf(newCustomer(command.customerId, start, command.now)), {
    version: writing.version,
    owned: true,
  })
  story.emit(enrolled)
  // Cycles that ended before the customer joined are not theirs: nothing of them to settle.
  const passed = context.window.endedBy(story.customer, command.now)
  if (passed > 0) story.emit({ type: 'CYCLES_PASSED', cycles: passed })
  if (context.target.kind === 'STREAK')
    return decided(story, command.initialBalance === undefined ? [] : [initialBalanceIgnored])
  if (command.initialBalance !== undefined)
    setBalance(story, context, start, command.initialBalance, command.now)
  return decided(story)
}

/** rules unenroll.*: an `UNENROLL` command. */
export const decideUnenroll = (
  context: Context,
  customer: Customer | undefined,
  command: Unenroll,
  writing: Writing,
): Decision => {
  if (customer === undefined)
    return refused(notEnrolled(context, command.customerId, 'never enrolled'))
  if (customer.status === 'UNENROLLED')
    return refused(notEnrolled(context, customer.customerId, 'already unenrolled'))
  // rule unenroll.3: k holds now, else is the next; before anchoring, cycle 1 (rule window.unanchored).
  const { window } = context
  const k =
    window.type !== 'FIXED' && customer.anchor === undefined
      ? 1
      : window.type === 'PERIOD_AGNOSTIC'
        ? openAgnosticCycle(context, customer)
        : cycleHoldingOrNext(window, customer, command.now)
  if (k === 0)
    return refused(
      periodNotFound(
        window.type === 'FIXED'
          ? `every cycle of target ${context.target.targetId} has ended by ${iso(command.now)}`
          : `every cycle of customer ${customer.customerId} has ended by ${iso(command.now)}`,
        'now',
      ),
    )
  const story = storyOf(customer, writing)
  // rule unenroll.2: whatever the cycles that ended owed is settled first.
  settleUntil(story, context, command.now)
  story.emit(cycleEvent('UNENROLLED', context, customer.customerId, command.now, k))
  return decided(story)
}

/** rules reenroll.*: a `REENROLL` command. */
export function decideReenroll(
  context: Context,
  customer: Customer | undefined,
  command: Reenroll,
  writing: Writing,
): Decision {
  if (customer === undefined)
    return refused(notEnrolled(context, command.customerId, 'never enrolled'))
  if (customer.status === 'ENROLLED') return refused(alreadyEnrolled(context, customer.customerId))
  const start = startCycle(context, customer, command.now, command.period, command.initialBalance)
  if (typeof start !== 'number') return refused(start)
  return rejoin(context, customer, command, start, writing)
}

/** rules reenroll.2–6, once the start cycle is known. */
const rejoin = (
  context: Context,
  customer: UnenrolledCustomer,
  command: Reenroll,
  start: number,
  writing: Writing,
): Decision => {
  const story = storyOf(customer, writing)
  const warnings: Array<Warning> = []
  settleUntil(story, context, command.now)
  const id = customer.customerId
  story.emit(cycleEvent('REENROLLED', context, id, command.now, start))
  const target = context.target
  if (command.resetStreakStatus && target.kind === 'STREAK')
    // rule reenroll.5: count 0, levels cleared, the next epoch.
    story.emit(streakReset(context, id, command.now, start, streakOf(story.customer).epoch + 1))
  else if (command.resetStreakStatus)
    warnings.push({
      code: 'RESET_STREAK_STATUS_IGNORED',
      message: 'resetStreakStatus applies to streaks only; ignored for a milestone',
    })
  if (target.kind === 'STREAK' && command.initialBalance !== undefined)
    warnings.push(initialBalanceIgnored)
  if (target.kind === 'MILESTONE' && command.initialBalance !== undefined)
    // rule reenroll.3: a balance replaces the progress.
    setBalance(story, context, start, command.initialBalance, command.now)
  else if (
    progressOf(story.customer, start) !== undefined &&
    context.window.start(story.customer, start) <= command.now
  )
    // rule reenroll.3: the frozen progress resumes; one that reached the goal or a sub-target
    // before its cycle began takes effect now (or, before the start, at the start: settlement).
    progressChanged(story, context, start, command.now)
  return decided(story, warnings)
}

/**
 * rule activity.warning-order: why an activity at `at` does not count, if it does not — the first
 * of NOT_ENROLLED, OUTSIDE_CYCLES, CYCLE_CLOSED — else the cycle it counts in.
 */
const countingCycle = (
  context: Context,
  customer: Customer | undefined,
  command: RecordActivity,
): number | Decision => {
  const { at, customerId } = command
  if (customer === undefined)
    return ignored('NOT_ENROLLED', `customer ${customerId} was never enrolled`)
  // rule activity.counts-when: an unenrolment freezes the progress, a cycle in grace included.
  if (customer.status === 'UNENROLLED')
    return ignored('NOT_ENROLLED', `customer ${customerId} is unenrolled`)
  if (at < customer.since)
    return ignored(
      'NOT_ENROLLED',
      `activity at ${iso(at)} is before the enrolment at ${iso(customer.since)}`,
    )
  const { window } = context
  // rule window.anchor: a customer not yet anchored would be, by this activity.
  const anchored =
    window.type === 'FIXED' || customer.anchor !== undefined
      ? customer
      : { ...customer, anchor: window.anchorFor(at) }
  // rule window.anchor-valid: no cycles can start from this activity's local day.
  if (Number.isNaN(anchored.anchor)) return ignored('OUTSIDE_CYCLES', noCyclesFrom(context, at))
  const cycle = cycleHolding(window, anchored, at)
  if (cycle === 0) return ignored('OUTSIDE_CYCLES', `no cycle holds ${iso(at)}`)
  if (cycle < customer.startCycle)
    return ignored(
      'NOT_ENROLLED',
      `customer ${customerId} takes part from cycle ${customer.startCycle}, not ${cycle}`,
    )
  const closes = closeAt(context, anchored, cycle)
  if (closes <= Math.max(command.watermark, customer.settledAt))
    return ignored(
      'CYCLE_CLOSED',
      window.type === 'PERIOD_AGNOSTIC'
        ? `cycle ${cycle} ended at ${iso(closes)}, when its goal was reached`
        : `cycle ${cycle} closed at ${iso(closes)}`,
    )
  return cycle
}

/** rules activity.*: a `RECORD_ACTIVITY` command. */
export const decideActivity = (
  context: Context,
  customer: Customer | undefined,
  command: RecordActivity,
  writing: Writing,
): Decision => {
  const cycle = countingCycle(context, customer, command)
  if (typeof cycle !== 'number') return cycle
  const counted = customer as Customer
  const { at } = command
  const { window, target } = context
  // Settling up to `at` leaves the progress of the cycle holding `at` as it is: it is read first,
  // so that a refusal comes before any fact.
  const progress = progressOf(counted, cycle)
  const before = progress?.value ?? 0
  const visit = target.metric === 'VISIT' ? context.localDay(at) : undefined
  const isNewVisit = visit !== undefined && !(progress?.visits.includes(visit) ?? false)
  const amount =
    target.metric === 'SUM' ? command.amount : visit === undefined || isNewVisit ? 1 : 0
  // rule return.lowers: never below 0; rule window.agnostic-no-carry: never beyond the goal.
  const capped =
    window.type === 'PERIOD_AGNOSTIC'
      ? Math.min(before + amount, goalOf(context, cycle))
      : before + amount
  const value = Math.max(0, capped)
  // rule input.finite: a progress stays a finite number.
  if (!Number.isFinite(value))
    return refused(
      enrolmentError(
        ErrorCode.INVALID_INPUT,
        `activity.value ${String(command.amount)} would make cycle ${cycle}'s progress ${String(before + amount)}, not a finite number`,
        'activity.value',
      ),
    )
  const story = storyOf(counted, writing)
  const anchors = window.type !== 'FIXED' && counted.anchor === undefined
  if (anchors) story.emit({ type: 'ANCHORED', anchor: window.anchorFor(at) })
  // The cycles that ended by `at` are settled first (rule time.lazy-settlement).
  settleUntil(story, context, at)
  story.emit({
    type: 'ACTIVITY_COUNTED',
    cycle,
    at,
    value,
    visit: isNewVisit ? visit : undefined,
  })
  progressChanged(story, context, cycle, at)
  // rule window.anchor-late: a late activity gives the customer cycles the watermark has passed;
  // they are settled up to it, as the advance that moved it would have settled them.
  if (anchors && nextSettlement(context, story.customer) <= command.watermark)
    settleTo(story, context, command.watermark)
  return decided(story)
}

/** rule advance.settles-all: the customer settled up to `until`, their settled instant moved there. */
const settleTo = (story: Story, context: Context, until: Instant): void => {
  settleUntil(story, context, until)
  if (until > story.customer.settledAt) story.emit({ type: 'SETTLED_UNTIL', at: until })
}

/** rule advance.settles-all: a `SETTLE` command. */
export const decideSettle = (
  context: Context,
  customer: Customer | undefined,
  command: Settle,
  writing: Writing,
): Decision => {
  if (customer === undefined)
    return refused(notEnrolled(context, command.customerId, 'never enrolled'))
  const story = storyOf(customer, writing)
  settleTo(story, context, command.until)
  return decided(story)
}

/**
 * What a command of one type does to `customer` (undefined: never enrolled). The runtime calls the
 * one its operation needs, so that a bundle of one operation keeps only that one's rules.
 */
export type Decider<C extends Command> = (
  context: Context,
  customer: Customer | undefined,
  command: C,
  writing: Writing,
) => Decision

/**
 * What `command` does to `customer` (undefined: never enrolled). Every command settles the
 * customer up to its instant first (rule time.lazy-settlement); a refused or ignored command
 * decides nothing, and writes nothing: every refusal comes before the first fact. The facts are
 * written into the record as `writing` says (see `Story`).
 */
export const decide = (
  command: Command,
  customer: Customer | undefined,
  context: Context,
  writing: Writing,
): Decision => {
  switch (command.type) {
    case 'ENROLL':
      return decideEnroll(context, customer, command, writing)
    case 'UNENROLL':
      return decideUnenroll(context, customer, command, writing)
    case 'REENROLL':
      return decideReenroll(context, customer, command, writing)
    case 'RECORD_ACTIVITY':
      return decideActivity(context, customer, command, writing)
    case 'SETTLE':
      return decideSettle(context, customer, command, writing)
    default:
      return absurd(command)
  }
}
