// What a host needs beside the rules: every customer, the next instant something is due, erasure,
// and what a customer's app shows (rules ops.*, window.cycles-of, reward.descriptor).
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { describe, expect, it } from 'vitest'
import {
  advance,
  applyAll,
  customerCount,
  customers,
  cyclesOf,
  defineMilestone,
  defineStreak,
  enrolmentOf,
  forget,
  initialState,
  nextDueAt,
  standing,
  type CustomerCycle,
  type Standing,
  type Target,
} from '../src/index.js'
import { operations, targets } from '../src/testing/index.js'
import {
  cycleOf,
  inCycle,
  milestoneABC,
  monthlyCycles,
  right,
  streakXYZ,
  weeklyCycles,
} from './support/fixtures.js'
import { events, given, op } from './support/specification.js'

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150)

describe('operational helpers', () => {
  const target = milestoneABC('PERIOD_END', { goal: 2 })
  const s0 = given(target).state

  it('ops.customers: every enrolment in ascending customer id, unenrolled ones included', () => {
    const g = given(
      target,
      op.enroll(423789336, inCycle(s0, 1)),
      op.enroll(2, inCycle(s0, 1)),
      op.enroll(33, inCycle(s0, 1)),
      op.unenroll(2, inCycle(s0, 1, 1)),
    )
    expect([...customers(g.state)].map((e) => [e.customerId, e.status])).toEqual([
      [2, 'UNENROLLED'],
      [33, 'ENROLLED'],
      [423789336, 'ENROLLED'],
    ])
    expect(customerCount(g.state)).toBe(3)
    expect(customerCount(initialState(target))).toBe(0)
  })

  it('ops.next-due-at: a PERIOD_END cycle achieved is due at its end; one not achieved is due never', () => {
    const g = given(target, op.enroll(1, inCycle(s0, 1)), op.enroll(2, inCycle(s0, 1)))
    expect(nextDueAt(g.state, 1)).toEqual(O.none)
    const achieved = given(
      target,
      op.enroll(1, inCycle(s0, 1)),
      op.activity(1, inCycle(s0, 1, 1)),
      op.activity(1, inCycle(s0, 1, 2)),
    )
    expect(nextDueAt(achieved.state, 1)).toEqual(O.some(cycleOf(s0, 1).end))
    expect(nextDueAt(achieved.state, 9)).toEqual(O.none)
    expect(nextDueAt(achieved.state, -1)).toEqual(O.none)
  })

  it('ops.next-due-at: a CONTINUOUS streak at count > 0 is due at the end of its open cycle; at count 0, never', () => {
    const streak = streakXYZ()
    const w = given(streak).state
    const g = given(streak, op.enroll(1, inCycle(w, 1)))
    expect(nextDueAt(g.state, 1)).toEqual(O.none)
    const counting = given(streak, op.enroll(1, inCycle(w, 1)), op.activity(1, inCycle(w, 1, 1)))
    expect(nextDueAt(counting.state, 1)).toEqual(O.some(cycleOf(w, 2).end))
  })

  it('ops.next-due-at: a balance waiting for its cycle\u2019s start is due at that start', () => {
    const g = given(target, op.enroll(1, inCycle(s0, 1), { period: 'c3', initialBalance: 2 }))
    expect(nextDueAt(g.state, 1)).toEqual(O.some(cycleOf(s0, 3).start))
  })

  it('ops.next-due-at: advance at the instant given emits something for that customer, and nothing before', () => {
    fc.assert(
      fc.property(
        targets().chain((t) =>
          fc.tuple(fc.constant(t), operations(t, { customers: 2, maxLength: 25 })),
        ),
        ([t, ops]) => {
          const state = applyAll(initialState(t), ops).state
          for (const id of [1, 2]) {
            const due = nextDueAt(state, id)
            if (O.isNone(due)) continue
            const at = due.value
            const watermark = O.getOrElse(() => new Date(-8.64e15))(state.watermark)
            if (at.getTime() < watermark.getTime()) continue
            const before = advance(state, new Date(Math.max(at.getTime() - 1, watermark.getTime())))
            const then = advance(state, at)
            if (E.isRight(before) && at.getTime() - 1 >= watermark.getTime())
              expect(before.right.events.filter((e) => e.customerId === id)).toEqual([])
            expect(E.isRight(then) && then.right.events.some((e) => e.customerId === id)).toBe(true)
          }
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('ops.forget: a forgotten customer is gone; one the state does not hold changes nothing; enrolling again is a new customer', () => {
    const g = given(
      target,
      op.enroll(1, inCycle(s0, 1)),
      op.activity(1, inCycle(s0, 1, 1)),
      op.enroll(2, inCycle(s0, 1)),
    )
    const erased = forget(g.state, 1)
    expect(enrolmentOf(erased, 1)).toEqual(O.none)
    expect(customerCount(erased)).toBe(1)
    expect(enrolmentOf(erased, 2)).toEqual(enrolmentOf(g.state, 2))
    expect(forget(g.state, 99)).toBe(g.state)
    expect(forget(g.state, Number.NaN)).toBe(g.state)
    expect(enrolmentOf(g.state, 1)._tag).toBe('Some')
    const again = applyAll(erased, [{ kind: 'enroll', customerId: 1, now: inCycle(s0, 1, 2) }])
    expect(again.errors).toEqual([])
    expect(enrolmentOf(again.state, 1)).toEqual(
      O.some(expect.objectContaining({ version: 1, progress: [], since: inCycle(s0, 1, 2) })),
    )
  })

  it('ops.forget: an id enrolled again after its erasure keeps its rewards\u2019 idempotency keys, so no reward is payable twice', () => {
    const immediate = milestoneABC('IMMEDIATE', { goal: 1 })
    const s = initialState(immediate)
    const reward = (result: ReturnType<typeof applyAll>) =>
      result.events.find((e) => e.type === 'REWARD_ISSUED')?.idempotencyKey
    const first = applyAll(s, [
      { kind: 'enroll', customerId: 1, now: inCycle(s, 1) },
      { kind: 'activity', customerId: 1, activity: { at: inCycle(s, 1, 1) } },
    ])
    const again = applyAll(forget(first.state, 1), [
      { kind: 'enroll', customerId: 1, now: inCycle(s, 1, 2) },
      { kind: 'activity', customerId: 1, activity: { at: inCycle(s, 1, 3) } },
    ])
    expect(reward(first)).toBeDefined()
    expect(reward(again)).toBe(reward(first))
  })

  it('ops.forget: the state forgets the customer only; its watermark, and its settlement of the others, stay', () => {
    const g = given(
      target,
      op.enroll(1, inCycle(s0, 1)),
      op.enroll(2, inCycle(s0, 1)),
      op.activity(2, inCycle(s0, 1, 1)),
      op.advance(inCycle(s0, 1, 2)),
    )
    const erased = forget(g.state, 1)
    expect(erased.watermark).toEqual(g.state.watermark)
    expect(erased.watermark._tag).toBe('Some')
    // An advance earlier than the watermark is still refused, and the others are still settled by one.
    expect(advance(erased, inCycle(s0, 1, 1))._tag).toBe('Left')
    expect(right(advance(erased, cycleOf(s0, 1).end)).events.map((e) => e.type)).toEqual(
      right(advance(g.state, cycleOf(s0, 1).end)).events.map((e) => e.type),
    )
  })

  it('window.cycles-of: a FIXED target\u2019s cycles, with their refCodes, for anyone', () => {
    expect(cyclesOf(s0, 1)[1]).toEqual({
      index: 2,
      start: cycleOf(s0, 2).start,
      end: cycleOf(s0, 2).end,
      refCode: 'c2',
    })
  })

  it('ops.standing: the cycle holding now, its progress and goal, the next sub-target, as if settled', () => {
    const visits = right(
      defineMilestone({
        targetGroupId: 3,
        targetId: 1,
        metric: 'VISIT',
        goal: 4,
        allocation: 'IMMEDIATE',
        timeZone: 'UTC',
        cycles: monthlyCycles(3),
        subTargets: [{ name: 'halfway', trigger: 'PERCENTAGE', value: 50 }],
      }),
    )
    const g = given(visits, op.enroll(1, inCycle(s0, 1)), op.activity(1, inCycle(s0, 1, 30)))
    expect(standing(g.state, 1, inCycle(s0, 1, 40))).toEqual(
      O.some({
        status: 'ENROLLED',
        cycle: O.some({
          index: 1,
          start: cycleOf(s0, 1).start,
          end: cycleOf(s0, 1).end,
          refCode: 'c1',
        }),
        progress: 1,
        goal: 4,
        nextSubTarget: O.some({ name: 'halfway', threshold: 2 }),
        streak: O.none,
      }),
    )
    // As if settled: in the next cycle the progress starts again.
    expect(standing(g.state, 1, inCycle(s0, 2, 1))).toEqual(
      O.some(
        expect.objectContaining({
          progress: 0,
          cycle: O.some(expect.objectContaining({ index: 2 })),
        }),
      ),
    )
    expect(standing(g.state, 9, inCycle(s0, 1))).toEqual(O.none)
    expect(standing(g.state, 1, new Date('nope'))).toEqual(O.none)
  })

  it('ops.standing: a streak shows its count and the next level not achieved in this epoch', () => {
    const streak = streakXYZ('CONTINUOUS', [1, 3])
    const w = given(streak).state
    const g = given(streak, op.enroll(1, inCycle(w, 1)), op.activity(1, inCycle(w, 1, 1)))
    expect(standing(g.state, 1, inCycle(w, 1, 2))).toEqual(
      O.some(
        expect.objectContaining({ streak: O.some({ count: 1, epoch: 1, nextLevel: O.some(3) }) }),
      ),
    )
  })
})

describe('ops.standing in every window', () => {
  const DAY = 86_400_000
  const t0 = new Date('2026-03-04T10:00:00.000Z')
  const later = (days: number) => new Date(t0.getTime() + days * DAY)
  const subTargets = [
    { name: 'most', trigger: 'PERCENTAGE', value: 80 },
    { name: 'one', trigger: 'ABSOLUTE', value: 1 },
    { name: 'two', trigger: 'ABSOLUTE', value: 2 },
  ] as const

  it('ops.standing: a PERIOD_AGNOSTIC cycle has no end until its goal; none is open once every cycle is achieved', () => {
    const card = right(
      defineMilestone({
        targetGroupId: 6,
        targetId: 1,
        metric: 'COUNT',
        goal: 3,
        allocation: 'IMMEDIATE',
        window: { type: 'PERIOD_AGNOSTIC', maxCycles: 2 },
        subTargets,
      }),
    )
    const g = given(card, op.enroll(1, t0), op.activity(1, later(1)))
    expect(standing(g.state, 1, later(2))).toEqual(
      O.some({
        status: 'ENROLLED',
        cycle: O.some({ index: 1, start: later(1) }),
        progress: 1,
        goal: 3,
        nextSubTarget: O.some({ name: 'two', threshold: 2 }),
        streak: O.none,
      }),
    )
    const done = given(
      card,
      op.enroll(1, t0),
      ...[1, 2, 3, 4, 5, 6].map((d) => op.activity(1, later(d))),
    )
    expect(standing(done.state, 1, later(7))).toEqual(
      O.some({
        status: 'ENROLLED',
        cycle: O.none,
        progress: 0,
        goal: 3,
        nextSubTarget: O.some({ name: 'one', threshold: 1 }),
        streak: O.none,
      }),
    )
  })

  it('ops.standing: a CYCLIC cycle has no refCode; past the last cycle there is none', () => {
    const mine = right(
      defineMilestone({
        targetGroupId: 5,
        targetId: 1,
        metric: 'COUNT',
        goal: 3,
        allocation: 'IMMEDIATE',
        window: { type: 'CYCLIC', frequency: { everyDays: 7 }, count: 2 },
        timeZone: 'UTC',
      }),
    )
    const g = given(mine, op.enroll(1, t0), op.activity(1, t0))
    const anchor = new Date('2026-03-04T00:00:00.000Z')
    expect(standing(g.state, 1, later(8))).toEqual(
      O.some(
        expect.objectContaining({
          cycle: O.some({
            index: 2,
            start: new Date(anchor.getTime() + 7 * DAY),
            end: new Date(anchor.getTime() + 14 * DAY),
          }),
          progress: 0,
        }),
      ),
    )
    expect(standing(g.state, 1, later(20))).toEqual(
      O.some(expect.objectContaining({ cycle: O.none, progress: 0, goal: 3 })),
    )
  })

  it('ops.standing: a streak missed by now is shown broken, as the settlement at its end will make it', () => {
    const streak = streakXYZ('CONTINUOUS', [2, 3])
    const w = given(streak).state
    const g = given(streak, op.enroll(1, inCycle(w, 1)), op.activity(1, inCycle(w, 1, 1)))
    expect(standing(g.state, 1, inCycle(w, 1, 2))).toEqual(
      O.some(
        expect.objectContaining({ streak: O.some({ count: 1, epoch: 1, nextLevel: O.some(2) }) }),
      ),
    )
    expect(standing(g.state, 1, inCycle(w, 3, 1))).toEqual(
      O.some(
        expect.objectContaining({ streak: O.some({ count: 0, epoch: 1, nextLevel: O.some(2) }) }),
      ),
    )
  })

  it('ops.standing: the goal and the sub-target thresholds are those of the cycle shown', () => {
    const cycles = monthlyCycles(2).map((c, i) => (i === 1 ? { ...c, goal: 4 } : c))
    const target = right(
      defineMilestone({
        targetGroupId: 3,
        targetId: 2,
        metric: 'COUNT',
        goal: 2,
        allocation: 'IMMEDIATE',
        cycles,
        subTargets: [{ name: 'half', trigger: 'PERCENTAGE', value: 50 }],
      }),
    )
    const s = given(target).state
    const g = given(target, op.enroll(1, inCycle(s, 1)))
    expect(standing(g.state, 1, inCycle(s, 2, 1))).toEqual(
      O.some(
        expect.objectContaining({
          goal: 4,
          nextSubTarget: O.some({ name: 'half', threshold: 2 }),
        }),
      ),
    )
    expect(standing(g.state, 1, inCycle(s, 1, 1))).toEqual(
      O.some(
        expect.objectContaining({
          goal: 2,
          nextSubTarget: O.some({ name: 'half', threshold: 1 }),
        }),
      ),
    )
  })

  it('ops.standing: before a later start cycle, the cycle holding now with no progress; the start cycle’s balance once it holds now', () => {
    const target = milestoneABC('PERIOD_END', { goal: 5 })
    const s = given(target).state
    const g = given(target, op.enroll(1, inCycle(s, 1, 2), { period: 'c2', initialBalance: 3 }))
    const shown = (instant: Date) =>
      O.map((x: Standing) => [O.map((c: CustomerCycle) => c.index)(x.cycle), x.progress])(
        standing(g.state, 1, instant),
      )
    expect(shown(inCycle(s, 1, 3))).toEqual(O.some([O.some(1), 0]))
    expect(shown(inCycle(s, 2, 1))).toEqual(O.some([O.some(2), 3]))
  })

  it('ops.standing: after the last FIXED cycle no cycle is shown, and the goal is the first cycle’s', () => {
    const target = milestoneABC('PERIOD_END', { goal: 2 })
    const s = given(target).state
    const g = given(target, op.enroll(1, inCycle(s, 1)))
    expect(standing(g.state, 1, new Date('2027-01-01T00:00:00.000Z'))).toEqual(
      O.some({
        status: 'ENROLLED',
        cycle: O.none,
        progress: 0,
        goal: 2,
        nextSubTarget: O.none,
        streak: O.none,
      }),
    )
  })
})

describe('reward descriptors', () => {
  const withRewards = (): Target =>
    right(
      defineMilestone({
        targetGroupId: 4,
        targetId: 1,
        metric: 'COUNT',
        goal: 1,
        allocation: 'IMMEDIATE',
        reward: { sku: 'coffee', value: 3.5 },
        cycles: monthlyCycles(2).map((c, i) =>
          i === 1 ? { ...c, reward: { sku: 'cake', value: 5 } } : c,
        ),
      }),
    )

  it('reward.descriptor: a milestone reward carries its cycle\u2019s descriptor, else the target\u2019s', () => {
    const target = withRewards()
    const s = given(target).state
    const ev = events(target, 1)
    given(target, op.enroll(1, inCycle(s, 1)))
      .when(op.activity(1, inCycle(s, 1, 1)))
      .then([
        ev.achieved(1, inCycle(s, 1, 1)),
        ev.issued(1, inCycle(s, 1, 1), 'IMMEDIATE', { sku: 'coffee', value: 3.5 }),
      ])
    given(target, op.enroll(1, inCycle(s, 1)))
      .when(op.activity(1, inCycle(s, 2, 1)))
      .then([
        ev.achieved(2, inCycle(s, 2, 1)),
        ev.issued(2, inCycle(s, 2, 1), 'IMMEDIATE', { sku: 'cake', value: 5 }),
      ])
  })

  it('reward.descriptor: a level reward carries the level\u2019s descriptor, else the target\u2019s', () => {
    const streak = right(
      defineStreak({
        targetGroupId: 4,
        targetId: 2,
        metric: 'COUNT',
        goal: 1,
        streakType: 'CONTINUOUS',
        levels: [1, { level: 2, reward: { sku: 'gold', value: 20 } }],
        reward: { sku: 'silver', value: 10 },
        cycles: weeklyCycles(3),
      }),
    )
    const w = given(streak).state
    const ev = events(streak, 1)
    given(streak, op.enroll(1, inCycle(w, 1)))
      .when(op.activity(1, inCycle(w, 1, 1)))
      .then([
        ev.achieved(1, inCycle(w, 1, 1)),
        ...ev.level(1, inCycle(w, 1, 1), 1, 1, { sku: 'silver', value: 10 }),
      ])
    given(streak, op.enroll(1, inCycle(w, 1)), op.activity(1, inCycle(w, 1, 1)))
      .when(op.activity(1, inCycle(w, 2, 1)))
      .then([
        ev.achieved(2, inCycle(w, 2, 1)),
        ...ev.level(2, inCycle(w, 2, 1), 2, 1, { sku: 'gold', value: 20 }),
      ])
  })

  it('reward.descriptor: descriptors are JSON, frozen, and never shared with the caller', () => {
    const given_ = { sku: 'coffee', value: 3.5, tags: ['hot'] }
    const target = right(
      defineMilestone({
        targetGroupId: 4,
        targetId: 3,
        metric: 'COUNT',
        goal: 1,
        allocation: 'IMMEDIATE',
        reward: given_,
        cycles: monthlyCycles(1),
      }),
    )
    given_.tags.push('iced')
    expect(target.reward).toEqual({ sku: 'coffee', value: 3.5, tags: ['hot'] })
    expect(Object.isFrozen(target.reward)).toBe(true)
    const refused = defineMilestone({
      targetGroupId: 4,
      targetId: 3,
      metric: 'COUNT',
      goal: 1,
      allocation: 'IMMEDIATE',
      reward: { when: new Date(0) } as never,
      cycles: monthlyCycles(1),
    })
    expect(E.isLeft(refused) && refused.left.problems).toEqual([
      {
        path: 'reward.when',
        message: 'must be a JSON value (null, a boolean, a number, a string, an array, an object)',
      },
    ])
  })
})

describe('state.enrolment-view', () => {
  const DAY = 86_400_000
  const t0 = new Date('2026-03-04T10:00:00.000Z')
  const later = (days: number) => new Date(t0.getTime() + days * DAY)
  const view = (target: Target, ...steps: Parameters<typeof given>[1][]) => {
    const found = enrolmentOf(given(target, ...steps).state, 1)
    if (O.isNone(found)) throw new Error('no enrolment')
    return found.value
  }

  it('state.enrolment-view: a progress shows its reversal and sub-targets only where the target has them', () => {
    const plain = milestoneABC('IMMEDIATE', { metric: 'SUM', goal: 10 })
    const s = given(plain).state
    expect(
      view(plain, op.enroll(1, inCycle(s, 1)), op.activity(1, inCycle(s, 1, 1), 4)).progress,
    ).toEqual([{ cycle: 1, value: 4, achievedAt: O.none, rewarded: false }])
    const featured = right(
      defineMilestone({
        targetGroupId: 101,
        targetId: 1,
        metric: 'SUM',
        goal: 10,
        allocation: 'IMMEDIATE',
        allowReturns: true,
        subTargets: [{ name: 'three', trigger: 'ABSOLUTE', value: 3 }],
        cycles: plain.cycles,
      }),
    )
    expect(
      view(featured, op.enroll(1, inCycle(s, 1)), op.activity(1, inCycle(s, 1, 1), 4)).progress,
    ).toEqual([
      {
        cycle: 1,
        value: 4,
        achievedAt: O.none,
        rewarded: false,
        reversed: false,
        subTargets: ['three'],
      },
    ])
  })

  it.each([
    [
      'after year 9999',
      'UTC',
      '+010000-01-01T00:00:00Z',
      '+010000-01-05T10:00:00Z',
      '+010000-01-05',
    ],
    // An hour after the earliest instant a Date holds, twelve hours behind UTC: a date whose
    // midnight (as UTC) no Date holds.
    [
      'before the earliest UTC date a Date holds',
      'Etc/GMT+12',
      '-271821-04-20T00:00:00Z',
      '-271821-04-20T01:00:00Z',
      '-271821-04-19',
    ],
  ])(
    'state.enrolment-view: a VISIT date %s is shown whole, YYYY-MM-DD as the codec writes it',
    (_, timeZone, start, visit, shown) => {
      const target = right(
        defineMilestone({
          targetGroupId: 1,
          targetId: 1,
          metric: 'VISIT',
          goal: 5,
          allocation: 'PERIOD_END',
          timeZone,
          cycles: [
            {
              refCode: 'c1',
              start: new Date(start),
              end: new Date(new Date(start).getTime() + 30 * DAY),
            },
          ],
        }),
      )
      const v = view(target, op.enroll(1, new Date(start)), op.activity(1, new Date(visit)))
      expect(v.progress.map((p) => p.visits)).toEqual([[shown]])
    },
  )

  it('state.enrolment-view: a PERIOD_AGNOSTIC record shows its anchor and the ends of its cycles', () => {
    const card = right(
      defineMilestone({
        targetGroupId: 6,
        targetId: 1,
        metric: 'COUNT',
        goal: 2,
        allocation: 'IMMEDIATE',
        window: { type: 'PERIOD_AGNOSTIC', maxCycles: 3 },
      }),
    )
    const v = view(card, op.enroll(1, t0), op.activity(1, later(1)), op.activity(1, later(2)))
    expect([v.anchor, 'cycleEnds' in v ? v.cycleEnds : undefined]).toEqual([
      O.some(later(1)),
      [later(2)],
    ])
  })
})
