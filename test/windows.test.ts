// Windows: whose cycles, and when they start (rules window.*).
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  cyclesOf,
  defineMilestone,
  defineStreak,
  type MilestoneInput,
  type StreakInput,
} from '../src/index.js'
import { at, left, right } from './support/fixtures.js'
import { events, given, op } from './support/specification.js'

const DAY = 86_400_000
const t = (iso: string) => at(iso)
const plus = (date: Date, ms: number) => new Date(date.getTime() + ms)

const cyclic = (overrides: Partial<MilestoneInput> = {}) =>
  right(
    defineMilestone({
      targetGroupId: 5,
      targetId: 1,
      name: '30-day challenge',
      metric: 'COUNT',
      goal: 3,
      allocation: 'IMMEDIATE',
      window: { type: 'CYCLIC', frequency: { everyDays: 30 }, count: 3 },
      timeZone: 'UTC',
      ...overrides,
    }),
  )

const agnostic = (overrides: Partial<MilestoneInput> = {}) =>
  right(
    defineMilestone({
      targetGroupId: 6,
      targetId: 1,
      name: 'coffee card',
      metric: 'COUNT',
      goal: 3,
      allocation: 'IMMEDIATE',
      window: { type: 'PERIOD_AGNOSTIC', maxCycles: 2 },
      ...overrides,
    }),
  )

describe('window.cyclic', () => {
  const target = cyclic()
  const ev = events(target, 1)
  const enrolled = t('2026-03-01T10:00:00Z')

  it('window.unanchored: before anchoring, ENROLLED carries cycle 1 and no cycle is known', () => {
    const g = given(target)
    g.when(op.enroll(1, enrolled)).then([ev.enrolled(1, enrolled)])
    const s = given(target, op.enroll(1, enrolled))
    expect(cyclesOf(s.state, 1)).toEqual([])
    expect(s.enrolment(1)).toMatchObject({ startCycle: 1, anchor: { _tag: 'None' } })
  })

  it('window.cyclic: the first counted activity anchors cycle 1 at the start of its local day, the next cycles stepped from it', () => {
    const s = given(target, op.enroll(1, enrolled), op.activity(1, t('2026-03-05T08:00:00Z')))
    expect(cyclesOf(s.state, 1)).toEqual([
      { index: 1, start: t('2026-03-05T00:00:00Z'), end: t('2026-04-04T00:00:00Z') },
      { index: 2, start: t('2026-04-04T00:00:00Z'), end: t('2026-05-04T00:00:00Z') },
      { index: 3, start: t('2026-05-04T00:00:00Z'), end: t('2026-06-03T00:00:00Z') },
    ])
    expect(s.enrolment(1).anchor).toEqual({ _tag: 'Some', value: t('2026-03-05T00:00:00Z') })
  })

  it('window.cyclic: local days in the target zone, across a DST change (Europe/Paris)', () => {
    const paris = cyclic({ timeZone: 'Europe/Paris' })
    const s = given(paris, op.enroll(1, enrolled), op.activity(1, t('2026-03-05T08:00:00Z')))
    // Local midnight of 5 March is 23:00Z the day before (UTC+1); thirty local days later the
    // clocks have gone forward (UTC+2), so cycle 2 starts at 22:00Z.
    expect(cyclesOf(s.state, 1).slice(0, 2)).toEqual([
      { index: 1, start: t('2026-03-04T23:00:00Z'), end: t('2026-04-03T22:00:00Z') },
      { index: 2, start: t('2026-04-03T22:00:00Z'), end: t('2026-05-03T22:00:00Z') },
    ])
  })

  it('window.cyclic: the goal reached within the customer\u2019s own cycle achieves it', () => {
    given(
      target,
      op.enroll(1, enrolled),
      op.activity(1, t('2026-03-05T08:00:00Z')),
      op.activity(1, t('2026-03-20T08:00:00Z')),
    )
      .when(op.activity(1, t('2026-04-03T23:00:00Z')))
      .then([
        ev.achieved(1, t('2026-04-03T23:00:00Z')),
        ev.issued(1, t('2026-04-03T23:00:00Z'), 'IMMEDIATE'),
      ])
  })

  it('window.anchor: a later-arriving activity with an earlier at never moves the anchor: OUTSIDE_CYCLES', () => {
    given(target, op.enroll(1, enrolled), op.activity(1, t('2026-03-05T08:00:00Z')))
      .when(op.activity(1, t('2026-03-03T08:00:00Z')))
      .thenIgnored('OUTSIDE_CYCLES')
  })

  it('window.anchor: activity before the enrolment does not count, and does not anchor', () => {
    given(target, op.enroll(1, enrolled))
      .when(op.activity(1, t('2026-03-01T09:00:00Z')))
      .thenIgnored('NOT_ENROLLED')
  })

  it('window.anchor: an activity whose cycle 1 would already be closed does not anchor (CYCLE_CLOSED)', () => {
    const daily = cyclic({ window: { type: 'CYCLIC', frequency: 'DAILY', count: 5 } })
    given(daily, op.enroll(1, t('2026-03-01T09:00:00Z')), op.advance(t('2026-03-03T00:00:00Z')))
      .when(op.activity(1, t('2026-03-01T10:00:00Z')))
      .thenIgnored('CYCLE_CLOSED')
  })

  it('window.anchor: unenrolment and re-enrolment never move the anchor', () => {
    const s = given(
      target,
      op.enroll(1, enrolled),
      op.activity(1, t('2026-03-05T08:00:00Z')),
      op.unenroll(1, t('2026-03-10T00:00:00Z')),
      op.reenroll(1, t('2026-04-10T00:00:00Z'), { resetStreakStatus: false }),
      op.activity(1, t('2026-04-11T00:00:00Z')),
    )
    expect(s.enrolment(1)).toMatchObject({
      startCycle: 2,
      anchor: { _tag: 'Some', value: t('2026-03-05T00:00:00Z') },
    })
  })

  it('window.unanchored: an unenrolment before anchoring takes effect from cycle 1; a re-enrolment waits for an anchoring activity again', () => {
    given(target, op.enroll(1, enrolled))
      .when(op.unenroll(1, t('2026-03-02T00:00:00Z')))
      .then([ev.unenrolled(1, t('2026-03-02T00:00:00Z'))])
    const s = given(
      target,
      op.enroll(1, enrolled),
      op.unenroll(1, t('2026-03-02T00:00:00Z')),
      op.reenroll(1, t('2026-03-03T00:00:00Z')),
    )
    expect(cyclesOf(s.state, 1)).toEqual([])
    s.when(op.activity(1, t('2026-03-04T12:00:00Z'))).then([])
  })

  it('window.anchor-balance: an initialBalance anchors the customer at now and is cycle 1\u2019s progress', () => {
    const now = t('2026-03-01T10:00:00Z')
    given(target)
      .when(op.enroll(1, now, { initialBalance: 3 }))
      .then([ev.enrolled(1, now), ev.achieved(1, now), ev.issued(1, now, 'IMMEDIATE')])
    const s = given(target, op.enroll(1, now, { initialBalance: 2 }))
    expect(cyclesOf(s.state, 1)[0]).toEqual({
      index: 1,
      start: t('2026-03-01T00:00:00Z'),
      end: t('2026-03-31T00:00:00Z'),
    })
    expect(s.enrolment(1).progress.map((p) => [p.cycle, p.value])).toEqual([[1, 2]])
  })

  it('window.cyclic: after the customer\u2019s last cycle has ended, OUTSIDE_CYCLES and 310019', () => {
    const s = given(target, op.enroll(1, enrolled), op.activity(1, t('2026-03-05T08:00:00Z')))
    const after = t('2026-06-03T00:00:00Z')
    s.when(op.activity(1, after)).thenIgnored('OUTSIDE_CYCLES')
    s.when(op.unenroll(1, after)).thenRefused(310019)
    given(
      target,
      op.enroll(1, enrolled),
      op.activity(1, t('2026-03-05T08:00:00Z')),
      op.unenroll(1, t('2026-03-06T00:00:00Z')),
    )
      .when(op.reenroll(1, after))
      .thenRefused(310019)
  })

  it('window.period-fixed-only: a period given for a CYCLIC window is 310019', () => {
    given(target)
      .when(op.enroll(1, enrolled, { period: '2026-03-05' }))
      .thenRefused(310019)
  })

  it('settle.period-end: a PERIOD_END reward is issued at the end of the customer\u2019s own cycle', () => {
    const periodEnd = cyclic({ allocation: 'PERIOD_END', goal: 1 })
    const e = events(periodEnd, 1)
    given(periodEnd, op.enroll(1, enrolled), op.activity(1, t('2026-03-05T08:00:00Z')))
      .when(op.advance(t('2026-04-05T00:00:00Z')))
      .then([e.issued(1, t('2026-04-04T00:00:00Z'), 'PERIOD_END')])
  })

  it('settle.continuous-break: a CYCLIC streak breaks at the end of the customer\u2019s own unachieved cycle', () => {
    const streak = right(
      defineStreak({
        targetGroupId: 7,
        targetId: 1,
        metric: 'COUNT',
        goal: 1,
        streakType: 'CONTINUOUS',
        levels: [2, 3],
        window: { type: 'CYCLIC', frequency: 'WEEKLY', count: 4 },
        timeZone: 'UTC',
      }),
    )
    const e = events(streak, 1)
    const first = t('2026-03-04T10:00:00Z')
    given(streak, op.enroll(1, enrolled), op.activity(1, first))
      .when(op.advance(t('2026-03-19T00:00:00Z')))
      .then([e.broken(2, t('2026-03-18T00:00:00Z'), 1)])
  })
})

describe('window.agnostic', () => {
  const target = agnostic()
  const ev = events(target, 1)
  const enrolled = t('2026-03-01T10:00:00Z')
  const a = (hours: number) => plus(enrolled, hours * 3_600_000)

  it('window.agnostic: the activity that reaches the goal ends the cycle, and the next starts at its at', () => {
    const s = given(target, op.enroll(1, enrolled), op.activity(1, a(1)), op.activity(1, a(2)))
    s.when(op.activity(1, a(3))).then([ev.achieved(1, a(3)), ev.issued(1, a(3), 'IMMEDIATE')])
    const after = given(
      target,
      op.enroll(1, enrolled),
      op.activity(1, a(1)),
      op.activity(1, a(2)),
      op.activity(1, a(3)),
    )
    expect(cyclesOf(after.state, 1)).toEqual([
      { index: 1, start: a(1), end: a(3) },
      { index: 2, start: a(3) },
    ])
    // The next activity, even at the same instant, counts in the next cycle.
    const same = given(
      target,
      op.enroll(1, enrolled),
      op.activity(1, a(1)),
      op.activity(1, a(2)),
      op.activity(1, a(3)),
      op.activity(1, a(3)),
    )
    expect(same.enrolment(1).progress.map((p) => [p.cycle, p.value])).toEqual([[2, 1]])
  })

  it('window.agnostic: an activity before the open cycle\u2019s start is CYCLE_CLOSED; before cycle 1, OUTSIDE_CYCLES', () => {
    const s = given(
      target,
      op.enroll(1, enrolled),
      op.activity(1, a(2)),
      op.activity(1, a(3)),
      op.activity(1, a(4)),
    )
    s.when(op.activity(1, a(3))).thenIgnored('CYCLE_CLOSED')
    s.when(op.activity(1, a(1))).thenIgnored('OUTSIDE_CYCLES')
  })

  it('window.agnostic-no-carry: the part of a value beyond the goal is dropped', () => {
    const sum = agnostic({ metric: 'SUM', goal: 10 })
    const s = given(sum, op.enroll(1, enrolled), op.activity(1, a(1), 25), op.activity(1, a(2), 1))
    expect(s.enrolment(1).progress.map((p) => [p.cycle, p.value])).toEqual([[2, 1]])
  })

  it('window.agnostic: after maxCycles, no open cycle — OUTSIDE_CYCLES after the last end, CYCLE_CLOSED before, unenroll 310019', () => {
    const s = given(
      target,
      op.enroll(1, enrolled),
      ...[1, 2, 3, 4, 5, 6].map((h) => op.activity(1, a(h))),
    )
    expect(cyclesOf(s.state, 1)).toEqual([
      { index: 1, start: a(1), end: a(3) },
      { index: 2, start: a(3), end: a(6) },
    ])
    s.when(op.activity(1, a(7))).thenIgnored('OUTSIDE_CYCLES')
    s.when(op.activity(1, a(5))).thenIgnored('CYCLE_CLOSED')
    s.when(op.unenroll(1, a(8))).thenRefused(310019)
    s.when(op.reenroll(1, a(8))).thenRefused(310119)
  })

  it('window.agnostic: a balance that reaches the goal by itself ends its cycle at the instant it starts', () => {
    given(target)
      .when(op.enroll(1, enrolled, { initialBalance: 3 }))
      .then([
        ev.enrolled(1, enrolled),
        ev.achieved(1, enrolled),
        ev.issued(1, enrolled, 'IMMEDIATE'),
      ])
    const s = given(target, op.enroll(1, enrolled, { initialBalance: 3 }))
    expect(cyclesOf(s.state, 1)).toEqual([
      { index: 1, start: enrolled, end: enrolled },
      { index: 2, start: enrolled },
    ])
  })

  it('window.agnostic: the unenrolment cycle is the open cycle, and a re-enrolment resumes its frozen progress', () => {
    const s = given(
      target,
      op.enroll(1, enrolled),
      ...[1, 2, 3, 4].map((h) => op.activity(1, a(h))),
    )
    s.when(op.unenroll(1, a(5))).then([ev.unenrolled(2, a(5))])
    const back = given(
      target,
      op.enroll(1, enrolled),
      ...[1, 2, 3, 4].map((h) => op.activity(1, a(h))),
      op.unenroll(1, a(5)),
      op.activity(1, a(6)),
    )
    back.when(op.reenroll(1, a(7))).then([ev.reenrolled(2, a(7))])
    expect(
      given(
        target,
        op.enroll(1, enrolled),
        ...[1, 2, 3, 4].map((h) => op.activity(1, a(h))),
        op.unenroll(1, a(5)),
        op.reenroll(1, a(7)),
      )
        .enrolment(1)
        .progress.map((p) => [p.cycle, p.value]),
    ).toEqual([[2, 1]])
  })

  it('window.period-fixed-only: a period given for a PERIOD_AGNOSTIC window is 310019', () => {
    given(target)
      .when(op.enroll(1, enrolled, { period: 'c1' }))
      .thenRefused(310019)
  })
})

describe('window definitions', () => {
  const base = {
    targetGroupId: 1,
    targetId: 1,
    metric: 'COUNT' as const,
    goal: 3,
    allocation: 'IMMEDIATE' as const,
  }
  const problems = (input: unknown) =>
    left(defineMilestone(input as MilestoneInput)).problems.map((p) => [p.path, p.message])
  const streakProblems = (input: unknown) =>
    left(defineStreak(input as StreakInput)).problems.map((p) => [p.path, p.message])

  it.each([
    [
      'a window of no known type',
      { ...base, window: { type: 'ROLLING' } },
      [['window.type', "must be 'FIXED', 'CYCLIC' or 'PERIOD_AGNOSTIC'"]],
    ],
    [
      'a CYCLIC window without a frequency or a count',
      { ...base, timeZone: 'UTC', window: { type: 'CYCLIC', count: 0 } },
      [
        [
          'window.frequency',
          'must be one of DAILY, WEEKLY, MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY or { everyDays: a positive integer }',
        ],
        ['window.count', 'must be an integer from 1 to 100'],
      ],
    ],
    [
      'a CYCLIC window without a time zone',
      { ...base, window: { type: 'CYCLIC', frequency: 'DAILY', count: 3 } },
      [['timeZone', 'is required by a CYCLIC window (its local days)']],
    ],
    [
      'cycles given with a per-customer window',
      {
        ...base,
        window: { type: 'PERIOD_AGNOSTIC', maxCycles: 3 },
        cycles: [{ refCode: 'c1', start: new Date(0), end: new Date(DAY) }],
      },
      [
        [
          'cycles',
          'must not be given for a PERIOD_AGNOSTIC window: each customer has their own cycles',
        ],
      ],
    ],
    [
      'a PERIOD_AGNOSTIC window of 101 cycles',
      { ...base, window: { type: 'PERIOD_AGNOSTIC', maxCycles: 101 } },
      [['window.maxCycles', 'must be an integer from 1 to 100']],
    ],
    [
      'a PERIOD_END milestone in a PERIOD_AGNOSTIC window',
      { ...base, allocation: 'PERIOD_END', window: { type: 'PERIOD_AGNOSTIC', maxCycles: 3 } },
      [['allocation', "must be 'IMMEDIATE' for a PERIOD_AGNOSTIC window"]],
    ],
    [
      'grace days in a PERIOD_AGNOSTIC window',
      { ...base, graceDays: 2, window: { type: 'PERIOD_AGNOSTIC', maxCycles: 3 } },
      [['graceDays', 'must be 0 for a PERIOD_AGNOSTIC window']],
    ],
    [
      'a FIXED window without cycles',
      { ...base, window: { type: 'FIXED' } },
      [['cycles', 'must be an array of cycles']],
    ],
  ])('window.*: %s is refused, naming its path', (_, input, expected) => {
    expect(problems(input)).toEqual(expected)
  })

  it('window.agnostic: a streak cannot have a PERIOD_AGNOSTIC window; a CYCLIC streak\u2019s levels are at most its count', () => {
    const streak = {
      targetGroupId: 1,
      targetId: 1,
      metric: 'COUNT',
      goal: 1,
      streakType: 'CONTINUOUS',
      levels: [2, 5],
      timeZone: 'UTC',
    }
    expect(
      streakProblems({ ...streak, window: { type: 'PERIOD_AGNOSTIC', maxCycles: 9 } }),
    ).toEqual([['window.type', "must be 'FIXED' or 'CYCLIC' for a streak"]])
    expect(
      streakProblems({ ...streak, window: { type: 'CYCLIC', frequency: 'WEEKLY', count: 4 } }),
    ).toEqual([['levels[1]', 'must be at most the number of cycles (4)']])
    expect(
      E.isRight(
        defineStreak({
          ...streak,
          window: { type: 'CYCLIC', frequency: 'WEEKLY', count: 5 },
        } as StreakInput),
      ),
    ).toBe(true)
  })

  it('window.cyclic: the frequency is the definition\u2019s own copy', () => {
    const frequency = { everyDays: 7 }
    const target = cyclic({ window: { type: 'CYCLIC', frequency, count: 2 } })
    frequency.everyDays = 1
    expect(target.window).toEqual({ type: 'CYCLIC', frequency: { everyDays: 7 }, count: 2 })
  })
})
