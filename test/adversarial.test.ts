// Hostile input to every exported function: the right error code or warning, never a throw,
// never a change to the state.
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { describe, expect, it } from 'vitest'
import {
  advance,
  calendarCycles,
  defineMilestone,
  defineStreak,
  enroll,
  enrolmentOf,
  initialState,
  recordActivity,
  reenroll,
  unenroll,
  type EnrolmentState,
  type Result,
} from '../src/index.js'
import { deepFreeze } from './support/deepFreeze.js'
import { inCycle, milestoneABC, play, right, streakXYZ } from './support/fixtures.js'

/** Values no caller should send, but some will. */
const hostile: ReadonlyArray<unknown> = [
  Number.NaN,
  Infinity,
  -Infinity,
  -0,
  1.5,
  2 ** 53,
  -1,
  0,
  '423789336',
  '',
  null,
  undefined,
  true,
  {},
  [],
  [1],
  new Date(Number.NaN),
  10n,
  Symbol('x'),
  JSON.parse('{"__proto__": {"customerId": 1}, "constructor": {"prototype": {}}}'),
]

const hostileArb = fc.oneof(
  fc.constantFrom(...hostile),
  fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true }),
)

/** A state with enrolled, unenrolled and never-enrolled customers, deep-frozen. */
const frozenState = (): EnrolmentState =>
  deepFreeze(
    play(
      initialState(milestoneABC('PERIOD_END', { goal: 2 })),
      (s) => enroll(s, 1, inCycle(s, 1)),
      (s) => enroll(s, 2, inCycle(s, 1)),
      (s) => unenroll(s, 2, inCycle(s, 1, 1)),
    ).state,
  )

const now = (state: EnrolmentState) => inCycle(state, 1, 2)

/** A COUNT activity's value: a finite number ≥ 0 if given (rule activity.value). */
const validValue = (v: unknown) =>
  v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= 0)
/** A COUNT balance: a whole number ≥ 0 (rule input.balance). */
const validBalance = (v: unknown) => validValue(v) && (v === undefined || Number.isInteger(v))
const validPeriod = (v: unknown) => v === undefined || (typeof v === 'string' && v.length > 0)
const validReset = (v: unknown) => v === undefined || typeof v === 'boolean'

/**
 * Runs `call`: it must not throw; it is accepted exactly when `valid`, and otherwise refused with
 * 300004 naming a field (or 310019 for a well-formed period that names no open cycle).
 */
const expectChecked = (call: () => Result, valid: boolean) => {
  let result: Result | undefined
  expect(() => {
    result = call()
  }).not.toThrow()
  if (result === undefined) throw new Error('no result')
  if (E.isRight(result) || result.left.code === 310019) {
    expect(valid).toBe(true)
    return
  }
  expect(valid).toBe(false)
  expect(result.left.code).toBe(300004)
  expect(result.left.field).toMatch(/^(options|activity)/)
}

describe('adversarial input', () => {
  it('input.customer-id: a customerId that is anything but a positive safe integer is 310011, for every operation', () => {
    const state = frozenState()
    fc.assert(
      fc.property(hostileArb, (id) => {
        if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) return
        for (const call of [
          () => enroll(state, id as number, now(state)),
          () => unenroll(state, id as number, now(state)),
          () => reenroll(state, id as number, now(state)),
          () => recordActivity(state, id as number, { at: now(state) }),
        ]) {
          const result = call()
          expect(E.isLeft(result) && result.left.code).toBe(310011)
        }
        expect(enrolmentOf(state, id as number)).toEqual(O.none)
      }),
    )
  })

  it('input.instant: a now that is anything but a valid Date is 300004, for every operation', () => {
    const state = frozenState()
    fc.assert(
      fc.property(hostileArb, (instant) => {
        if (instant instanceof Date && !Number.isNaN(instant.getTime())) return
        for (const call of [
          () => enroll(state, 3, instant as Date),
          () => unenroll(state, 1, instant as Date),
          () => reenroll(state, 2, instant as Date),
          () => advance(state, instant as Date),
          () => recordActivity(state, 1, { at: instant as Date }),
          () => recordActivity(state, 1, instant as never),
        ]) {
          const result = call()
          expect(E.isLeft(result) && result.left.code).toBe(300004)
        }
      }),
    )
  })

  it('input.options, activity.value: options and values are accepted exactly when valid, else 300004 naming the field; never a throw', () => {
    const state = frozenState()
    fc.assert(
      fc.property(hostileArb, hostileArb, hostileArb, (a, b, c) => {
        const options = { period: a, initialBalance: b, resetStreakStatus: c }
        const field = (o: unknown, key: string): unknown =>
          typeof o === 'object' && o !== null && Object.hasOwn(o, key)
            ? (o as Record<string, unknown>)[key]
            : undefined
        const isOptions = (o: unknown) =>
          o === undefined || (typeof o === 'object' && o !== null && !Array.isArray(o))
        expectChecked(
          () => enroll(state, 3, now(state), a as never),
          isOptions(a) &&
            validPeriod(field(a, 'period')) &&
            validBalance(field(a, 'initialBalance')),
        )
        expectChecked(
          () => enroll(state, 3, now(state), options as never),
          validPeriod(a) && validBalance(b),
        )
        expectChecked(
          () => reenroll(state, 2, now(state), options as never),
          validPeriod(a) && validBalance(b) && validReset(c),
        )
        expectChecked(
          () => recordActivity(state, 1, { at: now(state), value: a } as never),
          validValue(a),
        )
      }),
    )
    const sum = deepFreeze(initialState(milestoneABC('IMMEDIATE', { metric: 'SUM', goal: 5 })))
    for (const value of [0, -0, -1, Number.NaN, Infinity, '5', null, undefined])
      expect(
        E.isLeft(recordActivity(sum, 1, { at: inCycle(sum, 1), value: value as number })),
      ).toBe(true)
  })

  it('far-past and far-future dates are ordinary instants: no throw, the right codes', () => {
    const state = frozenState()
    const past = new Date(-8.64e15)
    const future = new Date(8.64e15)
    const fresh = deepFreeze(initialState(streakXYZ()))
    expect(E.isRight(enroll(fresh, 5, past))).toBe(true)
    expect(E.isLeft(enroll(fresh, 5, future)) && 310019).toBe(310019)
    const out = (r: Result) => (E.isLeft(r) ? r.left.code : 'ok')
    expect(out(unenroll(state, 1, future))).toBe(310019)
    const advanced = right(advance(state, inCycle(state, 1, 1))).state
    expect(out(advance(advanced, past))).toBe(300004)
    expect(out(advance(state, future))).toBe('ok')
    const activity = recordActivity(state, 1, { at: past })
    expect(E.isRight(activity) && activity.right.warnings.map((w) => w.code)).toEqual([
      'NOT_ENROLLED',
    ])
  })

  it('definitions: any value at all is refused with its problems, never a throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileArb,
          fc.dictionary(
            fc.constantFrom(
              'targetGroupId',
              'targetId',
              'metric',
              'goal',
              'cycles',
              'levels',
              'allocation',
              'streakType',
              '__proto__',
              'constructor',
            ),
            hostileArb,
          ),
        ),
        (input) => {
          for (const define of [defineMilestone, defineStreak, calendarCycles]) {
            const result = define(input as never)
            expect(E.isLeft(result)).toBe(true)
            if (E.isLeft(result)) expect(result.left.problems.length).toBeGreaterThan(0)
          }
        },
      ),
    )
  })

  it('cycles that are unsorted, overlapping, or Invalid Dates are refused by path', () => {
    const day = (d: number) => new Date(Date.UTC(2026, 0, d))
    const base = {
      targetGroupId: 1,
      targetId: 1,
      metric: 'COUNT',
      goal: 1,
      allocation: 'IMMEDIATE',
    } as const
    const problems = (cycles: unknown) => {
      const result = defineMilestone({ ...base, cycles: cycles as never })
      return E.isLeft(result) ? result.left.problems.map((p) => p.path) : []
    }
    expect(
      problems([
        { refCode: 'a', start: day(5), end: day(6) },
        { refCode: 'b', start: day(1), end: day(2) },
      ]),
    ).toEqual(['cycles[1].start'])
    expect(
      problems([
        { refCode: 'a', start: day(1), end: day(6) },
        { refCode: 'b', start: day(5), end: day(8) },
      ]),
    ).toEqual(['cycles[1].start'])
    expect(problems([{ refCode: 'a', start: new Date('x'), end: day(6) }])).toEqual([
      'cycles[0].start',
    ])
    expect(problems([{ refCode: 'a', start: '2026-01-01', end: day(6) }])).toEqual([
      'cycles[0].start',
    ])
  })
})
