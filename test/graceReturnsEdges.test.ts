/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- the tamper cases poke into untyped JSON on purpose */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { describe, expect, it } from 'vitest'
import {
  advance,
  calendarCycles,
  decodeState,
  defineMilestone,
  defineStreak,
  encodeState,
  enroll,
  initialState,
  nextDueAt,
  recordActivity,
  reenroll,
  unenroll,
  type EnrolmentState,
  type Result,
  type Target,
} from '../src/index.js'
import { right, weeklyCycles } from './support/fixtures.js'

const DAY = 86_400_000
/** Hour h of cycle `cy` of `weekly` (h may run past the cycle's end). */
const w = (cy: number, h: number) => new Date(Date.UTC(2026, 0, 5 + 7 * (cy - 1)) + h * 3_600_000)
const chain = (s: EnrolmentState, ...ops: Array<(s: EnrolmentState) => Result>) => {
  const events = []
  for (const op of ops) {
    const t = right(op(s))
    s = t.state
    events.push(...t.events)
  }
  return { state: s, events }
}
const doc = (s: EnrolmentState): any => JSON.parse(JSON.stringify(encodeState(s)))
const types = (r: Result) =>
  right(r).events.map(
    (e) =>
      `${e.type}@${e.at.toISOString()} c${e.cycle}${'level' in e ? ` L${String(e.level)}` : ''}${'reason' in e ? ` ${e.reason}` : ''}`,
  )

describe('grace, returns and input order at their edges', () => {
  const streak = (streakType: 'CONTINUOUS' | 'NON_CONTINUOUS') =>
    right(
      defineStreak({
        targetGroupId: 1,
        targetId: 2,
        metric: 'COUNT',
        goal: 1,
        streakType,
        levels: [1, 2],
        cycles: weeklyCycles(4),
      }),
    )
  const milestone = (goal: number, allocation: 'IMMEDIATE' | 'PERIOD_END') =>
    right(
      defineMilestone({
        targetGroupId: 1,
        targetId: 1,
        metric: 'COUNT',
        goal,
        allocation,
        cycles: weeklyCycles(4),
      }),
    )
  /** A customer enrolled in cycle 1 with one activity, encoded. */
  const oneActivity = (target: Target): any =>
    doc(
      chain(
        initialState(target),
        (s) => enroll(s, 1, w(1, 1)),
        (s) => recordActivity(s, 1, { at: w(1, 2) }),
      ).state,
    )

  it.each([
    [
      'a NON_CONTINUOUS count below a level it reached in this epoch (it never drops)',
      streak('NON_CONTINUOUS'),
      (d: any) => {
        d.customers[0].streak.count = 0
        d.customers[0].progress = []
      },
      'customers[0].streak.count',
    ],
    [
      'achieved levels that skip a lower level of the same epoch',
      streak('CONTINUOUS'),
      (d: any) => {
        d.customers[0].streak.count = 0
        d.customers[0].streak.achievedLevels = [2]
        d.customers[0].progress = []
      },
      'customers[0].streak.achievedLevels',
    ],
    [
      "an enrolled customer's begun cycle at its goal without its achievement",
      milestone(2, 'IMMEDIATE'),
      (d: any) => {
        d.customers[0].progress[0].value = 2
      },
      'customers[0].progress[0].achievedAt',
    ],
    [
      'a watermark past a cycle end the customer has not settled (advance settles everyone)',
      milestone(1, 'PERIOD_END'),
      (d: any) => {
        d.watermark = w(3, 0).toISOString()
      },
      'customers[0].endedCycles',
    ],
  ])('codec.refuses: %s', (_, target, tamper, path) => {
    const d = oneActivity(target)
    expect(E.isRight(decodeState(d))).toBe(true)
    tamper(d)
    const decoded = decodeState(d)
    expect(E.isLeft(decoded) && decoded.left.path).toBe(path)
  })

  it('grace.close-at: closeAt is end + graceDays × 24 h even across a DST change (not local days)', () => {
    const cycles = right(
      calendarCycles({
        start: '2026-03-27',
        frequency: 'DAILY',
        count: 5,
        timeZone: 'Europe/Paris',
      }),
    )
    const target = right(
      defineMilestone({
        targetGroupId: 1,
        targetId: 1,
        metric: 'COUNT',
        goal: 1,
        allocation: 'PERIOD_END',
        graceDays: 1,
        cycles,
      }),
    )
    const c2 = cycles[1] as (typeof cycles)[number]
    const close = new Date(c2.end.getTime() + DAY) // 2026-03-29T23:00Z; local next midnight would be 22:00Z
    const { state } = chain(
      initialState(target),
      (s) => enroll(s, 1, c2.start),
      (s) => recordActivity(s, 1, { at: new Date(c2.start.getTime() + 3_600_000) }),
    )
    expect(nextDueAt(state, 1)).toEqual(O.some(close))
    expect(right(advance(state, new Date(close.getTime() - 1))).events).toEqual([])
    expect(types(advance(state, close))).toEqual([`REWARD_ISSUED@${close.toISOString()} c2`])
  })

  it('grace.streak-order: a credit released by a break at the close is dated at the close, with its level', () => {
    const cycles = right(
      calendarCycles({ start: '2026-01-01', frequency: 'DAILY', count: 10, timeZone: 'UTC' }),
    )
    const target = right(
      defineStreak({
        targetGroupId: 1,
        targetId: 2,
        metric: 'COUNT',
        goal: 1,
        streakType: 'CONTINUOUS',
        levels: [1, 2, 3],
        graceDays: 3,
        cycles,
      }),
    )
    const d = (day: number, h: number) => new Date(Date.UTC(2026, 0, day) + h * 3_600_000)
    const { state } = chain(
      initialState(target),
      (s) => enroll(s, 1, d(1, 0)),
      (s) => recordActivity(s, 1, { at: d(1, 1) }), // c1: count 1, level 1
      (s) => recordActivity(s, 1, { at: d(4, 1) }), // c4 waits for c2 (and c3)
      (s) => recordActivity(s, 1, { at: d(3, 5) }), // c3 late, waits for c2
    )
    // c2 closes unachieved at Jan 3 + 3 days: break, then c3 (count 1) and c4 (count 2 → level 2), dated at the close
    expect(types(advance(state, d(6, 0)))).toEqual([
      'STREAK_BROKEN@2026-01-06T00:00:00.000Z c2',
      'STREAK_LEVEL_ACHIEVED@2026-01-06T00:00:00.000Z c4 L2',
      'REWARD_ISSUED@2026-01-06T00:00:00.000Z c4 L2',
    ])
  })

  it('grace.membership: during the last cycle\u2019s grace, unenroll and enroll are 310019 (by end), and its reward is still paid at its close', () => {
    const target = right(
      defineMilestone({
        targetGroupId: 1,
        targetId: 1,
        metric: 'COUNT',
        goal: 1,
        allocation: 'PERIOD_END',
        graceDays: 3,
        cycles: weeklyCycles(2),
      }),
    )
    const { state } = chain(
      initialState(target),
      (s) => enroll(s, 1, w(1, 1)),
      (s) => recordActivity(s, 1, { at: w(2, 2) }),
    )
    expect(
      E.isLeft(unenroll(state, 1, w(3, 1))) &&
        (unenroll(state, 1, w(3, 1)) as E.Left<any>).left.code,
    ).toBe(310019)
    expect(
      E.isLeft(enroll(state, 2, w(3, 1))) && (enroll(state, 2, w(3, 1)) as E.Left<any>).left.code,
    ).toBe(310019)
    // a late activity of the last cycle still counts during its grace
    expect(right(recordActivity(state, 1, { at: w(2, 3) })).warnings).toEqual([])
    expect(types(advance(state, w(3, 72)))).toEqual(['REWARD_ISSUED@2026-01-22T00:00:00.000Z c2'])
  })

  it('grace.counting: while c is in grace, an activity stamped in c+1 counts in c+1', () => {
    const target = right(
      defineMilestone({
        targetGroupId: 1,
        targetId: 1,
        metric: 'COUNT',
        goal: 1,
        allocation: 'IMMEDIATE',
        graceDays: 2,
        cycles: weeklyCycles(4),
      }),
    )
    const { state } = chain(initialState(target), (s) => enroll(s, 1, w(1, 1)))
    expect(types(recordActivity(state, 1, { at: w(2, 1) }))).toEqual([
      'CYCLE_ACHIEVED@2026-01-12T01:00:00.000Z c2',
      'REWARD_ISSUED@2026-01-12T01:00:00.000Z c2',
    ])
  })

  it('return.lowers, return.period-end: a return at the purchase\u2019s instant lowers that cycle during its grace; forfeited RETURNED at its close', () => {
    const target = right(
      defineMilestone({
        targetGroupId: 1,
        targetId: 1,
        metric: 'SUM',
        goal: 10,
        allocation: 'PERIOD_END',
        allowReturns: true,
        graceDays: 2,
        cycles: weeklyCycles(4),
      }),
    )
    const { state } = chain(
      initialState(target),
      (s) => enroll(s, 1, w(1, 1)),
      (s) => recordActivity(s, 1, { at: w(1, 2), value: 10 }),
      (s) => recordActivity(s, 1, { at: w(2, 5), value: 1 }), // the customer is in c2; c1 is in grace
    )
    expect(types(recordActivity(state, 1, { at: w(1, 2), value: -5 }))).toEqual([
      'ACHIEVEMENT_REVERSED@2026-01-05T02:00:00.000Z c1',
    ])
    const returned = right(recordActivity(state, 1, { at: w(1, 2), value: -5 })).state
    expect(types(advance(returned, w(2, 48)))).toEqual([
      'REWARD_FORFEITED@2026-01-14T00:00:00.000Z c1 RETURNED',
    ])
  })

  it('input.order: settled instant before state, state before the start cycle, options before both, a value before any warning', () => {
    const target = right(
      defineMilestone({
        targetGroupId: 1,
        targetId: 1,
        metric: 'SUM',
        goal: 10,
        allocation: 'PERIOD_END',
        cycles: weeklyCycles(4),
      }),
    )
    const { state } = chain(
      initialState(target),
      (s) => enroll(s, 5, w(1, 1)),
      (s) => recordActivity(s, 5, { at: w(1, 30), value: 1 }),
    )
    const code = (r: Result) =>
      E.isLeft(r) ? [r.left.code, (r.left as { field?: string }).field] : 'ok'
    expect(code(enroll(state, 5, w(1, 10)))).toEqual([300004, 'now']) // not 310119
    expect(code(enroll(state, 5, w(1, 10), { initialBalance: -1 }))).toEqual([
      300004,
      'options.initialBalance',
    ])
    expect(code(enroll(state, 5, w(2, 0), { period: 'nope' }))).toEqual([310119, 'customerId'])
    expect(code(reenroll(state, 6, w(2, 0), { period: 'nope' }))).toEqual([310126, 'customerId'])
    expect(code(reenroll(state, 6, w(2, 0), { resetStreakStatus: 'yes' as never }))).toEqual([
      300004,
      'options.resetStreakStatus',
    ])
    expect(code(unenroll(state, 6, w(9, 0)))).toEqual([310126, 'customerId'])
    expect(code(recordActivity(state, 6, { at: w(1, 2), value: -1 }))).toEqual([
      300004,
      'activity.value',
    ])
  })

  it('activity.warning-order: NOT_ENROLLED wins over CYCLE_CLOSED and OUTSIDE_CYCLES', () => {
    const target = right(
      defineMilestone({
        targetGroupId: 1,
        targetId: 1,
        metric: 'COUNT',
        goal: 5,
        allocation: 'PERIOD_END',
        cycles: weeklyCycles(3),
      }),
    )
    const { state } = chain(
      initialState(target),
      (s) => enroll(s, 1, w(1, 1), { period: 'c3' }),
      (s) => advance(s, w(2, 1)),
    )
    const warn = (s: EnrolmentState, at: Date) =>
      right(recordActivity(s, 1, { at })).warnings.map((x) => x.code)
    expect(warn(state, w(1, 2))).toEqual(['NOT_ENROLLED']) // c1 is before the start cycle and closed
    expect(warn(state, w(5, 2))).toEqual(['OUTSIDE_CYCLES'])
    const out = right(unenroll(state, 1, w(2, 2))).state
    expect(warn(out, w(5, 2))).toEqual(['NOT_ENROLLED']) // unenrolled, and outside every cycle
    expect(right(recordActivity(out, 1, { at: w(5, 2) })).state).toBe(out)
  })
})
