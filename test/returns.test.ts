// Returns: progress that goes down, never a reward taken back (rules return.*).
import { describe, expect, it } from 'vitest'
import { defineMilestone, defineStreak, type MilestoneInput } from '../src/index.js'
import { cycleOf, inCycle, left, monthlyCycles, right, weeklyCycles } from './support/fixtures.js'
import { events, given, op } from './support/specification.js'

const shop = (overrides: Partial<MilestoneInput> = {}) =>
  right(
    defineMilestone({
      targetGroupId: 10,
      targetId: 1,
      name: 'spend 100',
      metric: 'SUM',
      goal: 100,
      allocation: 'PERIOD_END',
      allowReturns: true,
      cycles: monthlyCycles(3),
      ...overrides,
    }),
  )

describe('returns', () => {
  const target = shop()
  const ev = events(target, 1)
  const s0 = given(target).state
  const start = inCycle(s0, 1)

  it('return.sum-only: allowReturns on a COUNT or VISIT target is a definition error', () => {
    expect(
      left(
        defineMilestone({
          targetGroupId: 1,
          targetId: 1,
          metric: 'COUNT',
          goal: 3,
          allocation: 'IMMEDIATE',
          cycles: monthlyCycles(1),
          allowReturns: true,
        }),
      ).problems,
    ).toEqual([{ path: 'allowReturns', message: 'returns apply to SUM targets only' }])
  })

  it('return.allowed: without allowReturns a negative value is 300004; with it, any finite non-zero number', () => {
    given(shop({ allowReturns: false }), op.enroll(1, start))
      .when(op.activity(1, inCycle(s0, 1, 1), -5))
      .thenRefused(300004, 'activity.value')
    given(target, op.enroll(1, start))
      .when(op.activity(1, inCycle(s0, 1, 1), 0))
      .thenRefused(300004, 'activity.value')
    given(target, op.enroll(1, start))
      .when(op.activity(1, inCycle(s0, 1, 1), -5))
      .then([])
  })

  it('return.lowers: a return lowers the progress of the cycle holding its at, never below 0', () => {
    const g = given(
      target,
      op.enroll(1, start),
      op.activity(1, inCycle(s0, 1, 1), 30),
      op.activity(1, inCycle(s0, 1, 2), -50),
    )
    expect(g.enrolment(1).progress).toEqual([expect.objectContaining({ cycle: 1, value: 0 })])
  })

  it('return.reversed: a return below the goal of an achieved cycle emits ACHIEVEMENT_REVERSED; reaching it again, CYCLE_ACHIEVED again', () => {
    const g = given(target, op.enroll(1, start), op.activity(1, inCycle(s0, 1, 1), 120))
    g.when(op.activity(1, inCycle(s0, 1, 2), -30)).then([ev.reversed(1, inCycle(s0, 1, 2))])
    given(
      target,
      op.enroll(1, start),
      op.activity(1, inCycle(s0, 1, 1), 120),
      op.activity(1, inCycle(s0, 1, 2), -30),
    )
      .when(op.activity(1, inCycle(s0, 1, 3), 10))
      .then([ev.achieved(1, inCycle(s0, 1, 3))])
  })

  it('return.reversed: a late return and a late purchase date their events at their own at, in the order they arrive', () => {
    const g = given(target, op.enroll(1, start), op.activity(1, inCycle(s0, 1, 10), 120))
    g.when(op.activity(1, inCycle(s0, 1, 5), -50)).then([ev.reversed(1, inCycle(s0, 1, 5))])
    given(
      target,
      op.enroll(1, start),
      op.activity(1, inCycle(s0, 1, 10), 120),
      op.activity(1, inCycle(s0, 1, 5), -50),
    )
      .when(op.activity(1, inCycle(s0, 1, 4), 60))
      .then([ev.achieved(1, inCycle(s0, 1, 4))])
  })

  it('return.period-end: a PERIOD_END reward is paid only if the goal holds at settlement; else forfeited RETURNED', () => {
    given(
      target,
      op.enroll(1, start),
      op.activity(1, inCycle(s0, 1, 1), 120),
      op.activity(1, inCycle(s0, 1, 2), -30),
    )
      .when(op.advance(cycleOf(s0, 1).end))
      .then([ev.forfeited(1, cycleOf(s0, 1).end, 'RETURNED')])
    given(
      target,
      op.enroll(1, start),
      op.activity(1, inCycle(s0, 1, 1), 120),
      op.activity(1, inCycle(s0, 1, 2), -10),
    )
      .when(op.advance(cycleOf(s0, 1).end))
      .then([ev.issued(1, cycleOf(s0, 1).end, 'PERIOD_END')])
  })

  it('return.period-end: UNENROLLED wins when both apply', () => {
    given(
      target,
      op.enroll(1, start),
      op.activity(1, inCycle(s0, 1, 1), 120),
      op.activity(1, inCycle(s0, 1, 2), -30),
      op.unenroll(1, inCycle(s0, 1, 3)),
    )
      .when(op.advance(cycleOf(s0, 1).end))
      .then([ev.forfeited(1, cycleOf(s0, 1).end, 'UNENROLLED')])
  })

  it('return.immediate-once: an IMMEDIATE reward is issued at the first achievement only, never again', () => {
    const immediate = shop({ allocation: 'IMMEDIATE' })
    const e = events(immediate, 1)
    const g = given(
      immediate,
      op.enroll(1, start),
      op.activity(1, inCycle(s0, 1, 1), 120),
      op.activity(1, inCycle(s0, 1, 2), -30),
    )
    g.when(op.activity(1, inCycle(s0, 1, 3), 50)).then([e.achieved(1, inCycle(s0, 1, 3))])
  })

  it('return.lowers: a return at the purchase\u2019s instant lowers that cycle while open; at the refund\u2019s instant, the cycle it falls in', () => {
    const g = given(
      target,
      op.enroll(1, start),
      op.activity(1, inCycle(s0, 1, 1), 120),
      op.activity(1, inCycle(s0, 2, 1), 40),
    )
    // The purchase's cycle has closed by the refund: at the purchase's instant it is CYCLE_CLOSED.
    g.when(op.activity(1, inCycle(s0, 1, 1), -60)).thenIgnored('CYCLE_CLOSED')
    const carried = given(
      target,
      op.enroll(1, start),
      op.activity(1, inCycle(s0, 1, 1), 120),
      op.activity(1, inCycle(s0, 2, 1), 40),
      op.activity(1, inCycle(s0, 2, 2), -60),
    )
    expect(carried.enrolment(1).progress).toEqual([expect.objectContaining({ cycle: 2, value: 0 })])
  })

  it('return.streak: a return never lowers the count, never breaks the streak, never un-achieves a level', () => {
    const streak = right(
      defineStreak({
        targetGroupId: 10,
        targetId: 2,
        metric: 'SUM',
        goal: 10,
        streakType: 'CONTINUOUS',
        levels: [1, 2],
        allowReturns: true,
        cycles: weeklyCycles(4),
      }),
    )
    const e = events(streak, 1)
    const w = given(streak).state
    const g = given(
      streak,
      op.enroll(1, inCycle(w, 1)),
      op.activity(1, inCycle(w, 1, 1), 10),
      op.activity(1, inCycle(w, 1, 2), -10),
    )
    expect(g.enrolment(1).streak).toEqual({
      _tag: 'Some',
      value: { epoch: 1, count: 1, achievedLevels: [1] },
    })
    // Reached again: achieved again, but not counted again.
    g.when(op.activity(1, inCycle(w, 1, 3), 10)).then([e.achieved(1, inCycle(w, 1, 3))])
    // The reversed cycle does not break the streak at its end.
    given(
      streak,
      op.enroll(1, inCycle(w, 1)),
      op.activity(1, inCycle(w, 1, 1), 10),
      op.activity(1, inCycle(w, 1, 2), -10),
    )
      .when(op.advance(cycleOf(w, 1).end))
      .then([])
  })

  it('return.agnostic: in a PERIOD_AGNOSTIC window a return lowers the open cycle only', () => {
    const card = right(
      defineMilestone({
        targetGroupId: 10,
        targetId: 3,
        metric: 'SUM',
        goal: 10,
        allocation: 'IMMEDIATE',
        allowReturns: true,
        window: { type: 'PERIOD_AGNOSTIC', maxCycles: 5 },
      }),
    )
    const g = given(
      card,
      op.enroll(1, start),
      op.activity(1, inCycle(s0, 1, 1), 4),
      op.activity(1, inCycle(s0, 1, 2), 6),
      op.activity(1, inCycle(s0, 1, 3), 4),
    )
    // Cycle 1 was [1 h, 2 h]: a return stamped inside it finds it closed.
    g.when(op.activity(1, inCycle(s0, 1, 1), -3)).thenIgnored('CYCLE_CLOSED')
    expect(
      given(
        card,
        op.enroll(1, start),
        op.activity(1, inCycle(s0, 1, 1), 4),
        op.activity(1, inCycle(s0, 1, 2), 6),
        op.activity(1, inCycle(s0, 1, 3), 4),
        op.activity(1, inCycle(s0, 1, 4), -3),
      )
        .enrolment(1)
        .progress.map((p) => [p.cycle, p.value]),
    ).toEqual([[2, 1]])
  })

  it('return.balance-not-return: a re-enrolment balance below the goal emits nothing, and no forfeit follows', () => {
    const g = given(
      target,
      op.enroll(1, start),
      op.activity(1, inCycle(s0, 1, 1), 120),
      op.unenroll(1, inCycle(s0, 1, 2)),
    )
    g.when(op.reenroll(1, inCycle(s0, 1, 3), { initialBalance: 20 })).then([
      ev.reenrolled(1, inCycle(s0, 1, 3)),
    ])
    given(
      target,
      op.enroll(1, start),
      op.activity(1, inCycle(s0, 1, 1), 120),
      op.unenroll(1, inCycle(s0, 1, 2)),
      op.reenroll(1, inCycle(s0, 1, 3), { initialBalance: 20 }),
    )
      .when(op.advance(cycleOf(s0, 1).end))
      .then([])
  })

  it('input.finite: an activity that would make a progress non-finite is refused, and nothing changes', () => {
    const g = given(
      shop({ allowReturns: false }),
      op.enroll(1, start),
      op.activity(1, inCycle(s0, 1, 1), Number.MAX_VALUE),
    )
    g.when(op.activity(1, inCycle(s0, 1, 2), Number.MAX_VALUE)).thenRefused(
      300004,
      'activity.value',
    )
  })
})
