// `npm run demo`: the unenrolment API page's scenarios, then the programme shapes loyalty teams run
// (a 30-day challenge, a coffee card, store visits with a halfway mark, refunds, late syncs), played
// on the library and printed readably: each operation's events, then each customer's timeline.
import * as E from 'fp-ts/lib/Either.js'
import {
  advance,
  calendarCycles,
  defineMilestone,
  defineStreak,
  enroll,
  initialState,
  recordActivity,
  reenroll,
  unenroll,
  type Cycle,
  type EnrolmentState,
  type RewardAllocationType,
} from '../src/index.js'
import { playScenario, type Step } from './scenario.js'

const orFail = <A>(result: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(result)) throw new Error(result.left.message)
  return result.right
}

const customer = 423789336

/** Cycles c1…cN: calendar months (milestone) or weeks (streak) in New York time. */
const cycles = (frequency: 'MONTHLY' | 'WEEKLY', count: number): ReadonlyArray<Cycle> =>
  orFail(
    calendarCycles({ start: '2026-01-05', frequency, count, timeZone: 'America/New_York' }),
  ).map((cycle) => ({ ...cycle, refCode: `c${cycle.index}` }))

const abc = (allocation: RewardAllocationType): EnrolmentState =>
  initialState(
    orFail(
      defineMilestone({
        targetGroupId: 501,
        targetId: 1,
        name: 'ABC',
        metric: 'COUNT',
        goal: 5,
        allocation,
        cycles: cycles('MONTHLY', 5),
      }),
    ),
  )

const xyz = (): EnrolmentState =>
  initialState(
    orFail(
      defineStreak({
        targetGroupId: 502,
        targetId: 1,
        name: 'XYZ',
        metric: 'COUNT',
        goal: 1,
        streakType: 'CONTINUOUS',
        levels: [4, 8, 12],
        cycles: cycles('WEEKLY', 30),
      }),
    ),
  )

const hoursInto = (state: EnrolmentState, index: number, hours: number): Date => {
  const cycle = state.target.cycles[index - 1]
  if (cycle === undefined) throw new Error(`no cycle ${index}`)
  return new Date(cycle.start.getTime() + hours * 3_600_000)
}
const endOf = (state: EnrolmentState, index: number): Date => {
  const cycle = state.target.cycles[index - 1]
  if (cycle === undefined) throw new Error(`no cycle ${index}`)
  return cycle.end
}

const enrolAt = (at: Date, options?: Parameters<typeof enroll>[3]): Step => ({
  label: `enroll${options?.period ? ` (period ${options.period})` : ''}`,
  at,
  run: (s) => enroll(s, customer, at, options),
})
const unenrolAt = (at: Date): Step => ({
  label: 'unenroll',
  at,
  run: (s) => unenroll(s, customer, at),
})
const reenrolAt = (at: Date, resetStreakStatus: boolean): Step => ({
  label: `reenroll (resetStreakStatus: ${resetStreakStatus})`,
  at,
  run: (s) => reenroll(s, customer, at, { resetStreakStatus }),
})
const advanceTo = (at: Date): Step => ({ label: 'advance', at, run: (s) => advance(s, at) })
const activity = (at: Date, n: number): Step => ({
  label: `activity #${n}`,
  at,
  run: (s) => recordActivity(s, customer, { at }),
})
/** Five transactions on day 2 of milestone cycle `index`: the goal of 'ABC'. */
const goalIn = (state: EnrolmentState, index: number): ReadonlyArray<Step> =>
  [1, 2, 3, 4, 5].map((n) => activity(hoursInto(state, index, 24 + n), n))
/** One transaction a week in streak cycles `from`…`to`. */
const weekly = (state: EnrolmentState, from: number, to: number): ReadonlyArray<Step> =>
  Array.from({ length: to - from + 1 }, (_, i) => ({
    ...activity(hoursInto(state, from + i, 30), 1),
    label: `activity in c${from + i}`,
  }))

console.log('loyalty-streaks — "Unenrol users from a milestone and streak", case by case')
console.log(`customer ${customer}; cycles in America/New_York; times below in UTC`)

for (const allocation of ['IMMEDIATE', 'PERIOD_END'] as const) {
  const s = abc(allocation)
  playScenario(
    `Case 1 · Milestone 'ABC' (${allocation}) · sub-case 1: enrolled at the start of c1, unenrolled mid-c1`,
    allocation === 'IMMEDIATE'
      ? 'achieved before unenrolling, immediate type → the user has already got the reward'
      : "achieved before unenrolling, period-end type → the user won't get the reward for c1",
    s,
    [
      enrolAt(hoursInto(s, 1, 0)),
      ...goalIn(s, 1),
      unenrolAt(hoursInto(s, 1, 24 * 14)),
      advanceTo(endOf(s, 5)),
    ],
  )
}

for (const allocation of ['IMMEDIATE', 'PERIOD_END'] as const) {
  const s = abc(allocation)
  playScenario(
    `Case 1 · Milestone 'ABC' (${allocation}) · sub-case 2: unenrolled in the middle of c3`,
    'c1 and c2 rewards were already given (no advance needed); out of c3…c5; c3 as in sub-case 1',
    s,
    [
      enrolAt(hoursInto(s, 1, 0)),
      ...goalIn(s, 1),
      ...goalIn(s, 2),
      ...goalIn(s, 3),
      unenrolAt(hoursInto(s, 3, 24 * 14)),
      activity(hoursInto(s, 4, 24), 1),
      advanceTo(endOf(s, 5)),
    ],
  )
}

{
  const s = xyz()
  const upToC13: ReadonlyArray<Step> = [
    enrolAt(hoursInto(s, 1, 0)),
    ...weekly(s, 3, 12),
    unenrolAt(hoursInto(s, 13, 60)),
  ]
  playScenario(
    "Case 2 · Streak 'XYZ' (levels 4, 8, 12) · unenrolled in c13, re-enrolled with resetStreakStatus: false",
    'levels 4 and 8 were already rewarded; the count resumes, so only level 12 remains',
    s,
    [
      ...upToC13,
      reenrolAt(hoursInto(s, 15, 1), false),
      ...weekly(s, 15, 18),
      advanceTo(endOf(s, 20)),
    ],
  )
  playScenario(
    "Case 2 · Streak 'XYZ' (levels 4, 8, 12) · unenrolled in c13, re-enrolled with resetStreakStatus: true",
    'a new epoch: levels 4, 8 and 12 can be achieved and rewarded again',
    s,
    [
      ...upToC13,
      reenrolAt(hoursInto(s, 15, 1), true),
      ...weekly(s, 15, 26),
      advanceTo(endOf(s, 30)),
    ],
  )
}

{
  const s = abc('PERIOD_END')
  playScenario(
    "More · Milestone 'ABC' (PERIOD_END) · unenrolled mid-c2, re-enrolled before c2 ends",
    'the frozen progress resumes and, enrolled at the end of c2, the customer is paid for c2',
    s,
    [
      enrolAt(hoursInto(s, 2, 0)),
      ...goalIn(s, 2),
      unenrolAt(hoursInto(s, 2, 24 * 10)),
      reenrolAt(hoursInto(s, 2, 24 * 12), false),
      advanceTo(endOf(s, 2)),
    ],
  )
}

{
  const s = abc('IMMEDIATE')
  playScenario(
    "More · Milestone 'ABC' · what the platform refuses (its error codes)",
    '310119 already enrolled, 310126 not enrolled, 310019 target period not found, 310011 invalid id',
    s,
    [
      enrolAt(hoursInto(s, 1, 0)),
      enrolAt(hoursInto(s, 1, 1)),
      {
        label: 'unenroll customer 99 (never enrolled)',
        at: hoursInto(s, 1, 2),
        run: (st) => unenroll(st, 99, hoursInto(s, 1, 2)),
      },
      {
        label: 'enroll customer 100 (period c1, ended)',
        at: hoursInto(s, 2, 0),
        run: (st) => enroll(st, 100, hoursInto(s, 2, 0), { period: 'c1' }),
      },
      {
        label: 'enroll customer -4',
        at: hoursInto(s, 2, 0),
        run: (st) => enroll(st, -4, hoursInto(s, 2, 0)),
      },
    ],
  )
}

// ── The programme shapes loyalty teams run ─────────────────────────────────────────────────────

const at = (iso: string): Date => new Date(iso)
const step = (label: string, when: Date, run: Step['run']): Step => ({ label, at: when, run })
const buy = (when: Date, value?: number): Step =>
  step(
    value === undefined ? 'activity' : value < 0 ? `return ${-value}` : `purchase ${value}`,
    when,
    (s) => recordActivity(s, customer, value === undefined ? { at: when } : { at: when, value }),
  )

{
  const challenge = initialState(
    orFail(
      defineMilestone({
        targetGroupId: 601,
        targetId: 1,
        name: '5 purchases within 30 days of your first',
        metric: 'COUNT',
        goal: 5,
        allocation: 'IMMEDIATE',
        window: { type: 'CYCLIC', frequency: { everyDays: 30 }, count: 2 },
        timeZone: 'Europe/London',
        reward: { sku: 'voucher-10', value: 10 },
      }),
    ),
  )
  playScenario(
    "Windows · a 30-day challenge (CYCLIC): each customer's cycles start on the day of their first purchase",
    'cycle 1 = 30 local days from 3 March; the 5th purchase on 28 March achieves it; April counts in cycle 2',
    challenge,
    [
      step('enroll', at('2026-03-01T09:00:00Z'), (s) =>
        enroll(s, customer, at('2026-03-01T09:00:00Z')),
      ),
      ...['03-03', '03-09', '03-15', '03-22', '03-28', '04-05'].map((d) =>
        buy(at(`2026-${d}T12:00:00Z`)),
      ),
    ],
  )
}

{
  const card = initialState(
    orFail(
      defineMilestone({
        targetGroupId: 602,
        targetId: 1,
        name: 'coffee card: every 5th coffee free',
        metric: 'COUNT',
        goal: 5,
        allocation: 'IMMEDIATE',
        window: { type: 'PERIOD_AGNOSTIC', maxCycles: 3 },
        reward: { sku: 'coffee', value: 3.5 },
      }),
    ),
  )
  playScenario(
    'Windows · a coffee card (PERIOD_AGNOSTIC): a cycle ends at the coffee that fills the card',
    'the 5th coffee is free and starts the next card at once; nothing carries over',
    card,
    [
      step('enroll', at('2026-03-02T07:00:00Z'), (s) =>
        enroll(s, customer, at('2026-03-02T07:00:00Z')),
      ),
      ...Array.from({ length: 7 }, (_, i) =>
        buy(at(`2026-03-${String(2 + i).padStart(2, '0')}T08:00:00Z`)),
      ),
    ],
  )
}

{
  const visits = initialState(
    orFail(
      defineMilestone({
        targetGroupId: 603,
        targetId: 1,
        name: 'visit 4 days this month',
        metric: 'VISIT',
        goal: 4,
        allocation: 'PERIOD_END',
        timeZone: 'Europe/Paris',
        cycles: orFail(
          calendarCycles({
            start: '2026-03-01',
            frequency: 'MONTHLY',
            count: 2,
            timeZone: 'Europe/Paris',
          }),
        ),
        subTargets: [
          {
            name: 'halfway',
            trigger: 'PERCENTAGE',
            value: 50,
            reward: { sku: 'sticker', value: 0.5 },
          },
        ],
        reward: { sku: 'gift', value: 15 },
      }),
    ),
  )
  playScenario(
    'Visits · 4 distinct days a month (VISIT), with a halfway sub-target',
    'two purchases on 29 March (8:00Z and 21:30Z, both 29 March in Paris) are one visit; 22:30Z is 30 March there',
    visits,
    [
      step('enroll', at('2026-03-01T09:00:00Z'), (s) =>
        enroll(s, customer, at('2026-03-01T09:00:00Z')),
      ),
      buy(at('2026-03-05T10:00:00Z')),
      buy(at('2026-03-29T08:00:00Z')),
      buy(at('2026-03-29T21:30:00Z')),
      buy(at('2026-03-29T22:30:00Z')),
      buy(at('2026-03-31T09:00:00Z')),
      step('advance', at('2026-04-01T00:00:00Z'), (s) => advance(s, at('2026-04-01T00:00:00Z'))),
    ],
  )
}

const spend = (name: string, targetGroupId: number) =>
  initialState(
    orFail(
      defineMilestone({
        targetGroupId,
        targetId: 1,
        name,
        metric: 'SUM',
        goal: 100,
        allocation: 'PERIOD_END',
        allowReturns: true,
        cycles: orFail(
          calendarCycles({ start: '2026-03-01', frequency: 'MONTHLY', count: 3, timeZone: 'UTC' }),
        ),
        reward: { sku: 'cashback-5', value: 5 },
      }),
    ),
  )

{
  const s = spend('spend 100 a month, paid at month end', 604)
  playScenario(
    'Returns · a refund that undoes a PERIOD_END reward',
    '120 spent in March, 30 refunded before the month ends (stamped at the purchase): below the goal at settlement → forfeited (RETURNED)',
    s,
    [
      step('enroll', at('2026-03-01T00:00:00Z'), (st) =>
        enroll(st, customer, at('2026-03-01T00:00:00Z')),
      ),
      buy(at('2026-03-10T12:00:00Z'), 120),
      buy(at('2026-03-10T12:00:00Z'), -30),
      step('advance', at('2026-04-01T00:00:00Z'), (st) => advance(st, at('2026-04-01T00:00:00Z'))),
    ],
  )
}

{
  const s = spend('spend 100 a month, paid at month end', 605)
  playScenario(
    'Returns · a refund carried into the next cycle',
    "March is closed when the refund comes: stamped at the purchase it is CYCLE_CLOSED; stamped at the refund's own instant it lowers April",
    s,
    [
      step('enroll', at('2026-03-01T00:00:00Z'), (st) =>
        enroll(st, customer, at('2026-03-01T00:00:00Z')),
      ),
      buy(at('2026-03-10T12:00:00Z'), 120),
      step('advance', at('2026-04-01T00:00:00Z'), (st) => advance(st, at('2026-04-01T00:00:00Z'))),
      buy(at('2026-04-02T10:00:00Z'), 110),
      buy(at('2026-03-10T12:00:00Z'), -30),
      buy(at('2026-04-03T10:00:00Z'), -30),
      step('advance', at('2026-05-01T00:00:00Z'), (st) => advance(st, at('2026-05-01T00:00:00Z'))),
    ],
  )
}

{
  const weeklyVisits = initialState(
    orFail(
      defineStreak({
        targetGroupId: 606,
        targetId: 1,
        name: 'a purchase every week, 3 days of grace',
        metric: 'COUNT',
        goal: 1,
        streakType: 'CONTINUOUS',
        levels: [3, { level: 4, reward: { sku: 'gold', value: 20 } }],
        graceDays: 3,
        cycles: orFail(
          calendarCycles({ start: '2026-03-02', frequency: 'WEEKLY', count: 6, timeZone: 'UTC' }),
        ),
      }),
    ),
  )
  playScenario(
    'Grace days · a late sync saves a streak',
    "week 3's purchase (Sunday 22 March) reaches the host on Tuesday 24 March, inside week 3's 3 grace days: the streak goes on",
    weeklyVisits,
    [
      step('enroll', at('2026-03-02T00:00:00Z'), (s) =>
        enroll(s, customer, at('2026-03-02T00:00:00Z')),
      ),
      buy(at('2026-03-03T10:00:00Z')),
      buy(at('2026-03-11T10:00:00Z')),
      step('advance', at('2026-03-23T06:00:00Z'), (s) => advance(s, at('2026-03-23T06:00:00Z'))),
      buy(at('2026-03-24T09:00:00Z')),
      buy(at('2026-03-22T18:00:00Z')),
      step('advance', at('2026-04-06T00:00:00Z'), (s) => advance(s, at('2026-04-06T00:00:00Z'))),
    ],
  )
}
