// Unenrolment (rules unenroll.*): the seed's rules, one test per rule.
import * as O from 'fp-ts/lib/Option.js'
import { describe, expect, it } from 'vitest'
import { advance, enroll, initialState, recordActivity, reenroll, unenroll } from '../src/index.js'
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
const ev = () => eventsOf(immediate().target, 7)

describe('unenroll', () => {
  it('unenroll.1: refuses a customer never enrolled with 310126', () => {
    expect(left(unenroll(immediate(), 7, inCycle(immediate(), 1)))).toMatchObject({
      code: 310126,
      field: 'customerId',
    })
  })

  it('unenroll.1: refuses a customer already unenrolled with 310126 and changes nothing', () => {
    const { state } = play(
      immediate(),
      (s) => enroll(s, 7, inCycle(s, 1)),
      (s) => unenroll(s, 7, inCycle(s, 1, 1)),
    )
    expect(left(unenroll(state, 7, inCycle(immediate(), 1, 2))).code).toBe(310126)
  })

  it('unenroll.2: settles what ended before now first: a PERIOD_END reward of an earlier cycle is issued by this call', () => {
    const { state } = play(
      periodEnd(),
      (s) => enroll(s, 7, inCycle(s, 1)),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 2) }),
    )
    const t = right(unenroll(state, 7, inCycle(periodEnd(), 2, 5)))
    expect(t.events).toEqual([
      ev().issued(1, cycleOf(periodEnd(), 1).end, 'PERIOD_END'),
      ev().unenrolled(2, inCycle(periodEnd(), 2, 5)),
    ])
  })

  it('unenroll.3, time.half-open: takes effect from the cycle holding now; exactly at a cycle end that is the next cycle', () => {
    const { state } = play(
      periodEnd(),
      (s) => enroll(s, 7, inCycle(s, 1)),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 2) }),
    )
    // Enrolled for all of c1: its reward is issued, not forfeited, and k is c2.
    const t = right(unenroll(state, 7, cycleOf(periodEnd(), 1).end))
    expect(t.events).toEqual([
      ev().issued(1, cycleOf(periodEnd(), 1).end, 'PERIOD_END'),
      ev().unenrolled(2, cycleOf(periodEnd(), 1).end),
    ])
  })

  it('unenroll.3: before the first cycle takes effect from the first cycle', () => {
    const { events } = play(
      immediate(),
      (s) => enroll(s, 7, new Date('2025-12-01T00:00:00Z')),
      (s) => unenroll(s, 7, new Date('2025-12-02T00:00:00Z')),
    )
    expect(events.at(-1)).toEqual(ev().unenrolled(1, new Date('2025-12-02T00:00:00Z')))
  })

  it('unenroll.3: after the last cycle has ended refuses with 310019', () => {
    const { state } = play(immediate(), (s) => enroll(s, 7, inCycle(s, 1)))
    expect(left(unenroll(state, 7, cycleOf(immediate(), 5).end))).toMatchObject({
      code: 310019,
      field: 'now',
    })
  })

  it('unenroll.4: leaves cycles k…N and keeps the progress of cycle k, frozen', () => {
    const { state } = play(
      immediate(),
      (s) => enroll(s, 7, inCycle(s, 1)),
      (s) => recordActivity(s, 7, { at: inCycle(s, 2, 1) }),
      (s) => unenroll(s, 7, inCycle(s, 2, 2)),
    )
    expect(enrolment(state, 7)).toMatchObject({
      status: 'UNENROLLED',
      fromCycle: 2,
      startCycle: 1,
      progress: [{ cycle: 2, value: 1, achievedAt: O.none, rewarded: false }],
    })
    const frozen = right(recordActivity(state, 7, { at: inCycle(immediate(), 2, 3) }))
    expect(frozen.state).toBe(state)
    expect(frozen.warnings.map((w) => w.code)).toEqual(['NOT_ENROLLED'])
  })

  it('unenroll.5: never claws back an IMMEDIATE reward already issued', () => {
    const { events } = play(
      immediate(),
      (s) => enroll(s, 7, inCycle(s, 1)),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 2) }),
      (s) => unenroll(s, 7, inCycle(s, 1, 3)),
      (s) => advance(s, cycleOf(s, 5).end),
    )
    expect(events.filter((e) => e.type.startsWith('REWARD'))).toEqual([
      ev().issued(1, inCycle(immediate(), 1, 2), 'IMMEDIATE'),
    ])
  })

  it('unenroll.6, event.forfeit-key: a PERIOD_END cycle k achieved before the unenrolment is forfeited at its end, not paid', () => {
    const { events } = play(
      periodEnd(),
      (s) => enroll(s, 7, inCycle(s, 1)),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 2) }),
      (s) => unenroll(s, 7, inCycle(s, 1, 3)),
      (s) => advance(s, cycleOf(s, 1).end),
    )
    expect(events.slice(-2)).toEqual([
      ev().unenrolled(1, inCycle(periodEnd(), 1, 3)),
      ev().forfeited(1, cycleOf(periodEnd(), 1).end),
    ])
  })

  it('unenroll.6: a PERIOD_END cycle k not achieved is neither paid nor forfeited', () => {
    const { events } = play(
      periodEnd(),
      (s) => enroll(s, 7, inCycle(s, 1)),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1) }),
      (s) => unenroll(s, 7, inCycle(s, 1, 3)),
      (s) => advance(s, cycleOf(s, 5).end),
    )
    expect(events.map((e) => e.type)).toEqual(['ENROLLED', 'UNENROLLED'])
  })

  it('unenroll.7: keeps the streak count and achieved levels, frozen', () => {
    const streak = initialState(streakXYZ('CONTINUOUS', [2, 4]))
    const { state } = play(
      streak,
      (s) => enroll(s, 7, inCycle(s, 1)),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 2, 1) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 3, 1) }),
      (s) => unenroll(s, 7, inCycle(s, 4, 1)),
      (s) => advance(s, cycleOf(s, 10).end),
    )
    expect(enrolment(state, 7).streak).toEqual(O.some({ epoch: 1, count: 3, achievedLevels: [2] }))
  })

  it('unenroll.8, time.watermark: emits UNENROLLED with cycle k; it leaves the watermark', () => {
    const { state } = play(immediate(), (s) => enroll(s, 7, inCycle(s, 1)))
    const t = right(unenroll(state, 7, inCycle(immediate(), 3, 1)))
    expect(t.events).toEqual([ev().unenrolled(3, inCycle(immediate(), 3, 1))])
    expect(t.state.watermark).toEqual(O.none)
    expect(enrolment(t.state, 7).settledAt).toEqual(inCycle(immediate(), 3, 1))
  })

  it('input.customer-id, input.instant: refuses an invalid customer id with 310011 and an Invalid Date with 300004', () => {
    expect(left(unenroll(immediate(), 0, inCycle(immediate(), 1))).code).toBe(310011)
    expect(left(unenroll(immediate(), 7, new Date('nope'))).code).toBe(300004)
  })

  it('reenroll.frozen-cycle: a re-enrolment into cycle k before it ends restores the PERIOD_END reward of k', () => {
    const { events } = play(
      periodEnd(),
      (s) => enroll(s, 7, inCycle(s, 1)),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 2) }),
      (s) => unenroll(s, 7, inCycle(s, 1, 3)),
      (s) => reenroll(s, 7, inCycle(s, 1, 4)),
      (s) => advance(s, cycleOf(s, 1).end),
    )
    expect(events.slice(-2)).toEqual([
      ev().reenrolled(1, inCycle(periodEnd(), 1, 4)),
      ev().issued(1, cycleOf(periodEnd(), 1).end, 'PERIOD_END'),
    ])
  })
})
