// Enrolment (rules enroll.*).
import * as O from 'fp-ts/lib/Option.js'
import { describe, expect, it } from 'vitest'
import {
  defineMilestone,
  enroll,
  enrolmentOf,
  initialState,
  recordActivity,
  unenroll,
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

const state0 = () => initialState(milestoneABC('IMMEDIATE'))
const ev = () => eventsOf(state0().target, 7)

describe('enroll', () => {
  it('enroll.3, enroll.6: emits ENROLLED with the cycle holding now as the start cycle', () => {
    const t = right(enroll(state0(), 7, inCycle(state0(), 2, 5)))
    expect(t.events).toEqual([ev().enrolled(2, inCycle(state0(), 2, 5))])
    expect(t.warnings).toEqual([])
    expect(enrolment(t.state, 7)).toEqual({
      status: 'ENROLLED',
      customerId: 7,
      version: 1,
      startCycle: 2,
      since: inCycle(state0(), 2, 5),
      settledAt: inCycle(state0(), 2, 5),
      settledCycles: 1,
      progress: [],
      streak: O.none,
    })
    // rule time.watermark: only advance moves the watermark.
    expect(t.state.watermark).toEqual(O.none)
  })

  it('enroll.3: starts at the cycle named by period, which may be a later one', () => {
    const t = right(enroll(state0(), 7, inCycle(state0(), 1, 5), { period: 'c3' }))
    expect(t.events).toEqual([ev().enrolled(3, inCycle(state0(), 1, 5))])
    expect(enrolment(t.state, 7)).toMatchObject({ status: 'ENROLLED', startCycle: 3 })
  })

  it('enroll.3: before the first cycle, starts at the next cycle to start', () => {
    const t = right(enroll(state0(), 7, at('2025-12-20T00:00:00Z')))
    expect(t.events).toEqual([ev().enrolled(1, at('2025-12-20T00:00:00Z'))])
  })

  it('enroll.3: in a gap between cycles, starts at the next cycle to start', () => {
    const gapped = initialState(
      right(
        defineMilestone({
          targetGroupId: 101,
          targetId: 1,
          metric: 'COUNT',
          goal: 1,
          allocation: 'IMMEDIATE',
          cycles: [
            { refCode: 'a', start: at('2026-01-01T00:00:00Z'), end: at('2026-01-10T00:00:00Z') },
            { refCode: 'b', start: at('2026-01-20T00:00:00Z'), end: at('2026-01-30T00:00:00Z') },
          ],
        }),
      ),
    )
    const t = right(enroll(gapped, 7, at('2026-01-15T00:00:00Z')))
    expect(t.events).toEqual([ev().enrolled(2, at('2026-01-15T00:00:00Z'))])
  })

  it('enroll.3, time.half-open: at an instant equal to a cycle end, starts at the next cycle', () => {
    const t = right(enroll(state0(), 7, cycleOf(state0(), 1).end))
    expect(t.events).toEqual([ev().enrolled(2, cycleOf(state0(), 1).end)])
  })

  it('enroll.1: refuses an already enrolled customer with 310119 and changes nothing', () => {
    const once = right(enroll(state0(), 7, inCycle(state0(), 1)))
    const error = left(enroll(once.state, 7, inCycle(state0(), 1, 1)))
    expect(error.code).toBe(310119)
    expect(error.field).toBe('customerId')
  })

  it('enroll.2: re-enrols an unenrolled customer, as reenroll with resetStreakStatus false', () => {
    const { state } = play(
      state0(),
      (s) => enroll(s, 7, inCycle(s, 1)),
      (s) => unenroll(s, 7, inCycle(s, 1, 10)),
    )
    const t = right(enroll(state, 7, inCycle(state0(), 2)))
    expect(t.events).toEqual([ev().reenrolled(2, inCycle(state0(), 2))])
    expect(enrolment(t.state, 7)).toMatchObject({ status: 'ENROLLED', startCycle: 2, version: 3 })
  })

  it('enroll.2: re-enrols an unenrolled customer with the same period and initialBalance', () => {
    const { state } = play(
      state0(),
      (s) => enroll(s, 7, inCycle(s, 1)),
      (s) => unenroll(s, 7, inCycle(s, 1, 10)),
    )
    const t = right(enroll(state, 7, inCycle(state0(), 1, 11), { period: 'c2', initialBalance: 5 }))
    expect(t.events).toEqual([ev().reenrolled(2, inCycle(state0(), 1, 11))])
    expect(enrolment(t.state, 7)).toMatchObject({
      status: 'ENROLLED',
      startCycle: 2,
      progress: [{ cycle: 2, value: 5, achievedAt: O.none, rewarded: false }],
    })
  })

  it('enroll.3: refuses an unknown period, a period that has ended, and a time after the last cycle with 310019', () => {
    expect(left(enroll(state0(), 7, inCycle(state0(), 1), { period: 'c9' })).code).toBe(310019)
    const error = left(enroll(state0(), 7, inCycle(state0(), 3), { period: 'c2' }))
    expect(error).toMatchObject({ code: 310019, field: 'options.period' })
    expect(left(enroll(state0(), 7, cycleOf(state0(), 5).end)).code).toBe(310019)
  })

  it.each([0, -1, 1.5, Number.NaN, Infinity, 2 ** 53, '7', null, undefined])(
    'input.customer-id: refuses customerId %s with 310011',
    (customerId) => {
      const error = left(enroll(state0(), customerId as number, inCycle(state0(), 1)))
      expect(error).toMatchObject({ code: 310011, field: 'customerId' })
    },
  )

  it('input.order: checks the customer id before the date (input is checked in order, before state)', () => {
    expect(left(enroll(state0(), -1, new Date(Number.NaN))).code).toBe(310011)
  })

  it.each([
    ['an Invalid Date now', { now: new Date(Number.NaN) }, 'now'],
    ['a negative initialBalance', { options: { initialBalance: -1 } }, 'options.initialBalance'],
    ['a NaN initialBalance', { options: { initialBalance: Number.NaN } }, 'options.initialBalance'],
    [
      'an infinite initialBalance',
      { options: { initialBalance: Infinity } },
      'options.initialBalance',
    ],
    ['an empty period', { options: { period: '' } }, 'options.period'],
    ['a numeric period', { options: { period: 3 } }, 'options.period'],
  ])('input.instant, input.options: refuses %s with 300004 naming the field', (_, input, field) => {
    const now = 'now' in input ? input.now : inCycle(state0(), 1)
    const options = 'options' in input ? input.options : undefined
    const error = left(enroll(state0(), 7, now, options as never))
    expect(error).toMatchObject({ code: 300004, field })
  })

  it('input.order: checks input before state: an already enrolled customer with a bad balance gets 300004', () => {
    const once = right(enroll(state0(), 7, inCycle(state0(), 1)))
    expect(left(enroll(once.state, 7, inCycle(state0(), 1), { initialBalance: -5 })).code).toBe(
      300004,
    )
  })

  it('enroll.4, activity.counts-when: does not count activity before the enrolment instant', () => {
    const { state } = play(state0(), (s) => enroll(s, 7, inCycle(s, 1, 10)))
    const t = right(recordActivity(state, 7, { at: inCycle(state0(), 1, 9) }))
    expect(t.state).toBe(state)
    expect(t.warnings.map((w) => w.code)).toEqual(['NOT_ENROLLED'])
  })

  it('enroll.4, activity.warning-order: does not count activity in cycles before a later start cycle', () => {
    const { state } = play(state0(), (s) => enroll(s, 7, inCycle(s, 1), { period: 'c3' }))
    const t = right(recordActivity(state, 7, { at: inCycle(state0(), 2, 1) }))
    expect(t.state).toBe(state)
    expect(t.warnings.map((w) => w.code)).toEqual(['NOT_ENROLLED'])
  })

  describe('initialBalance', () => {
    it('starts the start cycle progress at the balance', () => {
      const t = right(enroll(state0(), 7, inCycle(state0(), 1), { initialBalance: 3 }))
      expect(t.events).toEqual([ev().enrolled(1, inCycle(state0(), 1))])
      expect(enrolment(t.state, 7).progress).toEqual([
        { cycle: 1, value: 3, achievedAt: O.none, rewarded: false },
      ])
    })

    it('reaching the goal this way achieves the cycle at now (IMMEDIATE: rewarded at now)', () => {
      const now = inCycle(state0(), 1, 2)
      const t = right(enroll(state0(), 7, now, { initialBalance: 5 }))
      expect(t.events).toEqual([
        ev().enrolled(1, now),
        ev().achieved(1, now),
        ev().issued(1, now, 'IMMEDIATE'),
      ])
    })

    it("reaching the goal for a start cycle not yet begun achieves it at the cycle's start", () => {
      const now = inCycle(state0(), 1, 2)
      const t = right(enroll(state0(), 7, now, { initialBalance: 5, period: 'c2' }))
      expect(t.events).toEqual([ev().enrolled(2, now)])
      const later = right(recordActivity(t.state, 7, { at: inCycle(state0(), 2, 3) }))
      expect(later.events).toEqual([
        ev().achieved(2, cycleOf(state0(), 2).start),
        ev().issued(2, cycleOf(state0(), 2).start, 'IMMEDIATE'),
      ])
    })

    it('a start cycle left before it began is never achieved by its balance', () => {
      const { state, events } = play(
        state0(),
        (s) => enroll(s, 7, inCycle(s, 1, 2), { initialBalance: 5, period: 'c2' }),
        (s) => unenroll(s, 7, inCycle(s, 1, 3)),
      )
      expect(events).toEqual([
        ev().enrolled(2, inCycle(state0(), 1, 2)),
        ev().unenrolled(1, inCycle(state0(), 1, 3)),
      ])
      expect(enrolment(state, 7).progress).toEqual([])
    })

    it('is ignored with a warning for a streak', () => {
      const streak = initialState(streakXYZ())
      const t = right(enroll(streak, 7, inCycle(streak, 1), { initialBalance: 3 }))
      expect(t.warnings.map((w) => w.code)).toEqual(['INITIAL_BALANCE_IGNORED'])
      expect(enrolment(t.state, 7)).toMatchObject({ progress: [] })
    })
  })

  it('gives a streak customer epoch 1, count 0 and no level', () => {
    const streak = initialState(streakXYZ())
    const t = right(enroll(streak, 7, inCycle(streak, 1)))
    expect(enrolment(t.state, 7).streak).toEqual(O.some({ epoch: 1, count: 0, achievedLevels: [] }))
  })

  it('leaves other customers as they were', () => {
    const { state } = play(
      state0(),
      (s) => enroll(s, 1, inCycle(s, 1)),
      (s) => enroll(s, 2, inCycle(s, 1)),
    )
    expect(enrolmentOf(state, 3)).toEqual(O.none)
    expect(enrolment(state, 1).customerId).toBe(1)
    expect(enrolment(state, 2).customerId).toBe(2)
  })
})
