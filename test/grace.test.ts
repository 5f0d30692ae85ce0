// Grace days: cycles that wait for late activity before they are settled (rules grace.*).
import * as O from 'fp-ts/lib/Option.js'
import { describe, expect, it } from 'vitest'
import { defineMilestone, defineStreak, nextDueAt, type MilestoneInput } from '../src/index.js'
import { cycleOf, inCycle, left, right, weeklyCycles } from './support/fixtures.js'
import { events, given, op } from './support/specification.js'

const DAY = 86_400_000
const plus = (date: Date, ms: number) => new Date(date.getTime() + ms)

const weekly = (overrides: Partial<MilestoneInput> = {}) =>
  right(
    defineMilestone({
      targetGroupId: 11,
      targetId: 1,
      name: 'one purchase a week',
      metric: 'COUNT',
      goal: 1,
      allocation: 'PERIOD_END',
      graceDays: 2,
      cycles: weeklyCycles(6),
      ...overrides,
    }),
  )

describe('grace days', () => {
  const target = weekly()
  const ev = events(target, 1)
  const s0 = given(target).state
  const closeOf = (cycle: number) => plus(cycleOf(s0, cycle).end, 2 * DAY)

  it('grace.definition: graceDays is an integer from 0 to 30', () => {
    for (const graceDays of [-1, 31, 1.5, '2'])
      expect(
        left(defineMilestone({ ...(target as unknown as MilestoneInput), graceDays } as never))
          .problems,
      ).toEqual([{ path: 'graceDays', message: 'must be an integer from 0 to 30' }])
  })

  it('grace.settlement: a PERIOD_END reward is issued at the close, end + graceDays × 24 h, dated there', () => {
    const g = given(target, op.enroll(1, inCycle(s0, 1)), op.activity(1, inCycle(s0, 1, 1)))
    g.when(op.advance(cycleOf(s0, 1).end)).then([])
    g.when(op.advance(closeOf(1))).then([ev.issued(1, closeOf(1), 'PERIOD_END')])
  })

  it('grace.close-at: exact hours, not local days', () => {
    expect(closeOf(1).getTime() - cycleOf(s0, 1).end.getTime()).toBe(2 * DAY)
    expect(
      nextDueAt(
        given(target, op.enroll(1, inCycle(s0, 1)), op.activity(1, inCycle(s0, 1, 1))).state,
        1,
      ),
    ).toEqual(O.some(closeOf(1)))
  })

  it('grace.counting: a late activity of a cycle in grace counts there, while the customer is already in the next', () => {
    const g = given(target, op.enroll(1, inCycle(s0, 1)), op.activity(1, inCycle(s0, 2, 1)))
    const late = inCycle(s0, 1, 30)
    g.when(op.activity(1, late)).then([ev.achieved(1, late)])
    const after = given(
      target,
      op.enroll(1, inCycle(s0, 1)),
      op.activity(1, inCycle(s0, 2, 1)),
      op.activity(1, late),
    )
    after.when(op.advance(closeOf(1))).then([ev.issued(1, closeOf(1), 'PERIOD_END')])
  })

  it('grace.counting: once the close has passed (settled instant or watermark), the cycle takes nothing more', () => {
    given(target, op.enroll(1, inCycle(s0, 1)), op.activity(1, plus(closeOf(1), 1)))
      .when(op.activity(1, inCycle(s0, 1, 30)))
      .thenIgnored('CYCLE_CLOSED')
    given(target, op.enroll(1, inCycle(s0, 1)), op.advance(closeOf(1)))
      .when(op.activity(1, inCycle(s0, 1, 30)))
      .thenIgnored('CYCLE_CLOSED')
  })

  it('grace.membership: a customer in c at its end is paid c\u2019s PERIOD_END reward at its close, even if unenrolled during its grace', () => {
    const g = given(
      target,
      op.enroll(1, inCycle(s0, 1)),
      op.activity(1, inCycle(s0, 1, 1)),
      op.unenroll(1, inCycle(s0, 2, 3)),
    )
    expect(g.enrolment(1)).toMatchObject({ fromCycle: 2, graceCycles: [1] })
    g.when(op.advance(closeOf(1))).then([ev.issued(1, closeOf(1), 'PERIOD_END')])
  })

  it('grace.membership: which cycle holds now follows end, not the close (unenrolment in grace takes effect from the next cycle)', () => {
    given(target, op.enroll(1, inCycle(s0, 1)))
      .when(op.unenroll(1, inCycle(s0, 2, 3)))
      .then([ev.unenrolled(2, inCycle(s0, 2, 3))])
    // A named period that ended (by its end) is 310019 although it is still in grace.
    given(target)
      .when(op.enroll(2, inCycle(s0, 2, 3), { period: 'c1' }))
      .thenRefused(310019)
  })

  it('grace.freeze: an unenrolment freezes a cycle in grace too: late activity arriving after it does not count', () => {
    given(target, op.enroll(1, inCycle(s0, 1)), op.unenroll(1, inCycle(s0, 2, 3)))
      .when(op.activity(1, inCycle(s0, 1, 30)))
      .thenIgnored('NOT_ENROLLED')
  })

  it('unenroll.6: with grace, the forfeit of cycle k comes at k\u2019s close', () => {
    given(
      target,
      op.enroll(1, inCycle(s0, 1)),
      op.activity(1, inCycle(s0, 1, 1)),
      op.unenroll(1, inCycle(s0, 1, 2)),
    )
      .when(op.advance(closeOf(1)))
      .then([ev.forfeited(1, closeOf(1))])
  })

  describe('grace.streak-order', () => {
    const streak = right(
      defineStreak({
        targetGroupId: 11,
        targetId: 2,
        name: 'weekly visits',
        metric: 'COUNT',
        goal: 1,
        streakType: 'CONTINUOUS',
        levels: [1, 2, 3],
        graceDays: 2,
        cycles: weeklyCycles(6),
      }),
    )
    const e = events(streak, 1)
    const story = [
      op.enroll(1, inCycle(s0, 1)),
      op.activity(1, inCycle(s0, 1, 1)),
      // Nothing in c2; c3 achieved while c2 is in grace and unachieved: its credit waits.
      op.activity(1, inCycle(s0, 3, 1)),
    ]

    it('grace.streak-order: a cycle achieved while an earlier one is in grace and unachieved waits to be credited', () => {
      given(streak, story[0] as never, story[1] as never)
        .when(story[2] as never)
        .then([e.achieved(3, inCycle(s0, 3, 1))])
      const g = given(streak, ...story)
      expect(g.enrolment(1).streak).toEqual({
        _tag: 'Some',
        value: {
          epoch: 1,
          count: 1,
          achievedLevels: [1],
          waiting: [{ cycle: 3, achievedAt: inCycle(s0, 3, 1) }],
        },
      })
    })

    it('grace.streak-order: the earlier cycle achieved late is credited, then the waiting one, at the later of its achievement and that instant', () => {
      const late = inCycle(s0, 2, 120)
      given(streak, ...story)
        .when(op.activity(1, late))
        .then([
          e.achieved(2, late),
          ...e.level(2, late, 2, 1),
          ...e.level(3, inCycle(s0, 3, 1), 3, 1),
        ])
    })

    it('grace.streak-order: the earlier cycle settled unachieved at its close breaks the streak, then the waiting credit makes the count 1', () => {
      const close2 = plus(cycleOf(s0, 2).end, 2 * DAY)
      given(streak, ...story)
        .when(op.advance(close2))
        .then([e.broken(2, close2, 1)])
      const g = given(streak, ...story, op.advance(close2))
      expect(g.enrolment(1).streak).toEqual({
        _tag: 'Some',
        value: { epoch: 1, count: 1, achievedLevels: [1], waiting: [] },
      })
    })

    it('grace.membership: a streak breaks at the close of a cycle the customer was in, even if unenrolled since; the waiting credit follows', () => {
      const close2 = plus(cycleOf(s0, 2).end, 2 * DAY)
      const g = given(streak, ...story, op.unenroll(1, inCycle(s0, 3, 2)))
      g.when(op.advance(close2)).then([e.broken(2, close2, 1)])
      expect(
        given(streak, ...story, op.unenroll(1, inCycle(s0, 3, 2)), op.advance(close2)).enrolment(1)
          .streak,
      ).toEqual({
        _tag: 'Some',
        value: { epoch: 1, count: 1, achievedLevels: [1], waiting: [] },
      })
    })

    it('grace.streak-order: a credit waiting when a re-enrolment resets the streak is credited in its turn, in the new epoch', () => {
      const close2 = plus(cycleOf(s0, 2).end, 2 * DAY)
      const reset = [
        ...story,
        op.unenroll(1, inCycle(s0, 3, 2)),
        op.reenroll(1, inCycle(s0, 3, 3), { resetStreakStatus: true }),
      ]
      // Epoch 2 starts at 0, so c2's close breaks nothing; c3's credit follows it: count 1, level 1.
      given(streak, ...reset)
        .when(op.advance(close2))
        .then([...e.level(3, close2, 1, 2)])
      expect(given(streak, ...reset, op.advance(close2)).enrolment(1).streak).toEqual({
        _tag: 'Some',
        value: { epoch: 2, count: 1, achievedLevels: [1], waiting: [] },
      })
    })

    it('grace.streak-order: a cycle achieved (by its at) while the one before was in grace is credited no earlier than that one\u2019s close, even when its activity arrives after it', () => {
      const close2 = plus(cycleOf(s0, 2).end, 2 * DAY)
      // c1 and c2 missed (count 0); c3 achieved at its first hour, while c2 is in grace.
      const c3 = inCycle(s0, 3, 1)
      given(streak, op.enroll(1, inCycle(s0, 1)), op.advance(close2))
        .when(op.activity(1, c3))
        .then([e.achieved(3, c3), ...e.level(3, close2, 1, 1)])
      // The same credit, dated the same, when the activity arrives before c2's close.
      given(streak, op.enroll(1, inCycle(s0, 1)), op.activity(1, c3))
        .when(op.advance(close2))
        .then([...e.level(3, close2, 1, 1)])
      // Achieved after c2's close, a cycle is credited at its own instant.
      const c4 = inCycle(s0, 4, 1)
      given(streak, op.enroll(1, inCycle(s0, 1)), op.advance(close2), op.activity(1, c3))
        .when(op.activity(1, c4))
        .then([e.achieved(4, c4), ...e.level(4, c4, 2, 1)])
    })

    it('grace.streak-order: NON_CONTINUOUS streaks credit at achievement', () => {
      const loose = right(
        defineStreak({
          targetGroupId: 11,
          targetId: 3,
          metric: 'COUNT',
          goal: 1,
          streakType: 'NON_CONTINUOUS',
          levels: [1, 2],
          graceDays: 2,
          cycles: weeklyCycles(6),
        }),
      )
      const l = events(loose, 1)
      given(loose, story[0] as never, story[1] as never)
        .when(story[2] as never)
        .then([l.achieved(3, inCycle(s0, 3, 1)), ...l.level(3, inCycle(s0, 3, 1), 2, 1)])
    })
  })
})
