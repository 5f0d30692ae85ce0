// The seed's cases ("Unenrol users from a milestone and streak"), in the seed's words.
import { describe, expect, it } from 'vitest'
import {
  advance,
  enroll,
  initialState,
  recordActivity,
  reenroll,
  unenroll,
  type EnrolmentState,
  type Result,
} from '../src/index.js'
import {
  enrolment,
  eventsOf,
  inCycle,
  milestoneABC,
  play,
  right,
  streakXYZ,
  cycleOf,
} from './support/fixtures.js'

const customer = 423789336

/** Five transactions in cycle `index`, one an hour from `fromHour`: the goal of 'ABC'. */
const fiveTransactions = (
  state: EnrolmentState,
  index: number,
  fromHour = 1,
): ReadonlyArray<(s: EnrolmentState) => Result> =>
  [0, 1, 2, 3, 4].map(
    (i) => (s: EnrolmentState) =>
      recordActivity(s, customer, { at: inCycle(state, index, fromHour + i) }),
  )

describe("Case 1 (Milestones): milestone 'ABC' has 5 cycles (c1…c5)", () => {
  describe('Sub-case 1: enrolled at the beginning of c1, unenrolled in the middle of c1', () => {
    const midC1 = (s: EnrolmentState) => inCycle(s, 1, 24 * 15)

    it('unenroll.3, unenroll.4: unenrols the user from all the cycles including c1', () => {
      const start = initialState(milestoneABC('IMMEDIATE'))
      const ev = eventsOf(start.target, customer)
      const { state, events } = play(
        start,
        (s) => enroll(s, customer, inCycle(s, 1)),
        (s) => unenroll(s, customer, midC1(s)),
      )
      expect(events).toEqual([ev.enrolled(1, inCycle(start, 1)), ev.unenrolled(1, midC1(start))])
      expect(enrolment(state, customer)).toMatchObject({ status: 'UNENROLLED', fromCycle: 1 })
      // Out of c1…c5: later activity counts nowhere and the rest of the programme emits nothing.
      const later = right(recordActivity(state, customer, { at: inCycle(state, 3, 2) }))
      expect(later.events).toEqual([])
      expect(later.warnings.map((w) => w.code)).toEqual(['NOT_ENROLLED'])
      expect(right(advance(state, cycleOf(state, 5).end)).events).toEqual([])
    })

    it('unenroll.5: immediate reward allocation: achieved before unenrolling, the user has already got the reward, once', () => {
      const start = initialState(milestoneABC('IMMEDIATE'))
      const ev = eventsOf(start.target, customer)
      const { state, events } = play(
        start,
        (s) => enroll(s, customer, inCycle(s, 1)),
        ...fiveTransactions(start, 1),
        (s) => unenroll(s, customer, midC1(s)),
        (s) => advance(s, cycleOf(s, 5).end),
      )
      expect(events).toEqual([
        ev.enrolled(1, inCycle(start, 1)),
        ev.achieved(1, inCycle(start, 1, 5)),
        ev.issued(1, inCycle(start, 1, 5), 'IMMEDIATE'),
        ev.unenrolled(1, midC1(start)),
      ])
      expect(enrolment(state, customer)).toMatchObject({ status: 'UNENROLLED', fromCycle: 1 })
    })

    it("unenroll.6: period-end reward allocation: the user won't get the reward for c1 even though achieved before unenrolling", () => {
      const start = initialState(milestoneABC('PERIOD_END'))
      const ev = eventsOf(start.target, customer)
      const { events } = play(
        start,
        (s) => enroll(s, customer, inCycle(s, 1)),
        ...fiveTransactions(start, 1),
        (s) => unenroll(s, customer, midC1(s)),
        (s) => advance(s, cycleOf(s, 5).end),
      )
      expect(events).toEqual([
        ev.enrolled(1, inCycle(start, 1)),
        ev.achieved(1, inCycle(start, 1, 5)),
        ev.unenrolled(1, midC1(start)),
        ev.forfeited(1, cycleOf(start, 1).end),
      ])
    })
  })

  describe('Sub-case 2: unenrolled in the middle of c3', () => {
    const midC3 = (s: EnrolmentState) => inCycle(s, 3, 24 * 14)

    for (const allocation of ['IMMEDIATE', 'PERIOD_END'] as const) {
      it(`unenroll.2: ${allocation}: whatever c1 and c2 owed was already given, even if nobody called advance`, () => {
        const start = initialState(milestoneABC(allocation))
        const ev = eventsOf(start.target, customer)
        const { state, events } = play(
          start,
          (s) => enroll(s, customer, inCycle(s, 1)),
          ...fiveTransactions(start, 1),
          ...fiveTransactions(start, 2),
          (s) => unenroll(s, customer, midC3(s)),
        )
        const owed =
          allocation === 'IMMEDIATE'
            ? [
                ev.achieved(1, inCycle(start, 1, 5)),
                ev.issued(1, inCycle(start, 1, 5), 'IMMEDIATE'),
                ev.achieved(2, inCycle(start, 2, 5)),
                ev.issued(2, inCycle(start, 2, 5), 'IMMEDIATE'),
              ]
            : [
                ev.achieved(1, inCycle(start, 1, 5)),
                ev.issued(1, cycleOf(start, 1).end, 'PERIOD_END'),
                ev.achieved(2, inCycle(start, 2, 5)),
                ev.issued(2, cycleOf(start, 2).end, 'PERIOD_END'),
              ]
        expect(events).toEqual([
          ev.enrolled(1, inCycle(start, 1)),
          ...owed,
          ev.unenrolled(3, midC3(start)),
        ])
        expect(enrolment(state, customer)).toMatchObject({ status: 'UNENROLLED', fromCycle: 3 })
      })
    }

    it('unenroll.4: unenrols the user from all the cycles starting from c3 to the end', () => {
      const start = initialState(milestoneABC('PERIOD_END'))
      const { state } = play(
        start,
        (s) => enroll(s, customer, inCycle(s, 1)),
        (s) => unenroll(s, customer, midC3(s)),
      )
      for (const index of [3, 4, 5]) {
        const t = right(recordActivity(state, customer, { at: inCycle(state, index, 24 * 20) }))
        expect(t.events).toEqual([])
        expect(t.state).toBe(state)
      }
      expect(right(advance(state, cycleOf(state, 5).end)).events).toEqual([])
    })

    it('unenroll.5: IMMEDIATE: c3 achieved before unenrolling was rewarded at achievement and stays rewarded', () => {
      const start = initialState(milestoneABC('IMMEDIATE'))
      const ev = eventsOf(start.target, customer)
      const { events } = play(
        start,
        (s) => enroll(s, customer, inCycle(s, 3)),
        ...fiveTransactions(start, 3),
        (s) => unenroll(s, customer, midC3(s)),
        (s) => advance(s, cycleOf(s, 5).end),
      )
      expect(events).toEqual([
        ev.enrolled(3, inCycle(start, 3)),
        ev.achieved(3, inCycle(start, 3, 5)),
        ev.issued(3, inCycle(start, 3, 5), 'IMMEDIATE'),
        ev.unenrolled(3, midC3(start)),
      ])
    })

    it('unenroll.6: PERIOD_END: c3 achieved before unenrolling is not rewarded: forfeited at the end of c3', () => {
      const start = initialState(milestoneABC('PERIOD_END'))
      const ev = eventsOf(start.target, customer)
      const { events } = play(
        start,
        (s) => enroll(s, customer, inCycle(s, 1)),
        ...fiveTransactions(start, 1),
        ...fiveTransactions(start, 2),
        ...fiveTransactions(start, 3),
        (s) => unenroll(s, customer, midC3(s)),
        (s) => advance(s, cycleOf(s, 5).end),
      )
      expect(
        events.filter((e) => e.type === 'REWARD_ISSUED' || e.type === 'REWARD_FORFEITED'),
      ).toEqual([
        ev.issued(1, cycleOf(start, 1).end, 'PERIOD_END'),
        ev.issued(2, cycleOf(start, 2).end, 'PERIOD_END'),
        ev.forfeited(3, cycleOf(start, 3).end),
      ])
    })
  })
})

describe("Case 2 (Streaks): streak 'XYZ' has 30 cycles and 3 levels (4, 8, 12)", () => {
  /** One transaction in each of cycles `from`…`to`, a day into the cycle. */
  const weekly = (
    state: EnrolmentState,
    from: number,
    to: number,
  ): ReadonlyArray<(s: EnrolmentState) => Result> =>
    Array.from(
      { length: to - from + 1 },
      (_, i) => (s: EnrolmentState) =>
        recordActivity(s, customer, { at: inCycle(state, from + i, 24) }),
    )
  const midC13 = (s: EnrolmentState) => inCycle(s, 13, 60)
  const midC14 = (s: EnrolmentState) => inCycle(s, 14, 12)

  /** Enrolled at c1, a transaction every week of c3…c12 (count 10: levels 4 and 8), unenrolled in c13. */
  const unenrolledInC13 = () => {
    const start = initialState(streakXYZ('CONTINUOUS'))
    return {
      start,
      ...play(
        start,
        (s) => enroll(s, customer, inCycle(s, 1)),
        ...weekly(start, 3, 12),
        (s) => unenroll(s, customer, midC13(s)),
      ),
    }
  }

  it('unenroll.5, unenroll.7: Sub-case 1: levels 4 and 8 achieved before the unenrolment in c13 were rewarded (immediate only)', () => {
    const { start, state, events } = unenrolledInC13()
    const ev = eventsOf(start.target, customer)
    expect(
      events.filter((e) => e.type === 'STREAK_LEVEL_ACHIEVED' || e.type === 'REWARD_ISSUED'),
    ).toEqual([
      ...ev.level(6, inCycle(start, 6, 24), 4, 1),
      ...ev.level(10, inCycle(start, 10, 24), 8, 1),
    ])
    expect(events.at(-1)).toEqual(ev.unenrolled(13, midC13(start)))
    expect(enrolment(state, customer)).toMatchObject({
      status: 'UNENROLLED',
      fromCycle: 13,
      streak: { _tag: 'Some', value: { epoch: 1, count: 10, achievedLevels: [4, 8] } },
    })
  })

  it('unenroll.4, unenroll.7: Sub-case 1: the user is unenrolled from all the cycles from c13 to c30', () => {
    const { state } = unenrolledInC13()
    for (const index of [13, 20, 30]) {
      const t = right(recordActivity(state, customer, { at: inCycle(state, index, 30) }))
      expect(t.state).toBe(state)
      expect(t.warnings.map((w) => w.code)).toEqual(['NOT_ENROLLED'])
    }
    // Cycles spent unenrolled do not break the streak.
    expect(right(advance(state, cycleOf(state, 30).end)).events).toEqual([])
  })

  it('reenroll.5: re-enrolled with resetStreakStatus true: levels 4, 8 and 12 can be achieved and rewarded again', () => {
    const { start, state } = unenrolledInC13()
    const ev = eventsOf(start.target, customer)
    const { state: after, events } = play(
      state,
      (s) => reenroll(s, customer, midC14(s), { resetStreakStatus: true }),
      ...weekly(start, 14, 25),
    )
    expect(events.filter((e) => e.type !== 'CYCLE_ACHIEVED')).toEqual([
      ev.reenrolled(14, midC14(start)),
      ev.reset(14, midC14(start), 2),
      ...ev.level(17, inCycle(start, 17, 24), 4, 2),
      ...ev.level(21, inCycle(start, 21, 24), 8, 2),
      ...ev.level(25, inCycle(start, 25, 24), 12, 2),
    ])
    expect(enrolment(after, customer)).toMatchObject({
      status: 'ENROLLED',
      startCycle: 14,
      streak: { _tag: 'Some', value: { epoch: 2, count: 12, achievedLevels: [4, 8, 12] } },
    })
  })

  it('reenroll.4: re-enrolled with resetStreakStatus false: the count resumes and only level 12 remains', () => {
    const { start, state } = unenrolledInC13()
    const ev = eventsOf(start.target, customer)
    const { state: after, events } = play(
      state,
      (s) => reenroll(s, customer, midC14(s), { resetStreakStatus: false }),
      ...weekly(start, 14, 25),
    )
    expect(events.filter((e) => e.type !== 'CYCLE_ACHIEVED')).toEqual([
      ev.reenrolled(14, midC14(start)),
      ...ev.level(15, inCycle(start, 15, 24), 12, 1),
    ])
    expect(enrolment(after, customer)).toMatchObject({
      status: 'ENROLLED',
      streak: { _tag: 'Some', value: { epoch: 1, count: 22, achievedLevels: [4, 8, 12] } },
    })
  })
})
