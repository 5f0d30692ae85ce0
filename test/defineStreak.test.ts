// Streak definitions (rules definition.*).
import { describe, expect, it } from 'vitest'
import { defineStreak, type StreakInput } from '../src/index.js'
import { left, right, weeklyCycles } from './support/fixtures.js'

const valid = (): StreakInput => ({
  targetGroupId: 9,
  targetId: 1,
  name: 'XYZ',
  metric: 'COUNT',
  goal: 1,
  streakType: 'CONTINUOUS',
  levels: [4, 8, 12],
  cycles: weeklyCycles(30),
})

const paths = (input: unknown): ReadonlyArray<string> =>
  left(defineStreak(input as StreakInput)).problems.map((p) => p.path)

describe('defineStreak', () => {
  it('builds an IMMEDIATE streak with its levels', () => {
    expect(right(defineStreak(valid()))).toMatchObject({
      kind: 'STREAK',
      allocation: 'IMMEDIATE',
      streakType: 'CONTINUOUS',
      levels: [4, 8, 12],
    })
  })

  it('cannot be constructed with PERIOD_END: a type error, and refused at run time', () => {
    // @ts-expect-error — a streak is rewarded IMMEDIATE only (rule definition.streak-immediate)
    const input: StreakInput = { ...valid(), allocation: 'PERIOD_END' }
    expect(paths(input)).toEqual(['allocation'])
  })

  it.each([
    ['levels', { levels: [] }],
    ['levels', { levels: Array.from({ length: 11 }, (_, i) => i + 1) }],
    ['levels[1]', { levels: [4, 4] }],
    ['levels[1]', { levels: [8, 4] }],
    ['levels[0]', { levels: [0, 4] }],
    ['levels[0]', { levels: [1.5] }],
    ['levels[2]', { levels: [4, 8, 31] }],
    ['levels', { levels: 'x' }],
    ['streakType', { streakType: 'SOMETIMES' }],
  ])('names %s when it is wrong (%j)', (path, change) => {
    expect(paths({ ...valid(), ...change })).toEqual([path])
  })

  it('accepts a highest level equal to the number of cycles', () => {
    expect(right(defineStreak({ ...valid(), levels: [30] })).levels).toEqual([30])
  })
})
