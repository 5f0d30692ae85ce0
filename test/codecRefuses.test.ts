// rule codec.refuses: every invariant of a customer record, one document each that breaks it and
// nothing else, refused with the path of the field and the reason. A record the operations produced
// passes them all; the documents here start from such records and change one field.
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  advance,
  calendarCycles,
  decodeState,
  defineMilestone,
  defineStreak,
  encodeState,
  enroll,
  initialState,
  recordActivity,
  unenroll,
  type EnrolmentState,
  type MilestoneInput,
  type Target,
} from '../src/index.js'
import {
  at,
  enrolledAndOut,
  inCycle,
  milestoneABC,
  play,
  progressDocument,
  right,
  streakXYZ,
  threeWeekStreak,
  waitingCredit,
} from './support/fixtures.js'

/** One progress entry of an encoded record, as plain JSON. */
interface ProgressDocument {
  cycle: number
  value: number
  achievedAt: string | null
  reversed: boolean
  rewarded: boolean
  subTargets: Array<string>
  visits: Array<string>
}

/** An encoded customer record, as plain JSON: the fields the cases below change. */
interface CustomerDocument {
  settledAt: string
  startCycle: number
  fromCycle: number
  endedCycles: number
  closedCycles: number
  graceCycles: Array<number>
  anchor: string | null
  cycleEnds: Array<string>
  progress: Array<ProgressDocument>
  streak: {
    epoch: number
    count: number
    achievedLevels: Array<number>
    waiting: Array<{ cycle: number; achievedAt: string }>
    heldUntil: string | null
  } | null
}

/** An encoded state as plain JSON, to tamper with. */
interface Document {
  customers: Array<CustomerDocument>
}

/** Customer `i` of a document, or a test failure. */
const customer = (d: Document, i = 0): CustomerDocument => {
  const found = d.customers[i]
  if (found === undefined) throw new Error(`no customer ${i}`)
  return found
}

/** Progress entry `i` of the first customer, or a test failure. */
const progress = (d: Document, i = 0): ProgressDocument => {
  const found = customer(d).progress[i]
  if (found === undefined) throw new Error(`no progress ${i}`)
  return found
}

/** The first customer's streak, or a test failure. */
const streakOf = (d: Document): NonNullable<CustomerDocument['streak']> => {
  const found = customer(d).streak
  if (found === null) throw new Error('no streak')
  return found
}

/** The first customer's first waiting credit, or a test failure. */
const firstWaiting = (d: Document) => {
  const found = streakOf(d).waiting[0]
  if (found === undefined) throw new Error('no waiting credit')
  return found
}

const DAY = 86_400_000
const t0 = at('2026-03-04T10:00:00Z')
const later = (days: number, hours = 0): Date =>
  new Date(t0.getTime() + days * DAY + hours * 3_600_000)

/** Weekly cycles c1…c4 from Monday 2 March 2026, in UTC: t0 falls in c1. */
const weeks = right(
  calendarCycles({ start: '2026-03-02', frequency: 'WEEKLY', count: 4, timeZone: 'UTC' }),
).map((cycle) => ({ ...cycle, refCode: `c${cycle.index}` }))

const milestone = (overrides: Partial<MilestoneInput>): Target =>
  right(
    defineMilestone({
      targetGroupId: 9,
      targetId: 1,
      name: 'shapes',
      metric: 'COUNT',
      goal: 3,
      allocation: 'IMMEDIATE',
      ...(overrides.window === undefined ? { cycles: weeks } : {}),
      ...overrides,
    }),
  )

const cyclic = {
  window: { type: 'CYCLIC', frequency: { everyDays: 7 }, count: 3 },
  timeZone: 'UTC',
} as const
const agnostic = { window: { type: 'PERIOD_AGNOSTIC', maxCycles: 2 } } as const

/** The state after customer 1 enrols at t0 and buys at each of `days` (days after t0). */
const story =
  (target: Target, days: ReadonlyArray<number>, values?: ReadonlyArray<number>) =>
  (): EnrolmentState =>
    play(
      initialState(target),
      (s) => enroll(s, 1, t0),
      ...days.map(
        (d, i) => (s: EnrolmentState) =>
          recordActivity(s, 1, { at: later(d, 1), value: values?.[i] ?? 1 }),
      ),
    ).state

/** Customer 1 enrolled with one purchase, customer 2 enrolled then out. */
const periodEnd = enrolledAndOut

/** Customer 1 enrolled into cycle 3 from cycle 1, with a balance waiting for it (rule enroll.5). */
const balanceWaiting = (): EnrolmentState =>
  play(initialState(milestoneABC('PERIOD_END', { goal: 2 })), (s) =>
    enroll(s, 1, inCycle(s, 1), { period: 'c3', initialBalance: 1 }),
  ).state

/** Customer 1 enrolled at an instant of week `week` (the start cycle). */
const enrolledIn = (week: number) => (): EnrolmentState =>
  play(initialState(milestone({})), (s) => enroll(s, 1, later(7 * (week - 1)))).state

/** Customer 1 enrolled at t0 (week 1) and unenrolled at an instant of week `week`. */
const unenrolledIn = (week: number) => (): EnrolmentState =>
  play(
    initialState(milestone({})),
    (s) => enroll(s, 1, t0),
    (s) => unenroll(s, 1, later(7 * (week - 1))),
  ).state

/** Customer 1 enrolled at t0 with 2 grace days, advanced into the grace of week 1 (closes 03-11). */
const inGrace = (): EnrolmentState =>
  play(
    initialState(milestone({ graceDays: 2 })),
    (s) => enroll(s, 1, t0),
    (s) => advance(s, at('2026-03-09T12:00:00Z')),
  ).state

/**
 * Customer 1 enrolled between two cycles (c1 ends 03-09, c2 starts 03-12) with a balance at the goal
 * waiting for c2, the next cycle, to achieve it as it begins (rule enroll.5).
 */
const balanceAfterGap = (): EnrolmentState =>
  play(
    initialState(
      milestone({
        cycles: [
          { refCode: 'c1', start: at('2026-03-02T00:00:00Z'), end: at('2026-03-09T00:00:00Z') },
          { refCode: 'c2', start: at('2026-03-12T00:00:00Z'), end: at('2026-03-19T00:00:00Z') },
        ],
      }),
    ),
    (s) => enroll(s, 1, at('2026-03-10T00:00:00Z'), { initialBalance: 3 }),
  ).state

/** Customer 1 of a streak whose third cycle is achieved at its very first instant: count 3 then. */
const achievedAtStart = (): EnrolmentState =>
  play(
    initialState(streakXYZ('CONTINUOUS', [2, 3])),
    (s) => enroll(s, 1, inCycle(s, 1)),
    (s) => recordActivity(s, 1, { at: inCycle(s, 1, 1) }),
    (s) => recordActivity(s, 1, { at: inCycle(s, 2, 1) }),
    (s) => recordActivity(s, 1, { at: inCycle(s, 3) }),
  ).state

/** Customer 1 of a NON_CONTINUOUS streak (levels 2, 3) with three weeks achieved. */
const nonContinuous = (): EnrolmentState =>
  play(
    initialState(streakXYZ('NON_CONTINUOUS', [2, 3])),
    (s) => enroll(s, 1, inCycle(s, 1)),
    (s) => recordActivity(s, 1, { at: inCycle(s, 1, 1) }),
    (s) => recordActivity(s, 1, { at: inCycle(s, 2, 1) }),
    (s) => recordActivity(s, 1, { at: inCycle(s, 3, 1) }),
  ).state

/** Customer 1 enrolled at t0 with `graceDays`, three purchases in week 1, advanced to `until`. */
const achievedWithGrace = (graceDays: number, until: string) => (): EnrolmentState =>
  play(story(milestone({ graceDays }), [0, 0, 0])(), (s) => advance(s, at(until))).state

/** Customer 1 enrolled at t0 with 2 grace days, advanced past the close of week 1 (03-11). */
const closedAfterGrace = (): EnrolmentState =>
  play(
    initialState(milestone({ graceDays: 2 })),
    (s) => enroll(s, 1, t0),
    (s) => advance(s, at('2026-03-11T12:00:00Z')),
  ).state

/** Customer 1 enrolled at t0 into week 3, with a balance of 1 waiting for it (rule enroll.5). */
const waitingFor3 = (target: Target) => (): EnrolmentState =>
  play(initialState(target), (s) => enroll(s, 1, t0, { period: 'c3', initialBalance: 1 })).state

/** Customer 1 enrolled exactly at the end of week 1, so in week 2 (rule time.half-open). */
const enrolledAtEnd = (): EnrolmentState =>
  play(initialState(milestone({})), (s) => enroll(s, 1, at('2026-03-09T00:00:00Z'))).state

/** Customer 1 of a CYCLIC window, enrolled and unenrolled before any activity anchored them. */
const unanchoredOut = (): EnrolmentState =>
  play(story(milestone(cyclic), [])(), (s) => unenroll(s, 1, later(1))).state

/** Customer 1 of streak 'XYZ' enrolled the day before its first week begins. */
const streakNotBegun = (): EnrolmentState =>
  play(initialState(streakXYZ()), (s) => enroll(s, 1, at('2026-01-04T00:00:00Z'))).state

/**
 * A NON_CONTINUOUS streak (levels 2, 3) with 2 grace days: week 1 missed and in grace, week 2
 * achieved and credited at once, as NON_CONTINUOUS streaks do (rule grace.streak-order).
 */
const nonContinuousInGrace = (): EnrolmentState =>
  play(
    initialState(
      right(
        defineStreak({
          targetGroupId: 9,
          targetId: 2,
          metric: 'COUNT',
          goal: 1,
          streakType: 'NON_CONTINUOUS',
          levels: [2, 3],
          graceDays: 2,
          cycles: weeks,
        }),
      ),
    ),
    (s) => enroll(s, 1, t0),
    (s) => recordActivity(s, 1, { at: later(6, 1) }),
  ).state

/** A CYCLIC streak of 3 weeks (levels 2, 3): customer 1 achieved all three, settled past the last. */
const cyclicStreakDone = (): EnrolmentState =>
  play(
    initialState(
      right(
        defineStreak({
          targetGroupId: 9,
          targetId: 3,
          metric: 'COUNT',
          goal: 1,
          streakType: 'CONTINUOUS',
          levels: [2, 3],
          ...cyclic,
        }),
      ),
    ),
    (s) => enroll(s, 1, t0),
    (s) => recordActivity(s, 1, { at: later(0, 1) }),
    (s) => recordActivity(s, 1, { at: later(8, 1) }),
    (s) => recordActivity(s, 1, { at: later(15, 1) }),
    (s) => advance(s, at('2026-03-26T00:00:00Z')),
  ).state

/**
 * Customer 1 (2 grace days) with a purchase in week 2, unenrolled from it on 03-10, then settled by
 * an `advance` past week 2's end: week 2's progress is frozen, the settled instant past the
 * unenrolment.
 */
const outThenSettled = (): EnrolmentState =>
  play(
    story(milestone({ allocation: 'PERIOD_END', graceDays: 2 }), [5])(),
    (s) => unenroll(s, 1, later(6)),
    (s) => advance(s, at('2026-03-17T00:00:00Z')),
  ).state

/** Customer 1 of a CYCLIC window, anchored on 03-04, unenrolled on 03-05, settled past cycle 1. */
const cyclicOutThenSettled = (): EnrolmentState =>
  play(
    story(milestone(cyclic), [0])(),
    (s) => unenroll(s, 1, later(1)),
    (s) => advance(s, at('2026-03-12T00:00:00Z')),
  ).state

/** Customer 1 of a PERIOD_AGNOSTIC window, cycle 1 ended on 03-06, unenrolled on 03-09. */
const agnosticOut = (): EnrolmentState =>
  play(story(milestone(agnostic), [0, 1, 2, 3])(), (s) => unenroll(s, 1, later(5))).state

/** Sets a document's watermark. */
const watermarkAt = (iso: string) => (d: Document) => {
  ;(d as unknown as { watermark: string }).watermark = iso
}

/** Customer 1 of a streak (levels 2, 3) with three weeks achieved. */
const streak = threeWeekStreak

/**
 * `waitingCredit` advanced to week 1's close (01-14): week 1 closed unachieved, so no later credit
 * is dated before it (`heldUntil`, rule grace.streak-order); week 2's credit followed it.
 */
const heldBack = (): EnrolmentState =>
  play(waitingCredit(), (s) => advance(s, inCycle(s, 2, 48))).state

const refusal = (state: EnrolmentState, tamper: (d: Document) => void) => {
  const document = JSON.parse(JSON.stringify(encodeState(state))) as Document
  tamper(document)
  const result = decodeState(document)
  return E.isRight(result) ? 'accepted' : [result.left.path, result.left.message]
}

describe('codec.refuses: a record no operations could produce', () => {
  it('codec.refuses: the documents here load untouched', () => {
    for (const state of [
      periodEnd,
      balanceWaiting,
      streak,
      waitingCredit,
      heldBack,
      inGrace,
      balanceAfterGap,
      achievedAtStart,
      nonContinuous,
      story(milestone(cyclic), [0, 1]),
      story(milestone(cyclic), []),
      story(milestone(agnostic), [0, 1, 2, 3]),
      story(milestone({ metric: 'VISIT', timeZone: 'UTC' }), [0, 1]),
      story(milestone({ metric: 'SUM', goal: 10, allowReturns: true }), [0, 1], [12, -5]),
      achievedWithGrace(2, '2026-03-09T12:00:00Z'),
      achievedWithGrace(10, '2026-03-09T12:00:00Z'),
      closedAfterGrace,
      waitingFor3(milestone({})),
      waitingFor3(milestone({ metric: 'VISIT', timeZone: 'UTC' })),
      enrolledAtEnd,
      unanchoredOut,
      streakNotBegun,
      nonContinuousInGrace,
      cyclicStreakDone,
      outThenSettled,
      cyclicOutThenSettled,
      agnosticOut,
    ])
      expect(refusal(state(), () => undefined)).toBe('accepted')
  })

  it.each<[string, () => EnrolmentState, (d: Document) => void, ReadonlyArray<string>]>([
    // The customer's clocks and window.
    [
      'an enrolled customer whose start cycle had ended when they enrolled',
      enrolledIn(2),
      (d) => (customer(d).startCycle = 1),
      [
        'customers[0].startCycle',
        'must be a cycle that had not ended when the customer (re-)enrolled',
      ],
    ],
    [
      'an enrolled customer whose start cycle ended at the very instant they enrolled',
      enrolledAtEnd,
      (d) => (customer(d).startCycle = 1),
      [
        'customers[0].startCycle',
        'must be a cycle that had not ended when the customer (re-)enrolled',
      ],
    ],
    [
      'an unenrolment from a cycle that had ended when the customer unenrolled',
      unenrolledIn(2),
      (d) => (customer(d).fromCycle = 1),
      ['customers[0].fromCycle', 'must be a cycle that had not ended when the customer unenrolled'],
    ],
    [
      'a watermark past the close of a cycle in grace the customer has not closed',
      inGrace,
      watermarkAt('2026-03-12T00:00:00.000Z'),
      [
        'customers[0].closedCycles',
        'must count cycle 1: it closed by the watermark, and advance settled every customer up to the watermark',
      ],
    ],
    [
      'a watermark at the very close of a cycle in grace the customer has not closed',
      inGrace,
      watermarkAt('2026-03-11T00:00:00.000Z'),
      [
        'customers[0].closedCycles',
        'must count cycle 1: it closed by the watermark, and advance settled every customer up to the watermark',
      ],
    ],
    [
      'a watermark past the end of a later cycle, while an earlier one is still in grace',
      achievedWithGrace(10, '2026-03-09T12:00:00Z'),
      watermarkAt('2026-03-16T00:00:00.000Z'),
      [
        'customers[0].endedCycles',
        'must count every cycle that ended by the watermark: advance settled every customer up to the watermark',
      ],
    ],
    [
      'a watermark past the start of the cycle a waiting balance is for',
      balanceAfterGap,
      watermarkAt('2026-03-13T00:00:00.000Z'),
      [
        'customers[0].progress',
        'holds a balance whose cycle began by the watermark, not yet in effect: advance settled every customer up to the watermark',
      ],
    ],
    [
      'achieved levels skipping a lower one on the way to a higher one',
      streak,
      (d) => {
        streakOf(d).count = 1
        streakOf(d).achievedLevels = [3]
      },
      [
        'customers[0].streak.achievedLevels',
        'must hold level 2: the count passed it on its way to level 3 in this epoch',
      ],
    ],
    [
      'achieved levels without the level the count is at',
      streak,
      (d) => (streakOf(d).achievedLevels = [2]),
      [
        'customers[0].streak.achievedLevels',
        'must hold level 3: the count (3) passed it in this epoch',
      ],
    ],
    [
      'a NON_CONTINUOUS count below a level it reached',
      nonContinuous,
      (d) => (streakOf(d).count = 2),
      [
        'customers[0].streak.count',
        'must be at least 3: a NON_CONTINUOUS count never goes down within an epoch',
      ],
    ],
    [
      'a begun cycle at its goal without its achievement',
      story(milestone({}), [0, 0, 0]),
      (d) => {
        progress(d).achievedAt = null
        progress(d).rewarded = false
      },
      [
        'customers[0].progress[0].achievedAt',
        'must be set: the progress reached the goal (3) in a cycle the customer is in',
      ],
    ],
    [
      'a cycle begun at the very settled instant, at its goal without its achievement',
      achievedAtStart,
      (d) => {
        progress(d).achievedAt = null
        progress(d).rewarded = false
      },
      [
        'customers[0].progress[0].achievedAt',
        'must be set: the progress reached the goal (1) in a cycle the customer is in',
      ],
    ],
    [
      'a streak count above the cycles begun',
      streak,
      (d) => (streakOf(d).count = 4),
      ['customers[0].streak.count', 'must not exceed the cycles begun by the settled instant (3)'],
    ],
    [
      'a streak count before the first cycle has begun',
      streakNotBegun,
      (d) =>
        (customer(d).streak = {
          epoch: 1,
          count: 1,
          achievedLevels: [],
          waiting: [],
          heldUntil: null,
        }),
      ['customers[0].streak.count', 'must not exceed the cycles begun by the settled instant (0)'],
    ],
    [
      'a streak count above every cycle of a CYCLIC window, all ended',
      cyclicStreakDone,
      (d) => (streakOf(d).count = 4),
      ['customers[0].streak.count', 'must not exceed the cycles begun by the settled instant (3)'],
    ],
    [
      'a streak record on a milestone',
      periodEnd,
      (d) =>
        (customer(d).streak = {
          epoch: 1,
          count: 0,
          achievedLevels: [],
          waiting: [],
          heldUntil: null,
        }),
      ['customers[0].streak', 'must be absent for a milestone'],
    ],
    [
      'cycle ends on a FIXED window',
      periodEnd,
      (d) => (customer(d).cycleEnds = [customer(d).settledAt]),
      ['customers[0].anchor', 'must be absent: a FIXED window has no anchor'],
    ],
    [
      'cycle ends on a CYCLIC window',
      story(milestone(cyclic), [0]),
      (d) => (customer(d).cycleEnds = [customer(d).settledAt]),
      ['customers[0].cycleEnds', 'must be empty: only PERIOD_AGNOSTIC cycles end at their goal'],
    ],
    [
      'an anchor after the settled instant',
      story(milestone(cyclic), [0]),
      (d) => (customer(d).anchor = '2026-03-20T00:00:00.000Z'),
      ['customers[0].anchor', 'must not be after the settled instant (an activity anchors it)'],
    ],
    [
      'a CYCLIC anchor that is not the first instant of a local day',
      story(milestone(cyclic), [0]),
      (d) => (customer(d).anchor = '2026-03-04T01:00:00.000Z'),
      ['customers[0].anchor', 'must be the first instant of a local day'],
    ],
    [
      'more PERIOD_AGNOSTIC cycles ended than the target has',
      story(milestone(agnostic), [0, 1, 2, 3]),
      (d) => customer(d).cycleEnds.push(customer(d).settledAt, customer(d).settledAt),
      ['customers[0].cycleEnds', 'must hold at most 2 cycles'],
    ],
    [
      'a PERIOD_AGNOSTIC cycle ending before its anchor',
      story(milestone(agnostic), [0, 1, 2, 3]),
      (d) => (customer(d).cycleEnds[0] = '2026-03-01T00:00:00.000Z'),
      [
        'customers[0].cycleEnds[0]',
        'must not be before the cycle before it, nor after the settled instant',
      ],
    ],
    [
      'a PERIOD_AGNOSTIC cycle ending after the settled instant',
      story(milestone(agnostic), [0, 1, 2, 3]),
      (d) => (customer(d).cycleEnds[0] = '2026-04-01T00:00:00.000Z'),
      [
        'customers[0].cycleEnds[0]',
        'must not be before the cycle before it, nor after the settled instant',
      ],
    ],
    // rule unenroll.freezes: nothing achieves, anchors or ends a cycle of an unenrolled customer,
    // though settlement moves their settled instant on.
    [
      'an unenrolled customer whose frozen cycle was achieved after the unenrolment',
      outThenSettled,
      (d) => {
        progress(d).value = 3
        progress(d).achievedAt = '2026-03-12T00:00:00.000Z'
      },
      [
        'customers[0].progress[0].achievedAt',
        'must not be after the unenrolment: an unenrolment freezes the progress',
      ],
    ],
    [
      'an unenrolled customer anchored after the unenrolment',
      cyclicOutThenSettled,
      (d) => (customer(d).anchor = '2026-03-06T00:00:00.000Z'),
      [
        'customers[0].anchor',
        'must not be after the unenrolment (an activity of an enrolled customer anchors it)',
      ],
    ],
    [
      // Its settled instant is moved too: the check before this one holds a cycle end to it.
      'an unenrolled PERIOD_AGNOSTIC customer whose cycle ended after the unenrolment',
      agnosticOut,
      (d) => {
        customer(d).settledAt = '2026-03-20T00:00:00.000Z'
        customer(d).cycleEnds[0] = '2026-03-10T00:00:00.000Z'
      },
      [
        'customers[0].cycleEnds[0]',
        'must not be after the unenrolment (an activity of an enrolled customer ends it)',
      ],
    ],
    [
      'an unanchored customer in a later start cycle',
      story(milestone(cyclic), []),
      (d) => (customer(d).startCycle = 2),
      ['customers[0].startCycle', 'must be 1 before the customer is anchored'],
    ],
    [
      'an unanchored customer unenrolled from a later cycle',
      unanchoredOut,
      (d) => (customer(d).fromCycle = 2),
      ['customers[0].startCycle', 'must be 1 before the customer is anchored'],
    ],
    [
      'an unanchored customer with progress',
      story(milestone(cyclic), []),
      (d) => customer(d).progress.push(progressDocument()),
      ['customers[0].progress', 'must be empty before the customer is anchored'],
    ],
    [
      'an unanchored customer with ended cycles',
      story(milestone(cyclic), []),
      (d) => (customer(d).endedCycles = 1),
      ['customers[0].progress', 'must be empty before the customer is anchored'],
    ],
    [
      'a start cycle beyond the target',
      periodEnd,
      (d) => (customer(d).startCycle = 6),
      ['customers[0].startCycle', 'must be a cycle of the customer (1 to 5)'],
    ],
    [
      'an unenrolment cycle beyond the target',
      periodEnd,
      (d) => (customer(d, 1).fromCycle = 6),
      ['customers[1].fromCycle', 'must be a cycle of the customer (1 to 5)'],
    ],
    [
      'more cycles closed than ended',
      () => play(periodEnd(), (s) => recordActivity(s, 1, { at: inCycle(s, 3) })).state,
      (d) => (customer(d).closedCycles = 3),
      ['customers[0].closedCycles', 'must not exceed the cycles that have ended'],
    ],
    [
      'an ended cycle not closed without grace days',
      () => play(periodEnd(), (s) => recordActivity(s, 1, { at: inCycle(s, 3) })).state,
      (d) => (customer(d).closedCycles = 1),
      [
        'customers[0].closedCycles',
        'must equal the ended cycles: without grace a cycle closes as it ends',
      ],
    ],
    [
      'a cycle ended before the latest enrolment change left unsettled',
      () => play(periodEnd(), (s) => unenroll(s, 1, inCycle(s, 3))).state,
      (d) => {
        customer(d).endedCycles = 1
        customer(d).closedCycles = 1
      },
      [
        'customers[0].endedCycles',
        'must count every cycle that had ended by the latest enrolment change (it settled them)',
      ],
    ],
    [
      'a cycle in grace that has not ended',
      waitingCredit,
      (d) => (customer(d).graceCycles = [2]),
      ['customers[0].graceCycles', 'must be cycles in grace (ended, not closed), in order'],
    ],
    [
      'a cycle in grace twice',
      waitingCredit,
      (d) => (customer(d).graceCycles = [1, 1]),
      ['customers[0].graceCycles', 'must be cycles in grace (ended, not closed), in order'],
    ],
    [
      'a cycle in grace that has already closed',
      closedAfterGrace,
      (d) => (customer(d).graceCycles = [1]),
      ['customers[0].graceCycles', 'must be cycles in grace (ended, not closed), in order'],
    ],
    [
      'progress entries out of order',
      story(milestone({ metric: 'VISIT', timeZone: 'UTC' }), [0]),
      (d) => customer(d).progress.unshift(progressDocument({ cycle: 2, visits: [], value: 0 })),
      ['customers[0].progress[1].cycle', 'must be above the one before it (in order, each once)'],
    ],
    // One cycle's progress.
    [
      'progress of a cycle the customer does not have',
      periodEnd,
      (d) => (progress(d).cycle = 6),
      ['customers[0].progress[0].cycle', 'must be a cycle of the customer (1 to 5)'],
    ],
    [
      'progress of a cycle already closed',
      () => play(periodEnd(), (s) => recordActivity(s, 1, { at: inCycle(s, 2, 1) })).state,
      (d) => customer(d).progress.unshift(progressDocument()),
      [
        'customers[0].progress[0].cycle',
        'is a cycle already closed: its progress is dropped at its close',
      ],
    ],
    [
      'a negative progress',
      periodEnd,
      (d) => (progress(d).value = -1),
      ['customers[0].progress[0].value', 'must be a finite number ≥ 0'],
    ],
    [
      'visits out of order',
      story(milestone({ metric: 'VISIT', timeZone: 'UTC' }), [0, 1]),
      (d) => progress(d).visits.reverse(),
      ['customers[0].progress[0].visits', 'must be distinct local dates, in order'],
    ],
    [
      'fewer visits counted than listed',
      story(milestone({ metric: 'VISIT', timeZone: 'UTC' }), [0, 1]),
      (d) => (progress(d).value = 1),
      ['customers[0].progress[0].value', 'must count every visit it lists'],
    ],
    [
      'a visit before its cycle began',
      story(milestone({ metric: 'VISIT', timeZone: 'UTC' }), [0, 1]),
      (d) => (progress(d).visits = ['2026-03-01', '2026-03-05']),
      [
        'customers[0].progress[0].visits',
        'must be local dates of its cycle, none after the settled instant',
      ],
    ],
    [
      'a visit after the settled instant',
      story(milestone({ metric: 'VISIT', timeZone: 'UTC' }), [0, 1]),
      (d) => (progress(d).visits = ['2026-03-04', '2026-03-06']),
      [
        'customers[0].progress[0].visits',
        'must be local dates of its cycle, none after the settled instant',
      ],
    ],
    [
      'an achievement after its cycle',
      story(milestone({}), [0, 1, 2]),
      (d) => (progress(d).achievedAt = '2026-03-16T00:00:00.000Z'),
      [
        'customers[0].progress[0].achievedAt',
        "must fall within its cycle, and not after the customer's settled instant",
      ],
    ],
    [
      'an achievement before its cycle',
      story(milestone({}), [0, 1, 2]),
      (d) => (progress(d).achievedAt = '2026-03-01T00:00:00.000Z'),
      [
        'customers[0].progress[0].achievedAt',
        "must fall within its cycle, and not after the customer's settled instant",
      ],
    ],
    [
      'an achievement at the very end of its cycle (in grace)',
      achievedWithGrace(2, '2026-03-09T12:00:00Z'),
      (d) => (progress(d).achievedAt = '2026-03-09T00:00:00.000Z'),
      [
        'customers[0].progress[0].achievedAt',
        "must fall within its cycle, and not after the customer's settled instant",
      ],
    ],
    [
      'a reversal of a cycle still achieved',
      story(milestone({ metric: 'SUM', goal: 10, allowReturns: true }), [0], [12]),
      (d) => (progress(d).reversed = true),
      ['customers[0].progress[0].reversed', 'means below the goal after a return'],
    ],
    [
      'a reversal at the goal',
      story(milestone({ metric: 'SUM', goal: 10, allowReturns: true }), [0, 1], [12, -5]),
      (d) => (progress(d).value = 10),
      ['customers[0].progress[0].reversed', 'means below the goal after a return'],
    ],
    [
      'a sub-target the target does not have',
      story(milestone({ subTargets: [{ name: 'one', trigger: 'ABSOLUTE', value: 1 }] }), [0]),
      (d) => progress(d).subTargets.push('two'),
      ['customers[0].progress[0].subTargets[1]', 'must name a sub-target of the target, once'],
    ],
    [
      'a sub-target reached twice',
      story(milestone({ subTargets: [{ name: 'one', trigger: 'ABSOLUTE', value: 1 }] }), [0]),
      (d) => progress(d).subTargets.push('one'),
      ['customers[0].progress[0].subTargets[1]', 'must name a sub-target of the target, once'],
    ],
    [
      'a cycle not begun holding more than a balance',
      () =>
        play(
          initialState(milestone({ subTargets: [{ name: 'two', trigger: 'ABSOLUTE', value: 2 }] })),
          (s) => enroll(s, 1, inCycle(s, 1), { period: 'c3', initialBalance: 1 }),
        ).state,
      (d) => progress(d).subTargets.push('two'),
      [
        'customers[0].progress[0]',
        'is the progress of a cycle not begun: it can only hold a balance waiting for it',
      ],
    ],
    [
      'a cycle not begun marked rewarded',
      waitingFor3(milestone({})),
      (d) => (progress(d).rewarded = true),
      [
        'customers[0].progress[0]',
        'is the progress of a cycle not begun: it can only hold a balance waiting for it',
      ],
    ],
    [
      'a cycle not begun holding a visit',
      waitingFor3(milestone({ metric: 'VISIT', timeZone: 'UTC' })),
      (d) => (progress(d).visits = ['2026-03-17']),
      [
        'customers[0].progress[0]',
        'is the progress of a cycle not begun: it can only hold a balance waiting for it',
      ],
    ],
    [
      'an achieved PERIOD_AGNOSTIC cycle still open',
      story(milestone(agnostic), [0, 1]),
      (d) => {
        progress(d).value = 3
        progress(d).achievedAt = customer(d).settledAt
        progress(d).rewarded = true
      },
      [
        'customers[0].progress[0].achievedAt',
        'must be unset: an achieved PERIOD_AGNOSTIC cycle ends',
      ],
    ],
    // The streak.
    [
      'levels out of order',
      streak,
      (d) => (streakOf(d).achievedLevels = [3, 2]),
      ['customers[0].streak.achievedLevels[1]', 'must be ascending, each once'],
    ],
    [
      'waiting credits out of order',
      waitingCredit,
      (d) => streakOf(d).waiting.push({ ...firstWaiting(d) }),
      ['customers[0].streak.waiting[1].cycle', 'must be ascending, each once'],
    ],
    [
      'a waiting credit on a NON_CONTINUOUS streak',
      nonContinuousInGrace,
      (d) => streakOf(d).waiting.push({ cycle: 2, achievedAt: '2026-03-10T11:00:00.000Z' }),
      [
        'customers[0].streak.waiting',
        'must be empty: only CONTINUOUS streaks with grace days wait',
      ],
    ],
    [
      'a credit held back on a NON_CONTINUOUS streak',
      nonContinuousInGrace,
      (d) => (streakOf(d).heldUntil = '2026-03-11T00:00:00.000Z'),
      [
        'customers[0].streak.heldUntil',
        'must be null: only CONTINUOUS streaks with grace days hold a credit back',
      ],
    ],
    [
      'a credit held back until an instant no cycle closed at',
      heldBack,
      (d) => (streakOf(d).heldUntil = '2026-01-14T01:00:00.000Z'),
      ['customers[0].streak.heldUntil', 'must be the close of a cycle already closed'],
    ],
    [
      'a credit held back by a cycle not closed yet',
      waitingCredit,
      (d) => (streakOf(d).heldUntil = '2026-01-14T00:00:00.000Z'),
      ['customers[0].streak.heldUntil', 'must be the close of a cycle already closed'],
    ],
    [
      'a waiting credit of a cycle not achieved',
      waitingCredit,
      (d) => (firstWaiting(d).cycle = 1),
      [
        'customers[0].streak.waiting[0]',
        'must be an achieved cycle not closed, waiting since an instant already applied',
      ],
    ],
    [
      'a waiting credit after the settled instant',
      waitingCredit,
      (d) => (firstWaiting(d).achievedAt = '2026-12-01T00:00:00.000Z'),
      [
        'customers[0].streak.waiting[0]',
        'must be an achieved cycle not closed, waiting since an instant already applied',
      ],
    ],
  ])('codec.refuses: %s', (_, state, tamper, expected) => {
    expect(refusal(state(), tamper)).toEqual(expected)
  })
})

describe('codec.refuses: a field of the wrong shape', () => {
  const MAX_ID = 'must be an integer from 1 to 9007199254740991'
  const ISO = 'must be an ISO-8601 instant (…Z)'
  const visits = story(milestone({ metric: 'VISIT', timeZone: 'UTC' }), [0])
  const raw = (tamper: (d: Record<string, unknown>) => void) => {
    const document = JSON.parse(JSON.stringify(encodeState(periodEnd()))) as Record<string, unknown>
    tamper(document)
    const result = decodeState(document)
    return E.isRight(result) ? 'accepted' : [result.left.path, result.left.message]
  }

  it.each<[string, () => EnrolmentState, (d: Document) => void, ReadonlyArray<string>]>([
    [
      'a customer id of 0',
      periodEnd,
      (d) => ((customer(d) as unknown as { customerId: number }).customerId = 0),
      ['customers[0].customerId', MAX_ID],
    ],
    [
      'a fractional version',
      periodEnd,
      (d) => ((customer(d) as unknown as { version: number }).version = 1.5),
      ['customers[0].version', MAX_ID],
    ],
    [
      'a start cycle beyond 100',
      periodEnd,
      (d) => (customer(d).startCycle = 101),
      ['customers[0].startCycle', 'must be an integer from 1 to 100'],
    ],
    [
      'a date that is not an instant',
      periodEnd,
      (d) => ((customer(d) as unknown as { since: string }).since = 'yesterday'),
      ['customers[0].since', ISO],
    ],
    [
      'an instant that does not exist',
      periodEnd,
      (d) => (customer(d).settledAt = '2026-02-30T00:00:00.000Z'),
      ['customers[0].settledAt', 'must be a real instant'],
    ],
    [
      'an unknown status',
      periodEnd,
      (d) => ((customer(d) as unknown as { status: string }).status = 'PAUSED'),
      ['customers[0].status', "must be 'ENROLLED' or 'UNENROLLED'"],
    ],
    [
      'an unenrolment cycle of 0',
      periodEnd,
      (d) => (customer(d, 1).fromCycle = 0),
      ['customers[1].fromCycle', 'must be an integer from 1 to 100'],
    ],
    [
      'a negative count of closed cycles',
      periodEnd,
      (d) => (customer(d).closedCycles = -1),
      ['customers[0].closedCycles', 'must be an integer from 0 to 100'],
    ],
    [
      'cycles in grace that are not a list',
      periodEnd,
      (d) => ((customer(d) as unknown as { graceCycles: string }).graceCycles = 'none'),
      ['customers[0].graceCycles', 'must be an array'],
    ],
    [
      'a cycle in grace of 0',
      periodEnd,
      (d) => (customer(d).graceCycles = [0]),
      ['customers[0].graceCycles[0]', 'must be an integer from 1 to 100'],
    ],
    [
      'an anchor that is a number',
      periodEnd,
      (d) => ((customer(d) as unknown as { anchor: number }).anchor = 5),
      ['customers[0].anchor', ISO],
    ],
    [
      'a cycle end that is not an instant',
      periodEnd,
      (d) => (customer(d).cycleEnds = ['x']),
      ['customers[0].cycleEnds[0]', ISO],
    ],
    [
      'a progress that is not a list',
      periodEnd,
      (d) => ((customer(d) as unknown as { progress: object }).progress = {}),
      ['customers[0].progress', 'must be an array'],
    ],
    [
      'a progress entry that is not an object',
      periodEnd,
      (d) => ((customer(d) as unknown as { progress: Array<unknown> }).progress = ['x']),
      ['customers[0].progress[0]', 'must be an object'],
    ],
    [
      'more than 100 progress entries',
      periodEnd,
      (d) => (customer(d).progress = Array.from({ length: 101 }, () => progress(d))),
      ['customers[0].progress', 'must hold at most 100 items'],
    ],
    [
      'a reward mark that is not a boolean',
      periodEnd,
      (d) => ((progress(d) as unknown as { rewarded: string }).rewarded = 'yes'),
      ['customers[0].progress[0].rewarded', 'must be a boolean'],
    ],
    [
      'a reversal mark that is null',
      periodEnd,
      (d) => ((progress(d) as unknown as { reversed: null }).reversed = null),
      ['customers[0].progress[0].reversed', 'must be a boolean'],
    ],
    [
      'an achievement that is a number',
      periodEnd,
      (d) => ((progress(d) as unknown as { achievedAt: number }).achievedAt = 7),
      ['customers[0].progress[0].achievedAt', ISO],
    ],
    [
      'a sub-target that is not a name',
      periodEnd,
      (d) => ((progress(d) as unknown as { subTargets: Array<number> }).subTargets = [1]),
      ['customers[0].progress[0].subTargets[0]', 'must be a sub-target name'],
    ],
    [
      'a visit that is not a local date',
      visits,
      (d) => (progress(d).visits = ['5 March']),
      ['customers[0].progress[0].visits[0]', 'must be a local date YYYY-MM-DD'],
    ],
    [
      // rule visit.distinct-days: a visit a local date of week 1, 03-02 to 03-08 (it ends 03-09 at 00:00).
      'a visit list longer than its cycle has local dates',
      visits,
      (d) =>
        (progress(d).visits = Array.from(
          { length: 8 },
          (_, i) => `2026-03-${String(2 + i).padStart(2, '0')}`,
        )),
      ['customers[0].progress[0].visits', 'must hold at most 7 items'],
    ],
    [
      'a streak that is not an object',
      streak,
      (d) => ((customer(d) as unknown as { streak: string }).streak = 'x'),
      ['customers[0].streak', 'must be an object'],
    ],
    [
      'a streak epoch of 0',
      streak,
      (d) => (streakOf(d).epoch = 0),
      ['customers[0].streak.epoch', MAX_ID],
    ],
    [
      'a level of 0',
      streak,
      (d) => (streakOf(d).achievedLevels = [0]),
      ['customers[0].streak.achievedLevels[0]', MAX_ID],
    ],
    [
      'a waiting credit that is not an object',
      waitingCredit,
      (d) => ((streakOf(d) as unknown as { waiting: Array<unknown> }).waiting = ['x']),
      ['customers[0].streak.waiting[0]', 'must be an object'],
    ],
    [
      'a waiting credit of cycle 0',
      waitingCredit,
      (d) => (firstWaiting(d).cycle = 0),
      ['customers[0].streak.waiting[0].cycle', 'must be an integer from 1 to 100'],
    ],
    [
      'a waiting credit without an instant',
      waitingCredit,
      (d) => (firstWaiting(d).achievedAt = 'soon'),
      ['customers[0].streak.waiting[0].achievedAt', ISO],
    ],
    [
      'customers out of order',
      periodEnd,
      (d) => d.customers.reverse(),
      ['customers[1].customerId', 'must be above the one before it (in order, each once)'],
    ],
  ])('codec.refuses: %s', (_, state, tamper, expected) => {
    expect(refusal(state(), tamper)).toEqual(expected)
  })

  it('codec.refuses: the document itself: not JSON, another schema version, no list of customers, a bad watermark', () => {
    expect(decodeState('{')).toEqual(
      E.left({ code: 300004, path: '', message: 'is not valid JSON' }),
    )
    expect(raw((d) => (d.schemaVersion = 9))).toEqual(['schemaVersion', 'must be 1, 2 or 3'])
    expect(raw((d) => (d.customers = 'all'))).toEqual(['customers', 'must be an array'])
    expect(raw((d) => (d.watermark = 'now'))).toEqual(['watermark', ISO])
    expect(raw((d) => (d.target = null))).toEqual(['target', 'must be an object'])
  })

  it('codec.refuses: a revoked proxy, and an array whose element cannot be read, without throwing', () => {
    const revoked = () => {
      const { proxy, revoke } = Proxy.revocable([], {})
      revoke()
      return proxy
    }
    expect(decodeState(revoked())).toEqual(
      E.left({ code: 300004, path: '', message: 'must be an object' }),
    )
    expect(raw((d) => (d.customers = revoked()))).toEqual(['customers', 'must be an array'])
    const unreadable = Object.defineProperty([{}, {}], 1, {
      get: () => {
        throw new Error('unreadable')
      },
    })
    expect(raw((d) => (d.customers = unreadable))).toEqual(['customers[1]', 'could not be read'])
  })
})
