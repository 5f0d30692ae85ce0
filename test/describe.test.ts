// rule input.never-throws: an error names the value at fault — short, and safe to log whatever the caller sent.
// Rule boundary.echo: nothing the caller sent comes back at length.
import fc from 'fast-check'
import { describe as suite, expect, it } from 'vitest'
import {
  clip,
  describe,
  MAX_MESSAGE_CHARS,
  MAX_QUOTED_CHARS,
  quote,
} from '../src/internal/describe.js'

const revoked = (() => {
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  return proxy
})()

const throwingEverywhere = new Proxy(
  {},
  {
    get: () => {
      throw new Error('get')
    },
    getPrototypeOf: () => {
      throw new Error('getPrototypeOf')
    },
    ownKeys: () => {
      throw new Error('ownKeys')
    },
  },
)

const dateWithThrowingMethods = Object.assign(new Date(Date.UTC(2026, 2, 2)), {
  getTime: () => {
    throw new Error('getTime')
  },
  toISOString: () => {
    throw new Error('toISOString')
  },
})

suite('describe', () => {
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

  it.each([
    ['boundary.echo: a bigint of 101 digits, cut at 40', 10n ** 100n, `1${'0'.repeat(39)}…`],
    [
      'boundary.echo: a negative bigint of 41 digits, cut at 40',
      -(10n ** 40n),
      `-1${'0'.repeat(38)}…`,
    ],
    ['boundary.never-throws: a revoked Proxy', revoked, 'an object'],
    ['boundary.never-throws: a Proxy throwing on every trap', throwingEverywhere, 'an object'],
    [
      'boundary.never-throws: an object whose toString and toPrimitive throw',
      {
        toString: () => {
          throw new Error('toString')
        },
        [Symbol.toPrimitive]: () => {
          throw new Error('toPrimitive')
        },
      },
      'an object',
    ],
    [
      'boundary.never-throws: a Date whose own getTime and toISOString throw, by its real instant',
      dateWithThrowingMethods,
      '2026-03-02T00:00:00.000Z',
    ],
    [
      'boundary.never-throws: a Proxy of a Date (not a Date)',
      new Proxy(new Date(0), {}),
      'an object',
    ],
    ['a null-prototype object', Object.create(null), 'an object'],
    ['a string with a newline, escaped', 'a\nb', '"a\\nb"'],
  ])('%s', (_, value, expected) => {
    expect(describe(value)).toBe(expected)
  })

  it('boundary.echo: never longer than a quoted prefix, and never throws, whatever the value', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({ withBigInt: true, withDate: true, withNullPrototype: true }),
          fc.string({ minLength: 0, maxLength: 2_000, unit: 'binary' }),
          fc.bigInt({ min: -(10n ** 200n), max: 10n ** 200n }),
        ),
        (value) => {
          // A quoted prefix of 40 characters, each escaped to at most 6 characters, plus the quotes and `…`.
          expect(describe(value).length).toBeLessThanOrEqual(MAX_QUOTED_CHARS * 6 + 3)
        },
      ),
    )
  })
})

suite('quote', () => {
  it.each([
    ['a short text, whole', 'abc', '"abc"'],
    ['the empty text', '', '""'],
    ['40 characters, whole', 'x'.repeat(40), `"${'x'.repeat(40)}"`],
    ['41 characters, 40 and …', 'x'.repeat(41), `"${'x'.repeat(40)}…"`],
    [
      'an emoji across the cut, never split in half',
      `${'a'.repeat(39)}😀b`,
      `"${'a'.repeat(39)}…"`,
    ],
    ['control characters, escaped', 'a\u0000"', '"a\\u0000\\""'],
    [
      'the lowest high surrogate across the cut, never split',
      `${'a'.repeat(39)}\ud800\udc00`,
      `"${'a'.repeat(39)}…"`,
    ],
    [
      'the highest high surrogate across the cut, never split',
      `${'a'.repeat(39)}\udbff\udfffb`,
      `"${'a'.repeat(39)}…"`,
    ],
    [
      'a low surrogate at the cut, kept',
      `${'a'.repeat(39)}\udc00bc`,
      `"${'a'.repeat(39)}\\udc00…"`,
    ],
  ])('boundary.echo: quotes %s', (_, text, expected) => {
    expect(quote(text)).toBe(expected)
  })

  it('boundary.echo: a shorter limit may be given', () => {
    expect(quote('abcdef', 3)).toBe('"abc…"')
    expect(quote('abcdef', 0)).toBe('"…"')
  })

  it('boundary.echo: a revoked proxy is an object, and 40 digits stay whole', () => {
    const { proxy, revoke } = Proxy.revocable([], {})
    revoke()
    expect(describe(proxy)).toBe('an object')
    expect(describe(10n ** 39n)).toBe(`1${'0'.repeat(39)}`)
    expect(describe(10n ** 40n)).toBe(`1${'0'.repeat(39)}…`)
  })

  it('boundary.echo: quotes 1,000,000 characters in fewer than 50', () => {
    expect(quote('m'.repeat(1_000_000))).toBe(`"${'m'.repeat(40)}…"`)
  })
})

suite('clip', () => {
  it.each([
    [
      'a message within the limit, whole',
      'customer 5 is already enrolled',
      'customer 5 is already enrolled',
    ],
    [
      'a message of exactly the limit, whole',
      'z'.repeat(MAX_MESSAGE_CHARS),
      'z'.repeat(MAX_MESSAGE_CHARS),
    ],
    [
      'a longer message, cut to the limit with …',
      'z'.repeat(100_000),
      `${'z'.repeat(MAX_MESSAGE_CHARS - 1)}…`,
    ],
    [
      'an emoji across the cut, never split in half',
      `${'q'.repeat(MAX_MESSAGE_CHARS - 2)}😀😀`,
      `${'q'.repeat(MAX_MESSAGE_CHARS - 2)}…`,
    ],
  ])('boundary.echo: keeps %s', (_, text, expected) => {
    expect(clip(text)).toBe(expected)
    expect(clip(text).length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS)
  })

  it('boundary.echo: the limit is 300 characters, and a shorter one may be given', () => {
    expect(MAX_MESSAGE_CHARS).toBe(300)
    expect(clip('abcdef', 4)).toBe('abc…')
  })
})
