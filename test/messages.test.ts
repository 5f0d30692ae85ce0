// rule input.never-throws: an error or warning says what is wrong, naming the field and the value at fault.
import * as E from 'fp-ts/lib/Either.js'
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
  type Result,
} from '../src/index.js'
import {
  cycleOf,
  enrolment,
  inCycle,
  milestoneABC,
  play,
  right,
  streakXYZ,
} from './support/fixtures.js'

const errorOf = (result: Result) => {
  if (E.isRight(result)) throw new Error('expected a refusal')
  return result.left
}
const warningsOf = (result: Result) => {
  if (E.isLeft(result)) throw new Error(`expected a warning, got ${result.left.message}`)
  return result.right.warnings.map((w) => `${w.code}: ${w.message}`)
}

describe('error messages', () => {
  const base = () => initialState(milestoneABC('IMMEDIATE', { metric: 'SUM', goal: 5 }))
  const enrolled = () => play(base(), (s) => enroll(s, 7, inCycle(s, 1, 5))).state
  const out = () => play(enrolled(), (s) => unenroll(s, 7, inCycle(s, 1, 6))).state
  const t0 = () => inCycle(base(), 1, 5)

  it.each([
    ['a bad customer id, with its value', () => enroll(base(), -4, t0()), ['customerId', '-4']],
    [
      'a customer id that is a string',
      () => enroll(base(), '12' as never, t0()),
      ['customerId', '"12"'],
    ],
    [
      'a long string, cut short',
      () => enroll(base(), 'x'.repeat(60) as never, t0()),
      ['customerId', '…'],
    ],
    ['-0', () => enroll(base(), -0, t0()), ['customerId', '-0']],
    ['an array', () => enroll(base(), [1] as never, t0()), ['an array']],
    ['an object', () => enroll(base(), {} as never, t0()), ['an object']],
    ['null', () => enroll(base(), null as never, t0()), ['null']],
    ['an Invalid Date', () => enroll(base(), 7, new Date('x')), ['now', 'Invalid Date']],
    [
      'a date given as a string',
      () => enroll(base(), 7, '2026-01-01' as never),
      ['now', '"2026-01-01"'],
    ],
    [
      'a clock going back',
      () =>
        enroll(
          play(enrolled(), (s) => advance(s, inCycle(base(), 1, 5))).state,
          8,
          inCycle(base(), 1, 1),
        ),
      [
        'now',
        'earlier than the watermark, the latest advance',
        inCycle(base(), 1, 1).toISOString(),
      ],
    ],
    ['options that are not an object', () => enroll(base(), 7, t0(), 5 as never), ['options', '5']],
    [
      'a bad period',
      () => enroll(base(), 7, t0(), { period: 3 } as never),
      ['options.period', '3'],
    ],
    [
      'a bad balance',
      () => enroll(base(), 7, t0(), { initialBalance: -2 }),
      ['options.initialBalance', '-2'],
    ],
    [
      'a bad reset flag',
      () => reenroll(out(), 7, inCycle(base(), 1, 7), { resetStreakStatus: 1 } as never),
      ['options.resetStreakStatus', '1'],
    ],
    ['an unknown period', () => enroll(base(), 7, t0(), { period: 'c9' }), ['"c9"', 'no cycle']],
    [
      'an ended period',
      () => enroll(base(), 7, inCycle(base(), 2, 1), { period: 'c1' }),
      ['"c1"', 'ended', cycleOf(base(), 1).end.toISOString()],
    ],
    [
      'no cycle left',
      () => enroll(base(), 7, cycleOf(base(), 5).end),
      ['no cycle', cycleOf(base(), 5).end.toISOString()],
    ],
    [
      'already enrolled',
      () => enroll(enrolled(), 7, inCycle(base(), 1, 6)),
      ['customer 7', 'already enrolled', 'target 1'],
    ],
    ['never enrolled', () => unenroll(base(), 8, t0()), ['customer 8', 'never enrolled']],
    [
      'already unenrolled',
      () => unenroll(out(), 7, inCycle(base(), 1, 7)),
      ['customer 7', 'already unenrolled'],
    ],
    [
      'unenrolled after the last cycle',
      () => unenroll(enrolled(), 7, cycleOf(base(), 5).end),
      ['every cycle', 'ended', cycleOf(base(), 5).end.toISOString()],
    ],
    [
      "before the customer's settled instant",
      () =>
        unenroll(
          play(enrolled(), (s) => recordActivity(s, 7, { at: inCycle(s, 2, 1), value: 1 })).state,
          7,
          inCycle(base(), 1, 9),
        ),
      ['customer 7', 'settled instant', inCycle(base(), 2, 1).toISOString()],
    ],
    [
      'an activity that is not an object',
      () => recordActivity(enrolled(), 7, 3 as never),
      ['activity', '3'],
    ],
    [
      'a SUM value of 0',
      () => recordActivity(enrolled(), 7, { at: t0(), value: 0 }),
      ['activity.value', 'SUM', '0'],
    ],
    [
      'a negative COUNT value',
      () => recordActivity(initialState(milestoneABC('IMMEDIATE')), 7, { at: t0(), value: -1 }),
      ['activity.value', '-1'],
    ],
  ] as const)('%s', (_, call, parts) => {
    const error = errorOf(call())
    for (const part of parts) expect(error.message).toContain(part)
  })
})

describe('warning messages', () => {
  const base = () => initialState(milestoneABC('IMMEDIATE'))
  it('activity.warning-order: say why an activity does not count', () => {
    const { state } = play(
      base(),
      (s) => enroll(s, 7, inCycle(s, 1, 5), { period: 'c2' }),
      (s) => enroll(s, 8, inCycle(s, 1, 5)),
      (s) => unenroll(s, 8, inCycle(s, 1, 6)),
    )
    expect(warningsOf(recordActivity(state, 9, { at: inCycle(base(), 1, 7) }))).toEqual([
      'NOT_ENROLLED: customer 9 was never enrolled',
    ])
    expect(warningsOf(recordActivity(state, 8, { at: inCycle(base(), 1, 7) }))).toEqual([
      'NOT_ENROLLED: customer 8 is unenrolled',
    ])
    expect(warningsOf(recordActivity(state, 7, { at: inCycle(base(), 1, 1) }))[0]).toContain(
      `is before the enrolment at ${inCycle(base(), 1, 5).toISOString()}`,
    )
    expect(warningsOf(recordActivity(state, 7, { at: inCycle(base(), 1, 8) }))).toEqual([
      'NOT_ENROLLED: customer 7 takes part from cycle 2, not 1',
    ])
    expect(warningsOf(recordActivity(state, 7, { at: cycleOf(base(), 5).end }))).toEqual([
      `OUTSIDE_CYCLES: no cycle holds ${cycleOf(base(), 5).end.toISOString()}`,
    ])
  })

  it('say that an option was ignored, and why', () => {
    const streak = initialState(streakXYZ())
    expect(warningsOf(enroll(streak, 7, inCycle(streak, 1), { initialBalance: 2 }))).toEqual([
      'INITIAL_BALANCE_IGNORED: initialBalance applies to milestones only; ignored for a streak',
    ])
    const { state } = play(
      base(),
      (s) => enroll(s, 7, inCycle(s, 1)),
      (s) => unenroll(s, 7, inCycle(s, 1, 1)),
    )
    expect(
      warningsOf(reenroll(state, 7, inCycle(base(), 1, 2), { resetStreakStatus: true })),
    ).toEqual([
      'RESET_STREAK_STATUS_IGNORED: resetStreakStatus applies to streaks only; ignored for a milestone',
    ])
  })
})

describe('definition problems', () => {
  const cycles = [{ refCode: 'c1', start: new Date('2026-01-01'), end: new Date('2026-02-01') }]
  const messages = (
    result: E.Either<
      {
        readonly problems: ReadonlyArray<{ path: string; message: string }>
        readonly message: string
      },
      unknown
    >,
  ) => {
    if (E.isRight(result)) throw new Error('expected problems')
    for (const p of result.left.problems)
      expect(result.left.message).toContain(`${p.path}: ${p.message}`)
    return result.left.problems.map((p) => `${p.path}: ${p.message}`)
  }

  it('name each field and what it must be', () => {
    expect(
      messages(
        defineMilestone({
          targetGroupId: 0,
          targetId: 0,
          metric: 'X',
          goal: 0,
          allocation: 'Y',
          cycles: 'z',
          name: 1,
        } as never),
      ),
    ).toEqual([
      'targetGroupId: must be a positive safe integer',
      'targetId: must be a positive safe integer',
      'name: must be a string',
      "metric: must be 'COUNT', 'SUM' or 'VISIT'",
      'goal: must be a finite number > 0',
      'cycles: must be an array of cycles',
      "allocation: must be 'IMMEDIATE' or 'PERIOD_END'",
    ])
    expect(
      messages(
        defineMilestone({
          targetGroupId: 1,
          targetId: 1,
          metric: 'COUNT',
          goal: 1.5,
          allocation: 'IMMEDIATE',
          cycles: [],
        }),
      ),
    ).toEqual([
      'goal: must be a positive integer (a COUNT goal)',
      'cycles: must hold at least one cycle',
    ])
    expect(
      messages(
        defineStreak({
          targetGroupId: 1,
          targetId: 1,
          metric: 'COUNT',
          goal: 1,
          streakType: 'X',
          levels: [2, 2, 9],
          cycles,
          allocation: 'PERIOD_END',
        } as never),
      ),
    ).toEqual([
      "streakType: must be 'CONTINUOUS' or 'NON_CONTINUOUS'",
      'levels[1]: levels must be strictly ascending',
      'levels[2]: must be at most the number of cycles (1)',
      "allocation: streaks are rewarded 'IMMEDIATE' only",
    ])
    expect(
      messages(
        defineStreak({
          targetGroupId: 1,
          targetId: 1,
          metric: 'COUNT',
          goal: 1,
          streakType: 'CONTINUOUS',
          levels: 3,
          cycles,
        } as never),
      ),
    ).toEqual(['levels: must be an array of positive integers'])
    expect(
      messages(
        calendarCycles({
          start: 'x',
          frequency: 'HOURLY',
          count: 0,
          timeZone: 'UTC',
          refCodeFormat: '',
        } as never),
      ),
    ).toEqual([
      'frequency: must be one of DAILY, WEEKLY, MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY or { everyDays: a positive integer }',
      'count: must be an integer from 1 to 100',
      'refCodeFormat: must be a date-fns format pattern',
      "start: must be a local date 'YYYY-MM-DD'",
    ])
  })
})

describe('messages of the rules a refusal or a warning cites', () => {
  const base = () => initialState(milestoneABC('PERIOD_END'))

  it('an activity in a cycle that has closed', () => {
    const { state } = play(
      base(),
      (s) => enroll(s, 7, inCycle(s, 1)),
      (s) => advance(s, inCycle(s, 2)),
    )
    expect(warningsOf(recordActivity(state, 7, { at: inCycle(base(), 1, 3) }))).toEqual([
      `CYCLE_CLOSED: cycle 1 closed at ${cycleOf(base(), 1).end.toISOString()}`,
    ])
  })

  it('a re-enrolment of a customer never enrolled, and a period no cycle is named', () => {
    expect(errorOf(reenroll(base(), 8, inCycle(base(), 1)))).toEqual({
      code: 310126,
      message: 'customer 8 is not enrolled in target 1 (never enrolled)',
      field: 'customerId',
    })
    expect(errorOf(enroll(base(), 8, inCycle(base(), 1), { period: 'c9' }))).toEqual({
      code: 310019,
      message: 'target 1 has no cycle named "c9"',
      field: 'options.period',
    })
  })

  it('input.options: an initialBalance of -0 is kept as 0', () => {
    const { state } = play(base(), (s) => enroll(s, 7, inCycle(s, 1), { initialBalance: -0 }))
    expect(Object.is(enrolment(state, 7).progress[0]?.value, 0)).toBe(true)
  })
})

describe('messages of the refusals and warnings a per-customer window gives', () => {
  const DAY = 86_400_000
  const t0 = new Date('2026-03-04T10:00:00.000Z')
  const later = (days: number) => new Date(t0.getTime() + days * DAY)
  const milestone = (window: unknown) =>
    initialState(
      right(
        defineMilestone({
          targetGroupId: 5,
          targetId: 3,
          name: 'mine',
          metric: 'COUNT',
          goal: 2,
          allocation: 'IMMEDIATE',
          window,
          timeZone: 'UTC',
        } as never),
      ),
    )
  const cyclic = () => milestone({ type: 'CYCLIC', frequency: { everyDays: 7 }, count: 2 })
  const agnostic = () => milestone({ type: 'PERIOD_AGNOSTIC', maxCycles: 1 })

  it('window.period-fixed-only: a period named on a CYCLIC target', () => {
    expect(errorOf(enroll(cyclic(), 1, t0, { period: 'c1' }))).toEqual({
      code: 310019,
      message: `target 3 has a CYCLIC window: its cycles are each customer's own, and none is named "c1"`,
      field: 'options.period',
    })
  })

  it("window.cyclic: unenrolling or re-enrolling once every one of the customer's cycles has ended (both name now)", () => {
    const { state } = play(
      cyclic(),
      (s) => enroll(s, 1, t0),
      (s) => recordActivity(s, 1, { at: t0 }),
    )
    expect(errorOf(unenroll(state, 1, later(15)))).toEqual({
      code: 310019,
      message: `every cycle of customer 1 has ended by ${later(15).toISOString()}`,
      field: 'now',
    })
    const out = play(state, (s) => unenroll(s, 1, later(1))).state
    expect(errorOf(reenroll(out, 1, later(15)))).toEqual({
      code: 310019,
      message: `every cycle of customer 1 has ended by ${later(15).toISOString()}`,
      field: 'now',
    })
  })

  it('window.agnostic: unenrolling once every cycle is achieved; an activity of an ended cycle', () => {
    const { state } = play(
      agnostic(),
      (s) => enroll(s, 1, t0),
      (s) => recordActivity(s, 1, { at: later(1) }),
      (s) => recordActivity(s, 1, { at: later(2) }),
    )
    expect(errorOf(unenroll(state, 1, later(3)))).toEqual({
      code: 310019,
      message: `every cycle of customer 1 has ended by ${later(3).toISOString()}`,
      field: 'now',
    })
    expect(warningsOf(recordActivity(state, 1, { at: later(1.5) }))).toEqual([
      `CYCLE_CLOSED: cycle 1 ended at ${later(2).toISOString()}, when its goal was reached`,
    ])
  })

  it('input.finite: an activity that would make a progress infinite names the value and the sum', () => {
    const sum = initialState(milestoneABC('IMMEDIATE', { metric: 'SUM', goal: 5 }))
    const { state } = play(
      sum,
      (s) => enroll(s, 1, inCycle(s, 1)),
      (s) => recordActivity(s, 1, { at: inCycle(s, 1, 1), value: Number.MAX_VALUE }),
    )
    expect(
      errorOf(recordActivity(state, 1, { at: inCycle(sum, 1, 2), value: Number.MAX_VALUE })),
    ).toEqual({
      code: 300004,
      message: `activity.value ${String(Number.MAX_VALUE)} would make cycle 1's progress Infinity, not a finite number`,
      field: 'activity.value',
    })
  })
})

describe('the input checks of a balance and of a SUM value', () => {
  const count = () => initialState(milestoneABC('IMMEDIATE', { goal: 5 }))
  const sum = () => initialState(milestoneABC('IMMEDIATE', { metric: 'SUM', goal: 5 }))

  it('input.balance: a COUNT balance is a whole number; a SUM balance may be any finite amount', () => {
    expect(errorOf(enroll(count(), 1, inCycle(count(), 1), { initialBalance: 1.5 }))).toEqual({
      code: 300004,
      message: 'options.initialBalance must be a whole number for a COUNT target, got 1.5',
      field: 'options.initialBalance',
    })
    const { state } = play(sum(), (s) => enroll(s, 1, inCycle(s, 1), { initialBalance: 1.5 }))
    expect(enrolment(state, 1).progress[0]?.value).toBe(1.5)
  })

  it('activity.value: a return needs allowReturns; with it, any finite value but 0', () => {
    const returns = initialState(
      right(
        defineMilestone({
          targetGroupId: 101,
          targetId: 1,
          metric: 'SUM',
          goal: 5,
          allocation: 'IMMEDIATE',
          allowReturns: true,
          cycles: milestoneABC('IMMEDIATE').cycles,
        }),
      ),
    )
    const enrolled = play(returns, (s) => enroll(s, 1, inCycle(s, 1))).state
    expect(errorOf(recordActivity(enrolled, 1, { at: inCycle(returns, 1, 1), value: 0 }))).toEqual({
      code: 300004,
      message: 'activity.value must be a finite number other than 0 (negative: a return), got 0',
      field: 'activity.value',
    })
    const out = play(sum(), (s) => enroll(s, 1, inCycle(s, 1))).state
    expect(errorOf(recordActivity(out, 1, { at: inCycle(sum(), 1, 1), value: -1 }))).toEqual({
      code: 300004,
      message: 'activity.value must be a finite number > 0 for a SUM target, got -1',
      field: 'activity.value',
    })
  })
})
