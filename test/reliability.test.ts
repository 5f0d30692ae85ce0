/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call -- the tamper cases poke into untyped JSON on purpose */
// Every input is served correctly or refused cleanly, and every loaded state is one the rules could
// have produced (rules state.dates-are-values, input.*, definition.no-holes, codec.*).
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { describe, expect, it } from 'vitest'
import {
  advance,
  applyAll,
  applyOperation,
  decodeEnrolment,
  decodeState,
  decodeTarget,
  defineMilestone,
  defineStreak,
  encodeEnrolment,
  encodeState,
  enroll,
  enrolmentOf,
  initialState,
  recordActivity,
  reenroll,
  unenroll,
  type EnrolmentState,
  type Operation,
  type Target,
} from '../src/index.js'
import { operations, targets } from '../src/testing/index.js'
import { deepFreeze } from './support/deepFreeze.js'
import {
  at,
  cycleOf,
  enrolledAndOut,
  inCycle,
  left,
  milestoneABC,
  monthlyCycles,
  play,
  progressDocument,
  right,
  streakXYZ,
  threeWeekStreak,
} from './support/fixtures.js'
import { expectInvariants } from './support/specification.js'

const RUNS = Number(process.env.PROPERTY_RUNS ?? 200)

/** A value whose every read throws: a getter on each key, and a Proxy that throws on every trap. */
const throwing = (): unknown =>
  new Proxy(
    {},
    {
      get: () => {
        throw new Error('get')
      },
      has: () => {
        throw new Error('has')
      },
      ownKeys: () => {
        throw new Error('ownKeys')
      },
      getOwnPropertyDescriptor: () => {
        throw new Error('getOwnPropertyDescriptor')
      },
      getPrototypeOf: () => {
        throw new Error('getPrototypeOf')
      },
    },
  )

const revoked = (): unknown => {
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  return proxy
}

/** Hostile objects, made fresh inside a property (fast-check itself would trip on them). */
const HOSTILE = ['a throwing Proxy', 'a revoked Proxy', 'a throwing getter'] as const

const materialize = (x: unknown): unknown =>
  x === HOSTILE[0]
    ? throwing()
    : x === HOSTILE[1]
      ? revoked()
      : x === HOSTILE[2]
        ? {
            get period() {
              throw new Error('period')
            },
            get at() {
              throw new Error('at')
            },
          }
        : x

/** Anything a caller might send: JSON, Dates, hostile objects. */
const anything = fc
  .oneof(
    fc.anything({
      withNullPrototype: true,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
    }),
    fc.jsonValue(),
    fc.date(),
    fc.constantFrom(...HOSTILE),
  )
  .map((x) => x)

const sample = enrolledAndOut

describe('dates are values', () => {
  it('state.dates-are-values: a caller mutating a Date it gave afterwards changes nothing in a state', () => {
    const now = inCycle(sample(), 1, 5)
    const at1 = inCycle(sample(), 1, 6)
    const state = play(
      sample(),
      (s) => enroll(s, 3, now),
      (s) => recordActivity(s, 3, { at: at1 }),
      (s) => advance(s, now),
    ).state
    const before = JSON.stringify(encodeState(state))
    now.setTime(0)
    at1.setFullYear(1999)
    expect(JSON.stringify(encodeState(state))).toBe(before)
  })

  it('state.dates-are-values: a caller mutating a Date it received in an event changes nothing in the state, nor in other events', () => {
    const t = right(recordActivity(sample(), 1, { at: inCycle(sample(), 1, 2) }))
    const achieved = right(advance(t.state, cycleOf(sample(), 1).end))
    const before = JSON.stringify(encodeState(achieved.state))
    const dates = achieved.events.map((e) => e.at)
    expect(new Set(dates).size).toBe(dates.length)
    for (const d of dates) d.setTime(0)
    expect(JSON.stringify(encodeState(achieved.state))).toBe(before)
    // The next call returns events of its own: nothing shared with the ones mutated.
    const again = right(advance(t.state, cycleOf(sample(), 1).end))
    expect(again.events.map((e) => e.at)).toEqual([cycleOf(sample(), 1).end])
  })

  it('state.dates-are-values: a definition copies the dates it is given', () => {
    const cycles = monthlyCycles(2).map((c) => ({
      ...c,
      start: new Date(c.start),
      end: new Date(c.end),
    }))
    const target = right(
      defineMilestone({
        targetGroupId: 1,
        targetId: 1,
        metric: 'COUNT',
        goal: 1,
        allocation: 'IMMEDIATE',
        cycles,
      }),
    )
    const before = JSON.stringify(target)
    for (const c of cycles) c.start.setTime(0)
    expect(JSON.stringify(target)).toBe(before)
  })

  it('state.dates-are-values: a caller mutating the Dates and arrays of an enrolment it read changes nothing the state shows later', () => {
    const streak = streakXYZ('CONTINUOUS')
    const state = play(
      initialState(streak),
      (s) => enroll(s, 1, inCycle(s, 1)),
      (s) => recordActivity(s, 1, { at: inCycle(s, 1, 1) }),
      (s) => recordActivity(s, 1, { at: inCycle(s, 1, 2) }),
    ).state
    const persisted = JSON.stringify(encodeState(state))
    const read = () => {
      const found = enrolmentOf(state, 1)
      if (O.isNone(found)) throw new Error('customer 1 not found')
      return found.value
    }
    const first = read()
    const seen = JSON.stringify(first)
    first.since.setTime(0)
    first.settledAt.setTime(0)
    for (const p of first.progress) if (O.isSome(p.achievedAt)) p.achievedAt.value.setTime(0)
    if (O.isSome(first.streak)) (first.streak.value.achievedLevels as Array<number>).push(99)
    ;(first.progress as Array<unknown>).length = 0
    expect(JSON.stringify(read())).toBe(seen)
    expect(JSON.stringify(encodeState(state))).toBe(persisted)
  })

  it('state.dates-are-values: a caller mutating the watermark it read changes nothing in the state', () => {
    const state = right(advance(sample(), inCycle(sample(), 1, 9))).state
    const persisted = JSON.stringify(encodeState(state))
    const watermark = state.watermark
    if (O.isNone(watermark)) throw new Error('no watermark')
    const was = watermark.value.getTime()
    watermark.value.setTime(0)
    expect(O.map((d: Date) => d.getTime())(state.watermark)).toEqual(O.some(was))
    expect(JSON.stringify(encodeState(state))).toBe(persisted)
  })

  it('definition.immutable: a target is frozen, and a caller mutating the cycle Dates it reads from one changes nothing', () => {
    const target = milestoneABC('PERIOD_END', { goal: 1 })
    expect(Object.isFrozen(target)).toBe(true)
    expect(Object.isFrozen(target.cycles)).toBe(true)
    expect(Object.isFrozen(target.cycles[0])).toBe(true)
    expect(Object.isFrozen(target.window)).toBe(true)
    const state = play(initialState(target), (s) => enroll(s, 1, inCycle(s, 1))).state
    const persisted = JSON.stringify(encodeState(state))
    const start = (target.cycles[0] as Target['cycles'][number]).start
    const was = start.getTime()
    start.setTime(0)
    ;(state.target.cycles[1] as Target['cycles'][number]).end.setFullYear(1999)
    expect((target.cycles[0] as Target['cycles'][number]).start.getTime()).toBe(was)
    expect(JSON.stringify(encodeState(state))).toBe(persisted)
    // The rules see the cycles as defined: an activity in cycle 1 still counts there.
    const counted = right(recordActivity(state, 1, { at: inCycle(state, 1, 1) }))
    expect(counted.events.map((e) => [e.type, 'cycle' in e ? e.cycle : 0])).toEqual([
      ['CYCLE_ACHIEVED', 1],
    ])
  })

  it('state.immutable: a deep-frozen state is never written, by any operation or batch', () => {
    fc.assert(
      fc.property(
        targets().chain((target) =>
          fc.tuple(fc.constant(target), operations(target, { maxLength: 15 })),
        ),
        ([target, ops]) => {
          const start = deepFreeze(applyAll(initialState(target), ops.slice(0, 7)).state)
          const before = JSON.stringify(encodeState(start))
          applyAll(start, ops.slice(7))
          for (const op of ops) applyOperation(start, op)
          expect(JSON.stringify(encodeState(start))).toBe(before)
        },
      ),
      { numRuns: Math.ceil(RUNS / 2) },
    )
  })
})

describe('definitions', () => {
  it('definition.no-holes: sparse levels are refused at the hole', () => {
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point
    const levels = [5, , 3] as Array<number>
    expect(
      left(
        defineStreak({
          targetGroupId: 1,
          targetId: 1,
          metric: 'COUNT',
          goal: 1,
          streakType: 'CONTINUOUS',
          levels,
          cycles: monthlyCycles(6),
        }),
      ).problems,
    ).toEqual([{ path: 'levels[1]', message: 'is missing: the array has a hole here' }])
  })

  it('definition.no-holes: a hole among the cycles is refused at its path, not skipped', () => {
    const [c1, , c3] = monthlyCycles(3)
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point
    const cycles = [c1, , c3] as never
    expect(
      left(
        defineMilestone({
          targetGroupId: 1,
          targetId: 1,
          metric: 'COUNT',
          goal: 1,
          allocation: 'IMMEDIATE',
          cycles,
        }),
      ).problems,
    ).toEqual([{ path: 'cycles[1]', message: 'is missing: the array has a hole here' }])
  })

  it('input.balance: a COUNT balance must be a whole number (300004 naming initialBalance)', () => {
    expect(
      left(
        enroll(initialState(milestoneABC('IMMEDIATE')), 1, inCycle(sample(), 1), {
          initialBalance: 1.5,
        }),
      ),
    ).toMatchObject({
      code: 300004,
      field: 'options.initialBalance',
    })
  })

  it('input.never-throws: options and activities with throwing getters are refused naming the field', () => {
    const state = sample()
    const options = {
      get period(): string {
        throw new Error('no')
      },
    }
    expect(left(enroll(state, 9, inCycle(state, 1, 9), options))).toMatchObject({
      code: 300004,
      field: 'options.period',
    })
    expect(left(reenroll(state, 2, inCycle(state, 1, 9), options))).toMatchObject({
      code: 300004,
      field: 'options.period',
    })
    const activity = {
      get at(): Date {
        throw new Error('no')
      },
    }
    expect(left(recordActivity(state, 1, activity))).toMatchObject({
      code: 300004,
      field: 'activity.at',
    })
    expect(left(recordActivity(state, 1, throwing() as never))).toMatchObject({ code: 300004 })
  })
})

describe('never throws, and a refusal changes nothing', () => {
  const state = deepFreeze(sample())
  const encoded = JSON.stringify(encodeState(state))

  it.each([
    [
      'enroll',
      (x: unknown, y: unknown, z: unknown) => enroll(state, x as number, y as Date, z as never),
    ],
    ['unenroll', (x: unknown, y: unknown) => unenroll(state, x as number, y as Date)],
    [
      'reenroll',
      (x: unknown, y: unknown, z: unknown) => reenroll(state, x as number, y as Date, z as never),
    ],
    ['recordActivity', (x: unknown, y: unknown) => recordActivity(state, x as number, y as never)],
    ['advance', (x: unknown) => advance(state, x as Date)],
  ] as const)('input.never-throws: %s over anything at all', (_, call) => {
    fc.assert(
      fc.property(anything, anything, anything, (a, b, c) => {
        const result = call(materialize(a), materialize(b), materialize(c))
        if (E.isLeft(result))
          expect([300004, 310011, 310019, 310119, 310126]).toContain(result.left.code)
        expect(JSON.stringify(encodeState(state))).toBe(encoded)
      }),
      { numRuns: RUNS },
    )
  })

  it('input.never-throws: each operation over well-typed hostile values of one field', () => {
    const now = inCycle(state, 1, 9)
    fc.assert(
      fc.property(anything, (given) => {
        const x = materialize(given)
        for (const result of [
          enroll(state, 7, now, x as never),
          enroll(state, 7, x as Date),
          enroll(state, x as number, now),
          reenroll(state, 2, now, x as never),
          recordActivity(state, 1, x as never),
          recordActivity(state, 1, { at: x as Date }),
          recordActivity(state, 1, { at: now, value: x as number }),
        ])
          if (E.isRight(result)) expectInvariants(result.right.state)
        expect(JSON.stringify(encodeState(state))).toBe(encoded)
      }),
      { numRuns: RUNS },
    )
  })

  it.each([
    ['defineMilestone', (x: unknown) => defineMilestone(x as never)],
    ['defineStreak', (x: unknown) => defineStreak(x as never)],
    ['decodeState', (x: unknown) => decodeState(x)],
    ['decodeTarget', (x: unknown) => decodeTarget(x)],
    ['decodeEnrolment', (x: unknown) => decodeEnrolment(state, x)],
  ] as const)(
    'codec.refuses: %s answers anything with a Left or a value, never a throw',
    (_, call) => {
      fc.assert(
        fc.property(
          fc.tuple(fc.boolean(), fc.constantFrom(1, 2), anything, anything),
          ([document, schemaVersion, a, b]) => {
            // Hostile values are made here: fast-check itself would trip over them.
            const x = document
              ? {
                  schemaVersion,
                  target: materialize(a),
                  customers: materialize(b),
                  enrolments: materialize(b),
                }
              : materialize(a)
            const result: E.Either<{ readonly code: number }, unknown> = call(x)
            if (E.isLeft(result)) expect(result.left.code).toBe(300004)
          },
        ),
        { numRuns: RUNS },
      )
    },
  )

  it('codec.refuses: documents with Proxies and throwing getters inside are refused, naming a path', () => {
    const document: any = JSON.parse(encoded)
    document.customers[0] = throwing()
    expect(E.isLeft(decodeState(document))).toBe(true)
    const getter: any = JSON.parse(encoded)
    Object.defineProperty(getter.customers[0], 'version', {
      get: () => {
        throw new Error('no')
      },
      enumerable: true,
    })
    expect(decodeState(getter)).toEqual(
      E.left({ code: 300004, path: 'customers[0].version', message: 'could not be read' }),
    )
    expect(E.isLeft(decodeState(revoked()))).toBe(true)
  })
})

describe('the codec refuses what no operations could produce', () => {
  const streakState = threeWeekStreak
  const immediate = () =>
    play(
      initialState(milestoneABC('IMMEDIATE', { goal: 1 })),
      (s) => enroll(s, 1, inCycle(s, 1)),
      (s) => recordActivity(s, 1, { at: inCycle(s, 1, 1) }),
    ).state
  const refused = (state: EnrolmentState, tamper: (d: any) => void) => {
    const document = JSON.parse(JSON.stringify(encodeState(state)))
    tamper(document)
    const result = decodeState(document)
    if (E.isRight(result)) throw new Error('expected the document to be refused')
    return [result.left.path, result.left.message]
  }

  it.each([
    [
      'a sparse array',
      sample,
      (d: any) => {
        d.customers[0].progress = new Array(1)
      },
      ['customers[0].progress[0]', 'is missing: the array has a hole here'],
    ],
    [
      'a fractional count',
      sample,
      (d: any) => (d.customers[0].endedCycles = 0.5),
      ['customers[0].endedCycles', 'must be an integer from 0 to 100'],
    ],
    [
      'a negative count',
      streakState,
      (d: any) => (d.customers[0].streak.count = -1),
      ['customers[0].streak.count', 'must be an integer from 0 to 9007199254740991'],
    ],
    [
      'a settled cycle count beyond the cycles ended at the settled instant',
      sample,
      (d: any) => {
        d.customers[0].endedCycles = 1
        d.customers[0].closedCycles = 1
      },
      [
        'customers[0].endedCycles',
        'must not count a cycle that has not ended by the settled instant (0 have)',
      ],
    ],
    [
      'an achievement without the goal reached',
      sample,
      (d: any) => (d.customers[0].progress[0].achievedAt = d.customers[0].settledAt),
      ['customers[0].progress[0].achievedAt', 'is set, but the progress is below the goal (2)'],
    ],
    [
      'an IMMEDIATE-reward mark on a PERIOD_END cycle',
      sample,
      (d: any) => (d.customers[0].progress[0].rewarded = true),
      [
        'customers[0].progress[0].rewarded',
        'must be false: a PERIOD_END reward is paid at the close, not marked',
      ],
    ],
    [
      'an achieved IMMEDIATE cycle whose reward was not issued',
      immediate,
      (d: any) => (d.customers[0].progress[0].rewarded = false),
      [
        'customers[0].progress[0].rewarded',
        'must be true: an achievement is rewarded (or counted into the streak) at once',
      ],
    ],
    [
      'fractional COUNT progress',
      sample,
      (d: any) => (d.customers[0].progress[0].value = 0.5),
      ['customers[0].progress[0].value', 'must be a whole number (a COUNT progress)'],
    ],
    [
      'since after the settled instant',
      sample,
      (d: any) => (d.customers[0].since = '2026-04-01T00:00:00.000Z'),
      ['customers[0].since', 'must not be after the settled instant'],
    ],
    [
      'an achievement later than every clock',
      immediate,
      (d: any) => (d.customers[0].progress[0].achievedAt = '2026-01-20T00:00:00.000Z'),
      [
        'customers[0].progress[0].achievedAt',
        "must fall within its cycle, and not after the customer's settled instant",
      ],
    ],
    [
      'a streak whose levels disagree with its count',
      streakState,
      (d: any) => (d.customers[0].streak.achievedLevels = [3]),
      [
        'customers[0].streak.achievedLevels',
        'must hold level 2: the count (3) passed it in this epoch',
      ],
    ],
    [
      'a level the target does not have',
      streakState,
      (d: any) => (d.customers[0].streak.achievedLevels = [2, 3, 7]),
      ['customers[0].streak.achievedLevels[2]', 'is not a level of the target'],
    ],
    [
      'waiting credits without grace days',
      streakState,
      (d: any) =>
        (d.customers[0].streak.waiting = [{ cycle: 3, achievedAt: d.customers[0].settledAt }]),
      [
        'customers[0].streak.waiting',
        'must be empty: only CONTINUOUS streaks with grace days wait',
      ],
    ],
    [
      'progress of a cycle after the unenrolment cycle',
      sample,
      (d: any) => d.customers[1].progress.push(progressDocument({ cycle: 3 })),
      [
        'customers[1].progress[0].cycle',
        'is after the unenrolment cycle: an unenrolment drops the progress of later cycles',
      ],
    ],
    [
      'visits on a COUNT target',
      sample,
      (d: any) => (d.customers[0].progress[0].visits = ['2026-01-01']),
      ['customers[0].progress[0].visits', 'must be empty: only VISIT targets count visits'],
    ],
    [
      'a reversal on a target without returns',
      sample,
      (d: any) => (d.customers[0].progress[0].reversed = true),
      ['customers[0].progress[0].reversed', 'must be false: the target takes no returns'],
    ],
    [
      'an anchor on a FIXED window',
      sample,
      (d: any) => (d.customers[0].anchor = d.customers[0].since),
      ['customers[0].anchor', 'must be absent: a FIXED window has no anchor'],
    ],
  ])('codec.refuses: %s', (_, state, tamper, expected) => {
    expect(refused(state(), tamper)).toEqual(expected)
  })

  it('codec.refuses: records the operations can produce keep loading (a rewarded IMMEDIATE cycle re-enrolled lower; an unenrolment cycle before a later start cycle)', () => {
    const lower = play(
      initialState(milestoneABC('IMMEDIATE', { goal: 2 })),
      (s) => enroll(s, 1, inCycle(s, 1)),
      (s) => recordActivity(s, 1, { at: inCycle(s, 1, 1) }),
      (s) => recordActivity(s, 1, { at: inCycle(s, 1, 2) }),
      (s) => unenroll(s, 1, inCycle(s, 1, 3)),
      (s) => reenroll(s, 1, inCycle(s, 1, 4), { initialBalance: 0 }),
    ).state
    expect(encodeState(right(decodeState(JSON.stringify(encodeState(lower)))))).toEqual(
      encodeState(lower),
    )
    const later = play(
      initialState(milestoneABC('PERIOD_END')),
      (s) => enroll(s, 1, inCycle(s, 1), { period: 'c3' }),
      (s) => unenroll(s, 1, inCycle(s, 1, 1)),
    ).state
    expect(encodeState(right(decodeState(JSON.stringify(encodeState(later)))))).toEqual(
      encodeState(later),
    )
  })
})

describe('round trips', () => {
  /** Targets far in the past or the future, beyond years 0 and 9999. */
  const far = fc.constantFrom(
    -62_198_755_200_000 - 400 * 86_400_000 * 365,
    253_402_300_800_000 + 86_400_000 * 365 * 50,
    Date.UTC(2026, 0, 1),
  )
  const stories = fc
    .tuple(targets(), far)
    .map(([target, origin]): Target => {
      if (target.window.type !== 'FIXED') return target
      const shift = origin - Date.UTC(2026, 0, 1)
      const moved = target.cycles.map((c) => ({
        ...c,
        start: new Date(c.start.getTime() + shift),
        end: new Date(c.end.getTime() + shift),
      }))
      const input = { ...(target as object), cycles: moved } as never
      return target.kind === 'MILESTONE'
        ? right(defineMilestone(input))
        : right(defineStreak(input))
    })
    .chain((target) =>
      fc.tuple(fc.constant(target), operations(target, { customers: 3, maxLength: 30 })),
    )

  it('codec.round-trip: decode(encode(s)) is s, for states of random stories, dates of every valid year included', () => {
    fc.assert(
      fc.property(stories, ([target, ops]) => {
        const state = applyAll(initialState(target), ops).state
        expectInvariants(state)
        const text = JSON.stringify(encodeState(state))
        expect(encodeState(right(decodeState(text)))).toEqual(encodeState(state))
        for (const customerId of [1, 2, 3]) {
          const row = encodeEnrolment(state, customerId)
          if (row._tag === 'None') continue
          const one = right(decodeEnrolment(initialState(target), JSON.stringify(row.value)))
          expect(encodeEnrolment(one, customerId)).toEqual(row)
        }
      }),
      { numRuns: RUNS },
    )
  })

  it('codec.round-trip: a year before 0 and after 9999 encode as extended ISO years and come back', () => {
    const cycles = [
      { refCode: 'old', start: new Date(Date.UTC(-5, 0, 1)), end: new Date(Date.UTC(-5, 1, 1)) },
      {
        refCode: 'new',
        start: new Date(Date.UTC(12000, 0, 1)),
        end: new Date(Date.UTC(12000, 1, 1)),
      },
    ]
    const target = right(
      defineMilestone({
        targetGroupId: 1,
        targetId: 1,
        metric: 'COUNT',
        goal: 1,
        allocation: 'PERIOD_END',
        cycles,
      }),
    )
    const ops: ReadonlyArray<Operation> = [
      { kind: 'enroll', customerId: 1, now: new Date(Date.UTC(-5, 0, 2)) },
      { kind: 'activity', customerId: 1, activity: { at: new Date(Date.UTC(-5, 0, 3)) } },
      { kind: 'advance', now: new Date(Date.UTC(12000, 0, 5)) },
    ]
    const state = applyAll(initialState(target), ops).state
    const encoded = encodeState(state)
    expect(encoded.watermark).toBe('+012000-01-05T00:00:00.000Z')
    expect(encodeState(right(decodeState(JSON.stringify(encoded))))).toEqual(encoded)
  })

  it('codec.versions: the per-customer record decodes against its target and keeps the state\u2019s watermark', () => {
    const state = sample()
    const row = encodeEnrolment(state, 1)
    if (row._tag === 'None') throw new Error('no row')
    const base = right(advance(initialState(state.target), at('2026-01-01T05:00:00Z'))).state
    const loaded = right(decodeEnrolment(base, JSON.stringify(row.value)))
    expect(loaded.watermark).toEqual(base.watermark)
    expect(encodeEnrolment(loaded, 1)).toEqual(row)
    const tampered: any = JSON.parse(JSON.stringify(row.value))
    tampered.customer.startCycle = 9
    expect(decodeEnrolment(base, tampered)).toEqual(
      E.left({
        code: 300004,
        path: 'customer.startCycle',
        message: 'must be a cycle of the customer (1 to 5)',
      }),
    )
  })
})
