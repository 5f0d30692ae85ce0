// Rules timeline.*: one row per cycle the customer took part in, with its status, sub-targets and
// rewards, for every window and for streaks; the seed's cases explained row by row.
import { describe, expect, it } from 'vitest'
import {
  applyAll,
  cyclesOf,
  defineMilestone,
  forget,
  defineStreak,
  formatTimeline,
  initialState,
  timeline,
  type EnrolmentEvent,
  type EnrolmentState,
  type Operation,
  type RewardAllocationType,
  type TimelineReward,
  type TimelineRow,
  type JsonValue,
} from '../src/index.js'
import {
  at,
  cycleOf,
  enrolment,
  inCycle,
  milestoneABC,
  monthlyCycles,
  right,
  streakXYZ,
} from './support/fixtures.js'

const customer = 423789336
const someoneElse = 5

/** Applies operations in order; every one must be accepted. */
const replay = (
  state: EnrolmentState,
  operations: ReadonlyArray<Operation>,
): { readonly state: EnrolmentState; readonly events: ReadonlyArray<EnrolmentEvent> } => {
  const result = applyAll(state, operations)
  expect(result.errors).toEqual([])
  return { state: result.state, events: result.events }
}

const enroll = (now: Date, id = customer): Operation => ({ kind: 'enroll', customerId: id, now })
const unenroll = (now: Date, id = customer): Operation => ({
  kind: 'unenroll',
  customerId: id,
  now,
})
const reenroll = (now: Date, resetStreakStatus: boolean, initialBalance?: number): Operation => ({
  kind: 'reenroll',
  customerId: customer,
  now,
  options: { resetStreakStatus, ...(initialBalance === undefined ? {} : { initialBalance }) },
})
const activity = (when: Date, value?: number, id = customer): Operation => ({
  kind: 'activity',
  customerId: id,
  activity: value === undefined ? { at: when } : { at: when, value },
})
const advance = (now: Date): Operation => ({ kind: 'advance', now })

/** Five transactions in cycle `index`, one an hour from hour 1: the goal of 'ABC'. */
const goalIn = (state: EnrolmentState, index: number, id = customer): ReadonlyArray<Operation> =>
  [1, 2, 3, 4, 5].map((h) => activity(inCycle(state, index, h), undefined, id))

/** The row of a `FIXED` cycle of `state`. */
const row = (
  state: EnrolmentState,
  index: number,
  status: TimelineRow['status'],
  rewards: ReadonlyArray<TimelineReward> = [],
  subTargets: ReadonlyArray<string> = [],
): TimelineRow => ({
  cycle: index,
  start: cycleOf(state, index).start,
  end: cycleOf(state, index).end,
  status,
  subTargets,
  rewards,
})
const issued = (allocation: RewardAllocationType, when: Date): TimelineReward => ({
  allocation,
  at: when,
  outcome: 'ISSUED',
})
const forfeited = (when: Date, reason: 'UNENROLLED' | 'RETURNED' = 'UNENROLLED') =>
  ({ allocation: 'PERIOD_END', at: when, outcome: 'FORFEITED', reason }) as const
const level = (n: number, epoch: number, when: Date): TimelineReward => ({
  allocation: 'IMMEDIATE',
  at: when,
  outcome: 'ISSUED',
  level: n,
  epoch,
})

describe("timeline explains the seed's milestone 'ABC' (rules timeline.rows, timeline.status, timeline.rewards)", () => {
  const midC1 = (s: EnrolmentState) => inCycle(s, 1, 24 * 15)
  const midC3 = (s: EnrolmentState) => inCycle(s, 3, 24 * 14)

  it('unenrolled mid-c1, IMMEDIATE: one row, c1 UNENROLLED, rewarded once at achievement', () => {
    const start = initialState(milestoneABC('IMMEDIATE'))
    const { state, events } = replay(start, [
      enroll(inCycle(start, 1)),
      ...goalIn(start, 1),
      unenroll(midC1(start)),
      advance(cycleOf(start, 5).end),
    ])
    expect(timeline(state, events, customer)).toEqual([
      row(start, 1, 'UNENROLLED', [issued('IMMEDIATE', inCycle(start, 1, 5))]),
    ])
  })

  it('unenrolled mid-c1, PERIOD_END: c1 UNENROLLED, its reward forfeited (UNENROLLED) at its end', () => {
    const start = initialState(milestoneABC('PERIOD_END'))
    const { state, events } = replay(start, [
      enroll(inCycle(start, 1)),
      ...goalIn(start, 1),
      unenroll(midC1(start)),
      advance(cycleOf(start, 5).end),
    ])
    expect(timeline(state, events, customer)).toEqual([
      row(start, 1, 'UNENROLLED', [forfeited(cycleOf(start, 1).end)]),
    ])
  })

  it('unenrolled mid-c3, IMMEDIATE: c1 and c2 ACHIEVED and paid, c3 UNENROLLED and paid, no row after c3', () => {
    const start = initialState(milestoneABC('IMMEDIATE'))
    const { state, events } = replay(start, [
      enroll(inCycle(start, 1)),
      ...goalIn(start, 1),
      ...goalIn(start, 2),
      ...goalIn(start, 3),
      unenroll(midC3(start)),
      advance(cycleOf(start, 5).end),
    ])
    expect(timeline(state, events, customer)).toEqual([
      row(start, 1, 'ACHIEVED', [issued('IMMEDIATE', inCycle(start, 1, 5))]),
      row(start, 2, 'ACHIEVED', [issued('IMMEDIATE', inCycle(start, 2, 5))]),
      row(start, 3, 'UNENROLLED', [issued('IMMEDIATE', inCycle(start, 3, 5))]),
    ])
  })

  it('unenrolled mid-c3, PERIOD_END: c1 and c2 paid at their ends, c3 forfeited at its end', () => {
    const start = initialState(milestoneABC('PERIOD_END'))
    const { state, events } = replay(start, [
      enroll(inCycle(start, 1)),
      ...goalIn(start, 1),
      ...goalIn(start, 2),
      ...goalIn(start, 3),
      unenroll(midC3(start)),
      advance(cycleOf(start, 5).end),
    ])
    expect(timeline(state, events, customer)).toEqual([
      row(start, 1, 'ACHIEVED', [issued('PERIOD_END', cycleOf(start, 1).end)]),
      row(start, 2, 'ACHIEVED', [issued('PERIOD_END', cycleOf(start, 2).end)]),
      row(start, 3, 'UNENROLLED', [forfeited(cycleOf(start, 3).end)]),
    ])
  })

  it('a cycle that ended unachieved by asOf is MISSED; one still running is OPEN', () => {
    const start = initialState(milestoneABC('PERIOD_END'))
    const { state, events } = replay(start, [
      enroll(inCycle(start, 1)),
      activity(inCycle(start, 1, 3)),
      activity(inCycle(start, 2, 3)),
    ])
    expect(timeline(state, events, customer, inCycle(start, 2, 4))).toEqual([
      row(start, 1, 'MISSED'),
      row(start, 2, 'OPEN'),
    ])
    // Activities emit nothing here: by default asOf is the enrolment, the latest event's instant.
    expect(timeline(state, events, customer)).toEqual([row(start, 1, 'OPEN')])
  })
})

describe("timeline explains the seed's streak 'XYZ', levels 4, 8, 12, unenrolled during c13 (rule timeline.rewards)", () => {
  /** Enrolled at c1, a transaction every week of c3…c12, unenrolled in c13, re-enrolled mid-c14. */
  const story = (resetStreakStatus: boolean) => {
    const start = initialState(streakXYZ('CONTINUOUS'))
    const weekly = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => activity(inCycle(start, from + i, 24)))
    return {
      start,
      ...replay(start, [
        enroll(inCycle(start, 1)),
        ...weekly(3, 12),
        unenroll(inCycle(start, 13, 60)),
        reenroll(inCycle(start, 14, 12), resetStreakStatus),
        ...weekly(14, 25),
        advance(cycleOf(start, 26).end),
      ]),
    }
  }
  /** The rows up to the unenrolment: c1, c2 missed; c3…c12 achieved, levels 4 (c6) and 8 (c10). */
  const before = (start: EnrolmentState): ReadonlyArray<TimelineRow> => [
    row(start, 1, 'MISSED'),
    row(start, 2, 'MISSED'),
    ...[3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((c) =>
      row(
        start,
        c,
        'ACHIEVED',
        c === 6
          ? [level(4, 1, inCycle(start, 6, 24))]
          : c === 10
            ? [level(8, 1, inCycle(start, 10, 24))]
            : [],
      ),
    ),
  ]

  it('re-enrolled without reset: c13 UNENROLLED, c14 on ACHIEVED, only level 12 (epoch 1) remains and is paid in c15', () => {
    const { start, state, events } = story(false)
    const rows = timeline(state, events, customer)
    expect(rows).toEqual([
      ...before(start),
      row(start, 13, 'UNENROLLED'),
      ...[14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25].map((c) =>
        row(start, c, 'ACHIEVED', c === 15 ? [level(12, 1, inCycle(start, 15, 24))] : []),
      ),
      row(start, 26, 'MISSED'),
      // The settlement of c26 (a STREAK_BROKEN at its end) is the latest event: c27 starts then.
      row(start, 27, 'OPEN'),
    ])
  })

  it('re-enrolled with reset: epoch 2 pays levels 4, 8 and 12 again, in c17, c21 and c25', () => {
    const { start, state, events } = story(true)
    const rewarded: Readonly<Record<number, TimelineReward>> = {
      17: level(4, 2, inCycle(start, 17, 24)),
      21: level(8, 2, inCycle(start, 21, 24)),
      25: level(12, 2, inCycle(start, 25, 24)),
    }
    expect(timeline(state, events, customer)).toEqual([
      ...before(start),
      row(start, 13, 'UNENROLLED'),
      ...[14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25].map((c) => {
        const reward = rewarded[c]
        return row(start, c, 'ACHIEVED', reward === undefined ? [] : [reward])
      }),
      row(start, 26, 'MISSED'),
      row(start, 27, 'OPEN'),
    ])
  })

  it('asOf chooses the rows and MISSED against OPEN, and drops no event', () => {
    const { start, state, events } = story(false)
    const rows = timeline(state, events, customer, inCycle(start, 13, 1))
    expect(rows).toEqual([...before(start), row(start, 13, 'UNENROLLED')])
    // The customer's cycle 2 had ended by then; at an instant inside it, it is OPEN.
    expect(timeline(state, events, customer, inCycle(start, 2, 1))).toEqual([
      row(start, 1, 'MISSED'),
      row(start, 2, 'OPEN'),
    ])
  })
})

describe('timeline in every window (rule timeline.rows)', () => {
  it('CYCLIC: rows follow the customer’s own cycles, from the local day of the anchoring activity', () => {
    const target = right(
      defineMilestone({
        targetGroupId: 7,
        targetId: 3,
        metric: 'COUNT',
        goal: 2,
        allocation: 'IMMEDIATE',
        window: { type: 'CYCLIC', frequency: 'WEEKLY', count: 4 },
        timeZone: 'Europe/Paris',
        reward: { sku: 'coffee', value: 3.5 },
      }),
    )
    const start = initialState(target)
    const { state, events } = replay(start, [
      enroll(at('2026-03-02T08:00:00.000Z')),
      activity(at('2026-03-03T09:00:00.000Z')),
      activity(at('2026-03-04T09:00:00.000Z')),
      activity(at('2026-03-11T09:00:00.000Z')),
      advance(at('2026-03-18T09:00:00.000Z')),
    ])
    // Cycle 1 starts at midnight in Paris (23:00 UTC the day before), and every week after.
    expect(cyclesOf(state, customer).map((c) => c.start.toISOString())).toEqual([
      '2026-03-02T23:00:00.000Z',
      '2026-03-09T23:00:00.000Z',
      '2026-03-16T23:00:00.000Z',
      '2026-03-23T23:00:00.000Z',
    ])
    expect(timeline(state, events, customer, at('2026-03-18T09:00:00.000Z'))).toEqual([
      {
        cycle: 1,
        start: at('2026-03-02T23:00:00.000Z'),
        end: at('2026-03-09T23:00:00.000Z'),
        status: 'ACHIEVED',
        subTargets: [],
        rewards: [
          {
            allocation: 'IMMEDIATE',
            at: at('2026-03-04T09:00:00.000Z'),
            outcome: 'ISSUED',
            reward: { sku: 'coffee', value: 3.5 },
          },
        ],
      },
      {
        cycle: 2,
        start: at('2026-03-09T23:00:00.000Z'),
        end: at('2026-03-16T23:00:00.000Z'),
        status: 'MISSED',
        subTargets: [],
        rewards: [],
      },
      {
        cycle: 3,
        start: at('2026-03-16T23:00:00.000Z'),
        end: at('2026-03-23T23:00:00.000Z'),
        status: 'OPEN',
        subTargets: [],
        rewards: [],
      },
    ])
  })

  it('PERIOD_AGNOSTIC: an achieved cycle ends at the activity that reached the goal; the open one has no end', () => {
    const target = right(
      defineMilestone({
        targetGroupId: 7,
        targetId: 4,
        metric: 'SUM',
        goal: 100,
        allocation: 'IMMEDIATE',
        window: { type: 'PERIOD_AGNOSTIC', maxCycles: 3 },
        subTargets: [{ name: 'halfway', trigger: 'PERCENTAGE', value: 50, reward: { sku: 'tea' } }],
      }),
    )
    const { state, events } = replay(initialState(target), [
      enroll(at('2026-03-01T08:00:00.000Z')),
      activity(at('2026-03-02T10:00:00.000Z'), 60),
      activity(at('2026-03-05T10:00:00.000Z'), 50),
      activity(at('2026-03-06T10:00:00.000Z'), 30),
    ])
    expect(timeline(state, events, customer)).toEqual([
      {
        cycle: 1,
        start: at('2026-03-02T10:00:00.000Z'),
        end: at('2026-03-05T10:00:00.000Z'),
        status: 'ACHIEVED',
        subTargets: ['halfway'],
        rewards: [
          { allocation: 'IMMEDIATE', at: at('2026-03-05T10:00:00.000Z'), outcome: 'ISSUED' },
        ],
      },
      {
        cycle: 2,
        start: at('2026-03-05T10:00:00.000Z'),
        status: 'OPEN',
        subTargets: [],
        rewards: [],
      },
    ])
  })

  it('FIXED with descriptors: the cycle’s own reward wins over the target’s, sub-targets listed in the order reached', () => {
    const cycles = monthlyCycles(2)
    const target = right(
      defineMilestone({
        targetGroupId: 7,
        targetId: 5,
        metric: 'SUM',
        goal: 100,
        allocation: 'PERIOD_END',
        reward: { sku: 'voucher-5', value: 5 },
        cycles: cycles.map((c) =>
          c.index === 2 ? { ...c, reward: { sku: 'voucher-10', value: 10 } } : c,
        ),
        subTargets: [
          { name: 'three-quarters', trigger: 'PERCENTAGE', value: 75 },
          { name: 'halfway', trigger: 'ABSOLUTE', value: 50 },
        ],
      }),
    )
    const start = initialState(target)
    const { state, events } = replay(start, [
      enroll(inCycle(start, 1)),
      activity(inCycle(start, 1, 5), 60),
      activity(inCycle(start, 1, 6), 50),
      activity(inCycle(start, 2, 5), 80),
      activity(inCycle(start, 2, 6), 30),
      advance(cycleOf(start, 2).end),
    ])
    expect(timeline(state, events, customer)).toEqual([
      row(
        start,
        1,
        'ACHIEVED',
        [
          {
            ...issued('PERIOD_END', cycleOf(start, 1).end),
            reward: { sku: 'voucher-5', value: 5 },
          },
        ],
        ['halfway', 'three-quarters'],
      ),
      row(
        start,
        2,
        'ACHIEVED',
        [
          {
            ...issued('PERIOD_END', cycleOf(start, 2).end),
            reward: { sku: 'voucher-10', value: 10 },
          },
        ],
        ['halfway', 'three-quarters'],
      ),
    ])
  })

  it('a streak level’s own descriptor rides on its reward row', () => {
    const target = right(
      defineStreak({
        targetGroupId: 7,
        targetId: 6,
        metric: 'COUNT',
        goal: 1,
        streakType: 'NON_CONTINUOUS',
        levels: [1, { level: 2, reward: { sku: 'badge', value: 0 } }],
        reward: { sku: 'point', value: 1 },
        cycles: monthlyCycles(3),
      }),
    )
    const start = initialState(target)
    const { state, events } = replay(start, [
      enroll(inCycle(start, 1)),
      activity(inCycle(start, 1, 2)),
      activity(inCycle(start, 3, 2)),
    ])
    expect(timeline(state, events, customer)).toEqual([
      row(start, 1, 'ACHIEVED', [
        { ...level(1, 1, inCycle(start, 1, 2)), reward: { sku: 'point', value: 1 } },
      ]),
      row(start, 2, 'MISSED'),
      row(start, 3, 'ACHIEVED', [
        { ...level(2, 1, inCycle(start, 3, 2)), reward: { sku: 'badge', value: 0 } },
      ]),
    ])
  })
})

describe('timeline status (rule timeline.status)', () => {
  const returns = () =>
    initialState(
      right(
        defineMilestone({
          targetGroupId: 7,
          targetId: 8,
          metric: 'SUM',
          goal: 100,
          allocation: 'PERIOD_END',
          allowReturns: true,
          cycles: monthlyCycles(2),
        }),
      ),
    )

  it('a return that took an achieved cycle below its goal makes it MISSED, forfeited with reason RETURNED', () => {
    const start = returns()
    const { state, events } = replay(start, [
      enroll(inCycle(start, 1)),
      activity(inCycle(start, 1, 2), 120),
      activity(inCycle(start, 1, 3), -40),
      advance(cycleOf(start, 1).end),
    ])
    expect(timeline(state, events, customer)).toEqual([
      row(start, 1, 'MISSED', [forfeited(cycleOf(start, 1).end, 'RETURNED')]),
      row(start, 2, 'OPEN'),
    ])
  })

  it('a re-enrolment into the unenrolment cycle takes the customer back in: not UNENROLLED', () => {
    const start = initialState(milestoneABC('PERIOD_END'))
    const { state, events } = replay(start, [
      enroll(inCycle(start, 2)),
      ...goalIn(start, 2),
      unenroll(inCycle(start, 2, 24 * 10)),
      reenroll(inCycle(start, 2, 24 * 12), false),
      advance(cycleOf(start, 2).end),
    ])
    expect(timeline(state, events, customer)).toEqual([
      row(start, 2, 'ACHIEVED', [issued('PERIOD_END', cycleOf(start, 2).end)]),
      row(start, 3, 'OPEN'),
    ])
  })

  it('a re-enrolment balance that replaced an achieved progress leaves the cycle unachieved: OPEN, then MISSED', () => {
    const start = initialState(milestoneABC('PERIOD_END'))
    const { state, events } = replay(start, [
      enroll(inCycle(start, 1)),
      ...goalIn(start, 1),
      unenroll(inCycle(start, 1, 24 * 10)),
      reenroll(inCycle(start, 1, 24 * 11), false, 0),
    ])
    expect(timeline(state, events, customer)).toEqual([row(start, 1, 'OPEN')])
    const settled = replay(state, [advance(cycleOf(start, 1).end)])
    const all = [...events, ...settled.events]
    expect(timeline(settled.state, all, customer, cycleOf(start, 1).end)).toEqual([
      row(start, 1, 'MISSED'),
      row(start, 2, 'OPEN'),
    ])
  })

  it('with grace days, the cycle before the unenrolment is still paid at its close, and is ACHIEVED', () => {
    const target = right(
      defineMilestone({
        targetGroupId: 7,
        targetId: 9,
        metric: 'COUNT',
        goal: 1,
        allocation: 'PERIOD_END',
        graceDays: 3,
        cycles: monthlyCycles(3),
      }),
    )
    const start = initialState(target)
    const closeC1 = new Date(cycleOf(start, 1).end.getTime() + 3 * 86_400_000)
    const { state, events } = replay(start, [
      enroll(inCycle(start, 1)),
      activity(inCycle(start, 1, 5)),
      unenroll(inCycle(start, 2, 24)),
      advance(cycleOf(start, 3).end),
    ])
    expect(timeline(state, events, customer)).toEqual([
      row(start, 1, 'ACHIEVED', [issued('PERIOD_END', closeC1)]),
      row(start, 2, 'UNENROLLED'),
    ])
  })
})

describe('timeline rows (rule timeline.rows)', () => {
  it('skips the cycles spent out and those before the start cycle', () => {
    const start = initialState(milestoneABC('IMMEDIATE'))
    const { state, events } = replay(start, [
      enroll(inCycle(start, 2)),
      unenroll(inCycle(start, 2, 24)),
      reenroll(inCycle(start, 4, 1), false),
    ])
    expect(timeline(state, events, customer)).toEqual([
      row(start, 2, 'UNENROLLED'),
      row(start, 4, 'OPEN'),
    ])
  })

  it('a customer unenrolled before their start cycle began took part in no cycle', () => {
    const start = initialState(milestoneABC('IMMEDIATE'))
    const { state, events } = replay(start, [
      { kind: 'enroll', customerId: customer, now: inCycle(start, 1), options: { period: 'c3' } },
      unenroll(inCycle(start, 1, 5)),
    ])
    expect(events.map((e) => [e.type, 'cycle' in e ? e.cycle : 0])).toEqual([
      ['ENROLLED', 3],
      ['UNENROLLED', 1],
    ])
    expect(timeline(state, events, customer, cycleOf(start, 5).end)).toEqual([])
  })

  it('ignores other customers’ and other targets’ events, and gives no row without events', () => {
    const start = initialState(milestoneABC('IMMEDIATE'))
    const { state, events } = replay(start, [
      enroll(inCycle(start, 1)),
      enroll(inCycle(start, 1), 5),
      activity(inCycle(start, 1, 1), undefined, 5),
      activity(inCycle(start, 1, 2), undefined, 5),
    ])
    const elsewhere = events.map((e) => ({ ...e, targetId: 99 }))
    expect(timeline(state, [...events, ...elsewhere], customer)).toEqual([row(start, 1, 'OPEN')])
    expect(timeline(state, elsewhere, customer)).toEqual([])
    expect(timeline(state, [], customer, cycleOf(start, 5).end)).toEqual([])
  })

  it('shares no Date with the state or the events', () => {
    const start = initialState(milestoneABC('IMMEDIATE'))
    const { state, events } = replay(start, [enroll(inCycle(start, 1)), ...goalIn(start, 1)])
    const [first] = timeline(state, events, customer)
    first?.start.setTime(0)
    first?.rewards[0]?.at.setTime(0)
    expect(timeline(state, events, customer)).toEqual([
      row(start, 1, 'ACHIEVED', [issued('IMMEDIATE', inCycle(start, 1, 5))]),
    ])
  })

  it("runs its documentation's example: UNENROLLED FORFEITED UNENROLLED", () => {
    const target = right(
      defineMilestone({
        targetGroupId: 1,
        targetId: 1,
        metric: 'COUNT',
        goal: 1,
        allocation: 'PERIOD_END',
        cycles: [
          { refCode: 'c1', start: at('2026-01-01T00:00:00Z'), end: at('2026-02-01T00:00:00Z') },
        ],
      }),
    )
    const { state, events } = applyAll(initialState(target), [
      { kind: 'enroll', customerId: 7, now: at('2026-01-02T00:00:00Z') },
      { kind: 'activity', customerId: 7, activity: { at: at('2026-01-03T00:00:00Z') } },
      { kind: 'unenroll', customerId: 7, now: at('2026-01-04T00:00:00Z') },
      { kind: 'advance', now: at('2026-02-01T00:00:00Z') },
    ])
    const [c1] = timeline(state, events, 7)
    expect([c1?.status, c1?.rewards[0]?.outcome, c1?.rewards[0]?.reason]).toEqual([
      'UNENROLLED',
      'FORFEITED',
      'UNENROLLED',
    ])
  })
})

describe('formatTimeline (rule timeline.format)', () => {
  it('renders an aligned table: cycle, bounds, status, sub-targets and each reward’s outcome by name', () => {
    const rows: ReadonlyArray<TimelineRow> = [
      {
        cycle: 1,
        start: at('2026-01-01T00:00:00.000Z'),
        end: at('2026-02-01T00:00:00.000Z'),
        status: 'UNENROLLED',
        subTargets: [],
        rewards: [forfeited(at('2026-02-01T00:00:00.000Z'))],
      },
      {
        cycle: 12,
        start: at('2026-03-01T00:00:00.000Z'),
        end: at('2026-03-08T00:00:00.000Z'),
        status: 'ACHIEVED',
        subTargets: ['halfway', 'almost'],
        rewards: [
          { ...level(4, 2, at('2026-03-02T10:30:00.250Z')), reward: { sku: 'coffee', value: 3.5 } },
          issued('IMMEDIATE', at('2026-03-02T10:30:00.250Z')),
        ],
      },
      {
        cycle: 13,
        start: at('2026-03-08T00:00:00.000Z'),
        status: 'OPEN',
        subTargets: [],
        rewards: [],
      },
    ]
    expect(formatTimeline(rows).split('\n')).toEqual([
      'cycle  start                 end                   status      sub-targets      rewards',
      'c1     2026-01-01T00:00:00Z  2026-02-01T00:00:00Z  UNENROLLED  -                FORFEITED PERIOD_END (UNENROLLED) 2026-02-01T00:00:00Z',
      'c12    2026-03-01T00:00:00Z  2026-03-08T00:00:00Z  ACHIEVED    halfway, almost  ISSUED level 4 epoch 2 IMMEDIATE 2026-03-02T10:30:00.250Z {"sku":"coffee","value":3.5}; ISSUED IMMEDIATE 2026-03-02T10:30:00.250Z',
      'c13    2026-03-08T00:00:00Z  -                     OPEN        -                -',
    ])
  })

  it('renders the header alone for no rows', () => {
    expect(formatTimeline([])).toBe('cycle  start  end  status  sub-targets  rewards')
  })

  it("explains the seed's PERIOD_END milestone unenrolled mid-c3 in three lines", () => {
    const start = initialState(milestoneABC('PERIOD_END'))
    const { state, events } = replay(start, [
      enroll(inCycle(start, 1)),
      ...goalIn(start, 1),
      ...goalIn(start, 2),
      ...goalIn(start, 3),
      unenroll(inCycle(start, 3, 24 * 14)),
      advance(cycleOf(start, 5).end),
    ])
    expect(formatTimeline(timeline(state, events, customer))).toBe(
      [
        'cycle  start                 end                   status      sub-targets  rewards',
        'c1     2026-01-01T00:00:00Z  2026-02-01T00:00:00Z  ACHIEVED    -            ISSUED PERIOD_END 2026-02-01T00:00:00Z',
        'c2     2026-02-01T00:00:00Z  2026-03-01T00:00:00Z  ACHIEVED    -            ISSUED PERIOD_END 2026-03-01T00:00:00Z',
        'c3     2026-03-01T00:00:00Z  2026-04-01T00:00:00Z  UNENROLLED  -            FORFEITED PERIOD_END (UNENROLLED) 2026-04-01T00:00:00Z',
      ].join('\n'),
    )
  })
})

describe('where a spell of enrolment starts and ends (rule timeline.rows)', () => {
  it('timeline.rows: unenrolled at the very first instant of c2, the customer was in c1 to its end (MISSED) and in no instant of c2 (no row)', () => {
    const start = initialState(milestoneABC('IMMEDIATE'))
    const { state, events } = replay(start, [
      enroll(inCycle(start, 1)),
      unenroll(cycleOf(start, 2).start),
    ])
    // The unenrolment cycle is c2, yet c2 had not begun before the unenrolment's instant.
    expect(events.map((e) => [e.type, e.cycle])).toEqual([
      ['ENROLLED', 1],
      ['UNENROLLED', 2],
    ])
    expect(timeline(state, events, customer)).toEqual([row(start, 1, 'MISSED')])
  })

  it('timeline.rows: the cycle k an unenrolment names bounds the rows, not its instant: no row after k even for an UNENROLLED dated later', () => {
    const start = initialState(milestoneABC('IMMEDIATE'))
    const { state, events } = replay(start, [
      enroll(inCycle(start, 1)),
      unenroll(inCycle(start, 1, 24)),
    ])
    // The library dates an unenrolment in its cycle k or before it; this hand-altered list carries
    // one from c1 dated in c3, to show the rule reads k: c2 and c3 started before it, yet are no rows.
    const restamped = events.map((e) =>
      e.type === 'UNENROLLED' ? { ...e, at: inCycle(start, 3, 24) } : e,
    )
    expect(timeline(state, restamped, customer)).toEqual([row(start, 1, 'UNENROLLED')])
  })

  it('timeline.rows: a list cut after the enrolment starts with an UNENROLLED of no spell: it is ignored, rows start at the re-enrolment', () => {
    const start = initialState(milestoneABC('IMMEDIATE'))
    const { state, events } = replay(start, [
      enroll(inCycle(start, 1)),
      unenroll(inCycle(start, 2, 24)),
      reenroll(inCycle(start, 4, 1), false),
    ])
    // A host that keeps only recent events hands over a list that begins after the enrolment.
    const cut = events.filter((e) => e.type !== 'ENROLLED')
    expect(cut.map((e) => e.type)).toEqual(['UNENROLLED', 'REENROLLED'])
    expect(timeline(state, cut, customer)).toEqual([row(start, 4, 'OPEN')])
  })

  it('timeline.rows: a second UNENROLLED with no re-enrolment since the first (the list lost it) is ignored: the first one ends the spell', () => {
    const start = initialState(milestoneABC('IMMEDIATE'))
    const { state, events } = replay(start, [
      enroll(inCycle(start, 1)),
      unenroll(inCycle(start, 2, 24)),
      reenroll(inCycle(start, 3, 1), false),
      unenroll(inCycle(start, 4, 24)),
    ])
    const lost = events.filter((e) => e.type !== 'REENROLLED')
    expect(lost.map((e) => e.type)).toEqual(['ENROLLED', 'UNENROLLED', 'UNENROLLED'])
    // The row of c2 is UNENROLLED: the spell ended from c2, not from the later unenrolment's c4.
    expect(timeline(state, lost, customer)).toEqual([
      row(start, 1, 'MISSED'),
      row(start, 2, 'UNENROLLED'),
    ])
  })
})

describe('whose events are read (rule timeline.rows)', () => {
  it("timeline.rows: another customer's events of the same target are not the customer's: their achievement and reward stay off the rows", () => {
    const start = initialState(milestoneABC('IMMEDIATE'))
    const { state, events } = replay(start, [
      enroll(inCycle(start, 1)),
      enroll(inCycle(start, 1), someoneElse),
      ...goalIn(start, 1, someoneElse),
    ])
    // The other customer reached the goal of c1 and was paid; this customer did nothing in c1.
    expect(events.filter((e) => e.customerId === someoneElse).map((e) => e.type)).toEqual([
      'ENROLLED',
      'CYCLE_ACHIEVED',
      'REWARD_ISSUED',
    ])
    expect(timeline(state, events, customer)).toEqual([row(start, 1, 'OPEN')])
  })

  it("timeline.rows: the customer's events of a target with the same targetId in another target group are not read", () => {
    const start = initialState(milestoneABC('IMMEDIATE'))
    const { state, events } = replay(start, [enroll(inCycle(start, 1)), ...goalIn(start, 1)])
    const otherGroup = events.map((e) => ({ ...e, targetGroupId: e.targetGroupId + 1 }))
    expect(timeline(state, otherGroup, customer)).toEqual([])
    expect(timeline(state, [...otherGroup, ...events], customer)).toEqual([
      row(start, 1, 'ACHIEVED', [issued('IMMEDIATE', inCycle(start, 1, 5))]),
    ])
  })
})

describe('when the events decide an achievement (rule timeline.achieved)', () => {
  /** A monthly SUM milestone of goal 100 paid at achievement, with returns. */
  const immediateWithReturns = () =>
    initialState(
      right(
        defineMilestone({
          targetGroupId: 7,
          targetId: 10,
          metric: 'SUM',
          goal: 100,
          allocation: 'IMMEDIATE',
          allowReturns: true,
          cycles: monthlyCycles(3),
        }),
      ),
    )

  it('timeline.achieved: once closed cycles leave the state, the latest of CYCLE_ACHIEVED and ACHIEVEMENT_REVERSED decides: reversed is MISSED, achieved again is ACHIEVED', () => {
    const start = immediateWithReturns()
    const { state, events } = replay(start, [
      enroll(inCycle(start, 1)),
      activity(inCycle(start, 1, 2), 120),
      activity(inCycle(start, 1, 3), -40),
      activity(inCycle(start, 2, 2), 120),
      activity(inCycle(start, 2, 3), -40),
      activity(inCycle(start, 2, 4), 30),
      advance(cycleOf(start, 2).end),
    ])
    expect(events.filter((e) => e.type !== 'ENROLLED').map((e) => [e.type, e.cycle])).toEqual([
      ['CYCLE_ACHIEVED', 1],
      ['REWARD_ISSUED', 1],
      ['ACHIEVEMENT_REVERSED', 1],
      ['CYCLE_ACHIEVED', 2],
      ['REWARD_ISSUED', 2],
      ['ACHIEVEMENT_REVERSED', 2],
      ['CYCLE_ACHIEVED', 2],
    ])
    // Both cycles are closed: the state holds neither's progress, so only the events can tell.
    expect(enrolment(state, customer).progress).toEqual([])
    // An IMMEDIATE reward is paid at the first achievement and never taken back (rule
    // return.immediate-once), so being paid says nothing of how the cycle ended.
    expect(timeline(state, events, customer, cycleOf(start, 2).end)).toEqual([
      row(start, 1, 'MISSED', [issued('IMMEDIATE', inCycle(start, 1, 2))]),
      row(start, 2, 'ACHIEVED', [issued('IMMEDIATE', inCycle(start, 2, 2))]),
      row(start, 3, 'OPEN'),
    ])
  })

  it('timeline.achieved: a forgotten customer’s history is still explained, from the events alone', () => {
    const start = initialState(milestoneABC('PERIOD_END'))
    const { state, events } = replay(start, [
      enroll(inCycle(start, 1)),
      ...goalIn(start, 1),
      advance(cycleOf(start, 1).end),
    ])
    // Erasure removes the record the state would decide by; the host may still hold the events.
    expect(timeline(forget(state, customer), events, customer)).toEqual([
      row(start, 1, 'ACHIEVED', [issued('PERIOD_END', cycleOf(start, 1).end)]),
      row(start, 2, 'OPEN'),
    ])
  })
})

describe('which fields a reward carries (rule timeline.rewards)', () => {
  it('timeline.rewards: a reward has only the fields that apply: an issue no reason, a milestone’s no level or epoch, none a descriptor the definition does not give', () => {
    const start = initialState(milestoneABC('PERIOD_END'))
    const { state, events } = replay(start, [
      enroll(inCycle(start, 1)),
      ...goalIn(start, 1),
      ...goalIn(start, 2),
      unenroll(inCycle(start, 2, 24)),
      advance(cycleOf(start, 2).end),
    ])
    // toStrictEqual: a field that does not apply is absent, not present as undefined (the types say
    // so under exactOptionalPropertyTypes, and `'reason' in reward` must tell a forfeit apart).
    expect(timeline(state, events, customer)).toStrictEqual([
      row(start, 1, 'ACHIEVED', [issued('PERIOD_END', cycleOf(start, 1).end)]),
      row(start, 2, 'UNENROLLED', [
        {
          allocation: 'PERIOD_END',
          at: cycleOf(start, 2).end,
          outcome: 'FORFEITED',
          reason: 'UNENROLLED',
        },
      ]),
    ])
  })
})

describe('how several rewards of a cycle print (rule timeline.format)', () => {
  it('timeline.format: rewards are joined by "; ", one without a descriptor ending at its instant', () => {
    const rows: ReadonlyArray<TimelineRow> = [
      {
        cycle: 4,
        start: at('2026-01-26T00:00:00.000Z'),
        end: at('2026-02-02T00:00:00.000Z'),
        status: 'ACHIEVED',
        subTargets: [],
        rewards: [
          issued('IMMEDIATE', at('2026-01-27T09:00:00.000Z')),
          {
            ...issued('IMMEDIATE', at('2026-01-27T09:00:00.000Z')),
            level: 4,
            epoch: 1,
            reward: { sku: 'badge' },
          },
        ],
      },
    ]
    expect(formatTimeline(rows).split('\n')).toEqual([
      'cycle  start                 end                   status    sub-targets  rewards',
      'c4     2026-01-26T00:00:00Z  2026-02-02T00:00:00Z  ACHIEVED  -            ISSUED IMMEDIATE 2026-01-27T09:00:00Z; ISSUED level 4 epoch 1 IMMEDIATE 2026-01-27T09:00:00Z {"sku":"badge"}',
    ])
  })
})

describe('a cycle with events of its own', () => {
  const target = right(
    defineMilestone({
      targetGroupId: 1,
      targetId: 1,
      metric: 'COUNT',
      goal: 1,
      allocation: 'IMMEDIATE',
      cycles: monthlyCycles(3),
      subTargets: [{ name: 'first\nline', trigger: 'PERCENTAGE', value: 50 }],
    }),
  )

  it('timeline.rows: a cycle rewarded at the very instant the customer joined and left it has a row, with its reward', () => {
    const c2 = at('2026-02-01T00:00:00Z')
    const { state, events, errors } = applyAll(initialState(target), [
      { kind: 'enroll', customerId: 7, now: c2 },
      { kind: 'activity', customerId: 7, activity: { at: c2 } },
      { kind: 'unenroll', customerId: 7, now: c2 },
    ])
    expect(errors).toEqual([])
    const rows = timeline(state, events, 7, at('2026-04-01T00:00:00Z'))
    expect(rows.map((r) => [r.cycle, r.status, r.rewards.map((w) => w.outcome)])).toEqual([
      [2, 'UNENROLLED', ['ISSUED']],
    ])
  })

  it('timeline.format: one line per row, a name holding a line break written escaped', () => {
    const { state, events } = applyAll(initialState(target), [
      { kind: 'enroll', customerId: 7, now: at('2026-01-02T00:00:00Z') },
      { kind: 'activity', customerId: 7, activity: { at: at('2026-01-03T00:00:00Z') } },
    ])
    const rows = timeline(state, events, 7, at('2026-02-05T00:00:00Z'))
    const lines = formatTimeline(rows).split('\n')
    expect(lines).toHaveLength(1 + rows.length)
    expect(lines[1]).toContain('first\\nline')
  })

  it('timeline.format: a backslash in a name is written doubled, and a descriptor\u2019s line separator escaped', () => {
    const row = (name: string, reward?: JsonValue): TimelineRow => ({
      cycle: 1,
      start: at('2026-01-01T00:00:00Z'),
      end: at('2026-02-01T00:00:00Z'),
      status: 'ACHIEVED',
      subTargets: [name],
      rewards: [
        {
          allocation: 'IMMEDIATE',
          at: at('2026-01-05T00:00:00Z'),
          outcome: 'ISSUED',
          ...(reward === undefined ? {} : { reward }),
        },
      ],
    })
    // A line break and a backslash followed by n are two names, printed apart.
    expect(formatTimeline([row('a\nb')])).not.toEqual(formatTimeline([row('a\\nb')]))
    expect(formatTimeline([row('a\\nb')]).split('\n')[1]).toContain('a\\\\nb')
    const separated = formatTimeline([row('x', { sku: 'one\u2028two' })])
    expect(separated.split(/\n|\u2028/)).toHaveLength(2)
    expect(separated).toContain('one\\u2028two')
  })
})
