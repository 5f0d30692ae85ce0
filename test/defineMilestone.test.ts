// rule definition.constructors: the smart constructor refuses every invalid definition, naming each field path.
import { describe, expect, it } from 'vitest'
import { defineMilestone, type MilestoneInput } from '../src/index.js'
import { at, left, right } from './support/fixtures.js'

const valid = {
  targetGroupId: 1,
  targetId: 2,
  name: 'ABC',
  metric: 'COUNT',
  goal: 5,
  allocation: 'PERIOD_END',
  cycles: [
    { refCode: 'c1', start: at('2026-01-01T00:00:00Z'), end: at('2026-02-01T00:00:00Z') },
    { refCode: 'c2', start: at('2026-02-01T00:00:00Z'), end: at('2026-03-01T00:00:00Z'), goal: 8 },
  ],
} satisfies MilestoneInput

const paths = (input: unknown): ReadonlyArray<string> =>
  left(defineMilestone(input as MilestoneInput)).problems.map((p) => p.path)

describe('defineMilestone', () => {
  it('builds a milestone with cycles numbered 1…N, per-cycle goals kept', () => {
    const target = right(defineMilestone(valid))
    expect(target).toEqual({
      kind: 'MILESTONE',
      targetGroupId: 1,
      targetId: 2,
      name: 'ABC',
      metric: 'COUNT',
      goal: 5,
      allocation: 'PERIOD_END',
      // The defaults of what the definition did not give (rules window.fixed, definition.*).
      window: { type: 'FIXED' },
      subTargets: [],
      allowReturns: false,
      graceDays: 0,
      cycles: [
        {
          index: 1,
          refCode: 'c1',
          start: at('2026-01-01T00:00:00Z'),
          end: at('2026-02-01T00:00:00Z'),
        },
        {
          index: 2,
          refCode: 'c2',
          start: at('2026-02-01T00:00:00Z'),
          end: at('2026-03-01T00:00:00Z'),
          goal: 8,
        },
      ],
    })
  })

  it('copies the cycle dates, so mutating the input later changes nothing', () => {
    const start = at('2026-01-01T00:00:00Z')
    const target = right(
      defineMilestone({
        ...valid,
        cycles: [{ refCode: 'c1', start, end: at('2026-02-01T00:00:00Z') }],
      }),
    )
    start.setTime(0)
    expect(target.cycles[0]?.start).toEqual(at('2026-01-01T00:00:00Z'))
  })

  it.each([
    ['targetGroupId', { targetGroupId: 0 }],
    ['targetId', { targetId: '2' }],
    ['metric', { metric: 'VISITS' }],
    ['goal', { goal: 0 }],
    ['goal', { goal: 2.5 }],
    ['goal', { goal: Number.NaN }],
    ['allocation', { allocation: 'LATER' }],
    ['cycles', { cycles: [] }],
    ['cycles', { cycles: 'c1' }],
    ['name', { name: 42 }],
  ])('names %s when it is wrong (%j)', (path, change) => {
    expect(paths({ ...valid, ...change })).toEqual([path])
  })

  it('accepts a fractional goal for SUM', () => {
    expect(right(defineMilestone({ ...valid, metric: 'SUM', goal: 99.5 })).goal).toBe(99.5)
  })

  it('refuses more than 100 cycles', () => {
    const cycles = Array.from({ length: 101 }, (_, i) => ({
      refCode: `c${i + 1}`,
      start: new Date(Date.UTC(2026, 0, 1 + i)),
      end: new Date(Date.UTC(2026, 0, 2 + i)),
    }))
    expect(paths({ ...valid, cycles })).toEqual(['cycles'])
  })

  it('names each bad cycle field by its path', () => {
    const [c1, c2] = valid.cycles
    expect(
      paths({
        ...valid,
        cycles: [
          { ...c1, refCode: '' },
          { ...c2, start: new Date('nope'), goal: -1 },
          { refCode: 'c3', start: at('2026-04-01T00:00:00Z'), end: at('2026-03-01T00:00:00Z') },
          null,
        ],
      }),
    ).toEqual([
      'cycles[0].refCode',
      'cycles[1].start',
      'cycles[1].goal',
      'cycles[2].end',
      'cycles[3]',
    ])
  })

  it('refuses unsorted, overlapping and duplicate-name cycles', () => {
    const [c1, c2] = valid.cycles as [
      NonNullable<(typeof valid.cycles)[0]>,
      NonNullable<(typeof valid.cycles)[0]>,
    ]
    expect(paths({ ...valid, cycles: [c2, c1] })).toEqual(['cycles[1].start'])
    expect(paths({ ...valid, cycles: [c1, { ...c2, start: at('2026-01-15T00:00:00Z') }] })).toEqual(
      ['cycles[1].start'],
    )
    expect(paths({ ...valid, cycles: [c1, { ...c2, refCode: 'c1' }] })).toEqual([
      'cycles[1].refCode',
    ])
  })

  it('refuses a non-object, and ignores inherited or __proto__ keys', () => {
    expect(paths(null)).toEqual([''])
    const polluted = JSON.parse('{"__proto__": {"goal": 5}}') as Record<string, unknown>
    expect(paths({ ...polluted, ...valid, goal: undefined })).toEqual(['goal'])
  })

  it('reports every problem at once, in a message that names each path', () => {
    const error = left(
      defineMilestone({ ...valid, goal: -1, allocation: 'X' } as unknown as MilestoneInput),
    )
    expect(error.code).toBe(300004)
    expect(error.message).toContain('goal')
    expect(error.message).toContain('allocation')
  })
})
