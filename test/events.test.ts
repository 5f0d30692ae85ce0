// rules event.fields, event.order, event.key: event fields, ordering, and idempotency keys.
import { describe, expect, it } from 'vitest'
import { advance, enroll, initialState, recordActivity, unenroll } from '../src/index.js'
import { cycleOf, inCycle, milestoneABC, play, right } from './support/fixtures.js'

describe('events', () => {
  it('event.fields: carry type, customerId, targetGroupId, targetId, at and cycle; rewards their allocation and key', () => {
    const start = initialState(milestoneABC('IMMEDIATE', { goal: 1 }))
    const { events } = play(
      start,
      (s) => enroll(s, 5, inCycle(s, 1)),
      (s) => recordActivity(s, 5, { at: inCycle(s, 1, 1) }),
    )
    expect(events[2]).toEqual({
      type: 'REWARD_ISSUED',
      customerId: 5,
      targetGroupId: 101,
      targetId: 1,
      at: inCycle(start, 1, 1),
      cycle: 1,
      allocation: 'IMMEDIATE',
      idempotencyKey: 'tg101/t1/cust5/cycle1',
    })
  })

  it('event.order: in one result are ordered by at, ties in the order they arose', () => {
    const start = initialState(milestoneABC('PERIOD_END', { goal: 1 }))
    const { state } = play(
      start,
      (s) => enroll(s, 5, inCycle(s, 1)),
      (s) => recordActivity(s, 5, { at: inCycle(s, 1, 1) }),
    )
    // The unenrolment is computed after settlement but takes effect later: settlement comes first.
    const t = right(unenroll(state, 5, cycleOf(start, 1).end))
    expect(t.events.map((e) => [e.type, e.at])).toEqual([
      ['REWARD_ISSUED', cycleOf(start, 1).end],
      ['UNENROLLED', cycleOf(start, 1).end],
    ])
  })

  it('event.key: give the same idempotency key to the same reward however and whenever it was reached', () => {
    const start = initialState(milestoneABC('IMMEDIATE', { goal: 2 }))
    const byActivity = play(
      start,
      (s) => enroll(s, 5, inCycle(s, 2)),
      (s) => recordActivity(s, 5, { at: inCycle(s, 2, 1) }),
      (s) => recordActivity(s, 5, { at: inCycle(s, 2, 9) }),
    ).events.find((e) => e.type === 'REWARD_ISSUED')
    const byBalance = right(
      enroll(start, 5, inCycle(start, 2, 3), { initialBalance: 2 }),
    ).events.find((e) => e.type === 'REWARD_ISSUED')
    expect(byActivity?.idempotencyKey).toBe('tg101/t1/cust5/cycle2')
    expect(byBalance?.idempotencyKey).toBe(byActivity?.idempotencyKey)
    expect(byBalance?.at).not.toEqual(byActivity?.at)
  })

  it('event.key: give different keys to different cycles, customers and target groups', () => {
    const a = milestoneABC('PERIOD_END', { goal: 1 })
    const { events } = play(
      initialState(a),
      (s) => enroll(s, 5, inCycle(s, 1)),
      (s) => enroll(s, 6, inCycle(s, 1)),
      (s) => recordActivity(s, 5, { at: inCycle(s, 1, 1) }),
      (s) => recordActivity(s, 6, { at: inCycle(s, 1, 1) }),
      (s) => recordActivity(s, 5, { at: inCycle(s, 2, 1) }),
      (s) => advance(s, cycleOf(s, 2).end),
    )
    const keys = events.flatMap((e) => (e.type === 'REWARD_ISSUED' ? [e.idempotencyKey] : []))
    expect(keys).toEqual([
      'tg101/t1/cust5/cycle1',
      'tg101/t1/cust6/cycle1',
      'tg101/t1/cust5/cycle2',
    ])
  })
})
