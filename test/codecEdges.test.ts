// The codec's edges (rules codec.*): the path of a field whose read throws, of a list that is not
// one, the first problem when a record has two, lists at their limit, documents of schema 1 read
// field by field, and decoded states that go on exactly as the states they were written from.
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { describe, expect, it } from 'vitest'
import {
  advance,
  decodeEnrolment,
  decodeState,
  decodeTarget,
  defineMilestone,
  defineStreak,
  encodeEnrolment,
  encodeState,
  encodeTarget,
  enroll,
  initialState,
  recordActivity,
  reenroll,
  unenroll,
  type DecodeError,
  type EnrolmentState,
} from '../src/index.js'
import {
  at,
  enrolledAndOut,
  eventTags,
  inCycle,
  milestoneABC,
  play,
  right,
  threeWeekStreak,
  waitingCredit,
  weeklyCycles,
} from './support/fixtures.js'

/** One progress entry of an encoded record, as plain JSON; `unknown` where the cases put junk. */
interface ProgressDocument {
  cycle: number
  value: unknown
  achievedAt: string | null
  reversed: boolean
  rewarded: boolean
  subTargets: unknown
  visits: unknown
}

/** An encoded streak record, as plain JSON. */
interface StreakDocument {
  epoch: number
  count: number
  achievedLevels: Array<number>
  waiting: Array<{ cycle: number; achievedAt: string }>
}

/** An encoded customer record, as plain JSON: the fields the cases below change. */
interface CustomerDocument {
  customerId: number
  settledAt: string
  cycleEnds: unknown
  progress: Array<ProgressDocument>
  streak: StreakDocument | null
}

/** An encoded target, as plain JSON. */
interface TargetDocument {
  kind: string
  name: string
  cycles: Array<{ refCode: string; start: string; end: string }>
}

/** An encoded state as plain JSON, to tamper with. */
interface StateDocument {
  schemaVersion: number
  target: TargetDocument
  watermark: string | null
  customers: Array<CustomerDocument>
}

/** A record as schema 1 (0.1.0) wrote it. */
interface Schema1Record {
  customerId: number
  version: number
  status: 'ENROLLED' | 'UNENROLLED'
  startCycle: number
  fromCycle?: number
  since: string
  settledAt: string
  settledCycles: number
  progress: Array<{ cycle: number; value: number; achievedAt: string | null; rewarded: boolean }>
  streak: { epoch: number; count: number; achievedLevels: Array<number> } | null
}

/** A state as schema 1 (0.1.0) wrote it: its watermark moved with every operation. */
interface Schema1Document {
  schemaVersion: 1
  target: TargetDocument
  watermark: string | null
  advancedTo: string | null
  enrolments: Array<Schema1Record>
}

const ISO = 'must be an ISO-8601 instant (…Z)'

/** A state's document, a copy to tamper with. */
const documentOf = (state: EnrolmentState): StateDocument =>
  JSON.parse(JSON.stringify(encodeState(state))) as StateDocument

/** A document of schema 1 from the fixtures, a fresh copy each time. */
const schema1 = (name: 'period-end-milestone' | 'continuous-streak'): Schema1Document =>
  (
    JSON.parse(
      readFileSync(new URL(`./fixtures/schema1/${name}.json`, import.meta.url), 'utf8'),
    ) as { document: Schema1Document }
  ).document

/** Element `i` of a list, or a test failure. */
const nth = <A>(list: ReadonlyArray<A>, i = 0): A => {
  const found = list[i]
  if (found === undefined) throw new Error(`no element ${i}`)
  return found
}

/** The first customer's streak, or a test failure. */
const streakOf = (d: StateDocument): StreakDocument => {
  const found = nth(d.customers).streak
  if (found === null) throw new Error('no streak')
  return found
}

/** The refusal of a decode as [path, message] (its code checked), or 'accepted'. */
const refusal = (result: E.Either<DecodeError, unknown>) => {
  if (E.isRight(result)) return 'accepted'
  expect(result.left.code).toBe(300004)
  return [result.left.path, result.left.message]
}

/** `object` with `key` made a getter that throws, as a hostile host object's accessor would. */
const unreadable = <A extends object>(object: A, key: string, enumerable = true): A =>
  Object.defineProperty(object, key, {
    enumerable,
    get: () => {
      throw new Error('unreadable')
    },
  })

/** Milestone 'ABC' (PERIOD_END, goal 2): customer 1 achieved cycle 1 with two purchases. */
const achievedPeriodEnd = (): EnrolmentState =>
  play(
    initialState(milestoneABC('PERIOD_END', { goal: 2 })),
    (s) => enroll(s, 1, inCycle(s, 1)),
    (s) => recordActivity(s, 1, { at: inCycle(s, 1, 1) }),
    (s) => recordActivity(s, 1, { at: inCycle(s, 1, 2) }),
  ).state

describe('codec.refuses: where a refusal points', () => {
  it.each<[string, () => EnrolmentState, (d: StateDocument) => void, string]>([
    ['schemaVersion', enrolledAndOut, (d) => unreadable(d, 'schemaVersion'), 'schemaVersion'],
    ['the target', enrolledAndOut, (d) => unreadable(d, 'target'), 'target'],
    ['the watermark', enrolledAndOut, (d) => unreadable(d, 'watermark'), 'watermark'],
    ['the target cycles', enrolledAndOut, (d) => unreadable(d.target, 'cycles'), 'target.cycles'],
    // Not enumerable: a copy of the object skips it, and the read of the field itself throws.
    ['the target kind', enrolledAndOut, (d) => unreadable(d.target, 'kind', false), 'target.kind'],
    [
      'a cycle start',
      enrolledAndOut,
      (d) => unreadable(nth(d.target.cycles), 'start', false),
      'target.cycles[0].start',
    ],
    [
      'a cycle end',
      enrolledAndOut,
      (d) => unreadable(nth(d.target.cycles), 'end', false),
      'target.cycles[0].end',
    ],
    [
      'a progress value',
      enrolledAndOut,
      (d) => unreadable(nth(nth(d.customers).progress), 'value'),
      'customers[0].progress[0].value',
    ],
    [
      'a streak epoch',
      threeWeekStreak,
      (d) => unreadable(streakOf(d), 'epoch'),
      'customers[0].streak.epoch',
    ],
    [
      'the cycle of a waiting credit',
      waitingCredit,
      (d) => unreadable(nth(streakOf(d).waiting), 'cycle'),
      'customers[0].streak.waiting[0].cycle',
    ],
    [
      'the instant of a waiting credit',
      waitingCredit,
      (d) => unreadable(nth(streakOf(d).waiting), 'achievedAt'),
      'customers[0].streak.waiting[0].achievedAt',
    ],
  ])('codec.refuses: %s whose read throws is named by its path', (_, state, tamper, path) => {
    const document = documentOf(state())
    tamper(document)
    expect(refusal(decodeState(document))).toEqual([path, 'could not be read'])
  })

  it('codec.refuses: a schema-1 advancedTo whose read throws, or that is not an instant, is named as advancedTo', () => {
    const throwing = schema1('period-end-milestone')
    unreadable(throwing, 'advancedTo')
    expect(refusal(decodeState(throwing))).toEqual(['advancedTo', 'could not be read'])
    const soon = { ...schema1('period-end-milestone'), advancedTo: 'soon' }
    expect(refusal(decodeState(soon))).toEqual(['advancedTo', ISO])
  })

  it('codec.refuses: a target or a customer whose read throws, in decodeTarget and decodeEnrolment', () => {
    const target = JSON.parse(JSON.stringify(encodeTarget(milestoneABC('IMMEDIATE')))) as object
    unreadable(target, 'target')
    expect(refusal(decodeTarget(target))).toEqual(['target', 'could not be read'])
    const state = enrolledAndOut()
    const row = JSON.parse(JSON.stringify(O.toNullable(encodeEnrolment(state, 1)))) as object
    unreadable(row, 'customer')
    expect(refusal(decodeEnrolment(state, row))).toEqual(['customer', 'could not be read'])
  })

  it('codec.refuses: a value that throws where no field is being read (a copied getter) is refused whole, at path ""', () => {
    // The definition is copied whole before its smart constructor checks it: a throwing getter
    // the copy runs is caught all the same.
    const document = documentOf(enrolledAndOut())
    unreadable(document.target, 'name')
    expect(decodeState(document)).toEqual(
      E.left({ code: 300004, path: '', message: 'could not be read' }),
    )
    const target = JSON.parse(JSON.stringify(encodeTarget(milestoneABC('IMMEDIATE')))) as {
      target: TargetDocument
    }
    unreadable(nth(target.target.cycles), 'refCode')
    expect(decodeTarget(target)).toEqual(
      E.left({ code: 300004, path: '', message: 'could not be read' }),
    )
  })

  it('codec.refuses: what is not an object, at path "", in decodeTarget and decodeEnrolment', () => {
    expect(decodeTarget(null)).toEqual(
      E.left({ code: 300004, path: '', message: 'must be an object' }),
    )
    expect(decodeEnrolment(enrolledAndOut(), 7)).toEqual(
      E.left({ code: 300004, path: '', message: 'must be an object' }),
    )
  })

  it.each<[string, () => EnrolmentState, (d: StateDocument) => void, string]>([
    [
      'visits',
      enrolledAndOut,
      (d) => (nth(nth(d.customers).progress).visits = 'x'),
      'customers[0].progress[0].visits',
    ],
    [
      'waiting credits',
      waitingCredit,
      (d) => Object.assign(streakOf(d), { waiting: 'x' }),
      'customers[0].streak.waiting',
    ],
    [
      'cycle ends',
      enrolledAndOut,
      (d) => (nth(d.customers).cycleEnds = 'x'),
      'customers[0].cycleEnds',
    ],
  ])('codec.refuses: %s that are not a list are named by their path', (_, state, tamper, path) => {
    const document = documentOf(state())
    tamper(document)
    expect(refusal(decodeState(document))).toEqual([path, 'must be an array'])
  })

  it('codec.refuses: a list whose length cannot be read is named by its path', () => {
    const document = documentOf(enrolledAndOut())
    document.customers = new Proxy<Array<CustomerDocument>>([], {
      get: (array, key) => {
        if (key === 'length') throw new Error('unreadable')
        return Reflect.get(array, key) as unknown
      },
    })
    expect(refusal(decodeState(document))).toEqual(['customers', 'could not be read'])
  })

  it.each<[string, unknown]>([
    ['null', null],
    ['true', true],
  ])('codec.refuses: a progress value of %s is refused, not read as a number', (_, value) => {
    const document = documentOf(enrolledAndOut())
    nth(nth(document.customers).progress).value = value
    expect(refusal(decodeState(document))).toEqual([
      'customers[0].progress[0].value',
      'must be a finite number ≥ 0',
    ])
  })

  it.each<[string, number]>([
    ['negative', -1],
    ['infinite', Number.POSITIVE_INFINITY],
  ])(
    'codec.refuses: a %s progress value is the first problem, named before a later field of its entry',
    (_, value) => {
      // The document is passed parsed: JSON text cannot hold an infinite number.
      const document = documentOf(enrolledAndOut())
      const entry = nth(nth(document.customers).progress)
      entry.value = value
      entry.subTargets = 'x'
      expect(refusal(decodeState(document))).toEqual([
        'customers[0].progress[0].value',
        'must be a finite number ≥ 0',
      ])
    },
  )
})

describe('codec.round-trip: decoded states are the states written', () => {
  it('codec.round-trip: a progress value of -0 is read as 0', () => {
    const document = documentOf(enrolledAndOut())
    nth(nth(document.customers).progress).value = -0
    // toEqual tells 0 from -0, as Object.is does.
    expect(nth(encodeState(right(decodeState(document))).customers)['progress']).toEqual([
      {
        cycle: 1,
        value: 0,
        achievedAt: null,
        reversed: false,
        rewarded: false,
        subTargets: [],
        visits: [],
      },
    ])
  })

  it('codec.round-trip: the largest safe customer id is read back', () => {
    const { state } = play(initialState(milestoneABC('IMMEDIATE')), (s) =>
      enroll(s, Number.MAX_SAFE_INTEGER, inCycle(s, 1)),
    )
    const encoded = encodeState(state)
    expect(encoded.customers.map((c) => c.customerId)).toEqual([Number.MAX_SAFE_INTEGER])
    expect(encodeState(right(decodeState(JSON.stringify(encoded))))).toEqual(encoded)
  })

  it('codec.round-trip: a list at its limit is read (a target of 100 cycles)', () => {
    const target = right(
      defineMilestone({
        targetGroupId: 1,
        targetId: 1,
        metric: 'COUNT',
        goal: 1,
        allocation: 'IMMEDIATE',
        cycles: weeklyCycles(100),
      }),
    )
    expect(decodeTarget(JSON.stringify(encodeTarget(target)))).toEqual(E.right(target))
  })

  it('codec.round-trip: a decoded state, and a state a record is decoded into, settle at the next advance', () => {
    const state = achievedPeriodEnd()
    const now = inCycle(state, 2, 1)
    const expected = right(advance(state, now)).events
    expect(eventTags({ events: expected })).toEqual(['REWARD_ISSUED:1'])
    const decoded = right(decodeState(JSON.stringify(encodeState(state))))
    expect(right(advance(decoded, now)).events).toEqual(expected)
    const row = JSON.stringify(O.toNullable(encodeEnrolment(state, 1)))
    const loaded = right(decodeEnrolment(initialState(state.target), row))
    expect(right(advance(loaded, now)).events).toEqual(expected)
  })

  it('codec.enrolment-lag: a row behind the watermark is taken; the next advance settles it, and only then does the state round-trip', () => {
    const state = achievedPeriodEnd()
    const watermark = inCycle(state, 3)
    const row = JSON.stringify(O.toNullable(encodeEnrolment(state, 1)))
    // The host's clock has passed cycle 1's end; its sweep has not reached customer 1 yet.
    const loaded = right(
      decodeEnrolment(right(advance(initialState(state.target), watermark)).state, row),
    )
    expect(refusal(decodeState(JSON.stringify(encodeState(loaded))))).toEqual([
      'customers[0].endedCycles',
      'must count every cycle that ended by the watermark: advance settled every customer up to the watermark',
    ])
    const settled = right(advance(loaded, watermark))
    expect(eventTags(settled)).toEqual(['REWARD_ISSUED:1'])
    expect(settled.events[0]?.at).toEqual(inCycle(state, 2))
    const again = right(decodeState(JSON.stringify(encodeState(settled.state))))
    expect(encodeState(again)).toEqual(encodeState(settled.state))
  })

  it('codec.round-trip: a streak cycle taken below its goal by a return keeps its credit', () => {
    const target = right(
      defineStreak({
        targetGroupId: 8,
        targetId: 2,
        metric: 'SUM',
        goal: 10,
        streakType: 'CONTINUOUS',
        levels: [2],
        allowReturns: true,
        cycles: weeklyCycles(4),
      }),
    )
    const { state } = play(
      initialState(target),
      (s) => enroll(s, 1, inCycle(s, 1)),
      (s) => recordActivity(s, 1, { at: inCycle(s, 1, 1), value: 12 }),
      (s) => recordActivity(s, 1, { at: inCycle(s, 1, 2), value: -5 }),
    )
    const encoded = encodeState(state)
    expect(nth(encoded.customers).progress).toEqual([
      {
        cycle: 1,
        value: 7,
        achievedAt: null,
        reversed: true,
        rewarded: true,
        subTargets: [],
        visits: [],
      },
    ])
    expect(encodeState(right(decodeState(JSON.stringify(encoded))))).toEqual(encoded)
  })

  it('codec.round-trip: a SUM progress of fractional values is read back as written', () => {
    // Only COUNT and VISIT progress is whole: a SUM adds whatever the purchases are worth.
    const { state } = play(
      initialState(milestoneABC('IMMEDIATE', { metric: 'SUM', goal: 50 })),
      (s) => enroll(s, 1, inCycle(s, 1)),
      (s) => recordActivity(s, 1, { at: inCycle(s, 1, 1), value: 12.5 }),
      (s) => recordActivity(s, 1, { at: inCycle(s, 1, 2), value: 0.25 }),
    )
    const encoded = encodeState(state)
    expect(nth(encoded.customers).progress).toEqual([
      {
        cycle: 1,
        value: 12.75,
        achievedAt: null,
        reversed: false,
        rewarded: false,
        subTargets: [],
        visits: [],
      },
    ])
    expect(encodeState(right(decodeState(JSON.stringify(encoded))))).toEqual(encoded)
  })

  /**
   * Customer 1 of a `VISIT` milestone with one cycle [`start`, `end`) in `timeZone`, enrolled at its
   * start, with an activity at each of `activities`: their visits, and whether the state reads back.
   */
  const visitsReadBack = (
    timeZone: string,
    cycle: { readonly start: Date; readonly end: Date },
    activities: ReadonlyArray<Date>,
  ) => {
    const target = right(
      defineMilestone({
        targetGroupId: 1,
        targetId: 1,
        metric: 'VISIT',
        goal: 1000,
        allocation: 'PERIOD_END',
        timeZone,
        cycles: [{ refCode: 'only', ...cycle }],
      }),
    )
    const { state } = play(
      initialState(target),
      (s) => enroll(s, 1, cycle.start),
      ...activities.map((at) => (s: EnrolmentState) => recordActivity(s, 1, { at })),
    )
    const encoded = encodeState(state)
    return {
      visits: nth(nth(documentOf(state).customers).progress).visits,
      readBack: encodeState(right(decodeState(JSON.stringify(encoded)))),
      encoded,
    }
  }

  it('codec.round-trip: a VISIT cycle longer than 400 days, with more than 400 visits, is read back', () => {
    // A FIXED cycle lasts as long as its definition says, and a VISIT goal is any positive integer.
    const { visits, readBack, encoded } = visitsReadBack(
      'UTC',
      { start: at('2026-01-01T00:00:00Z'), end: at('2029-01-01T00:00:00Z') },
      Array.from({ length: 401 }, (_, day) => new Date(Date.UTC(2026, 0, 1 + day, 12))),
    )
    expect(visits).toHaveLength(401)
    expect(readBack).toEqual(encoded)
  })

  it('codec.round-trip: a document saved with a byte order mark before its JSON reads the same', () => {
    const state = right(
      enroll(initialState(milestoneABC('PERIOD_END')), 1, at('2026-01-05T00:00:00Z')),
    ).state
    const text = JSON.stringify(encodeState(state))
    expect(right(decodeState(`\uFEFF${text}`))).toEqual(right(decodeState(text)))
    const target = JSON.stringify(encodeTarget(state.target))
    expect(right(decodeTarget(`\uFEFF${target}`))).toEqual(state.target)
  })

  it('codec.round-trip: visits where the local date went backwards inside the cycle (Alaska, 1867) are read back', () => {
    // At 1867-10-19T00:31:13Z Sitka's clocks went back a whole day: the cycle's last instant is on
    // local 10-19, its end on local 10-18.
    const { visits, readBack, encoded } = visitsReadBack(
      'America/Sitka',
      { start: at('1867-10-17T12:00:00Z'), end: at('1867-10-19T00:31:13Z') },
      [at('1867-10-17T12:00:00Z'), at('1867-10-18T12:00:00Z')],
    )
    expect(visits).toEqual(['1867-10-18', '1867-10-19'])
    expect(readBack).toEqual(encoded)
  })

  it('codec.round-trip: a visit on the local date before the earliest UTC date a Date holds is written and read back', () => {
    // The earliest instant a Date holds is -271821-04-20T00:00Z; an hour later it is still
    // -271821-04-19 twelve hours behind UTC, a date whose midnight (as UTC) no Date holds.
    const MIN = -8.64e15
    const { visits, readBack, encoded } = visitsReadBack(
      'Etc/GMT+12',
      { start: new Date(MIN), end: new Date(MIN + 7 * 86_400_000) },
      [new Date(MIN + 3_600_000)],
    )
    expect(visits).toEqual(['-271821-04-19'])
    expect(readBack).toEqual(encoded)
  })

  // rule enroll.5: a balance waiting for cycle 1 becomes cycle 1's frozen progress when the
  // customer unenrols with cycle 1 as k; it is not achieved while they are out, nor after they
  // re-enrol into a later cycle (rule reenroll.frozen-cycle).
  /** A milestone of goal 3: customer 1 enrolled and unenrolled before cycle 1, with a balance of 3. */
  const balanceFrozen = (graceDays: number): EnrolmentState =>
    play(
      initialState(
        right(
          defineMilestone({
            targetGroupId: 101,
            targetId: 1,
            metric: 'COUNT',
            goal: 3,
            allocation: 'PERIOD_END',
            graceDays,
            cycles: weeklyCycles(3),
          }),
        ),
      ),
      (s) => enroll(s, 1, at('2026-01-04T00:00:00Z'), { initialBalance: 3 }),
      (s) => unenroll(s, 1, at('2026-01-04T12:00:00Z')),
    ).state

  it.each<[string, () => EnrolmentState, Readonly<Record<string, unknown>>]>([
    [
      'an unenrolled customer settled into the grace of the cycle',
      () => play(balanceFrozen(2), (s) => advance(s, at('2026-01-13T00:00:00Z'))).state,
      {
        customerId: 1,
        version: 3,
        status: 'UNENROLLED',
        startCycle: 1,
        fromCycle: 1,
        since: '2026-01-04T12:00:00.000Z',
        settledAt: '2026-01-13T00:00:00.000Z',
        endedCycles: 1,
        closedCycles: 0,
        graceCycles: [],
      },
    ],
    [
      'a customer re-enrolled into a later cycle once that cycle began',
      () =>
        play(balanceFrozen(0), (s) => reenroll(s, 1, at('2026-01-06T00:00:00Z'), { period: 'c2' }))
          .state,
      {
        customerId: 1,
        version: 3,
        status: 'ENROLLED',
        startCycle: 2,
        since: '2026-01-06T00:00:00.000Z',
        settledAt: '2026-01-06T00:00:00.000Z',
        endedCycles: 0,
        closedCycles: 0,
        graceCycles: [],
      },
    ],
  ])(
    'codec.round-trip: a frozen balance at the goal of a begun cycle is not achieved: %s',
    (_, state, fields) => {
      const encoded = encodeState(state())
      expect(nth(encoded.customers)).toEqual({
        ...fields,
        anchor: null,
        cycleEnds: [],
        progress: [
          {
            cycle: 1,
            value: 3,
            achievedAt: null,
            reversed: false,
            rewarded: false,
            subTargets: [],
            visits: [],
          },
        ],
        streak: null,
      })
      expect(encodeState(right(decodeState(JSON.stringify(encoded))))).toEqual(encoded)
    },
  )

  it('codec.round-trip: a target writes no key for a time zone or reward it does not have', () => {
    const target = milestoneABC('IMMEDIATE')
    const written = encodeTarget(target).target
    expect(Object.keys(written)).toEqual([
      'kind',
      'targetGroupId',
      'targetId',
      'name',
      'metric',
      'goal',
      'allocation',
      'window',
      'subTargets',
      'allowReturns',
      'graceDays',
      'cycles',
    ])
    expect((written.cycles as ReadonlyArray<object>).map((c) => Object.keys(c))).toEqual(
      target.cycles.map(() => ['refCode', 'start', 'end']),
    )
  })

  it('codec.round-trip: encodeEnrolment answers none, never throwing, for an id that is not a positive safe integer', () => {
    // A database driver may hand over a bigint: the map of customers cannot hash one.
    const state = enrolledAndOut()
    for (const id of [1n, 0, -1, 1.5, Number.NaN, '1'])
      expect(encodeEnrolment(state, id as unknown as number)).toEqual(O.none)
  })
})

describe('codec.versions: schema-1 documents read field by field', () => {
  it("codec.versions: a schema-1 state's watermark is its advancedTo, not the watermark it moved with every operation", () => {
    const decoded = right(decodeState(schema1('period-end-milestone')))
    expect(decoded.watermark).toEqual(O.some(new Date('2026-02-01T00:00:00.000Z')))
  })

  it.each<[string, Schema1Record['progress'][number], number, ProgressDocument]>([
    [
      'a streak cycle achieved is counted (rewarded), whatever schema 1 marked',
      { cycle: 4, value: 1, achievedAt: '2026-01-26T00:00:00.000Z', rewarded: false },
      1,
      {
        cycle: 4,
        value: 1,
        achievedAt: '2026-01-26T00:00:00.000Z',
        reversed: false,
        rewarded: true,
        subTargets: [],
        visits: [],
      },
    ],
    [
      'a streak cycle not achieved is not',
      { cycle: 4, value: 0, achievedAt: null, rewarded: false },
      0,
      {
        cycle: 4,
        value: 0,
        achievedAt: null,
        reversed: false,
        rewarded: false,
        subTargets: [],
        visits: [],
      },
    ],
  ])('codec.versions: %s', (_, progress, count, expected) => {
    // Customer 2 of the fixture: settled by advance to the start of cycle 4 (advancedTo).
    const document = schema1('continuous-streak')
    const record = nth(document.enrolments, 1)
    record.progress = [progress]
    record.streak = { epoch: 1, count, achievedLevels: [] }
    const decoded = encodeState(right(decodeState(document)))
    expect(nth(decoded.customers, 1)).toEqual({
      customerId: 2,
      version: 3,
      status: 'ENROLLED',
      startCycle: 1,
      since: '2026-01-05T00:00:00.000Z',
      settledAt: '2026-01-26T00:00:00.000Z',
      endedCycles: 3,
      closedCycles: 3,
      graceCycles: [],
      anchor: null,
      cycleEnds: [],
      progress: [expected],
      streak: { epoch: 1, count, achievedLevels: [], waiting: [], heldUntil: null },
    })
  })

  it('codec.versions: a schema-1 record that advance had nothing to settle keeps its settled instant', () => {
    const document = schema1('period-end-milestone')
    document.advancedTo = '2026-01-20T00:00:00.000Z'
    document.enrolments = [
      {
        customerId: 1,
        version: 1,
        status: 'ENROLLED',
        startCycle: 1,
        since: '2026-01-10T00:00:00.000Z',
        settledAt: '2026-01-10T00:00:00.000Z',
        settledCycles: 0,
        progress: [],
        streak: null,
      },
    ]
    const decoded = encodeState(right(decodeState(document)))
    expect(decoded.watermark).toBe('2026-01-20T00:00:00.000Z')
    expect(decoded.customers).toEqual([
      {
        customerId: 1,
        version: 1,
        status: 'ENROLLED',
        startCycle: 1,
        since: '2026-01-10T00:00:00.000Z',
        settledAt: '2026-01-10T00:00:00.000Z',
        endedCycles: 0,
        closedCycles: 0,
        graceCycles: [],
        anchor: null,
        cycleEnds: [],
        progress: [],
        streak: null,
      },
    ])
  })

  it.each<[string, string, ReadonlyArray<string>]>([
    [
      'cycles settled that had not ended',
      '2026-01-10T00:00:00.000Z',
      [
        'enrolments[0].endedCycles',
        'must not count a cycle that has not ended by the settled instant (0 have)',
      ],
    ],
    [
      'an enrolment after its settled instant',
      '2026-01-15T00:00:00.000Z',
      ['enrolments[0].since', 'must not be after the settled instant'],
    ],
  ])(
    'codec.refuses: a schema-1 record of a state never advanced, holding %s, is refused at its own settled instant',
    (_, since, expected) => {
      // Without an advance nothing moved the record's settled instant: it is checked as written.
      const document = schema1('period-end-milestone')
      document.advancedTo = null
      document.enrolments = [
        {
          customerId: 1,
          version: 1,
          status: 'ENROLLED',
          startCycle: 1,
          since,
          settledAt: '2026-01-10T00:00:00.000Z',
          settledCycles: 1,
          progress: [],
          streak: null,
        },
      ]
      expect(refusal(decodeState(document))).toEqual(expected)
    },
  )

  it('codec.refuses: a schema-1 count of settled cycles out of range is named by its path', () => {
    const document = schema1('period-end-milestone')
    nth(document.enrolments).settledCycles = -1
    expect(refusal(decodeState(document))).toEqual([
      'enrolments[0].settledCycles',
      'must be an integer from 0 to 100',
    ])
  })
})

describe('codec.versions: schema-2 documents', () => {
  /** Written by 0.2.0: a daily CONTINUOUS streak with 3 grace days; customer 7's week 3 waits for week 2. */
  const schema2 = (): unknown =>
    JSON.parse(
      readFileSync(new URL('./fixtures/schema2/grace-streak.json', import.meta.url), 'utf8'),
    ) as unknown

  it('codec.versions: a schema-2 document is read and goes on: the waiting credit follows its cycle\u2019s close', () => {
    const state = right(decodeState(schema2()))
    const close2 = new Date('2026-01-10T00:00:00Z')
    const result = right(advance(state, close2))
    expect(result.events.map((e) => [e.type, e.customerId, e.cycle, e.at.toISOString()])).toEqual([
      ['STREAK_BROKEN', 7, 2, close2.toISOString()],
    ])
    const written = encodeState(result.state)
    expect(written.schemaVersion).toBe(3)
    // Week 2 closed unachieved: no later credit of customer 7 is dated before it (rule grace.streak-order).
    expect(written.customers[0]?.streak).toEqual({
      epoch: 1,
      count: 1,
      achievedLevels: [1],
      waiting: [],
      heldUntil: close2.toISOString(),
    })
    expect(right(decodeState(JSON.parse(JSON.stringify(written))))).toEqual(result.state)
  })
})
