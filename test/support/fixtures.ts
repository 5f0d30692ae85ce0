// Shared fixtures: the seed's target groups and small helpers to play operations and read results.
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import {
  calendarCycles,
  defineMilestone,
  defineStreak,
  enroll,
  enrolmentOf,
  initialState,
  recordActivity,
  unenroll,
  type Cycle,
  type Enrolment,
  type EnrolmentEvent,
  type EnrolmentState,
  type MilestoneTarget,
  type Result,
  type RewardAllocationType,
  type StreakTarget,
  type StreakType,
  type Transition,
} from '../../src/index.js'

/** The value of a Right, or a test failure naming the Left. */
export const right = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`expected Right, got Left ${JSON.stringify(result.left)}`)
  return result.right
}

/** The error of a Left, or a test failure. */
export const left = <L>(result: E.Either<L, unknown>): L => {
  if (E.isRight(result)) throw new Error('expected Left, got Right')
  return result.left
}

/** An instant in UTC. */
export const at = (iso: string): Date => new Date(iso)

/** Cycles c1…cN, calendar months in UTC from January 2026, named 'c1'…'cN' as in the seed. */
export const monthlyCycles = (count: number): ReadonlyArray<Cycle> =>
  right(calendarCycles({ start: '2026-01-01', frequency: 'MONTHLY', count, timeZone: 'UTC' })).map(
    (cycle) => ({ ...cycle, refCode: `c${cycle.index}` }),
  )

/** Cycles c1…cN, weeks in UTC from Monday 5 January 2026. */
export const weeklyCycles = (count: number): ReadonlyArray<Cycle> =>
  right(calendarCycles({ start: '2026-01-05', frequency: 'WEEKLY', count, timeZone: 'UTC' })).map(
    (cycle) => ({ ...cycle, refCode: `c${cycle.index}` }),
  )

/** A result's events as `TYPE:cycle`, to compare in order at a glance. */
export const eventTags = (result: { readonly events: ReadonlyArray<EnrolmentEvent> }) =>
  result.events.map((e) => `${e.type}:${e.cycle}`)

/** The seed's milestone 'ABC': 5 monthly cycles, goal 5 transactions. */
export const milestoneABC = (
  allocation: RewardAllocationType,
  overrides: Partial<{ goal: number; metric: 'COUNT' | 'SUM' }> = {},
): MilestoneTarget =>
  right(
    defineMilestone({
      targetGroupId: 101,
      targetId: 1,
      name: 'ABC',
      metric: overrides.metric ?? 'COUNT',
      goal: overrides.goal ?? 5,
      allocation,
      cycles: monthlyCycles(5),
    }),
  )

/** The seed's streak 'XYZ': 30 weekly cycles, levels 4, 8, 12, goal 1 transaction a week. */
export const streakXYZ = (
  streakType: StreakType = 'CONTINUOUS',
  levels: ReadonlyArray<number> = [4, 8, 12],
): StreakTarget =>
  right(
    defineStreak({
      targetGroupId: 202,
      targetId: 2,
      name: 'XYZ',
      metric: 'COUNT',
      goal: 1,
      streakType,
      levels,
      cycles: weeklyCycles(30),
    }),
  )

/** The cycle with 1-based `index` of a state's target. */
export const cycleOf = (state: EnrolmentState, index: number): Cycle => {
  const cycle = state.target.cycles[index - 1]
  if (cycle === undefined) throw new Error(`no cycle ${index}`)
  return cycle
}

/** An instant `hours` after the start of cycle `index`. */
export const inCycle = (state: EnrolmentState, index: number, hours = 0): Date =>
  new Date(cycleOf(state, index).start.getTime() + hours * 3_600_000)

/** The enrolment of a customer, or a test failure. */
export const enrolment = (state: EnrolmentState, customerId: number): Enrolment =>
  O.getOrElse((): Enrolment => {
    throw new Error(`customer ${customerId} has no enrolment`)
  })(enrolmentOf(state, customerId))

/**
 * Plays operations in order, each on the state the previous one returned; fails the test on a Left.
 * Returns the last state and every event, in order.
 */
export const play = (
  state: EnrolmentState,
  ...steps: ReadonlyArray<(state: EnrolmentState) => Result>
): { readonly state: EnrolmentState; readonly events: ReadonlyArray<EnrolmentEvent> } =>
  steps.reduce<{ state: EnrolmentState; events: ReadonlyArray<EnrolmentEvent> }>(
    (acc, step) => {
      const t: Transition = right(step(acc.state))
      return { state: t.state, events: [...acc.events, ...t.events] }
    },
    { state, events: [] },
  )

/** Builders of the exact events a customer of a target should see. */
export const eventsOf = (target: StreakTarget | MilestoneTarget, customerId: number) => {
  const base = (at: Date) => ({
    customerId,
    targetGroupId: target.targetGroupId,
    targetId: target.targetId,
    at,
  })
  const key = (cycle: number) =>
    `tg${target.targetGroupId}/t${target.targetId}/cust${customerId}/cycle${cycle}`
  const levelKey = (level: number, epoch: number) =>
    `tg${target.targetGroupId}/t${target.targetId}/cust${customerId}/epoch${epoch}/level${level}`
  return {
    enrolled: (cycle: number, at: Date) => ({ type: 'ENROLLED', ...base(at), cycle }),
    unenrolled: (cycle: number, at: Date) => ({ type: 'UNENROLLED', ...base(at), cycle }),
    reenrolled: (cycle: number, at: Date) => ({ type: 'REENROLLED', ...base(at), cycle }),
    achieved: (cycle: number, at: Date) => ({ type: 'CYCLE_ACHIEVED', ...base(at), cycle }),
    issued: (cycle: number, at: Date, allocation: RewardAllocationType) => ({
      type: 'REWARD_ISSUED',
      ...base(at),
      cycle,
      allocation,
      idempotencyKey: key(cycle),
    }),
    forfeited: (cycle: number, at: Date) => ({
      type: 'REWARD_FORFEITED',
      ...base(at),
      cycle,
      allocation: 'PERIOD_END',
      reason: 'UNENROLLED',
      idempotencyKey: key(cycle),
    }),
    level: (cycle: number, at: Date, level: number, epoch: number) => [
      { type: 'STREAK_LEVEL_ACHIEVED', ...base(at), cycle, level, epoch },
      {
        type: 'REWARD_ISSUED',
        ...base(at),
        cycle,
        allocation: 'IMMEDIATE',
        level,
        epoch,
        idempotencyKey: levelKey(level, epoch),
      },
    ],
    broken: (cycle: number, at: Date, count: number) => ({
      type: 'STREAK_BROKEN',
      ...base(at),
      cycle,
      count,
    }),
    reset: (cycle: number, at: Date, epoch: number) => ({
      type: 'STREAK_RESET',
      ...base(at),
      cycle,
      epoch,
    }),
  }
}

/**
 * The seed's milestone 'ABC' (PERIOD_END, goal 2): customer 1 enrolled with one purchase in c1,
 * customer 2 enrolled and then unenrolled in c1. A small state with one record of each status.
 */
export const enrolledAndOut = (): EnrolmentState =>
  play(
    initialState(milestoneABC('PERIOD_END', { goal: 2 })),
    (s) => enroll(s, 1, inCycle(s, 1)),
    (s) => recordActivity(s, 1, { at: inCycle(s, 1, 1) }),
    (s) => enroll(s, 2, inCycle(s, 1, 2)),
    (s) => unenroll(s, 2, inCycle(s, 1, 3)),
  ).state

/** A `CONTINUOUS` streak of levels 2 and 3: customer 1 achieved its first three weeks. */
export const threeWeekStreak = (): EnrolmentState =>
  play(
    initialState(streakXYZ('CONTINUOUS', [2, 3])),
    (s) => enroll(s, 1, inCycle(s, 1)),
    (s) => recordActivity(s, 1, { at: inCycle(s, 1, 1) }),
    (s) => recordActivity(s, 1, { at: inCycle(s, 2, 1) }),
    (s) => recordActivity(s, 1, { at: inCycle(s, 3, 1) }),
  ).state

/**
 * A CONTINUOUS streak with 2 grace days: week 1 missed and in grace, week 2 achieved meanwhile, its
 * credit waiting for week 1's fate (rule grace.streak-order).
 */
export const waitingCredit = (): EnrolmentState =>
  play(
    initialState(
      right(
        defineStreak({
          targetGroupId: 8,
          targetId: 1,
          metric: 'COUNT',
          goal: 1,
          streakType: 'CONTINUOUS',
          levels: [2, 3],
          graceDays: 2,
          cycles: weeklyCycles(6),
        }),
      ),
    ),
    (s) => enroll(s, 1, inCycle(s, 1)),
    (s) => recordActivity(s, 1, { at: inCycle(s, 2, 1) }),
  ).state

/** An encoded progress entry (the codec's JSON form): cycle 1, one unit, nothing reached. */
export const progressDocument = (fields: Readonly<Record<string, unknown>> = {}) => ({
  cycle: 1,
  value: 1,
  achievedAt: null as string | null,
  reversed: false,
  rewarded: false,
  subTargets: [] as Array<string>,
  visits: [] as Array<string>,
  ...fields,
})
