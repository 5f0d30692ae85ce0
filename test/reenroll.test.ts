// Re-enrolment (rules reenroll.*).
import * as O from 'fp-ts/lib/Option.js'
import { describe, expect, it } from 'vitest'
import {
  advance,
  applyAll,
  enroll,
  initialState,
  recordActivity,
  reenroll,
  unenroll,
  type EnrolmentState,
} from '../src/index.js'
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

const immediate = () => initialState(milestoneABC('IMMEDIATE', { goal: 3 }))
const periodEnd = () => initialState(milestoneABC('PERIOD_END', { goal: 3 }))
const ev = () => eventsOf(immediate().target, 7)

/** Enrolled at c1, two of three activities in c2, unenrolled in c2. */
const unenrolledInC2 = (start: EnrolmentState) =>
  play(
    start,
    (s) => enroll(s, 7, inCycle(s, 1)),
    (s) => recordActivity(s, 7, { at: inCycle(s, 2, 1) }),
    (s) => recordActivity(s, 7, { at: inCycle(s, 2, 2) }),
    (s) => unenroll(s, 7, inCycle(s, 2, 3)),
  ).state

describe('reenroll', () => {
  it('reenroll.1: refuses an enrolled customer with 310119 and a customer never enrolled with 310126', () => {
    const { state } = play(immediate(), (s) => enroll(s, 7, inCycle(s, 1)))
    expect(left(reenroll(state, 7, inCycle(immediate(), 1, 1))).code).toBe(310119)
    expect(left(reenroll(state, 8, inCycle(immediate(), 1, 1))).code).toBe(310126)
  })

  it('reenroll.2: starts at the cycle holding now, or the one named by period; 310019 for an ended one', () => {
    const state = unenrolledInC2(immediate())
    expect(right(reenroll(state, 7, inCycle(immediate(), 3, 1))).events).toEqual([
      ev().reenrolled(3, inCycle(immediate(), 3, 1)),
    ])
    expect(right(reenroll(state, 7, inCycle(immediate(), 2, 4), { period: 'c4' })).events).toEqual([
      ev().reenrolled(4, inCycle(immediate(), 2, 4)),
    ])
    expect(left(reenroll(state, 7, inCycle(immediate(), 3, 1), { period: 'c2' })).code).toBe(310019)
  })

  it('reenroll.3: in the unenrolment cycle, the frozen progress resumes', () => {
    const state = unenrolledInC2(immediate())
    const { events, state: after } = play(
      state,
      (s) => reenroll(s, 7, inCycle(s, 2, 4)),
      (s) => recordActivity(s, 7, { at: inCycle(s, 2, 5) }),
    )
    expect(events).toEqual([
      ev().reenrolled(2, inCycle(immediate(), 2, 4)),
      ev().achieved(2, inCycle(immediate(), 2, 5)),
      ev().issued(2, inCycle(immediate(), 2, 5), 'IMMEDIATE'),
    ])
    expect(enrolment(after, 7)).toMatchObject({
      status: 'ENROLLED',
      startCycle: 2,
      since: inCycle(immediate(), 2, 4),
    })
  })

  it('reenroll.3: in a later cycle, progress starts at 0', () => {
    const state = unenrolledInC2(immediate())
    const t = right(reenroll(state, 7, inCycle(immediate(), 3, 1)))
    expect(enrolment(t.state, 7).progress).toEqual([])
  })

  it('reenroll.3: initialBalance replaces the progress, and achievement follows from the new value', () => {
    const state = unenrolledInC2(immediate())
    const t = right(reenroll(state, 7, inCycle(immediate(), 2, 4), { initialBalance: 3 }))
    expect(t.events).toEqual([
      ev().reenrolled(2, inCycle(immediate(), 2, 4)),
      ev().achieved(2, inCycle(immediate(), 2, 4)),
      ev().issued(2, inCycle(immediate(), 2, 4), 'IMMEDIATE'),
    ])
    const lowered = right(reenroll(state, 7, inCycle(immediate(), 2, 4), { initialBalance: 0 }))
    expect(enrolment(lowered.state, 7).progress).toEqual([
      { cycle: 2, value: 0, achievedAt: O.none, rewarded: false },
    ])
  })

  it('reenroll.3: an IMMEDIATE reward already issued for the cycle is never issued again', () => {
    const { state } = play(
      immediate(),
      (s) => enroll(s, 7, inCycle(s, 1)),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 2) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 3) }),
      (s) => unenroll(s, 7, inCycle(s, 1, 4)),
      (s) => reenroll(s, 7, inCycle(s, 1, 5), { initialBalance: 0 }),
    )
    const { events } = play(
      state,
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 6) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 7) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 8) }),
      (s) => advance(s, cycleOf(s, 5).end),
    )
    expect(events).toEqual([ev().achieved(1, inCycle(immediate(), 1, 8))])
  })

  it('reenroll.3: a PERIOD_END cycle lowered below its goal by initialBalance is not paid at its end', () => {
    const { events } = play(
      periodEnd(),
      (s) => enroll(s, 7, inCycle(s, 1)),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 2) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 3) }),
      (s) => unenroll(s, 7, inCycle(s, 1, 4)),
      (s) => reenroll(s, 7, inCycle(s, 1, 5), { initialBalance: 1 }),
      (s) => advance(s, cycleOf(s, 2).end),
    )
    expect(events.filter((e) => e.type.startsWith('REWARD'))).toEqual([])
  })

  it('reenroll.3, reenroll.frozen-cycle: re-enrolling from a later cycle leaves k: its PERIOD_END reward is forfeited at its end', () => {
    const { state } = play(
      periodEnd(),
      (s) => enroll(s, 7, inCycle(s, 1)),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 2) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 3) }),
      (s) => unenroll(s, 7, inCycle(s, 1, 4)),
    )
    const t = right(reenroll(state, 7, inCycle(periodEnd(), 1, 5), { period: 'c2' }))
    expect(t.events).toEqual([ev().reenrolled(2, inCycle(periodEnd(), 1, 5))])
    expect(right(advance(t.state, cycleOf(periodEnd(), 1).end)).events).toEqual([
      ev().forfeited(1, cycleOf(periodEnd(), 1).end),
    ])
  })

  it('reenroll.3, reenroll.frozen-cycle: coming back into k after re-enrolling from a later cycle resumes k: never rewarded twice', () => {
    const { events } = play(
      immediate(),
      (s) => enroll(s, 7, inCycle(s, 1)),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 2) }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 3) }),
      (s) => unenroll(s, 7, inCycle(s, 1, 4)),
      (s) => reenroll(s, 7, inCycle(s, 1, 5), { period: 'c2' }),
      (s) => unenroll(s, 7, inCycle(s, 1, 6)),
      (s) => reenroll(s, 7, inCycle(s, 1, 7), { initialBalance: 3 }),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 8) }),
    )
    expect(events.filter((e) => e.type === 'REWARD_ISSUED')).toEqual([
      ev().issued(1, inCycle(immediate(), 1, 3), 'IMMEDIATE'),
    ])
  })

  it('reenroll.3: initialBalance is ignored with a warning for a streak', () => {
    const streak = () => initialState(streakXYZ())
    const { state } = play(
      streak(),
      (s) => enroll(s, 7, inCycle(s, 1)),
      (s) => unenroll(s, 7, inCycle(s, 1, 1)),
    )
    const t = right(reenroll(state, 7, inCycle(streak(), 1, 2), { initialBalance: 4 }))
    expect(t.warnings.map((w) => w.code)).toEqual(['INITIAL_BALANCE_IGNORED'])
    expect(enrolment(t.state, 7).progress).toEqual([])
  })

  describe('streaks', () => {
    const streak = () => initialState(streakXYZ('CONTINUOUS', [2, 3]))
    const sev = () => eventsOf(streak().target, 7)
    const twoAchievedThenOut = () =>
      play(
        streak(),
        (s) => enroll(s, 7, inCycle(s, 1)),
        (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1) }),
        (s) => recordActivity(s, 7, { at: inCycle(s, 2, 1) }),
        (s) => unenroll(s, 7, inCycle(s, 3, 1)),
      ).state

    it('reenroll.4: resetStreakStatus false: count and levels resume; cycles spent unenrolled neither extend nor break it', () => {
      const { events, state } = play(
        twoAchievedThenOut(),
        (s) => reenroll(s, 7, inCycle(s, 6, 1)),
        (s) => recordActivity(s, 7, { at: inCycle(s, 6, 2) }),
      )
      expect(events).toEqual([
        sev().reenrolled(6, inCycle(streak(), 6, 1)),
        sev().achieved(6, inCycle(streak(), 6, 2)),
        ...sev().level(6, inCycle(streak(), 6, 2), 3, 1),
      ])
      expect(enrolment(state, 7).streak).toEqual(
        O.some({ epoch: 1, count: 3, achievedLevels: [2, 3] }),
      )
    })

    it('reenroll.5: resetStreakStatus true: count 0, levels cleared, next epoch, STREAK_RESET', () => {
      const t = right(
        reenroll(twoAchievedThenOut(), 7, inCycle(streak(), 6, 1), { resetStreakStatus: true }),
      )
      expect(t.events).toEqual([
        sev().reenrolled(6, inCycle(streak(), 6, 1)),
        sev().reset(6, inCycle(streak(), 6, 1), 2),
      ])
      expect(enrolment(t.state, 7).streak).toEqual(
        O.some({ epoch: 2, count: 0, achievedLevels: [] }),
      )
      const { events } = play(
        t.state,
        (s) => recordActivity(s, 7, { at: inCycle(s, 6, 2) }),
        (s) => recordActivity(s, 7, { at: inCycle(s, 7, 2) }),
      )
      expect(events).toEqual([
        sev().achieved(6, inCycle(streak(), 6, 2)),
        sev().achieved(7, inCycle(streak(), 7, 2)),
        ...sev().level(7, inCycle(streak(), 7, 2), 2, 2),
      ])
    })

    it('reenroll.5: each reset starts the next epoch: 1, 2, 3', () => {
      const { state } = play(
        twoAchievedThenOut(),
        (s) => reenroll(s, 7, inCycle(s, 4, 1), { resetStreakStatus: true }),
        (s) => unenroll(s, 7, inCycle(s, 4, 2)),
        (s) => reenroll(s, 7, inCycle(s, 4, 3), { resetStreakStatus: true }),
      )
      expect(enrolment(state, 7).streak).toEqual(O.some({ epoch: 3, count: 0, achievedLevels: [] }))
    })

    it('reenroll.5, reenroll.reset-in-k: a reset in the unenrolment cycle does not count that cycle again in the new epoch', () => {
      const { events, state } = play(
        streak(),
        (s) => enroll(s, 7, inCycle(s, 1)),
        (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1) }),
        (s) => unenroll(s, 7, inCycle(s, 1, 2)),
        (s) => reenroll(s, 7, inCycle(s, 1, 3), { resetStreakStatus: true }),
        (s) => recordActivity(s, 7, { at: inCycle(s, 1, 4) }),
        (s) => advance(s, cycleOf(s, 1).end),
      )
      expect(events.map((e) => e.type)).toEqual([
        'ENROLLED',
        'CYCLE_ACHIEVED',
        'UNENROLLED',
        'REENROLLED',
        'STREAK_RESET',
      ])
      expect(enrolment(state, 7).streak).toEqual(O.some({ epoch: 2, count: 0, achievedLevels: [] }))
    })
  })

  it('reenroll.5: resetStreakStatus on a milestone is ignored with a warning', () => {
    const state = unenrolledInC2(immediate())
    const t = right(reenroll(state, 7, inCycle(immediate(), 2, 4), { resetStreakStatus: true }))
    expect(t.events).toEqual([ev().reenrolled(2, inCycle(immediate(), 2, 4))])
    expect(t.warnings.map((w) => w.code)).toEqual(['RESET_STREAK_STATUS_IGNORED'])
  })

  it('reenroll.6: emits REENROLLED with the start cycle and increments the version', () => {
    const state = unenrolledInC2(immediate())
    const t = right(reenroll(state, 7, inCycle(immediate(), 2, 4)))
    expect(t.events).toEqual([ev().reenrolled(2, inCycle(immediate(), 2, 4))])
    expect(enrolment(t.state, 7).version).toBe(enrolment(state, 7).version + 1)
  })

  it('input.options: refuses a non-boolean resetStreakStatus with 300004', () => {
    const state = unenrolledInC2(immediate())
    expect(
      left(reenroll(state, 7, inCycle(immediate(), 2, 4), { resetStreakStatus: 'yes' as never })),
    ).toMatchObject({
      code: 300004,
      field: 'options.resetStreakStatus',
    })
  })

  it('event.order, reenroll.frozen-cycle: settles what is due first: a PERIOD_END forfeit of an earlier cycle comes before REENROLLED', () => {
    const base = initialState(milestoneABC('PERIOD_END', { goal: 1 }))
    const { state } = play(
      base,
      (s) => enroll(s, 7, inCycle(s, 1)),
      (s) => recordActivity(s, 7, { at: inCycle(s, 1, 1) }),
      (s) => unenroll(s, 7, inCycle(s, 1, 2)),
    )
    const result = right(reenroll(state, 7, inCycle(base, 2, 1)))
    expect(result.events.map((e) => [e.type, e.cycle, e.at])).toEqual([
      ['REWARD_FORFEITED', 1, cycleOf(base, 1).end],
      ['REENROLLED', 2, inCycle(base, 2, 1)],
    ])
  })

  /** Customer 7 counted once in c2, left c2, and came back from c3 with `options`. */
  const backFromC3 = (options: { readonly initialBalance?: number }) => {
    const base = initialState(milestoneABC('IMMEDIATE'))
    const { state } = play(
      base,
      (s) => enroll(s, 7, inCycle(s, 2)),
      (s) => recordActivity(s, 7, { at: inCycle(s, 2, 1) }),
      (s) => unenroll(s, 7, inCycle(s, 2, 2)),
      (s) => reenroll(s, 7, inCycle(s, 2, 3), { period: 'c3', ...options }),
    )
    return { base, state }
  }

  it('reenroll.frozen-cycle: a balance for a later start cycle is achieved at its start, beside the frozen progress of the cycle left', () => {
    const { base, state } = backFromC3({ initialBalance: 5 })
    expect(enrolment(state, 7).progress.map((p) => [p.cycle, p.value])).toEqual([
      [2, 1],
      [3, 5],
    ])
    const started = right(advance(state, cycleOf(base, 3).start))
    expect(started.events.map((e) => [e.type, e.cycle, e.at])).toEqual([
      ['CYCLE_ACHIEVED', 3, cycleOf(base, 3).start],
      ['REWARD_ISSUED', 3, cycleOf(base, 3).start],
    ])
  })

  it('reenroll.frozen-cycle: frozen progress of the cycle left, and a later start cycle with no balance: nothing is due at its start', () => {
    const { base, state } = backFromC3({})
    expect(right(advance(state, cycleOf(base, 3).start)).events).toEqual([])
    expect(right(recordActivity(state, 7, { at: inCycle(base, 2, 4) })).warnings).toHaveLength(1)
  })

  it('reenroll.3: a balance given again for a start cycle whose progress the unenrolment dropped is kept, in a batch as one by one', () => {
    // Within a batch the customer's record is written in place: the progress the unenrolment drops
    // must not come back as the progress of the re-enrolment's start cycle.
    const base = periodEnd()
    const now = (hours: number) => inCycle(base, 1, hours)
    const batch = applyAll(base, [
      { kind: 'enroll', customerId: 7, now: now(1), options: { period: 'c2', initialBalance: 2 } },
      { kind: 'unenroll', customerId: 7, now: now(2) },
      {
        kind: 'reenroll',
        customerId: 7,
        now: now(3),
        options: { period: 'c2', initialBalance: 1 },
      },
    ])
    const single = play(
      base,
      (s) => enroll(s, 7, now(1), { period: 'c2', initialBalance: 2 }),
      (s) => unenroll(s, 7, now(2)),
      (s) => reenroll(s, 7, now(3), { period: 'c2', initialBalance: 1 }),
    )
    expect(batch.errors).toEqual([])
    expect(enrolment(batch.state, 7).progress.map((p) => [p.cycle, p.value])).toEqual([[2, 1]])
    expect(enrolment(batch.state, 7)).toEqual(enrolment(single.state, 7))
  })
})

describe('reenroll: a start-cycle balance frozen before its cycle began (rules enroll.5, unenroll.4, reenroll.3)', () => {
  // Enrolled before c1 with a balance that reaches the goal, and unenrolled before c1 began: the
  // unenrolment cycle k is c1 (the next to start), so the balance is c1's frozen progress.
  const base = immediate()
  const before = (hours: number) => new Date(cycleOf(base, 1).start.getTime() - hours * 3_600_000)
  const frozen = () =>
    play(
      base,
      (s) => enroll(s, 7, before(3), { initialBalance: 3 }),
      (s) => unenroll(s, 7, before(2)),
    ).state

  it('unenroll.4: the frozen balance is not achieved when its cycle begins while the customer is out', () => {
    const state = frozen()
    expect(enrolment(state, 7).progress.map((p) => [p.cycle, p.value])).toEqual([[1, 3]])
    expect(right(advance(state, inCycle(base, 1, 1))).events).toEqual([])
    expect(right(advance(state, cycleOf(base, 1).end)).events).toEqual([])
  })

  it('reenroll.3: re-enrolled before the cycle begins, the frozen balance is achieved at its start', () => {
    const { events } = play(
      frozen(),
      (s) => reenroll(s, 7, before(1)),
      (s) => advance(s, inCycle(base, 1, 1)),
    )
    expect(events).toEqual([
      ev().reenrolled(1, before(1)),
      ev().achieved(1, cycleOf(base, 1).start),
      ev().issued(1, cycleOf(base, 1).start, 'IMMEDIATE'),
    ])
  })

  it('reenroll.3: re-enrolled during the cycle, the frozen balance is achieved at the re-enrolment', () => {
    const now = inCycle(base, 1, 2)
    expect(right(reenroll(frozen(), 7, now)).events).toEqual([
      ev().reenrolled(1, now),
      ev().achieved(1, now),
      ev().issued(1, now, 'IMMEDIATE'),
    ])
  })

  it('reenroll.3: in a batch that settles the customer while out, re-enrolment still gives the balance its start', () => {
    // The batch writes one record in place: settling it while unenrolled finds no balance waiting
    // (an unenrolled customer achieves nothing), and the re-enrolment must make it wait again.
    const operations = [
      { kind: 'enroll', customerId: 7, now: before(4), options: { initialBalance: 3 } },
      { kind: 'unenroll', customerId: 7, now: before(3) },
      { kind: 'advance', now: before(2) },
      { kind: 'reenroll', customerId: 7, now: before(1) },
      { kind: 'advance', now: inCycle(base, 1, 1) },
    ] as const
    const batch = applyAll(base, operations)
    const oneByOne = play(
      base,
      (s) => enroll(s, 7, before(4), { initialBalance: 3 }),
      (s) => unenroll(s, 7, before(3)),
      (s) => advance(s, before(2)),
      (s) => reenroll(s, 7, before(1)),
      (s) => advance(s, inCycle(base, 1, 1)),
    )
    expect(batch.errors).toEqual([])
    expect(batch.events).toEqual([
      ev().enrolled(1, before(4)),
      ev().unenrolled(1, before(3)),
      ev().reenrolled(1, before(1)),
      ev().achieved(1, cycleOf(base, 1).start),
      ev().issued(1, cycleOf(base, 1).start, 'IMMEDIATE'),
    ])
    expect(batch.events).toEqual(oneByOne.events)
    expect(enrolment(batch.state, 7)).toEqual(enrolment(oneByOne.state, 7))
  })
})
