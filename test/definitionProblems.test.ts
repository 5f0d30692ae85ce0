// rule definition.constructors: a refused definition lists every problem, each with the field's path and what it must be,
// in the order the fields are checked — the words a brand's admin screen shows next to the field.
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  calendarCycles,
  defineMilestone,
  defineStreak,
  type CalendarCyclesInput,
  type DefinitionError,
  type MilestoneInput,
  type StreakInput,
} from '../src/index.js'
import { at, left, weeklyCycles } from './support/fixtures.js'

const cycle = (refCode: string, start: string, end: string) => ({
  refCode,
  start: at(start),
  end: at(end),
})
const jan = cycle('jan', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')
const feb = cycle('feb', '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z')
const mar = cycle('mar', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z')

const milestone = (change: Record<string, unknown>) =>
  ({
    targetGroupId: 1,
    targetId: 2,
    metric: 'COUNT',
    goal: 5,
    allocation: 'PERIOD_END',
    cycles: [jan, feb],
    ...change,
  }) as unknown as MilestoneInput

const streak = (change: Record<string, unknown>) =>
  ({
    targetGroupId: 9,
    targetId: 1,
    metric: 'COUNT',
    goal: 1,
    streakType: 'CONTINUOUS',
    levels: [2, 3],
    cycles: [jan, feb, mar],
    ...change,
  }) as unknown as StreakInput

const calendar = (change: Record<string, unknown>) =>
  ({
    start: '2026-01-01',
    frequency: 'DAILY',
    count: 3,
    timeZone: 'UTC',
    ...change,
  }) as unknown as CalendarCyclesInput

type Problems = ReadonlyArray<readonly [path: string, message: string]>
const problemsOf = (result: E.Either<DefinitionError, unknown>): Problems =>
  left(result).problems.map((p) => [p.path, p.message] as const)

describe('a refused milestone names each field and what it must be', () => {
  it.each<[string, Record<string, unknown>, Problems]>([
    ['no cycles at all', { cycles: 'jan' }, [['cycles', 'must be an array of cycles']]],
    ['an empty list of cycles', { cycles: [] }, [['cycles', 'must hold at least one cycle']]],
    [
      'a cycle that is not an object',
      { cycles: [jan, 7] },
      [['cycles[1]', 'must be an object { refCode, start, end, goal?, reward? }']],
    ],
    [
      'a cycle without a name',
      { cycles: [jan, { ...feb, refCode: '' }] },
      [['cycles[1].refCode', 'must be a non-empty string']],
    ],
    [
      'a cycle named like another',
      { cycles: [jan, { ...feb, refCode: 'jan' }] },
      [['cycles[1].refCode', "'jan' names another cycle too"]],
    ],
    [
      'cycles without valid dates',
      { cycles: [{ ...jan, start: new Date('x'), end: '2026-02-01' }] },
      [
        ['cycles[0].start', 'must be a valid Date'],
        ['cycles[0].end', 'must be a valid Date'],
      ],
    ],
    [
      'a cycle that ends where it starts',
      { cycles: [{ ...jan, end: jan.start }] },
      [['cycles[0].end', 'must be later than start']],
    ],
    [
      'a COUNT goal that is not an integer, on the target and on a cycle',
      { goal: 1.5, cycles: [{ ...jan, goal: 2.5 }] },
      [
        ['goal', 'must be a positive integer (a COUNT goal)'],
        ['cycles[0].goal', 'must be a positive integer (a COUNT goal)'],
      ],
    ],
    [
      'a SUM goal that is not > 0',
      { metric: 'SUM', goal: 0 },
      [['goal', 'must be a finite number > 0']],
    ],
    [
      'cycles out of order',
      { cycles: [feb, jan] },
      [['cycles[1].start', 'cycles must be sorted by start']],
    ],
    [
      'a cycle starting as the previous one does: an overlap, not disorder',
      { cycles: [jan, { ...feb, start: jan.start }] },
      [['cycles[1].start', 'overlaps cycles[0]']],
    ],
    [
      'a cycle overlapping the one before',
      { cycles: [jan, feb, { ...mar, start: at('2026-02-15T00:00:00Z') }] },
      [['cycles[2].start', 'overlaps cycles[1]']],
    ],
    ['a name that is not a string', { name: 42 }, [['name', 'must be a string']]],
    ['nothing wrong: accepted', { name: 'ABC' }, []],
  ])('%s', (_, change, expected) => {
    const result = defineMilestone(milestone(change))
    if (expected.length === 0) expect(E.isRight(result)).toBe(true)
    else expect(problemsOf(result)).toEqual(expected)
  })

  it('a cycle starting exactly where the previous ends is accepted', () => {
    expect(E.isRight(defineMilestone(milestone({ cycles: [jan, feb] })))).toBe(true)
  })

  it('at most 100 cycles: 100 accepted, 101 refused', () => {
    const days = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        refCode: `d${i + 1}`,
        start: new Date(Date.UTC(2026, 0, 1 + i)),
        end: new Date(Date.UTC(2026, 0, 2 + i)),
      }))
    expect(E.isRight(defineMilestone(milestone({ cycles: days(100) })))).toBe(true)
    expect(problemsOf(defineMilestone(milestone({ cycles: days(101) })))).toEqual([
      ['cycles', 'must hold at most 100 cycles'],
    ])
  })

  it('a definition that is not an object', () => {
    expect(problemsOf(defineMilestone(null as never))).toEqual([['', 'must be an object']])
    expect(left(defineMilestone(null as never)).message).toBe(
      'invalid definition: : must be an object',
    )
  })

  it('the message lists every problem as path: message, joined by "; "', () => {
    expect(left(defineMilestone(milestone({ targetId: 0, goal: 0 }))).message).toBe(
      'invalid definition: targetId: must be a positive safe integer; goal: must be a positive integer (a COUNT goal)',
    )
  })

  it('a name is kept, and defaults to the empty string', () => {
    const named = defineMilestone(milestone({ name: 'ABC' }))
    const unnamed = defineMilestone(milestone({}))
    expect(E.isRight(named) && named.right.name).toBe('ABC')
    expect(E.isRight(unnamed) && unnamed.right.name).toBe('')
  })

  it("a cycle's own goal is kept only when given", () => {
    const result = defineMilestone(milestone({ cycles: [{ ...jan, goal: 3 }, feb] }))
    if (E.isLeft(result)) throw new Error(result.left.message)
    expect(result.right.cycles[0]?.goal).toBe(3)
    expect(Object.hasOwn(result.right.cycles[1] ?? {}, 'goal')).toBe(false)
  })
})

describe('a refused streak names each field and what it must be', () => {
  it.each<[string, Record<string, unknown>, Problems]>([
    [
      'levels that are not a list',
      { levels: 4 },
      [['levels', 'must be an array of positive integers']],
    ],
    ['no level', { levels: [] }, [['levels', 'must hold 1 to 10 levels']]],
    [
      'eleven levels',
      { levels: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], cycles: weeklyCycles(11) },
      [['levels', 'must hold 1 to 10 levels']],
    ],
    [
      'a level that is not a positive integer',
      { levels: [1, 0] },
      [['levels[1]', 'must be a positive integer']],
    ],
    [
      'levels not ascending',
      { levels: [2, 2] },
      [['levels[1]', 'levels must be strictly ascending']],
    ],
    [
      'a level beyond the last cycle',
      { levels: [2, 4] },
      [['levels[1]', 'must be at most the number of cycles (3)']],
    ],
    [
      'a PERIOD_END allocation',
      { allocation: 'PERIOD_END' },
      [['allocation', "streaks are rewarded 'IMMEDIATE' only"]],
    ],
    [
      'an unknown streak type',
      { streakType: 'SOMETIMES' },
      [['streakType', "must be 'CONTINUOUS' or 'NON_CONTINUOUS'"]],
    ],
    ['ten levels', { levels: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], cycles: weeklyCycles(10) }, []],
    ['a highest level equal to the number of cycles', { levels: [3] }, []],
    [
      'levels with no cycles to count them against',
      { cycles: [] },
      [['cycles', 'must hold at least one cycle']],
    ],
  ])('%s', (_, change, expected) => {
    const result = defineStreak(streak(change))
    if (expected.length === 0) expect(E.isRight(result)).toBe(true)
    else expect(problemsOf(result)).toEqual(expected)
  })

  it('a definition that is not an object', () => {
    expect(problemsOf(defineStreak(undefined as never))).toEqual([['', 'must be an object']])
  })
})

describe('refused calendar cycles name each field and what it must be', () => {
  it.each<[string, Record<string, unknown>, Problems]>([
    [
      'an unknown time zone',
      { timeZone: 'Mars/Olympus' },
      [['timeZone', 'must be an IANA time zone']],
    ],
    ['an empty time zone', { timeZone: '' }, [['timeZone', 'must be an IANA time zone']]],
    [
      'an unknown frequency',
      { frequency: 'HOURLY' },
      [
        [
          'frequency',
          'must be one of DAILY, WEEKLY, MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY or { everyDays: a positive integer }',
        ],
      ],
    ],
    ['101 cycles', { count: 101 }, [['count', 'must be an integer from 1 to 100']]],
    [
      'an empty refCode pattern',
      { refCodeFormat: '' },
      [['refCodeFormat', 'must be a date-fns format pattern']],
    ],
    [
      'a date with a time',
      { start: '2026-01-01T00:00' },
      [['start', "must be a local date 'YYYY-MM-DD'"]],
    ],
    [
      'a date after text',
      { start: 'x2026-01-01' },
      [['start', "must be a local date 'YYYY-MM-DD'"]],
    ],
    [
      'a date that is not a string',
      { start: 20260101 },
      [['start', "must be a local date 'YYYY-MM-DD'"]],
    ],
    [
      'a day that does not exist',
      { start: '2026-02-30' },
      [['start', "must be a local date 'YYYY-MM-DD'"]],
    ],
    [
      'a pattern date-fns refuses',
      { refCodeFormat: 'yyyy-MM-dd qqqqqqqq ooo' },
      [['refCodeFormat', 'is not a valid date-fns format pattern']],
    ],
    [
      'a pattern naming two days alike',
      { refCodeFormat: 'yyyy' },
      [['refCodeFormat', 'gives two cycles the same refCode']],
    ],
    [
      'a bad time zone hides a bad start: only the zone is named',
      { timeZone: 'Nowhere', start: 'x' },
      [['timeZone', 'must be an IANA time zone']],
    ],
  ])('%s', (_, change, expected) => {
    expect(problemsOf(calendarCycles(calendar(change)))).toEqual(expected)
  })

  it('100 cycles are accepted', () => {
    const result = calendarCycles(calendar({ count: 100 }))
    expect(E.isRight(result) && result.right.length).toBe(100)
  })

  it('input that is not an object', () => {
    expect(problemsOf(calendarCycles('DAILY' as never))).toEqual([['', 'must be an object']])
  })
})
