// The VISIT metric: distinct local days with activity (rules visit.*).
import { describe, expect, it } from 'vitest'
import { defineMilestone, type MilestoneInput } from '../src/index.js'
import { at, left, monthlyCycles, right } from './support/fixtures.js'
import { events, given, op } from './support/specification.js'

const visits = (overrides: Partial<MilestoneInput> = {}) =>
  right(
    defineMilestone({
      targetGroupId: 8,
      targetId: 1,
      name: 'visit us 3 days this month',
      metric: 'VISIT',
      goal: 3,
      allocation: 'IMMEDIATE',
      timeZone: 'Europe/Paris',
      cycles: monthlyCycles(4),
      ...overrides,
    }),
  )

describe('VISIT', () => {
  const target = visits()
  const ev = events(target, 1)
  const enrolled = at('2026-03-01T00:00:00Z')

  it('visit.local-date: two activities of one local day are one visit; 00:30 local the next day is another (Europe/Paris, DST day)', () => {
    const s = given(
      target,
      op.enroll(1, enrolled),
      op.activity(1, at('2026-03-29T08:00:00Z')),
      op.activity(1, at('2026-03-29T21:30:00Z')),
    )
    expect(s.enrolment(1).progress).toEqual([
      expect.objectContaining({ cycle: 3, value: 1, visits: ['2026-03-29'] }),
    ])
    const next = given(
      target,
      op.enroll(1, enrolled),
      op.activity(1, at('2026-03-29T08:00:00Z')),
      op.activity(1, at('2026-03-29T21:30:00Z')),
      op.activity(1, at('2026-03-29T22:30:00Z')),
    )
    expect(next.enrolment(1).progress[0]).toMatchObject({
      value: 2,
      visits: ['2026-03-29', '2026-03-30'],
    })
  })

  it('visit.distinct-days: a second activity on a counted date is counted (it settles the customer) but adds nothing', () => {
    const s = given(target, op.enroll(1, enrolled), op.activity(1, at('2026-03-02T10:00:00Z')))
    const t = s.when(op.activity(1, at('2026-03-02T11:00:00Z'))).then([])
    expect(t.state).not.toBe(s.state)
    expect(
      given(
        target,
        op.enroll(1, enrolled),
        op.activity(1, at('2026-03-02T10:00:00Z')),
        op.activity(1, at('2026-03-02T11:00:00Z')),
      ).enrolment(1),
    ).toMatchObject({
      settledAt: at('2026-03-02T11:00:00Z'),
      progress: [expect.objectContaining({ value: 1 })],
    })
  })

  it('visit.distinct-days: the third distinct day achieves the cycle, in any order of arrival', () => {
    given(
      target,
      op.enroll(1, enrolled),
      op.activity(1, at('2026-03-10T10:00:00Z')),
      op.activity(1, at('2026-03-03T10:00:00Z')),
      op.activity(1, at('2026-03-10T12:00:00Z')),
    )
      .when(op.activity(1, at('2026-03-05T09:00:00Z')))
      .then([
        ev.achieved(3, at('2026-03-05T09:00:00Z')),
        ev.issued(3, at('2026-03-05T09:00:00Z'), 'IMMEDIATE'),
      ])
  })

  it('visit.balance: a balance adds to the distinct days counted after it', () => {
    given(target, op.enroll(1, enrolled, { initialBalance: 2 }))
      .when(op.activity(1, at('2026-03-04T10:00:00Z')))
      .then([
        ev.achieved(3, at('2026-03-04T10:00:00Z')),
        ev.issued(3, at('2026-03-04T10:00:00Z'), 'IMMEDIATE'),
      ])
  })

  it('visit.balance: a balance that replaces the progress on re-enrolment forgets the dates counted before it', () => {
    const s = given(
      target,
      op.enroll(1, enrolled),
      op.activity(1, at('2026-03-04T10:00:00Z')),
      op.unenroll(1, at('2026-03-05T00:00:00Z')),
      op.reenroll(1, at('2026-03-06T00:00:00Z'), { initialBalance: 1 }),
    )
    expect(s.enrolment(1).progress[0]).toMatchObject({ value: 1, visits: [] })
    // The date counted before the balance counts again after it.
    const again = given(
      target,
      op.enroll(1, enrolled),
      op.activity(1, at('2026-03-04T10:00:00Z')),
      op.unenroll(1, at('2026-03-05T00:00:00Z')),
      op.reenroll(1, at('2026-03-06T00:00:00Z'), { initialBalance: 1 }),
      op.activity(1, at('2026-03-06T10:00:00Z')),
    )
    expect(again.enrolment(1).progress[0]).toMatchObject({ value: 2, visits: ['2026-03-06'] })
  })

  it('visit.state: the days of a closed cycle are not kept', () => {
    const s = given(
      target,
      op.enroll(1, enrolled),
      op.activity(1, at('2026-03-04T10:00:00Z')),
      op.advance(at('2026-04-02T00:00:00Z')),
    )
    expect(s.enrolment(1).progress).toEqual([])
  })

  it('input.balance: a VISIT balance is a whole number; a VISIT target needs a time zone and a whole goal', () => {
    given(target)
      .when(op.enroll(1, enrolled, { initialBalance: 1.5 }))
      .thenRefused(300004, 'options.initialBalance')
    expect(
      left(
        defineMilestone({
          targetGroupId: 8,
          targetId: 1,
          metric: 'VISIT',
          goal: 2.5,
          allocation: 'IMMEDIATE',
          cycles: monthlyCycles(1),
        }),
      ).problems.map((p) => p.path),
    ).toEqual(['goal', 'timeZone'])
  })

  it('activity.value: a VISIT activity counts once whatever its value; a given value must be finite ≥ 0', () => {
    given(target, op.enroll(1, enrolled))
      .when(op.activity(1, at('2026-03-04T10:00:00Z'), -1))
      .thenRefused(300004, 'activity.value')
    expect(
      given(
        target,
        op.enroll(1, enrolled),
        op.activity(1, at('2026-03-04T10:00:00Z'), 40),
      ).enrolment(1).progress[0]?.value,
    ).toBe(1)
  })
})
