// `npm run demo`: the seed's scenarios (and a few more) played on the library, as timelines a
// product manager can check against the seed page by eye.
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
import { playTimeline, type Step } from './timeline.js'

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

console.log('loyalty-streaks — the seed\'s scenarios ("Unenrol users from a milestone and streak")')
console.log(`customer ${customer}; cycles in America/New_York; times below in UTC`)

for (const allocation of ['IMMEDIATE', 'PERIOD_END'] as const) {
  const s = abc(allocation)
  playTimeline(
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
  playTimeline(
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
  playTimeline(
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
  playTimeline(
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
  playTimeline(
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
  playTimeline(
    "More · Milestone 'ABC' · what the platform refuses (error codes of the seed)",
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
