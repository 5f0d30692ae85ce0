/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-return -- the tamper cases poke into untyped JSON on purpose */
// The persistence codec (rules codec.*): exact round trips, documents of every schema version read,
// and refusal of truncated, tampered, unknown-version or impossible documents.
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  advance,
  applyAll,
  decodeState,
  decodeTarget,
  defineMilestone,
  defineStreak,
  encodeState,
  encodeTarget,
  enroll,
  initialState,
  recordActivity,
  unenroll,
  type EnrolmentState,
  type Operation,
} from '../src/index.js'
import { operations, targets } from '../src/testing/index.js'
import {
  at,
  inCycle,
  milestoneABC,
  play,
  right,
  streakXYZ,
  weeklyCycles,
} from './support/fixtures.js'

const stories = targets().chain((target) =>
  fc.tuple(
    fc.constant(target),
    operations(target, { customers: 3, maxLength: 30 }),
    operations(target, { customers: 3, maxLength: 30 }),
  ),
)

const sample = (): EnrolmentState =>
  play(
    initialState(streakXYZ()),
    (s) => enroll(s, 1, inCycle(s, 1)),
    (s) => recordActivity(s, 1, { at: inCycle(s, 1, 1) }),
    (s) => enroll(s, 2, inCycle(s, 1, 2)),
    (s) => unenroll(s, 2, inCycle(s, 1, 3)),
  ).state

/** A schema-2 progress entry of `cycle`, nothing reached. */
const entry = (cycle: number, value: number) => ({
  cycle,
  value,
  achievedAt: null,
  reversed: false,
  rewarded: false,
  subTargets: [],
  visits: [],
})

const left = (document: unknown) => {
  const result = decodeState(document)
  if (E.isRight(result)) throw new Error('expected the document to be refused')
  return result.left
}

describe('state codec', () => {
  it('round trip: decode(encode(s)) encodes the same, and continues exactly as s does', () => {
    fc.assert(
      fc.property(stories, ([target, first, then]) => {
        const state = applyAll(initialState(target), first).state
        const text = JSON.stringify(encodeState(state))
        const decoded = right(decodeState(text))
        expect(encodeState(decoded)).toEqual(encodeState(state))
        const original = applyAll(state, then)
        const reloaded = applyAll(decoded, then)
        expect(reloaded.events).toEqual(original.events)
        expect(reloaded.errors).toEqual(original.errors)
        expect(encodeState(reloaded.state)).toEqual(encodeState(original.state))
      }),
    )
  })

  it('codec.round-trip: writes schemaVersion 3, instants as ISO-8601 strings, customers by id', () => {
    const encoded = encodeState(sample())
    expect(encoded.schemaVersion).toBe(3)
    expect(encoded.watermark).toBe(null)
    const advanced = right(advance(sample(), inCycle(sample(), 1, 4))).state
    expect(encodeState(advanced).watermark).toBe(inCycle(sample(), 1, 4).toISOString())
    expect(encoded.customers.map((e) => e.customerId)).toEqual([1, 2])
    expect(encoded.customers[1]).toMatchObject({
      status: 'UNENROLLED',
      fromCycle: 1,
      since: inCycle(sample(), 1, 3).toISOString(),
    })
  })

  it('writes customers by ascending id whatever order the map keeps them in, and reads them back', () => {
    // The map visits customers by the low bits of their ids first (33 before 2): the document is
    // by id all the same, which decoding requires (each customer once, in order).
    const state = play(
      initialState(milestoneABC('IMMEDIATE')),
      (s) => enroll(s, 423789336, inCycle(s, 1)),
      (s) => enroll(s, 2, inCycle(s, 1)),
      (s) => enroll(s, 33, inCycle(s, 1)),
    ).state
    const encoded = encodeState(state)
    expect(encoded.customers.map((e) => e.customerId)).toEqual([2, 33, 423789336])
    expect(encodeState(right(decodeState(JSON.stringify(encoded))))).toEqual(encoded)
  })

  it('refuses a truncated document', () => {
    const text = JSON.stringify(encodeState(sample()))
    expect(left(text.slice(0, text.length - 7))).toEqual({
      code: 300004,
      path: '',
      message: 'is not valid JSON',
    })
  })

  it('codec.versions: refuses a schema version it does not know', () => {
    expect(left({ ...encodeState(sample()), schemaVersion: 4 }).path).toBe('schemaVersion')
    expect(left({ ...encodeState(sample()), schemaVersion: 0 }).message).toBe('must be 1, 2 or 3')
  })

  it.each([
    [
      'a tampered instant',
      (d: any) => {
        d.customers[0].since = '2026-13-01T00:00:00.000Z'
      },
      'customers[0].since',
    ],
    [
      'a watermark that is not ISO',
      (d: any) => {
        d.watermark = 'yesterday'
      },
      'watermark',
    ],
    [
      'a negative version',
      (d: any) => {
        d.customers[0].version = -1
      },
      'customers[0].version',
    ],
    [
      'an unknown status',
      (d: any) => {
        d.customers[1].status = 'PAUSED'
      },
      'customers[1].status',
    ],
    [
      'a start cycle out of range',
      (d: any) => {
        d.customers[0].startCycle = 99
      },
      'customers[0].startCycle',
    ],
    [
      'progress of a cycle out of range',
      (d: any) => {
        d.customers[0].progress = [entry(0, 1)]
      },
      'customers[0].progress[0].cycle',
    ],
    [
      'a level the target does not have',
      (d: any) => {
        d.customers[0].streak.achievedLevels = [5]
      },
      'customers[0].streak.achievedLevels[0]',
    ],
    [
      'progress out of cycle order',
      (d: any) => {
        d.customers[0].progress = [entry(3, 1), entry(2, 1)]
      },
      'customers[0].progress[1].cycle',
    ],
    [
      'two progress entries for one cycle',
      (d: any) => {
        d.customers[0].progress = [entry(2, 1), entry(2, 5)]
      },
      'customers[0].progress[1].cycle',
    ],
    [
      'achieved levels out of order',
      (d: any) => {
        d.customers[0].streak.achievedLevels = [8, 4]
      },
      'customers[0].streak.achievedLevels[1]',
    ],
    [
      'a level achieved twice',
      (d: any) => {
        d.customers[0].streak.achievedLevels = [4, 4]
      },
      'customers[0].streak.achievedLevels[1]',
    ],
    [
      'a duplicated customer',
      (d: any) => {
        d.customers[1].customerId = 1
      },
      'customers[1].customerId',
    ],
    [
      'a tampered target',
      (d: any) => {
        d.target.levels = [12, 4]
      },
      'target.levels[1]',
    ],
    [
      'overlapping cycles',
      (d: any) => {
        d.target.cycles[1].start = d.target.cycles[0].start
      },
      'target.cycles[1].start',
    ],
    [
      'an unknown target kind',
      (d: any) => {
        d.target.kind = 'BADGE'
      },
      'target.kind',
    ],
    [
      'a streak status on a milestone',
      (d: any) => {
        d.target = encodeState(initialState(milestoneABC('IMMEDIATE'))).target
      },
      'customers[0].streak',
    ],
  ])('refuses %s, naming its path', (_, tamper, path) => {
    const document = JSON.parse(JSON.stringify(encodeState(sample())))
    tamper(document)
    expect(left(document).path).toBe(path)
  })

  it.each([
    ['target.cycles', (d: any) => (d.target.cycles = 'c1'), 'must be an array'],
    ['target.cycles[0]', (d: any) => (d.target.cycles[0] = 3), 'must be an object'],
    [
      'target.cycles[0].start',
      (d: any) => (d.target.cycles[0].start = '2026-01-05'),
      'must be an ISO-8601 instant (…Z)',
    ],
    [
      'target.cycles[0].end',
      (d: any) => (d.target.cycles[0].end = `x${d.target.cycles[0].end}`),
      'must be an ISO-8601 instant (…Z)',
    ],
    [
      'customers[0].since',
      (d: any) => (d.customers[0].since = `${d.customers[0].since}x`),
      'must be an ISO-8601 instant (…Z)',
    ],
    [
      'customers[0].settledAt',
      (d: any) => (d.customers[0].settledAt = null),
      'must be an ISO-8601 instant (…Z)',
    ],
    ['watermark', (d: any) => (d.watermark = 7), 'must be an ISO-8601 instant (…Z)'],
    [
      'customers[0].customerId',
      (d: any) => (d.customers[0].customerId = 0),
      'must be an integer from 1 to 9007199254740991',
    ],
    [
      'customers[0].version',
      (d: any) => (d.customers[0].version = 1.5),
      'must be an integer from 1 to 9007199254740991',
    ],
    [
      'customers[0].version',
      (d: any) => (d.customers[0].version = '2'),
      'must be an integer from 1 to 9007199254740991',
    ],
    [
      'customers[1].fromCycle',
      (d: any) => (d.customers[1].fromCycle = 31),
      'must be a cycle of the customer (1 to 30)',
    ],
    [
      'customers[0].progress[0].value',
      (d: any) => (d.customers[0].progress[0].value = -1),
      'must be a finite number ≥ 0',
    ],
    [
      'customers[0].progress[0].value',
      (d: any) => (d.customers[0].progress[0].value = '1'),
      'must be a finite number ≥ 0',
    ],
    [
      'customers[0].progress[0].achievedAt',
      (d: any) => (d.customers[0].progress[0].achievedAt = 'soon'),
      'must be an ISO-8601 instant (…Z)',
    ],
    [
      'customers[0].progress[0].rewarded',
      (d: any) => (d.customers[0].progress[0].rewarded = 'no'),
      'must be a boolean',
    ],
    [
      'customers[0].streak.achievedLevels',
      (d: any) => (d.customers[0].streak.achievedLevels = 4),
      'must be an array',
    ],
    [
      'customers[0].streak.achievedLevels[0]',
      (d: any) => (d.customers[0].streak.achievedLevels = [0]),
      'must be an integer from 1 to 9007199254740991',
    ],
    [
      'customers[0].streak.epoch',
      (d: any) => (d.customers[0].streak.epoch = 0),
      'must be an integer from 1 to 9007199254740991',
    ],
    [
      'customers[0].streak.count',
      (d: any) => (d.customers[0].streak.count = -1),
      'must be an integer from 0 to 9007199254740991',
    ],
    [
      'customers[0].streak.achievedLevels[0]',
      (d: any) => (d.customers[0].streak.achievedLevels = [5]),
      'is not a level of the target',
    ],
  ])('refuses a bad %s, saying what it must be', (path, tamper, message) => {
    const document = JSON.parse(JSON.stringify(encodeState(sample())))
    tamper(document)
    expect(left(document)).toEqual({ code: 300004, path, message })
  })

  it('writes only the fields a record has: a cycle goal when set, fromCycle when unenrolled', () => {
    const encoded = encodeState(sample())
    expect(Object.hasOwn(encoded.target, 'levels')).toBe(true)
    expect(
      (encoded.target.cycles as ReadonlyArray<object>).some((c) => Object.hasOwn(c, 'goal')),
    ).toBe(false)
    expect(Object.hasOwn(encoded.customers[0] ?? {}, 'fromCycle')).toBe(false)
    expect(Object.hasOwn(encoded.customers[1] ?? {}, 'fromCycle')).toBe(true)
    const withGoal = right(
      defineMilestone({
        targetGroupId: 1,
        targetId: 1,
        metric: 'COUNT',
        goal: 5,
        allocation: 'IMMEDIATE',
        cycles: [
          {
            refCode: 'a',
            start: at('2026-01-01T00:00:00Z'),
            end: at('2026-02-01T00:00:00Z'),
            goal: 2,
          },
          { refCode: 'b', start: at('2026-02-01T00:00:00Z'), end: at('2026-03-01T00:00:00Z') },
        ],
      }),
    )
    const cycles = encodeTarget(withGoal).target.cycles as ReadonlyArray<object>
    expect(cycles.map((c) => Object.hasOwn(c, 'goal'))).toEqual([true, false])
    const decoded = right(decodeTarget(JSON.stringify(encodeTarget(withGoal))))
    expect(decoded).toStrictEqual(withGoal)
  })

  it('writes the streak levels a customer achieved', () => {
    const { state } = play(
      initialState(streakXYZ('NON_CONTINUOUS', [1, 2])),
      (s) => enroll(s, 1, inCycle(s, 1)),
      (s) => recordActivity(s, 1, { at: inCycle(s, 1, 1) }),
    )
    expect(encodeState(state).customers[0]?.streak).toEqual({
      epoch: 1,
      count: 1,
      achievedLevels: [1],
      waiting: [],
      heldUntil: null,
    })
  })

  it('encodes and decodes a target definition on its own', () => {
    for (const target of [milestoneABC('PERIOD_END'), streakXYZ('NON_CONTINUOUS', [2, 5])])
      expect(right(decodeTarget(JSON.stringify(encodeTarget(target))))).toEqual(target)
    const tampered = JSON.parse(JSON.stringify(encodeTarget(streakXYZ())))
    tampered.target.allocation = 'PERIOD_END'
    expect(decodeTarget(tampered)).toEqual(
      E.left({
        code: 300004,
        path: 'target.allocation',
        message: "streaks are rewarded 'IMMEDIATE' only",
      }),
    )
    expect(decodeTarget({ schemaVersion: 0 })).toEqual(
      E.left({ code: 300004, path: 'schemaVersion', message: 'must be 1, 2 or 3' }),
    )
  })

  it('refuses what is not a document at all, never throwing', () => {
    for (const junk of [null, 3, 'x', [], { schemaVersion: 1 }, { schemaVersion: 1, target: {} }])
      expect(() => decodeState(junk)).not.toThrow()
    expect(left(null).path).toBe('')
  })
})

// Documents the 0.1.0 engine wrote (schema 1), with operations that followed and the events
// 0.1.0 gave for them: read today, they continue exactly as they did then (rule codec.versions).
const schema1 = ['period-end-milestone', 'immediate-milestone', 'continuous-streak'] as const

/** JSON with ISO instants turned back into `Date`s, as the operations take them. */
const revive = (text: string): unknown =>
  JSON.parse(text, (_, value: unknown) =>
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T.*Z$/.test(value) ? new Date(value) : value,
  )

describe('schema 1', () => {
  it.each(schema1)(
    'codec.versions: a %s document of 0.1.0 is read and continues as 0.1.0 did',
    (name) => {
      const text = readFileSync(new URL(`./fixtures/schema1/${name}.json`, import.meta.url), 'utf8')
      const fixture = JSON.parse(text) as { document: unknown; after: any }
      const { then, events } = revive(text) as {
        then: ReadonlyArray<Operation>
        events: ReadonlyArray<unknown>
      }
      const state = right(decodeState(fixture.document))
      const played = applyAll(state, then)
      expect(played.errors).toEqual([])
      expect(played.events).toEqual(events)
      // What each record says afterwards agrees with what 0.1.0 wrote.
      const now = encodeState(played.state)
      expect(
        now.customers.map((c) => [c.customerId, c.status, c.startCycle, c.progress]).length,
      ).toBe(fixture.after.enrolments.length)
      for (const [i, before] of (fixture.after.enrolments as ReadonlyArray<any>).entries()) {
        const record = now.customers[i] as any
        expect([record.customerId, record.status, record.startCycle, record.fromCycle]).toEqual([
          before.customerId,
          before.status,
          before.startCycle,
          before.fromCycle,
        ])
        expect(record.closedCycles).toBe(before.settledCycles)
        expect(
          (record.progress as ReadonlyArray<any>).map((p) => [p.cycle, p.value, p.achievedAt]),
        ).toEqual(
          (before.progress as ReadonlyArray<any>).map((p) => [p.cycle, p.value, p.achievedAt]),
        )
        expect(
          record.streak === null
            ? null
            : [record.streak.epoch, record.streak.count, record.streak.achievedLevels],
        ).toEqual(
          before.streak === null
            ? null
            : [before.streak.epoch, before.streak.count, before.streak.achievedLevels],
        )
      }
    },
  )

  it('codec.versions: a schema-1 document is refused where it breaks what the rules guarantee', () => {
    const text = readFileSync(
      new URL('./fixtures/schema1/period-end-milestone.json', import.meta.url),
      'utf8',
    )
    const { document } = JSON.parse(text) as { document: any }
    document.enrolments[0].progress[0].achievedAt = document.enrolments[0].since
    document.enrolments[0].progress[0].value = 0
    expect(left(document)).toMatchObject({ path: 'enrolments[0].progress[0].achievedAt' })
  })
})

describe('codec.round-trip: reward descriptors', () => {
  it('codec.round-trip: a target keeps its reward descriptors, its levels\u2019 and its cycles\u2019, and its zone', () => {
    const streak = right(
      defineStreak({
        targetGroupId: 12,
        targetId: 4,
        metric: 'COUNT',
        goal: 1,
        streakType: 'CONTINUOUS',
        levels: [2, { level: 3, reward: { sku: 'mug', value: 8 } }],
        reward: { sku: 'stamp' },
        timeZone: 'Europe/Paris',
        cycles: weeklyCycles(3).map((c, i) => (i === 1 ? { ...c, reward: { sku: 'cake' } } : c)),
      }),
    )
    const again = decodeTarget(JSON.parse(JSON.stringify(encodeTarget(streak))))
    expect(again).toEqual(E.right(streak))
    expect(encodeTarget(streak).target).toMatchObject({
      levels: [2, { level: 3, reward: { sku: 'mug', value: 8 } }],
      reward: { sku: 'stamp' },
      timeZone: 'Europe/Paris',
    })
  })
})
