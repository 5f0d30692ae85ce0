import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { describe, expect, it } from 'vitest'
import {
  advance,
  calendarCycles,
  cyclesOf,
  defineMilestone,
  defineStreak,
  encodeState,
  decodeState,
  enroll,
  initialState,
  nextDueAt,
  recordActivity,
  reenroll,
  unenroll,
  type Frequency,
} from '../src/index.js'
import { at, eventTags, right } from './support/fixtures.js'

describe('windows at their edges', () => {
  const cyclic = (frequency: Frequency, timeZone: string, count = 4) =>
    right(
      defineMilestone({
        targetGroupId: 5,
        targetId: 1,
        metric: 'COUNT',
        goal: 3,
        allocation: 'IMMEDIATE',
        window: { type: 'CYCLIC', frequency, count },
        timeZone,
      }),
    )

  it('window.cyclic: a customer\u2019s cycles are calendarCycles from the local date of the anchoring activity (month ends, DST, skipped midnight)', () => {
    const cases: ReadonlyArray<[Frequency, string, string, string]> = [
      ['MONTHLY', 'UTC', '2026-01-31T12:00:00Z', '2026-01-31'],
      ['DAILY', 'Europe/Paris', '2026-03-28T22:59:00Z', '2026-03-28'],
      ['DAILY', 'America/Santiago', '2026-09-06T12:00:00Z', '2026-09-06'],
      [{ everyDays: 1 }, 'America/Santiago', '2026-09-05T12:00:00Z', '2026-09-05'],
      ['WEEKLY', 'Australia/Lord_Howe', '2026-04-01T12:00:00Z', '2026-04-01'],
      ['QUARTERLY', 'America/New_York', '2026-11-30T23:30:00Z', '2026-11-30'],
    ]
    for (const [frequency, zone, activity, localDate] of cases) {
      const target = cyclic(frequency, zone)
      const s = right(enroll(initialState(target), 1, at('2026-01-01T00:00:00Z'))).state
      const after = right(recordActivity(s, 1, { at: at(activity) })).state
      const expected = right(
        calendarCycles({ start: localDate, frequency, count: 4, timeZone: zone }),
      ).map(({ index, start, end }) => ({ index, start, end }))
      expect(cyclesOf(after, 1), `${JSON.stringify(frequency)} ${zone} ${activity}`).toEqual(
        expected,
      )
    }
  })

  it('window.anchor: an activity exactly at the enrolment instant anchors; exactly at local midnight starts cycle 1 there', () => {
    const target = cyclic('DAILY', 'Europe/Paris')
    const s = right(enroll(initialState(target), 1, at('2026-03-04T23:00:00Z'))).state
    const r = right(recordActivity(s, 1, { at: at('2026-03-04T23:00:00Z') }))
    expect(r.warnings).toEqual([])
    expect(cyclesOf(r.state, 1)[0]).toEqual({
      index: 1,
      start: at('2026-03-04T23:00:00Z'),
      end: at('2026-03-05T23:00:00Z'),
    })
  })

  it('window.anchor: a re-enrolment with resetStreakStatus never moves a CYCLIC customer\u2019s cycles', () => {
    const target = right(
      defineStreak({
        targetGroupId: 7,
        targetId: 1,
        metric: 'COUNT',
        goal: 1,
        streakType: 'CONTINUOUS',
        levels: [1, 2],
        window: { type: 'CYCLIC', frequency: 'WEEKLY', count: 4 },
        timeZone: 'UTC',
      }),
    )
    let s = right(enroll(initialState(target), 1, at('2026-03-01T00:00:00Z'))).state
    s = right(recordActivity(s, 1, { at: at('2026-03-04T10:00:00Z') })).state
    const before = cyclesOf(s, 1)
    s = right(unenroll(s, 1, at('2026-03-12T00:00:00Z'))).state
    const back = right(reenroll(s, 1, at('2026-03-20T00:00:00Z'), { resetStreakStatus: true }))
    expect(eventTags(back)).toEqual(['REENROLLED:3', 'STREAK_RESET:3'])
    const later = right(recordActivity(back.state, 1, { at: at('2026-03-21T00:00:00Z') }))
    expect(cyclesOf(later.state, 1)).toEqual(before)
  })

  it('window.anchor-balance: initialBalance 0 anchors at now; a re-enrolment balance anchors an unanchored customer', () => {
    const target = cyclic('DAILY', 'UTC')
    const zero = right(
      enroll(initialState(target), 1, at('2026-03-01T10:00:00Z'), { initialBalance: 0 }),
    ).state
    expect(cyclesOf(zero, 1)[0]).toEqual({
      index: 1,
      start: at('2026-03-01T00:00:00Z'),
      end: at('2026-03-02T00:00:00Z'),
    })
    let s = right(enroll(initialState(target), 1, at('2026-03-01T10:00:00Z'))).state
    s = right(unenroll(s, 1, at('2026-03-02T10:00:00Z'))).state
    const back = right(reenroll(s, 1, at('2026-03-03T10:00:00Z'), { initialBalance: 1 }))
    expect(eventTags(back)).toEqual(['REENROLLED:1'])
    expect(cyclesOf(back.state, 1)[0]).toEqual({
      index: 1,
      start: at('2026-03-03T00:00:00Z'),
      end: at('2026-03-04T00:00:00Z'),
    })
  })

  it('window.unanchored: REENROLLED of a customer never anchored carries cycle 1, and the next activity anchors them', () => {
    const target = cyclic('DAILY', 'UTC')
    let s = right(enroll(initialState(target), 1, at('2026-03-01T10:00:00Z'))).state
    s = right(unenroll(s, 1, at('2026-03-02T10:00:00Z'))).state
    const back = right(reenroll(s, 1, at('2026-03-03T10:00:00Z')))
    expect(eventTags(back)).toEqual(['REENROLLED:1'])
    expect(cyclesOf(back.state, 1)).toEqual([])
    const a = right(recordActivity(back.state, 1, { at: at('2026-03-04T10:00:00Z') }))
    expect(cyclesOf(a.state, 1)[0]?.start).toEqual(at('2026-03-04T00:00:00Z'))
  })

  it('window.period-fixed-only: reenroll with a period in a CYCLIC window is 310019; an enrolled customer gets 310119 first', () => {
    const target = cyclic('DAILY', 'UTC')
    const s = right(enroll(initialState(target), 1, at('2026-03-01T10:00:00Z'))).state
    const twice = enroll(s, 1, at('2026-03-01T11:00:00Z'), { period: 'x' })
    expect(E.isLeft(twice) && twice.left.code).toBe(310119)
    const out = right(unenroll(s, 1, at('2026-03-02T10:00:00Z'))).state
    const r = reenroll(out, 1, at('2026-03-03T10:00:00Z'), { period: 'x' })
    expect(E.isLeft(r) && r.left.code).toBe(310019)
  })

  it('window.agnostic: after maxCycles, an activity exactly at the last end is OUTSIDE_CYCLES; exactly at the open cycle\u2019s start it counts there', () => {
    const target = right(
      defineMilestone({
        targetGroupId: 6,
        targetId: 1,
        metric: 'COUNT',
        goal: 3,
        allocation: 'IMMEDIATE',
        window: { type: 'PERIOD_AGNOSTIC', maxCycles: 2 },
      }),
    )
    const h = (n: number) => new Date(Date.UTC(2026, 2, 1, 10 + n))
    let s = right(enroll(initialState(target), 1, h(0))).state
    for (const n of [1, 2, 3]) s = right(recordActivity(s, 1, { at: h(n) })).state
    const atStart = right(recordActivity(s, 1, { at: h(3) }))
    expect(atStart.warnings).toEqual([])
    s = atStart.state
    for (const n of [4, 5]) s = right(recordActivity(s, 1, { at: h(n) })).state
    expect(cyclesOf(s, 1).map((c) => c.end)).toEqual([h(3), h(5)])
    expect(right(recordActivity(s, 1, { at: h(5) })).warnings.map((w) => w.code)).toEqual([
      'OUTSIDE_CYCLES',
    ])
    expect(right(recordActivity(s, 1, { at: h(4) })).warnings.map((w) => w.code)).toEqual([
      'CYCLE_CLOSED',
    ])
  })

  it('window.agnostic: an activity that reaches the goal by itself ends its cycle at the instant it starts', () => {
    const target = right(
      defineMilestone({
        targetGroupId: 6,
        targetId: 1,
        metric: 'SUM',
        goal: 10,
        allocation: 'IMMEDIATE',
        window: { type: 'PERIOD_AGNOSTIC', maxCycles: 3 },
      }),
    )
    const instant = at('2026-03-01T11:00:00Z')
    const s = right(enroll(initialState(target), 1, at('2026-03-01T10:00:00Z'))).state
    const r = right(recordActivity(s, 1, { at: instant, value: 25 }))
    expect(eventTags(r)).toEqual(['CYCLE_ACHIEVED:1', 'REWARD_ISSUED:1'])
    expect(cyclesOf(r.state, 1)).toEqual([
      { index: 1, start: instant, end: instant },
      { index: 2, start: instant },
    ])
  })

  it('window.anchor-valid: a local day no cycles can start from anchors nothing (Pacific/Apia skipped 2011-12-30)', () => {
    const target = cyclic('DAILY', 'Pacific/Apia', 3)
    const s = right(enroll(initialState(target), 1, at('2011-12-28T00:00:00Z'))).state
    // From 2011-12-29 (local), cycle 2 would start on 2011-12-30, a date the zone skipped.
    const skipped = right(recordActivity(s, 1, { at: at('2011-12-29T12:00:00Z') }))
    expect(skipped.state).toBe(s)
    expect(skipped.events).toEqual([])
    expect(skipped.warnings.map((w) => w.code)).toEqual(['OUTSIDE_CYCLES'])
    expect(cyclesOf(s, 1)).toEqual([])
    // A balance that would anchor there is refused, naming `now`; nothing changes.
    const balance = enroll(initialState(target), 2, at('2011-12-29T12:00:00Z'), {
      initialBalance: 1,
    })
    expect(E.isLeft(balance) && [balance.left.code, balance.left.field]).toEqual([310019, 'now'])
    // The next local day (2011-12-31) anchors, with valid cycles that round-trip.
    const later = right(recordActivity(s, 1, { at: at('2011-12-30T12:00:00Z') })).state
    const cycles = cyclesOf(later, 1)
    expect(cycles.map((c) => c.start.toISOString())).toEqual([
      '2011-12-30T10:00:00.000Z',
      '2011-12-31T10:00:00.000Z',
      '2012-01-01T10:00:00.000Z',
    ])
    const loaded = decodeState(JSON.parse(JSON.stringify(encodeState(later))))
    expect(E.map(encodeState)(loaded)).toEqual(E.right(encodeState(later)))
  })
  it('window.anchor-valid: a local day whose last cycle would close beyond the calendar anchors nothing (grace days)', () => {
    const DAY = 86_400_000
    const target = right(
      defineMilestone({
        targetGroupId: 5,
        targetId: 2,
        metric: 'COUNT',
        goal: 1,
        allocation: 'PERIOD_END',
        window: { type: 'CYCLIC', frequency: 'DAILY', count: 3 },
        timeZone: 'UTC',
        graceDays: 30,
      }),
    )
    const s = right(enroll(initialState(target), 1, new Date(8.64e15 - 60 * DAY))).state
    // From here cycle 3 ends 2 days before the last instant; 30 grace days would close it beyond.
    const late = right(recordActivity(s, 1, { at: new Date(8.64e15 - 5 * DAY) }))
    expect(late.state).toBe(s)
    expect(late.warnings.map((w) => w.code)).toEqual(['OUTSIDE_CYCLES'])
    // 33 days before the end of time the last cycle closes exactly at it: anchored, and due then.
    const anchored = right(recordActivity(s, 1, { at: new Date(8.64e15 - 33 * DAY) })).state
    expect(cyclesOf(anchored, 1).map((c) => c.start.getTime())).toEqual([
      8.64e15 - 33 * DAY,
      8.64e15 - 32 * DAY,
      8.64e15 - 31 * DAY,
    ])
    expect(nextDueAt(anchored, 1)).toEqual(O.some(new Date(8.64e15 - 2 * DAY)))
  })

  /** Six daily cycles per customer in UTC, a `PERIOD_END` goal of 2, with `graceDays`. */
  const dailyWithGrace = (graceDays: number) =>
    right(
      defineMilestone({
        targetGroupId: 5,
        targetId: 2,
        metric: 'COUNT',
        goal: 2,
        allocation: 'PERIOD_END',
        window: { type: 'CYCLIC', frequency: 'DAILY', count: 6 },
        timeZone: 'UTC',
        graceDays,
      }),
    )

  it('window.anchor-late: an activity that anchors a customer behind the watermark settles the cycles it gives them up to it, as the advance would have (rule advance.settles-all)', () => {
    const target = dailyWithGrace(3)
    const enrolled = right(enroll(initialState(target), 1, at('2026-01-01T00:00:00Z'))).state
    // The watermark passes the end of days 1 and 2 before the customer has cycles; day 1 is in grace.
    const advanced = right(advance(enrolled, at('2026-01-03T12:00:00Z'))).state
    const late = right(recordActivity(advanced, 1, { at: at('2026-01-01T10:00:00Z') }))
    expect(late.warnings).toEqual([])
    expect(eventTags(late)).toEqual([])
    // What the advance does now is what the activity already did: nothing is left behind it.
    const again = right(advance(late.state, at('2026-01-03T12:00:00Z')))
    expect(eventTags(again)).toEqual([])
    expect(encodeState(again.state)).toEqual(encodeState(late.state))
    const record = encodeState(late.state).customers[0]
    expect(record).toMatchObject({ endedCycles: 2, closedCycles: 0, graceCycles: [1, 2] })
    // So the state loads again, and goes on as it would have.
    const decoded = right(decodeState(JSON.parse(JSON.stringify(encodeState(late.state)))))
    expect(encodeState(decoded)).toEqual(encodeState(late.state))
    const closed = right(advance(decoded, at('2026-01-04T00:00:00Z')))
    expect(eventTags(closed)).toEqual([])
    expect(nextDueAt(closed.state, 1)).toEqual(O.none)
  })

  it('window.anchor-late: a cycle the late activity gives that ends at the very watermark is settled with it', () => {
    const target = dailyWithGrace(1)
    const enrolled = right(enroll(initialState(target), 1, at('2026-01-01T00:00:00Z'))).state
    const advanced = right(advance(enrolled, at('2026-01-02T00:00:00Z'))).state
    const late = right(recordActivity(advanced, 1, { at: at('2026-01-01T10:00:00Z') })).state
    expect(encodeState(late).customers[0]).toMatchObject({
      endedCycles: 1,
      closedCycles: 0,
      graceCycles: [1],
      settledAt: '2026-01-02T00:00:00.000Z',
    })
    expect(encodeState(right(decodeState(encodeState(late))))).toEqual(encodeState(late))
  })
})
