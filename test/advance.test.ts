// Advance (rules advance.*) and settlement at a cycle's end (rules settle.*).
import * as O from 'fp-ts/lib/Option.js'
import { describe, expect, it } from 'vitest'
import {
  advance,
  defineMilestone,
  enroll,
  initialState,
  recordActivity,
  reenroll,
  unenroll,
  type EnrolmentState,
} from '../src/index.js'
import {
  at,
  cycleOf,
  enrolment,
  eventsOf,
  inCycle,
  left,
  milestoneABC,
  play,
  right,
  streakXYZ,
} from './support/fixtures.js'
import { getCustomer } from '../src/runtime/customerMap.js'
import { internals } from '../src/runtime/state.js'

const periodEnd = () => initialState(milestoneABC('PERIOD_END', { goal: 1 }))
const continuous = () => initialState(streakXYZ('CONTINUOUS', [2, 3]))

describe('advance', () => {
  it('advance.settles-all, advance.order: settles every cycle end ≤ now for every customer, ties in ascending customer id', () => {
    const { state } = play(
      periodEnd(),
      (s) => enroll(s, 9, inCycle(s, 1)),
      (s) => enroll(s, 3, inCycle(s, 1)),
      (s) => enroll(s, 5, inCycle(s, 1)),
      (s) => recordActivity(s, 9, { at: inCycle(s, 1, 1) }),
      (s) => recordActivity(s, 3, { at: inCycle(s, 1, 2) }),
    )
    const t = right(advance(state, cycleOf(periodEnd(), 3).start))
    expect(t.events).toEqual([
      eventsOf(periodEnd().target, 3).issued(1, cycleOf(periodEnd(), 1).end, 'PERIOD_END'),
      eventsOf(periodEnd().target, 9).issued(1, cycleOf(periodEnd(), 1).end, 'PERIOD_END'),
    ])
    expect(enrolment(t.state, 5)).toMatchObject({ settledCycles: 2, version: 2 })
    expect(t.state.watermark).toEqual(O.some(cycleOf(periodEnd(), 3).start))
  })

  it('advance.idle: with no cycle boundary since the last advance, touches no customer', () => {
    const { state } = play(
      periodEnd(),
      (s) => enroll(s, 1, inCycle(s, 1)),
      (s) => advance(s, inCycle(s, 1, 1)),
    )
    const t = right(advance(state, inCycle(periodEnd(), 1, 500)))
    expect(t.events).toEqual([])
    expect(internals(t.state).customers).toBe(internals(state).customers)
    expect(t.state.watermark).toEqual(O.some(inCycle(periodEnd(), 1, 500)))
  })

  it('refuses an earlier now than the watermark with 300004 (nothing changes)', () => {
    const { state } = play(
      periodEnd(),
      (s) => enroll(s, 1, inCycle(s, 2)),
      (s) => advance(s, inCycle(s, 2)),
    )
    expect(left(advance(state, inCycle(periodEnd(), 1)))).toMatchObject({
      code: 300004,
      field: 'now',
    })
  })

  it('advance.confluence: inserting advance calls does not change the events, only which call returns them', () => {
    const [enrol, first, second, leave] = [
      (s: EnrolmentState) => enroll(s, 1, inCycle(s, 1)),
      (s: EnrolmentState) => recordActivity(s, 1, { at: inCycle(s, 1, 2) }),
      (s: EnrolmentState) => recordActivity(s, 1, { at: inCycle(s, 2, 2) }),
      (s: EnrolmentState) => unenroll(s, 1, inCycle(s, 3, 2)),
    ] as const
    const lazy = play(periodEnd(), enrol, first, second, leave).events
    const eager = play(
      periodEnd(),
      enrol,
      (s) => advance(s, inCycle(s, 1, 1)),
      first,
      (s) => advance(s, cycleOf(s, 1).end),
      second,
      (s) => advance(s, cycleOf(s, 2).end),
      leave,
    ).events
    expect(eager).toEqual(lazy)
    expect(lazy.map((e) => e.type)).toEqual([
      'ENROLLED',
      'CYCLE_ACHIEVED',
      'REWARD_ISSUED',
      'CYCLE_ACHIEVED',
      'REWARD_ISSUED',
      'UNENROLLED',
    ])
  })

  it('advance.settles-all: a later advance that crosses a cycle end settles it (after an idle one)', () => {
    const { state } = play(
      periodEnd(),
      (s) => enroll(s, 1, inCycle(s, 1)),
      (s) => recordActivity(s, 1, { at: inCycle(s, 1, 1) }),
      (s) => advance(s, inCycle(s, 1, 2)),
      (s) => advance(s, inCycle(s, 1, 3)),
    )
    expect(right(advance(state, cycleOf(periodEnd(), 1).end)).events).toEqual([
      eventsOf(periodEnd().target, 1).issued(1, cycleOf(periodEnd(), 1).end, 'PERIOD_END'),
    ])
  })

  it("advance.settles-all, state.version: an advance that crosses only a cycle's start gives a balance waiting for it its achievement, a change to the record (its version goes up)", () => {
    const gapped = initialState(
      right(
        defineMilestone({
          targetGroupId: 5,
          targetId: 5,
          metric: 'COUNT',
          goal: 1,
          allocation: 'PERIOD_END',
          cycles: [
            { refCode: 'a', start: at('2026-01-01T00:00:00Z'), end: at('2026-01-10T00:00:00Z') },
            { refCode: 'b', start: at('2026-01-20T00:00:00Z'), end: at('2026-01-30T00:00:00Z') },
          ],
        }),
      ),
    )
    const { state } = play(
      gapped,
      (s) => advance(s, at('2026-01-15T00:00:00Z')),
      (s) => enroll(s, 1, at('2026-01-15T01:00:00Z'), { initialBalance: 1 }),
      (s) => advance(s, at('2026-01-16T00:00:00Z')),
    )
    const t = right(advance(state, at('2026-01-20T00:00:00Z')))
    expect(t.events).toEqual([eventsOf(gapped.target, 1).achieved(2, at('2026-01-20T00:00:00Z'))])
    expect(enrolment(t.state, 1).version).toBe(enrolment(state, 1).version + 1)
  })

  it('state.version: advance leaves the record and version of a customer it had nothing to settle for', () => {
    const { state } = play(
      periodEnd(),
      (s) => enroll(s, 1, inCycle(s, 1)),
      (s) => advance(s, inCycle(s, 1, 1)),
      (s) => enroll(s, 2, inCycle(s, 2)),
    )
    const t = right(advance(state, inCycle(periodEnd(), 2, 1)))
    // The record itself is the one the state had (a view is made at every read: rule state.dates-are-values).
    const record = (s: EnrolmentState) => getCustomer(internals(s).customers, 2)
    expect(record(t.state)).toBe(record(state))
    expect(enrolment(t.state, 2)).toEqual(enrolment(state, 2))
    expect(enrolment(t.state, 2).version).toBe(1)
    expect(enrolment(t.state, 1).version).toBe(2)
  })

  it('advance.order: reports ties in ascending customer id, whatever the order of enrolment', () => {
    const ids = [17, 4, 99, 23, 8, 61, 2, 40, 75, 13]
    const { state } = play(
      periodEnd(),
      ...ids.map((id) => (s: EnrolmentState) => enroll(s, id, inCycle(s, 1))),
      ...ids.map((id) => (s: EnrolmentState) => recordActivity(s, id, { at: inCycle(s, 1, 1) })),
    )
    const t = right(advance(state, cycleOf(periodEnd(), 1).end))
    expect(t.events.map((e) => e.customerId)).toEqual([...ids].sort((a, b) => a - b))
  })

  it('event.order: at an instant where one cycle ends and the next begins, the end is settled first', () => {
    const { state } = play(
      periodEnd(),
      (s) => enroll(s, 1, inCycle(s, 1)),
      (s) => recordActivity(s, 1, { at: inCycle(s, 1, 1) }),
      (s) => unenroll(s, 1, inCycle(s, 1, 2)),
      (s) => reenroll(s, 1, inCycle(s, 1, 3), { period: 'c2', initialBalance: 1 }),
    )
    const ev = eventsOf(periodEnd().target, 1)
    expect(right(advance(state, cycleOf(periodEnd(), 2).start)).events).toEqual([
      ev.forfeited(1, cycleOf(periodEnd(), 1).end),
      ev.achieved(2, cycleOf(periodEnd(), 2).start),
    ])
  })

  describe('settle.at-close: settlement at a cycle end', () => {
    it('PERIOD_END: enrolled at the end and achieved → REWARD_ISSUED at the end', () => {
      const { events } = play(
        periodEnd(),
        (s) => enroll(s, 1, inCycle(s, 1)),
        (s) => recordActivity(s, 1, { at: inCycle(s, 1, 1) }),
        (s) => advance(s, cycleOf(s, 1).end),
      )
      expect(events.at(-1)).toEqual(
        eventsOf(periodEnd().target, 1).issued(1, cycleOf(periodEnd(), 1).end, 'PERIOD_END'),
      )
    })

    it('unenroll.6: PERIOD_END: achieved but unenrolled within the cycle → REWARD_FORFEITED at the end', () => {
      const { events } = play(
        periodEnd(),
        (s) => enroll(s, 1, inCycle(s, 1)),
        (s) => recordActivity(s, 1, { at: inCycle(s, 1, 1) }),
        (s) => unenroll(s, 1, inCycle(s, 1, 2)),
        (s) => advance(s, cycleOf(s, 1).end),
      )
      expect(events.at(-1)).toEqual(
        eventsOf(periodEnd().target, 1).forfeited(1, cycleOf(periodEnd(), 1).end),
      )
    })

    it('CONTINUOUS: enrolled at the end and not achieved → STREAK_BROKEN with the count, which drops to 0', () => {
      const { events, state } = play(
        continuous(),
        (s) => enroll(s, 1, inCycle(s, 1)),
        (s) => recordActivity(s, 1, { at: inCycle(s, 1, 1) }),
        (s) => advance(s, cycleOf(s, 3).end),
      )
      expect(events.filter((e) => e.type === 'STREAK_BROKEN')).toEqual([
        eventsOf(continuous().target, 1).broken(2, cycleOf(continuous(), 2).end, 1),
      ])
      expect(enrolment(state, 1).streak).toEqual(O.some({ epoch: 1, count: 0, achievedLevels: [] }))
    })

    it('CONTINUOUS: a cycle ending unachieved with a count of 0 emits nothing', () => {
      const { events } = play(
        continuous(),
        (s) => enroll(s, 1, inCycle(s, 1)),
        (s) => advance(s, cycleOf(s, 4).end),
      )
      expect(events.map((e) => e.type)).toEqual(['ENROLLED'])
    })

    it('unenroll.7: CONTINUOUS: a cycle ending while unenrolled does not break the streak', () => {
      const { events, state } = play(
        continuous(),
        (s) => enroll(s, 1, inCycle(s, 1)),
        (s) => recordActivity(s, 1, { at: inCycle(s, 1, 1) }),
        (s) => unenroll(s, 1, inCycle(s, 2, 1)),
        (s) => advance(s, cycleOf(s, 6).end),
      )
      expect(events.filter((e) => e.type === 'STREAK_BROKEN')).toEqual([])
      expect(enrolment(state, 1).streak).toEqual(O.some({ epoch: 1, count: 1, achievedLevels: [] }))
    })

    it('CONTINUOUS: cycles before a later start cycle do not break the streak', () => {
      const { events } = play(
        continuous(),
        (s) => enroll(s, 1, inCycle(s, 1), { period: 'c4' }),
        (s) => advance(s, cycleOf(s, 3).end),
      )
      expect(events.map((e) => e.type)).toEqual(['ENROLLED'])
    })
  })
})
