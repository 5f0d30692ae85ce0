// The definitions at their edges: values of the wrong shape where an object or a list is expected,
// hostile objects inside reward descriptors, and what a built target holds and freezes (rules
// definition.*, window.*, subtarget.definition, grace.definition, reward.descriptor).
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  defineMilestone,
  defineStreak,
  type DefinitionError,
  type DefinitionProblem,
  type MilestoneInput,
  type StreakInput,
} from '../src/index.js'
import { left, right } from './support/fixtures.js'

const jan = {
  refCode: 'jan',
  start: new Date('2026-01-01T00:00:00Z'),
  end: new Date('2026-02-01T00:00:00Z'),
}
const feb = {
  refCode: 'feb',
  start: new Date('2026-02-01T00:00:00Z'),
  end: new Date('2026-03-01T00:00:00Z'),
}

const milestone = (change: Readonly<Record<string, unknown>>): MilestoneInput =>
  ({
    targetGroupId: 1,
    targetId: 2,
    metric: 'COUNT',
    goal: 5,
    allocation: 'IMMEDIATE',
    cycles: [jan, feb],
    ...change,
  }) as unknown as MilestoneInput

const streak = (change: Readonly<Record<string, unknown>>): StreakInput =>
  ({
    targetGroupId: 9,
    targetId: 1,
    metric: 'COUNT',
    goal: 1,
    streakType: 'CONTINUOUS',
    levels: [1, 2],
    cycles: [jan, feb],
    ...change,
  }) as unknown as StreakInput

const problemsOf = (result: E.Either<DefinitionError, unknown>): ReadonlyArray<DefinitionProblem> =>
  left(result).problems

const NOT_JSON = 'must be a JSON value (null, a boolean, a number, a string, an array, an object)'
const NOT_A_WINDOW = "must be an object { type: 'FIXED' | 'CYCLIC' | 'PERIOD_AGNOSTIC', … }"
const NOT_A_SUB_TARGET =
  "must be an object { name, trigger: 'ABSOLUTE' | 'PERCENTAGE', value, reward? }"

/** `[[…['bottom']…]]`, `levels` arrays deep. */
const nestedArrays = (levels: number): unknown => {
  let value: unknown = 'bottom'
  for (let i = 0; i < levels; i++) value = [value]
  return value
}

/** An object whose field `x` counts how often it is read, so a test can tell what was read. */
const countingReads = (): { readonly value: object; readonly reads: () => number } => {
  let reads = 0
  const value = Object.defineProperty({}, 'x', {
    enumerable: true,
    get: () => {
      reads += 1
      return 1
    },
  })
  return { value, reads: () => reads }
}

describe('windows of the wrong shape', () => {
  it('definition.constructors: a window that is not an object is named, and its cycles are not judged', () => {
    expect(problemsOf(defineMilestone(milestone({ window: 'MONTHLY' })))).toEqual([
      { path: 'window', message: NOT_A_WINDOW },
    ])
  })

  it('window.fixed: cycles next to a window of no known type are not judged either way', () => {
    expect(problemsOf(defineMilestone(milestone({ window: { type: 'HOURLY' } })))).toEqual([
      { path: 'window.type', message: "must be 'FIXED', 'CYCLIC' or 'PERIOD_AGNOSTIC'" },
    ])
  })

  it('window.agnostic: cycles given for a PERIOD_AGNOSTIC window are refused', () => {
    expect(
      problemsOf(defineMilestone(milestone({ window: { type: 'PERIOD_AGNOSTIC', maxCycles: 3 } }))),
    ).toEqual([
      {
        path: 'cycles',
        message:
          'must not be given for a PERIOD_AGNOSTIC window: each customer has their own cycles',
      },
    ])
  })

  it('grace.definition: grace days next to a window that is not an object: the window is named, nothing throws', () => {
    expect(problemsOf(defineMilestone(milestone({ window: 7, graceDays: 1 })))).toEqual([
      { path: 'window', message: NOT_A_WINDOW },
    ])
  })

  it('window.cyclic: a frequency is read once, so a getter answering otherwise later changes nothing', () => {
    let reads = 0
    const frequency = Object.defineProperty({}, 'everyDays', {
      enumerable: true,
      get: () => {
        reads += 1
        return reads === 1 ? 7 : 0
      },
    })
    const target = right(
      defineMilestone(
        milestone({
          cycles: undefined,
          timeZone: 'UTC',
          window: { type: 'CYCLIC', frequency, count: 3 },
        }),
      ),
    )
    expect(target.window).toEqual({ type: 'CYCLIC', frequency: { everyDays: 7 }, count: 3 })
    expect(reads).toBe(1)
  })

  it('window.cyclic: a frequency refused at its one read stays refused, whatever a getter answers after', () => {
    let reads = 0
    const frequency = Object.defineProperty({}, 'everyDays', {
      enumerable: true,
      get: () => {
        reads += 1
        return reads === 1 ? 0 : 7
      },
    })
    const defined = defineMilestone(
      milestone({
        cycles: undefined,
        timeZone: 'UTC',
        window: { type: 'CYCLIC', frequency, count: 3 },
      }),
    )
    expect(left(defined).problems).toEqual([
      {
        path: 'window.frequency',
        message:
          'must be one of DAILY, WEEKLY, MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY or { everyDays: a positive integer }',
      },
    ])
    expect(reads).toBe(1)
  })

  it('definition.no-holes: an element that cannot be read is named at its own index, as could not be read', () => {
    const unreadableSecond = (first: unknown) =>
      Object.defineProperty([first, first], 1, {
        enumerable: true,
        get: () => {
          throw new Error('unreadable')
        },
      }) as ReadonlyArray<unknown>
    expect(left(defineStreak(streak({ levels: unreadableSecond(2) }))).problems).toEqual([
      { path: 'levels[1]', message: 'could not be read' },
    ])
    expect(left(defineMilestone(milestone({ reward: unreadableSecond('a') }))).problems).toEqual([
      { path: 'reward[1]', message: 'could not be read' },
    ])
  })

  it('definition.constructors: every problem is listed at once, those of a window refused for another reason too', () => {
    expect(
      left(
        defineMilestone(
          milestone({
            cycles: undefined,
            window: { type: 'CYCLIC', frequency: 'DAILY', count: 0 },
          }),
        ),
      ).problems,
    ).toEqual([
      { path: 'window.count', message: 'must be an integer from 1 to 100' },
      { path: 'timeZone', message: 'is required by a CYCLIC window (its local days)' },
    ])
    expect(
      left(
        defineMilestone(
          milestone({
            cycles: undefined,
            window: { type: 'PERIOD_AGNOSTIC', maxCycles: 0 },
            graceDays: 2,
          }),
        ),
      ).problems,
    ).toEqual([
      { path: 'window.maxCycles', message: 'must be an integer from 1 to 100' },
      { path: 'graceDays', message: 'must be 0 for a PERIOD_AGNOSTIC window' },
    ])
  })

  it('reward.descriptor: a bad reward is listed beside the other problems of its cycle or sub-target', () => {
    expect(
      left(
        defineMilestone(
          milestone({
            cycles: [{ ...jan, goal: 0, reward: Number.NaN }, feb],
            subTargets: [{ name: '', trigger: 'ABSOLUTE', value: 1, reward: Number.NaN }],
          }),
        ),
      ).problems,
    ).toEqual([
      { path: 'cycles[0].goal', message: 'must be a positive integer (a COUNT goal)' },
      { path: 'cycles[0].reward', message: 'must be a finite number' },
      { path: 'subTargets[0].name', message: 'must be a non-empty string' },
      { path: 'subTargets[0].reward', message: 'must be a finite number' },
    ])
    expect(
      left(defineStreak(streak({ levels: [{ level: 0, reward: Number.NaN }] }))).problems,
    ).toEqual([
      { path: 'levels[0].level', message: 'must be a positive integer' },
      { path: 'levels[0].reward', message: 'must be a finite number' },
    ])
  })

  it('definition.immutable: an everyDays frequency is frozen with its window', () => {
    const target = right(
      defineMilestone(
        milestone({
          cycles: undefined,
          timeZone: 'UTC',
          window: { type: 'CYCLIC', frequency: { everyDays: 30 }, count: 3 },
        }),
      ),
    )
    expect(target.window).toEqual({ type: 'CYCLIC', frequency: { everyDays: 30 }, count: 3 })
    expect(Object.isFrozen(target.window)).toBe(true)
    expect(target.window.type === 'CYCLIC' && Object.isFrozen(target.window.frequency)).toBe(true)
  })
})

describe("a streak's levels when the number of cycles is unknown", () => {
  it('definition.levels: cycles that are not a list give no number to hold the levels to', () => {
    expect(problemsOf(defineStreak(streak({ cycles: 'jan', levels: [2] })))).toEqual([
      { path: 'cycles', message: 'must be an array of cycles' },
    ])
  })

  it('definition.levels: a CYCLIC count that is not an integer gives no number to hold the levels to', () => {
    const cyclic = { type: 'CYCLIC', frequency: 'DAILY', count: 1.5 }
    expect(
      problemsOf(
        defineStreak(streak({ cycles: undefined, timeZone: 'UTC', window: cyclic, levels: [2] })),
      ),
    ).toEqual([{ path: 'window.count', message: 'must be an integer from 1 to 100' }])
  })

  it('definition.levels: cycles refused next to a refused CYCLIC count are not counted', () => {
    const cyclic = { type: 'CYCLIC', frequency: 'DAILY', count: 0 }
    expect(
      problemsOf(
        defineStreak(streak({ cycles: [jan], timeZone: 'UTC', window: cyclic, levels: [2] })),
      ),
    ).toEqual([
      { path: 'window.count', message: 'must be an integer from 1 to 100' },
      {
        path: 'cycles',
        message: 'must not be given for a CYCLIC window: each customer has their own cycles',
      },
    ])
  })

  it('definition.immutable: a streak is built with its levels and level rewards frozen', () => {
    const target = right(defineStreak(streak({ levels: [1, { level: 2, reward: { sku: 'L2' } }] })))
    expect(target.levels).toEqual([1, 2])
    expect(target.levelRewards).toEqual([{ level: 2, reward: { sku: 'L2' } }])
    expect(Object.isFrozen(target.levels)).toBe(true)
    expect(Object.isFrozen(target.levelRewards)).toBe(true)
    expect(Object.isFrozen(target.levelRewards[0])).toBe(true)
  })
})

describe('sub-targets of the wrong shape', () => {
  it.each<[string, ReadonlyArray<unknown>, ReadonlyArray<DefinitionProblem>]>([
    [
      'subtarget.definition: a sub-target that is not an object',
      [7],
      [{ path: 'subTargets[0]', message: NOT_A_SUB_TARGET }],
    ],
    [
      'subtarget.definition: an empty name',
      [{ name: '', trigger: 'PERCENTAGE', value: 50 }],
      [{ path: 'subTargets[0].name', message: 'must be a non-empty string' }],
    ],
    [
      'subtarget.definition: a name that is not a string',
      [{ name: 5, trigger: 'PERCENTAGE', value: 50 }],
      [{ path: 'subTargets[0].name', message: 'must be a non-empty string' }],
    ],
    [
      'reward.descriptor: a sub-target reward that is not JSON, named by its path',
      [{ name: 'half', trigger: 'PERCENTAGE', value: 50, reward: () => 1 }],
      [{ path: 'subTargets[0].reward', message: NOT_JSON }],
    ],
  ])('%s', (_, subTargets, expected) => {
    expect(problemsOf(defineMilestone(milestone({ subTargets })))).toEqual(expected)
  })
})

describe('settings at their edges', () => {
  it('definition.goal: a SUM goal of Infinity is not a finite number', () => {
    expect(problemsOf(defineMilestone(milestone({ metric: 'SUM', goal: Infinity })))).toEqual([
      { path: 'goal', message: 'must be a finite number > 0' },
    ])
  })

  it('grace.definition: -0 grace days are taken as 0, never kept as -0', () => {
    // toBe compares with Object.is, which tells -0 from 0.
    expect(right(defineMilestone(milestone({ graceDays: -0 }))).graceDays).toBe(0)
  })

  it("reward.descriptor: a cycle's reward that is not JSON is named by its path", () => {
    expect(
      problemsOf(defineMilestone(milestone({ cycles: [jan, { ...feb, reward: () => 1 }] }))),
    ).toEqual([{ path: 'cycles[1].reward', message: NOT_JSON }])
  })
})

describe('reward.descriptor with hostile parts', () => {
  const rewardProblems = (reward: unknown) => problemsOf(defineMilestone(milestone({ reward })))

  it('reward.descriptor: arrays nest at most 16 deep, as objects do', () => {
    expect(right(defineMilestone(milestone({ reward: nestedArrays(16) }))).reward).toEqual(
      nestedArrays(16),
    )
    expect(rewardProblems(nestedArrays(17))).toEqual([
      { path: `reward${'[0]'.repeat(17)}`, message: 'a reward nests at most 16 deep' },
    ])
  })

  it('reward.descriptor: an object whose keys cannot be listed could not be read', () => {
    const keysThrow = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('ownKeys')
        },
      },
    )
    expect(rewardProblems({ tier: keysThrow })).toEqual([
      { path: 'reward.tier', message: 'could not be read' },
    ])
  })

  it('reward.descriptor: an object whose prototype cannot be read is not JSON', () => {
    const prototypeThrows = new Proxy(
      { sku: 'A' },
      {
        getPrototypeOf: () => {
          throw new Error('getPrototypeOf')
        },
      },
    )
    expect(rewardProblems({ tier: prototypeThrows })).toEqual([
      { path: 'reward.tier', message: NOT_JSON },
    ])
  })

  it('reward.descriptor: nothing in an array is read after its first part that is not JSON', () => {
    const later = countingReads()
    expect(rewardProblems([() => 1, later.value])).toEqual([
      { path: 'reward[0]', message: NOT_JSON },
    ])
    expect(later.reads()).toBe(0)
  })

  it('reward.descriptor: nothing in an object is read after its first field that is not JSON', () => {
    const later = countingReads()
    expect(rewardProblems({ a: () => 1, b: later.value })).toEqual([
      { path: 'reward.a', message: NOT_JSON },
    ])
    expect(later.reads()).toBe(0)
  })
})
