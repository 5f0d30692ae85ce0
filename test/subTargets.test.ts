// Sub-targets: intermediate milestones of every cycle (rules subtarget.*).
import { describe, expect, it } from 'vitest'
import { defineMilestone, defineStreak, type MilestoneInput } from '../src/index.js'
import { at, inCycle, left, monthlyCycles, right, weeklyCycles } from './support/fixtures.js'
import { events, given, op } from './support/specification.js'

const milestone = (overrides: Partial<MilestoneInput> = {}) =>
  right(
    defineMilestone({
      targetGroupId: 9,
      targetId: 1,
      name: 'spend 100',
      metric: 'SUM',
      goal: 100,
      allocation: 'PERIOD_END',
      cycles: monthlyCycles(3),
      subTargets: [
        { name: 'halfway', trigger: 'PERCENTAGE', value: 50 },
        {
          name: 'first 20',
          trigger: 'ABSOLUTE',
          value: 20,
          reward: { sku: 'sticker', value: 0.2 },
        },
        { name: 'also 50', trigger: 'ABSOLUTE', value: 50 },
      ],
      ...overrides,
    }),
  )

describe('sub-targets', () => {
  const target = milestone()
  const ev = events(target, 1)
  const s0 = given(target).state
  const start = inCycle(s0, 1)

  it('subtarget.order: thresholds one activity reaches, ascending by threshold, ties in definition order, before CYCLE_ACHIEVED', () => {
    const t = inCycle(s0, 1, 2)
    given(target, op.enroll(1, start))
      .when(op.activity(1, t, 120))
      .then([
        ev.subTarget(1, t, 'first 20', { sku: 'sticker', value: 0.2 }),
        ev.subTarget(1, t, 'halfway'),
        ev.subTarget(1, t, 'also 50'),
        ev.achieved(1, t),
      ])
  })

  it('subtarget.once: reached once per customer and cycle; not again after a re-enrolment', () => {
    const g = given(
      target,
      op.enroll(1, start),
      op.activity(1, inCycle(s0, 1, 1), 25),
      op.unenroll(1, inCycle(s0, 1, 2)),
      op.reenroll(1, inCycle(s0, 1, 3), { initialBalance: 0 }),
    )
    g.when(op.activity(1, inCycle(s0, 1, 4), 30)).then([])
    // In the next cycle they are reached again: once per cycle.
    const t = inCycle(s0, 2, 1)
    g.when(op.activity(1, t, 30)).then([
      ev.subTarget(2, t, 'first 20', { sku: 'sticker', value: 0.2 }),
    ])
  })

  it('subtarget.once: not again after a return lowered the progress', () => {
    const returns = milestone({ allowReturns: true })
    const e = events(returns, 1)
    const g = given(
      returns,
      op.enroll(1, start),
      op.activity(1, inCycle(s0, 1, 1), 60),
      op.activity(1, inCycle(s0, 1, 2), -50),
    )
    const t = inCycle(s0, 1, 3)
    g.when(op.activity(1, t, 100)).then([e.achieved(1, t)])
  })

  it('subtarget.key: SUB_TARGET_REACHED carries an idempotency key of its own, the name URI-encoded', () => {
    const t = inCycle(s0, 1, 1)
    const result = given(target, op.enroll(1, start))
      .when(op.activity(1, t, 20))
      .then([ev.subTarget(1, t, 'first 20', { sku: 'sticker', value: 0.2 })])
    expect(result.events[0]).toMatchObject({ idempotencyKey: 'tg9/t1/cust1/cycle1/sub/first%2020' })
  })

  it('subtarget.balance: a balance given before its cycle begins reaches its sub-targets at the cycle\u2019s start', () => {
    const c2 = inCycle(s0, 2)
    given(target, op.enroll(1, start, { period: 'c2', initialBalance: 30 }))
      .when(op.advance(c2))
      .then([ev.subTarget(2, c2, 'first 20', { sku: 'sticker', value: 0.2 })])
  })

  it('subtarget.threshold: a PERCENTAGE threshold is that share of each cycle\u2019s own goal', () => {
    const perCycle = right(
      defineMilestone({
        targetGroupId: 9,
        targetId: 2,
        metric: 'COUNT',
        goal: 4,
        allocation: 'IMMEDIATE',
        cycles: monthlyCycles(2).map((c, i) => (i === 1 ? { ...c, goal: 10 } : c)),
        subTargets: [{ name: 'halfway', trigger: 'PERCENTAGE', value: 50 }],
      }),
    )
    const e = events(perCycle, 1)
    const g = given(perCycle, op.enroll(1, start))
    g.when(op.activity(1, inCycle(s0, 1, 1))).then([])
    const two = given(perCycle, op.enroll(1, start), op.activity(1, inCycle(s0, 1, 1)))
    two.when(op.activity(1, inCycle(s0, 1, 2))).then([e.subTarget(1, inCycle(s0, 1, 2), 'halfway')])
    const c2 = given(
      perCycle,
      op.enroll(1, start),
      ...[1, 2, 3, 4].map((h) => op.activity(1, inCycle(s0, 2, h))),
    )
    c2.when(op.activity(1, inCycle(s0, 2, 5))).then([e.subTarget(2, inCycle(s0, 2, 5), 'halfway')])
  })

  it('subtarget.threshold: an ABSOLUTE threshold above a cycle\u2019s own lower goal is reached after the achievement', () => {
    const low = right(
      defineMilestone({
        targetGroupId: 9,
        targetId: 3,
        metric: 'COUNT',
        goal: 5,
        allocation: 'IMMEDIATE',
        cycles: monthlyCycles(1).map((c) => ({ ...c, goal: 2 })),
        subTargets: [{ name: 'four', trigger: 'ABSOLUTE', value: 4 }],
      }),
    )
    const e = events(low, 1)
    const g = given(low, op.enroll(1, start), op.activity(1, inCycle(s0, 1, 1)))
    g.when(op.activity(1, inCycle(s0, 1, 2))).then([
      e.achieved(1, inCycle(s0, 1, 2)),
      e.issued(1, inCycle(s0, 1, 2), 'IMMEDIATE'),
    ])
    given(low, op.enroll(1, start), ...[1, 2, 3].map((h) => op.activity(1, inCycle(s0, 1, h))))
      .when(op.activity(1, inCycle(s0, 1, 4)))
      .then([e.subTarget(1, inCycle(s0, 1, 4), 'four')])
  })

  it('subtarget.once: never while unenrolled, nor in a new streak epoch', () => {
    const streak = right(
      defineStreak({
        targetGroupId: 9,
        targetId: 4,
        metric: 'COUNT',
        goal: 4,
        streakType: 'CONTINUOUS',
        levels: [1],
        cycles: weeklyCycles(4),
        subTargets: [{ name: 'half', trigger: 'PERCENTAGE', value: 50 }],
      }),
    )
    const e = events(streak, 1)
    const w = given(streak).state
    const g = given(
      streak,
      op.enroll(1, inCycle(w, 1)),
      op.activity(1, inCycle(w, 1, 1)),
      op.activity(1, inCycle(w, 1, 2)),
      op.unenroll(1, inCycle(w, 1, 3)),
    )
    g.when(op.activity(1, inCycle(w, 1, 4))).thenIgnored('NOT_ENROLLED')
    g.when(op.reenroll(1, inCycle(w, 1, 5), { resetStreakStatus: true })).then([
      e.reenrolled(1, inCycle(w, 1, 5)),
      e.reset(1, inCycle(w, 1, 5), 2),
    ])
  })

  it.each([
    [
      [{ name: '', trigger: 'ABSOLUTE', value: 1 }],
      [['subTargets[0].name', 'must be a non-empty string']],
    ],
    [
      [
        { name: 'a', trigger: 'ABSOLUTE', value: 1 },
        { name: 'a', trigger: 'ABSOLUTE', value: 2 },
      ],
      [['subTargets[1].name', "'a' names another sub-target too"]],
    ],
    [
      [{ name: 'a', trigger: 'ABSOLUTE', value: 100 }],
      [['subTargets[0].value', 'must be a number > 0 and below the goal']],
    ],
    [
      [{ name: 'a', trigger: 'PERCENTAGE', value: 100 }],
      [['subTargets[0].value', 'must be a percentage > 0 and < 100']],
    ],
    [
      [{ name: 'a', trigger: 'HALF', value: 1 }],
      [['subTargets[0].trigger', "must be 'ABSOLUTE' or 'PERCENTAGE'"]],
    ],
    [
      Array.from({ length: 11 }, (_, i) => ({ name: `s${i}`, trigger: 'ABSOLUTE', value: 1 })),
      [['subTargets', 'must hold at most 10 sub-targets']],
    ],
  ])('subtarget.definition: %j is refused, naming its path', (subTargets, expected) => {
    expect(
      left(
        defineMilestone({
          ...(milestone() as unknown as MilestoneInput),
          cycles: monthlyCycles(1),
          subTargets,
        } as never),
      ).problems.map((p) => [p.path, p.message]),
    ).toEqual(expected)
  })

  it('subtarget.definition: an ABSOLUTE threshold of a COUNT target is a whole number', () => {
    expect(
      left(
        defineMilestone({
          targetGroupId: 1,
          targetId: 1,
          metric: 'COUNT',
          goal: 5,
          allocation: 'IMMEDIATE',
          cycles: monthlyCycles(1),
          subTargets: [{ name: 'x', trigger: 'ABSOLUTE', value: 2.5 }],
        }),
      ).problems.map((p) => [p.path, p.message]),
    ).toEqual([['subTargets[0].value', 'must be an integer > 0 and below the goal']])
  })

  it('enroll.5: sub-targets a balance reaches on a begun cycle take effect at now', () => {
    const now = at('2026-01-10T00:00:00Z')
    given(target)
      .when(op.enroll(1, now, { initialBalance: 55 }))
      .then([
        ev.enrolled(1, now),
        ev.subTarget(1, now, 'first 20', { sku: 'sticker', value: 0.2 }),
        ev.subTarget(1, now, 'halfway'),
        ev.subTarget(1, now, 'also 50'),
      ])
  })
})
