// recordActivity (rules activity.*), with the time rules (time.*) that govern it.
import * as O from 'fp-ts/lib/Option.js'
import { describe, expect, it } from 'vitest'
import {
  advance,
  enroll,
  initialState,
  recordActivity,
  unenroll,
  type EnrolmentState,
} from '../src/index.js'
import {
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

const immediate = () => initialState(milestoneABC('IMMEDIATE', { goal: 2 }))
const periodEnd = () => initialState(milestoneABC('PERIOD_END', { goal: 2 }))
const sum = () => initialState(milestoneABC('IMMEDIATE', { metric: 'SUM', goal: 500 }))
const ev = () => eventsOf(immediate().target, 7)
const enrolled = (start: EnrolmentState) => right(enroll(start, 7, inCycle(start, 1))).state

describe('recordActivity', () => {
  it('event.nothing-emitted: an activity that emits nothing returns a shared, frozen, empty result', () => {
    const s = enrolled(immediate())
    const first = right(recordActivity(s, 7, { at: inCycle(s, 1, 1) }))
    const other = right(recordActivity(s, 7, { at: inCycle(s, 1, 2) }))
    expect([first.events, first.warnings]).toEqual([[], []])
    expect(other.events).toBe(first.events)
    expect(Object.isFrozen(first.events) && Object.isFrozen(first.warnings)).toBe(true)
    expect(first.state).not.toBe(other.state)
  })

  it('reads each field of the activity once: a getter cannot pass the check and count another value', () => {
    const s = enrolled(sum())
    const values = [100, -1]
    const activity = { at: inCycle(s, 1, 1) } as { at: Date; value?: number }
    Object.defineProperty(activity, 'value', { enumerable: true, get: () => values.shift() })
    const { state } = right(recordActivity(s, 7, activity))
    expect(enrolment(state, 7).progress.map((p) => p.value)).toEqual([100])
    expect(values).toEqual([-1])
  })

  it('activity.adds, activity.achieves, activity.immediate: COUNT adds 1 per activity; the first time the goal is reached: CYCLE_ACHIEVED and the IMMEDIATE reward at that instant', () => {
    const { events, state } = play(
      enrolled(immediate()),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 2) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 3) }),
    )
    expect(events).toEqual([
      ev().achieved(1, inCycle(immediate(), 1, 2)),
      ev().issued(1, inCycle(immediate(), 1, 2), 'IMMEDIATE'),
    ])
    expect(enrolment(state, 7).progress).toEqual([
      { cycle: 1, value: 3, achievedAt: O.some(inCycle(immediate(), 1, 2)), rewarded: true },
    ])
  })

  it('activity.adds: SUM adds the value of each activity', () => {
    const { events } = play(
      enrolled(sum()),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1), value: 200 }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 2), value: 299.5 }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 3), value: 0.5 }),
    )
    expect(events).toEqual([
      ev().achieved(1, inCycle(sum(), 1, 3)),
      ev().issued(1, inCycle(sum(), 1, 3), 'IMMEDIATE'),
    ])
  })

  it.each([0, -5, Number.NaN, Infinity, undefined, '10'])(
    'SUM refuses value %s with 300004 naming activity.value',
    (value) => {
      const state = enrolled(sum())
      expect(
        left(recordActivity(state, 7, { at: inCycle(sum(), 1, 1), value: value as number })),
      ).toMatchObject({
        code: 300004,
        field: 'activity.value',
      })
    },
  )

  it('COUNT ignores a valid value but refuses a negative or non-finite one', () => {
    const state = enrolled(immediate())
    expect(
      right(recordActivity(state, 7, { at: inCycle(immediate(), 1, 1), value: 99 })).events,
    ).toEqual([])
    expect(left(recordActivity(state, 7, { at: inCycle(immediate(), 1, 1), value: -1 })).code).toBe(
      300004,
    )
  })

  it('input.customer-id, input.instant: refuses an invalid customer id with 310011 and an Invalid Date with 300004', () => {
    const state = enrolled(immediate())
    expect(left(recordActivity(state, 1.5, { at: inCycle(immediate(), 1, 1) })).code).toBe(310011)
    expect(left(recordActivity(state, 7, { at: new Date('x') }))).toMatchObject({
      code: 300004,
      field: 'activity.at',
      message: 'activity.at must be a valid Date, got Invalid Date',
    })
    expect(left(recordActivity(state, 7, null as never))).toMatchObject({
      code: 300004,
      field: 'activity',
    })
  })

  it('activity.immediate: PERIOD_END: the reward waits for the cycle end', () => {
    const { events } = play(
      enrolled(periodEnd()),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 2) }),
      (s) => advance(s, inCycle(s, 1, 100)),
      (s) => advance(s, cycleOf(s, 1).end),
    )
    expect(events).toEqual([
      ev().achieved(1, inCycle(periodEnd(), 1, 2)),
      ev().issued(1, cycleOf(periodEnd(), 1).end, 'PERIOD_END'),
    ])
  })

  it('activity.cycle-once: a cycle is rewarded at most once per customer, ever', () => {
    const { events } = play(
      enrolled(immediate()),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 2) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 3) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 4) }),
    )
    expect(events.filter((e) => e.type === 'REWARD_ISSUED')).toHaveLength(1)
  })

  it('activity.adds: each cycle is rewarded on its own', () => {
    const { events } = play(
      enrolled(immediate()),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 2) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 2, 1) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 2, 2) }),
    )
    expect(events.filter((e) => e.type === 'REWARD_ISSUED')).toEqual([
      ev().issued(1, inCycle(immediate(), 1, 2), 'IMMEDIATE'),
      ev().issued(2, inCycle(immediate(), 2, 2), 'IMMEDIATE'),
    ])
  })

  it('activity.counts-when: counts an activity at exactly the enrolment instant', () => {
    const { events } = play(
      immediate(),
      (s) => enroll(s, 7, inCycle(s, 1, 3)),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 3) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 3) }),
    )
    expect(events.map((e) => e.type)).toEqual(['ENROLLED', 'CYCLE_ACHIEVED', 'REWARD_ISSUED'])
  })

  it('activity.warning-order, activity.changes-nothing: a customer never enrolled: nothing changes, a NOT_ENROLLED warning', () => {
    const t = right(recordActivity(immediate(), 7, { at: inCycle(immediate(), 1, 1) }))
    expect(t).toEqual({
      state: immediate(),
      events: [],
      warnings: [expect.objectContaining({ code: 'NOT_ENROLLED' })],
    })
  })

  it('unenroll.freezes, activity.changes-nothing: an unenrolled customer, even for an activity stamped before the unenrolment: nothing changes (progress is frozen)', () => {
    const { state } = play(
      enrolled(immediate()),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1) }),
      (s) => unenroll(s, 7, inCycle(s, 1, 5)),
    )
    const t = right(recordActivity(state, 7, { at: inCycle(immediate(), 1, 2) }))
    expect(t.state).toBe(state)
    expect(t.warnings.map((w) => w.code)).toEqual(['NOT_ENROLLED'])
  })

  it('activity.warning-order, activity.changes-nothing: an activity outside every cycle: nothing changes, an OUTSIDE_CYCLES warning', () => {
    const state = enrolled(immediate())
    const t = right(recordActivity(state, 7, { at: cycleOf(immediate(), 5).end }))
    expect(t.state).toBe(state)
    expect(t.warnings.map((w) => w.code)).toEqual(['OUTSIDE_CYCLES'])
  })

  it('time.half-open: an activity exactly at a cycle end counts in the next cycle', () => {
    const { events, state } = play(
      enrolled(immediate()),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1) }),
      (s) => recordActivity(s, 7, { at: cycleOf(s, 1).end }),
    )
    expect(events).toEqual([])
    expect(enrolment(state, 7).progress).toEqual([
      { cycle: 2, value: 1, achievedAt: O.none, rewarded: false },
    ])
  })

  describe('time (rules time.*)', () => {
    it('activity.adds, activity.achieves: activities of one open cycle may arrive in any order', () => {
      const { events } = play(
        enrolled(immediate()),
        (s) => recordActivity(s, 7, { at: inCycle(s, 1, 9) }),
        (s) => recordActivity(s, 7, { at: inCycle(s, 1, 3) }),
      )
      expect(events).toEqual([
        ev().achieved(1, inCycle(immediate(), 1, 3)),
        ev().issued(1, inCycle(immediate(), 1, 3), 'IMMEDIATE'),
      ])
    })

    it('activity.counts-when, activity.warning-order: an activity whose cycle ended by the watermark is not counted: CYCLE_CLOSED warning', () => {
      const { state } = play(enrolled(immediate()), (s) => advance(s, cycleOf(s, 1).end))
      const t = right(recordActivity(state, 7, { at: inCycle(immediate(), 1, 1) }))
      expect(t.state).toBe(state)
      expect(t.warnings.map((w) => w.code)).toEqual(['CYCLE_CLOSED'])
    })

    it("activity.counts-when: an activity whose cycle ended by the customer's settled instant is not counted", () => {
      const { state } = play(enrolled(immediate()), (s) =>
        recordActivity(s, 7, { at: inCycle(s, 2, 1) }),
      )
      const t = right(recordActivity(state, 7, { at: inCycle(immediate(), 1, 30) }))
      expect(t.state).toBe(state)
      expect(t.warnings.map((w) => w.code)).toEqual(['CYCLE_CLOSED'])
    })

    it('an activity later than the watermark settles the customer first and returns those events', () => {
      const { state } = play(
        enrolled(periodEnd()),
        (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1) }),
        (s) => recordActivity(s, 7, { at: inCycle(s, 1, 2) }),
      )
      const t = right(recordActivity(state, 7, { at: inCycle(periodEnd(), 3, 1) }))
      expect(t.events).toEqual([ev().issued(1, cycleOf(periodEnd(), 1).end, 'PERIOD_END')])
      expect(enrolment(t.state, 7)).toMatchObject({
        settledAt: inCycle(periodEnd(), 3, 1),
        settledCycles: 2,
      })
      expect(t.state.watermark).toEqual(state.watermark)
    })
  })

  describe('streaks', () => {
    const continuous = () => initialState(streakXYZ('CONTINUOUS', [2, 3]))
    const sev = () => eventsOf(continuous().target, 7)
    const weeks = (indexes: ReadonlyArray<number>) =>
      indexes.map((i) => (s: EnrolmentState) => recordActivity(s, 7, { at: inCycle(s, i, 5) }))

    it('activity.streak-credit, activity.streak-levels: achieving a cycle raises the count; each level reached: STREAK_LEVEL_ACHIEVED and an IMMEDIATE reward', () => {
      const { events, state } = play(enrolled(continuous()), ...weeks([1, 2, 3]))
      expect(events).toEqual([
        sev().achieved(1, inCycle(continuous(), 1, 5)),
        sev().achieved(2, inCycle(continuous(), 2, 5)),
        ...sev().level(2, inCycle(continuous(), 2, 5), 2, 1),
        sev().achieved(3, inCycle(continuous(), 3, 5)),
        ...sev().level(3, inCycle(continuous(), 3, 5), 3, 1),
      ])
      expect(enrolment(state, 7).streak).toEqual(
        O.some({ epoch: 1, count: 3, achievedLevels: [2, 3] }),
      )
    })

    it('activity.level-once: a level already achieved in this epoch is never rewarded again, even after the count dropped and rose', () => {
      const { events, state } = play(enrolled(continuous()), ...weeks([1, 2, 4, 5, 6]))
      expect(
        events.filter((e) => e.type === 'REWARD_ISSUED').map((e) => [e.level, e.cycle]),
      ).toEqual([
        [2, 2],
        [3, 6],
      ])
      expect(events.filter((e) => e.type === 'STREAK_BROKEN')).toEqual([
        sev().broken(3, cycleOf(continuous(), 3).end, 2),
      ])
      expect(enrolment(state, 7).streak).toEqual(
        O.some({ epoch: 1, count: 3, achievedLevels: [2, 3] }),
      )
    })

    it('activity.non-continuous: the count never drops; it is the number of achieved cycles', () => {
      const nonContinuous = initialState(streakXYZ('NON_CONTINUOUS', [2, 3]))
      const { events, state } = play(enrolled(nonContinuous), ...weeks([1, 4, 9]), (s) =>
        advance(s, cycleOf(s, 12).end),
      )
      expect(events.filter((e) => e.type === 'STREAK_BROKEN')).toEqual([])
      expect(
        events.filter((e) => e.type === 'REWARD_ISSUED').map((e) => [e.level, e.cycle]),
      ).toEqual([
        [2, 4],
        [3, 9],
      ])
      expect(enrolment(state, 7).streak).toEqual(
        O.some({ epoch: 1, count: 3, achievedLevels: [2, 3] }),
      )
    })
  })
})
