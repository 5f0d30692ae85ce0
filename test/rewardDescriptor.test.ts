// Reward descriptors: opaque JSON, copied and deep-frozen, refused with the path of the first part
// that is not JSON or goes beyond the limits (rule reward.descriptor).
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { defineMilestone } from '../src/index.js'

const define = (reward: unknown) =>
  defineMilestone({
    targetGroupId: 1,
    targetId: 1,
    metric: 'COUNT',
    goal: 2,
    allocation: 'PERIOD_END',
    cycles: [
      {
        refCode: 'c1',
        start: new Date('2026-01-01T00:00:00Z'),
        end: new Date('2026-02-01T00:00:00Z'),
      },
    ],
    reward: reward as never,
  })

/** `{ a: { a: … } }`, `levels` objects deep. */
const nested = (levels: number): unknown => {
  let value: unknown = 'bottom'
  for (let i = 0; i < levels; i++) value = { a: value }
  return value
}

const NOT_JSON = 'must be a JSON value (null, a boolean, a number, a string, an array, an object)'

const problemsOf = (reward: unknown) => {
  const defined = define(reward)
  return E.isLeft(defined) ? defined.left.problems : 'accepted'
}

describe('reward.descriptor', () => {
  it.each([
    ['a function', () => 1, [{ path: 'reward', message: NOT_JSON }]],
    ['a Date', new Date(0), [{ path: 'reward', message: NOT_JSON }]],
    [
      'an object of a class',
      Object.create({ inherited: 1 }),
      [{ path: 'reward', message: NOT_JSON }],
    ],
    [
      'a function deep inside',
      { a: [{ b: () => 1 }] },
      [{ path: 'reward.a[0].b', message: NOT_JSON }],
    ],
    [
      'an infinite number',
      { n: Infinity },
      [{ path: 'reward.n', message: 'must be a finite number' }],
    ],
    // eslint-disable-next-line no-sparse-arrays -- the hole is the case
    ['a hole', [1, , 2], [{ path: 'reward[1]', message: 'is missing: the array has a hole here' }]],
    [
      'a field that cannot be read',
      Object.defineProperty({}, 'x', {
        enumerable: true,
        get: () => {
          throw new Error('unreadable')
        },
      }),
      [{ path: 'reward.x', message: 'could not be read' }],
    ],
    [
      '17 levels of nesting',
      nested(17),
      [{ path: `reward${'.a'.repeat(17)}`, message: 'a reward nests at most 16 deep' }],
    ],
    [
      '1,001 values',
      Array.from({ length: 1_000 }, () => 1),
      [{ path: 'reward[999]', message: 'a reward holds at most 1000 values' }],
    ],
  ])('refuses %s, naming its path', (_, reward, problems) => {
    expect(problemsOf(reward)).toEqual(problems)
  })

  it('takes JSON up to the limits: 16 levels, 1,000 values, and drops undefined fields', () => {
    expect(problemsOf(nested(16))).toBe('accepted')
    expect(problemsOf(Array.from({ length: 999 }, () => 1))).toBe('accepted')
    const defined = define({ sku: 'A', tags: [null, true, 1, 'x'], none: undefined })
    expect(E.isRight(defined) && defined.right.reward).toEqual({
      sku: 'A',
      tags: [null, true, 1, 'x'],
    })
  })

  it('reward.descriptor: a -0 is kept as 0, the value JSON writes, so a stored target reads back the same', () => {
    const defined = define({ sku: 'A', value: -0, tags: [-0] })
    expect(
      E.isRight(defined) && Object.is((defined.right.reward as { value: number }).value, 0),
    ).toBe(true)
    expect(
      E.isRight(defined) && Object.is((defined.right.reward as { tags: number[] }).tags[0], 0),
    ).toBe(true)
  })

  it('keeps a deep-frozen copy: the caller changing theirs changes nothing', () => {
    const given = { sku: 'A', tags: ['x'] }
    const defined = define(given)
    if (E.isLeft(defined)) throw new Error(defined.left.message)
    given.tags.push('y')
    given.sku = 'B'
    expect(defined.right.reward).toEqual({ sku: 'A', tags: ['x'] })
    expect(Object.isFrozen(defined.right.reward)).toBe(true)
    const reward = defined.right.reward as { readonly tags: ReadonlyArray<string> }
    expect(Object.isFrozen(reward.tags)).toBe(true)
  })
})
