import { describe, expect, it } from 'vitest'
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
  type EnrolmentState,
  type MilestoneInput,
} from '../src/index.js'
import { at, eventTags, monthlyCycles, right } from './support/fixtures.js'

describe('sub-targets at their exact thresholds', () => {
  /** The events of one purchase of `value` in the only cycle of an IMMEDIATE SUM milestone. */
  const onePurchase = (goal: number, subTargets: MilestoneInput['subTargets'], value: number) => {
    const target = right(
      defineMilestone({
        targetGroupId: 1,
        targetId: 1,
        metric: 'SUM',
        goal,
        allocation: 'IMMEDIATE',
        cycles: monthlyCycles(1),
        subTargets,
      }),
    )
    const s = right(enroll(initialState(target), 1, at('2026-01-02T00:00:00Z'))).state
    return right(recordActivity(s, 1, { at: at('2026-01-03T00:00:00Z'), value })).events
  }

  it('subtarget.threshold: a whole PERCENTAGE threshold is whole even where value × goal is not exact in binary (2.2% of 1500 is 33; 0.56% of 1250 is 7)', () => {
    for (const [goal, pct, threshold] of [
      [1500, 2.2, 33],
      [1250, 0.56, 7],
    ] as const) {
      const events = onePurchase(
        goal,
        [
          { name: 'p', trigger: 'PERCENTAGE', value: pct },
          { name: 'a', trigger: 'ABSOLUTE', value: threshold },
        ],
        threshold,
      )
      // Tied thresholds come in definition order (rule subtarget.order).
      expect(events.flatMap((e) => (e.type === 'SUB_TARGET_REACHED' ? [e.subTarget] : []))).toEqual(
        ['p', 'a'],
      )
    }
  })

  it('subtarget.threshold: a share just below 100% of a goal of many digits is reached by the goal, before its achievement', () => {
    const goal = 123456.78901234567
    const events = onePurchase(
      goal,
      [{ name: 'almost', trigger: 'PERCENTAGE', value: 99.9999999999999 }],
      goal,
    )
    expect(events.map((e) => e.type)).toEqual([
      'SUB_TARGET_REACHED',
      'CYCLE_ACHIEVED',
      'REWARD_ISSUED',
    ])
  })

  it('subtarget.threshold: a PERCENTAGE threshold is exactly value% of the goal (7% of 100 is 7; 14% of 50 is 7)', () => {
    for (const [goal, pct] of [
      [100, 7],
      [50, 14],
      [200, 28],
      [100, 56],
    ] as const) {
      const events = onePurchase(
        goal,
        [{ name: 'p', trigger: 'PERCENTAGE', value: pct }],
        (pct * goal) / 100,
      )
      expect(
        events.map((e) => e.type),
        `${pct}% of ${goal}`,
      ).toEqual(['SUB_TARGET_REACHED'])
    }
  })

  it('subtarget.order: a PERCENTAGE and an ABSOLUTE sub-target of one threshold tie, in definition order', () => {
    const target = right(
      defineMilestone({
        targetGroupId: 1,
        targetId: 1,
        metric: 'COUNT',
        goal: 100,
        allocation: 'IMMEDIATE',
        cycles: monthlyCycles(1),
        subTargets: [
          { name: 'pct7', trigger: 'PERCENTAGE', value: 7 },
          { name: 'abs7', trigger: 'ABSOLUTE', value: 7 },
        ],
      }),
    )
    const r = right(
      enroll(initialState(target), 1, at('2026-01-02T00:00:00Z'), { initialBalance: 7 }),
    )
    expect(r.events.map((e) => (e.type === 'SUB_TARGET_REACHED' ? e.subTarget : e.type))).toEqual([
      'ENROLLED',
      'pct7',
      'abs7',
    ])
  })

  it('subtarget.once: not again in a new streak epoch, even as the progress rises past the threshold again', () => {
    const cycles = right(
      calendarCycles({ start: '2026-01-05', frequency: 'WEEKLY', count: 4, timeZone: 'UTC' }),
    )
    const target = right(
      defineStreak({
        targetGroupId: 1,
        targetId: 1,
        metric: 'COUNT',
        goal: 4,
        streakType: 'CONTINUOUS',
        levels: [1],
        cycles,
        subTargets: [{ name: 'half', trigger: 'PERCENTAGE', value: 50 }],
      }),
    )
    let s: EnrolmentState = right(enroll(initialState(target), 1, at('2026-01-05T00:00:00Z'))).state
    s = right(recordActivity(s, 1, { at: at('2026-01-05T01:00:00Z') })).state
    const half = right(recordActivity(s, 1, { at: at('2026-01-05T02:00:00Z') }))
    expect(half.events.map((e) => e.type)).toEqual(['SUB_TARGET_REACHED'])
    s = right(unenroll(half.state, 1, at('2026-01-05T03:00:00Z'))).state
    s = right(reenroll(s, 1, at('2026-01-05T04:00:00Z'), { resetStreakStatus: true })).state
    const after = [5, 6, 7]
      .map((h) => {
        const r = right(recordActivity(s, 1, { at: new Date(Date.UTC(2026, 0, 5, h)) }))
        s = r.state
        return r.events
      })
      .flat()
    expect(after.filter((e) => e.type === 'SUB_TARGET_REACHED')).toEqual([])
  })

  it('subtarget.once: never while unenrolled — a balance waiting for its cycle reaches nothing while the customer is out', () => {
    const cycles = [
      { refCode: 'a', start: at('2026-01-01T00:00:00Z'), end: at('2026-01-10T00:00:00Z') },
      { refCode: 'b', start: at('2026-01-20T00:00:00Z'), end: at('2026-01-30T00:00:00Z') },
    ]
    const target = right(
      defineMilestone({
        targetGroupId: 1,
        targetId: 1,
        metric: 'SUM',
        goal: 10,
        allocation: 'IMMEDIATE',
        cycles,
        subTargets: [{ name: 's5', trigger: 'ABSOLUTE', value: 5 }],
      }),
    )
    let s = right(
      enroll(initialState(target), 1, at('2026-01-15T00:00:00Z'), { initialBalance: 6 }),
    ).state
    s = right(unenroll(s, 1, at('2026-01-16T00:00:00Z'))).state
    const swept = right(advance(s, at('2026-01-21T00:00:00Z')))
    expect(swept.events).toEqual([])
    const back = right(reenroll(swept.state, 1, at('2026-01-22T00:00:00Z')))
    expect(eventTags(back)).toEqual(['REENROLLED:2', 'SUB_TARGET_REACHED:2'])
    expect(back.events[1]?.at).toEqual(at('2026-01-22T00:00:00Z'))
  })
})
