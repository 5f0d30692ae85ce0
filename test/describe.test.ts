// SPEC §6: an error names the value at fault — short, and safe to log whatever the caller sent.
import { expect, it } from 'vitest'
import { describe } from '../src/engine/input.js'

it.each([
  ['a short string, quoted', 'abc', '"abc"'],
  ['a string of 40 characters, whole', 'x'.repeat(40), `"${'x'.repeat(40)}"`],
  ['a string of 41 characters, cut at 40', 'y'.repeat(41), `"${'y'.repeat(40)}…"`],
  ['a number', 1.5, '1.5'],
  ['-0', -0, '-0'],
  ['NaN', Number.NaN, 'NaN'],
  ['a boolean', false, 'false'],
  ['a bigint', 10n, '10'],
  ['null', null, 'null'],
  ['undefined', undefined, 'undefined'],
  ['a valid Date, as ISO-8601', new Date(Date.UTC(2026, 0, 2)), '2026-01-02T00:00:00.000Z'],
  ['an Invalid Date', new Date('nope'), 'Invalid Date'],
  ['an array, not its content', [1, 2], 'an array'],
  ['an object, not its content', { secret: 1 }, 'an object'],
  ['a function', () => 0, 'a function'],
  ['a symbol', Symbol('s'), 'a symbol'],
])('describes %s', (_, value, expected) => {
  expect(describe(value)).toBe(expected)
})
