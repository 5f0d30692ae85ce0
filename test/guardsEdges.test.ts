// What the runtime checks say of a value they could not read: a throwing getter is named as such,
// never as some other kind of value (rules input.options, input.never-throws).
import { describe, expect, it } from 'vitest'
import { enroll, initialState } from '../src/index.js'
import { milestoneABC } from './support/fixtures.js'

describe('a value that could not be read', () => {
  it('input.never-throws: an option whose getter throws is refused as a value that could not be read', () => {
    const options = Object.defineProperty({}, 'period', {
      enumerable: true,
      get: () => {
        throw new Error('period')
      },
    })
    expect(
      enroll(initialState(milestoneABC('IMMEDIATE')), 1, new Date('2026-01-02T00:00:00Z'), options),
    ).toEqual({
      _tag: 'Left',
      left: {
        code: 300004,
        message: "options.period must be a cycle's refCode, got a value that could not be read",
        field: 'options.period',
      },
    })
  })
})
