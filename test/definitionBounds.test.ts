// A definition's settings at their bounds: the last value taken, the first refused, each refusal
// naming its path (rules window.cyclic, window.agnostic, grace.definition, visit.local-date,
// return.sum-only, definition.levels).
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { defineMilestone, defineStreak } from '../src/index.js'

const oneMonth = [
  { refCode: 'c1', start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') },
]
/** A cycle ending one day before the last instant a `Date` can hold (+275760-09-13). */
const atTheEdge = {
  refCode: 'last',
  start: new Date(8.64e15 - 10 * 86_400_000),
  end: new Date(8.64e15 - 86_400_000),
}
const base = {
  targetGroupId: 1,
  targetId: 1,
  metric: 'COUNT',
  goal: 2,
  allocation: 'IMMEDIATE',
} as const

const problemsOf = (input: object) => {
  const defined = defineMilestone(input as never)
  return E.isLeft(defined) ? defined.left.problems : 'accepted'
}

const cyclic = (window: object) => ({ ...base, timeZone: 'UTC', window })
const FREQUENCIES =
  'must be one of DAILY, WEEKLY, MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY or { everyDays: a positive integer }'

describe('a definition at its bounds', () => {
  it.each([
    [
      'window.cyclic: 100 cycles',
      cyclic({ type: 'CYCLIC', frequency: 'DAILY', count: 100 }),
      'accepted',
    ],
    [
      'window.cyclic: 101 cycles',
      cyclic({ type: 'CYCLIC', frequency: 'DAILY', count: 101 }),
      [{ path: 'window.count', message: 'must be an integer from 1 to 100' }],
    ],
    [
      'window.cyclic: an unknown frequency, with a good count',
      cyclic({ type: 'CYCLIC', frequency: 'HOURLY', count: 3 }),
      [{ path: 'window.frequency', message: FREQUENCIES }],
    ],
    [
      'window.cyclic: cycles given',
      { ...cyclic({ type: 'CYCLIC', frequency: 'DAILY', count: 3 }), cycles: oneMonth },
      [
        {
          path: 'cycles',
          message: 'must not be given for a CYCLIC window: each customer has their own cycles',
        },
      ],
    ],
    [
      'window.cyclic: no time zone',
      { ...base, window: { type: 'CYCLIC', frequency: 'DAILY', count: 3 } },
      [{ path: 'timeZone', message: 'is required by a CYCLIC window (its local days)' }],
    ],
    [
      'window.agnostic: 100 cycles at most',
      { ...base, window: { type: 'PERIOD_AGNOSTIC', maxCycles: 100 } },
      'accepted',
    ],
    [
      'window.agnostic: 101 cycles at most',
      { ...base, window: { type: 'PERIOD_AGNOSTIC', maxCycles: 101 } },
      [{ path: 'window.maxCycles', message: 'must be an integer from 1 to 100' }],
    ],
    ['grace.definition: 30 grace days', { ...base, cycles: oneMonth, graceDays: 30 }, 'accepted'],
    [
      'grace.definition: 31 grace days',
      { ...base, cycles: oneMonth, graceDays: 31 },
      [{ path: 'graceDays', message: 'must be an integer from 0 to 30' }],
    ],
    [
      'grace.close-at: the last cycle closing at the last instant a Date holds',
      { ...base, cycles: [atTheEdge], graceDays: 1 },
      'accepted',
    ],
    [
      'grace.close-at: the last cycle closing beyond the last instant a Date holds',
      { ...base, cycles: [atTheEdge], graceDays: 2 },
      [
        {
          path: 'graceDays',
          message:
            'puts the close of cycles[0] (its end + graceDays × 24 h) beyond the last instant a Date can hold',
        },
      ],
    ],
    [
      'visit.local-date: VISIT without a time zone',
      { ...base, metric: 'VISIT', cycles: oneMonth },
      [{ path: 'timeZone', message: 'is required by the VISIT metric (its local days)' }],
    ],
    [
      'visit.local-date: a time zone that does not exist',
      { ...base, cycles: oneMonth, timeZone: 'Mars/Olympus' },
      [{ path: 'timeZone', message: "must be an IANA time zone, e.g. 'Europe/Paris'" }],
    ],
    [
      'return.sum-only: allowReturns that is not a boolean',
      { ...base, cycles: oneMonth, allowReturns: 'yes' },
      [{ path: 'allowReturns', message: 'must be a boolean' }],
    ],
    [
      'return.sum-only: returns on a COUNT target',
      { ...base, cycles: oneMonth, allowReturns: true },
      [{ path: 'allowReturns', message: 'returns apply to SUM targets only' }],
    ],
  ])('%s', (_, input, expected) => {
    expect(problemsOf(input)).toEqual(expected)
  })
})

const fourDays = [1, 2, 3, 4].map((day) => ({
  refCode: `c${day}`,
  start: new Date(Date.UTC(2026, 0, day)),
  end: new Date(Date.UTC(2026, 0, day + 1)),
}))

const levelProblems = (levels: ReadonlyArray<unknown>) => {
  const defined = defineStreak({
    targetGroupId: 1,
    targetId: 1,
    metric: 'COUNT',
    goal: 1,
    streakType: 'CONTINUOUS',
    cycles: fourDays,
    levels: levels as never,
  })
  return E.isLeft(defined) ? defined.left.problems : defined.right.levelRewards
}

describe("a streak's levels", () => {
  it.each([
    ['none', [], [{ path: 'levels', message: 'must hold 1 to 10 levels' }]],
    [
      'a level 0, given as an object',
      [{ level: 0 }],
      [{ path: 'levels[0].level', message: 'must be a positive integer' }],
    ],
    [
      'a level that is not a number',
      [{ level: 'x' }],
      [{ path: 'levels[0].level', message: 'must be a positive integer' }],
    ],
    [
      'levels descending, as objects',
      [{ level: 2 }, { level: 1 }],
      [{ path: 'levels[1].level', message: 'levels must be strictly ascending' }],
    ],
    [
      'a level twice',
      [2, 2],
      [{ path: 'levels[1]', message: 'levels must be strictly ascending' }],
    ],
    [
      'a level above the number of cycles',
      [5],
      [{ path: 'levels[0]', message: 'must be at most the number of cycles (4)' }],
    ],
    [
      "a level's reward that is not JSON",
      [{ level: 2, reward: () => 1 }],
      [
        {
          path: 'levels[0].reward',
          message:
            'must be a JSON value (null, a boolean, a number, a string, an array, an object)',
        },
      ],
    ],
    [
      'numbers and objects mixed, a reward on one',
      [1, { level: 3, reward: { sku: 'L3' } }],
      [{ level: 3, reward: { sku: 'L3' } }],
    ],
  ])('definition.levels: %s', (_, levels, expected) => {
    expect(levelProblems(levels)).toEqual(expected)
  })
})
