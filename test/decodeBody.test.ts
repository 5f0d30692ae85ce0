// rule boundary.body: the body of enroll / unEnroll, decoded field by field. Each refusal names the field at
// fault (the `field` a host logs) and the value; each accepted form is decoded to the same request.
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { DEFAULT_MAX_BODY_BYTES, decodeBody } from '../src/boundary/decodeBody.js'

const activity = (body: unknown) => {
  const r = decodeBody('activity', body)
  if (E.isLeft(r)) throw new Error(`expected an activity, got ${r.left.message}`)
  return r.right
}
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
const throwing = (): never => {
  throw new Error('hostile')
}

const refusal = (
  body: unknown,
  endpoint: 'enroll' | 'unEnroll' | 'activity' = 'enroll',
  maxBodyBytes?: number,
) => {
  const r = decodeBody(endpoint, body, maxBodyBytes)
  if (E.isRight(r)) throw new Error(`expected a refusal, got ${JSON.stringify(r.right)}`)
  return r.left
}
const decoded = (
  body: unknown,
  endpoint: 'enroll' | 'unEnroll' = 'enroll',
  maxBodyBytes?: number,
) => {
  const r = decodeBody(endpoint, body, maxBodyBytes)
  if (E.isLeft(r)) throw new Error(`expected a request, got ${r.left.message}`)
  return r.right
}

describe('decodeBody', () => {
  it.each([
    ['[{"customerId": 1', 300004, 'body', 'body is not valid JSON'],
    ['{"customerId": 1}', 300004, 'body', 'body must be an array of one element, got an object'],
    ['[]', 300004, 'body', 'body must hold one element, got none'],
    ['[{}, {}]', 300004, 'body', 'batch is not supported: body must hold one element, got 2'],
    ['[7]', 300004, 'body[0]', 'body[0] must be an object, got 7'],
    [
      '[{"customerId": 1, "periodName": 3}]',
      300004,
      'periodName',
      "body[0].periodName must be a cycle's name, got 3",
    ],
    [
      '[{"customerId": 1, "initialBalance": "5"}]',
      300004,
      'initialBalance',
      'body[0].initialBalance must be a finite number ≥ 0, got "5"',
    ],
    [
      '[{"customerId": 1, "initialBalance": 1e400}]',
      300004,
      'initialBalance',
      'body[0].initialBalance must be a finite number ≥ 0, got Infinity',
    ],
    [
      '[{"customerId": 1, "initialBalance": -0.5}]',
      300004,
      'initialBalance',
      'body[0].initialBalance must be a finite number ≥ 0, got -0.5',
    ],
    [
      '[{"customerId": 1, "resetStreakStatus": 1}]',
      300004,
      'resetStreakStatus',
      'body[0].resetStreakStatus must be a boolean, got 1',
    ],
  ])('%s is refused: %s at %s', (body, code, field, message) => {
    expect(refusal(body)).toEqual({ code, field, message })
  })

  it.each([
    ['0', 0],
    ['-3', -3],
    ['1.5', 1.5],
    ['2^53', 2 ** 53],
    ['"0"', '0'],
    ['"007"', '007'],
    ['" 12"', ' 12'],
    ['"12 "', '12 '],
    ['"1e3"', '1e3'],
    ['"0x1A"', '0x1A'],
    ['"12345678901234567" (17 digits)', '12345678901234567'],
    ['true', true],
  ])(
    'boundary.body: customerId %s is refused with 310011, naming customerId (a number, or its canonical digits)',
    (_, customerId) => {
      expect(refusal([{ customerId }])).toMatchObject({ code: 310011, field: 'customerId' })
    },
  )

  it('customerId as a number or a string of its digits decodes to the same number', () => {
    expect(decoded([{ customerId: 423789336 }]).customerId).toBe(423789336)
    expect(decoded('[{"customerId": "423789336"}]').customerId).toBe(423789336)
    expect(decoded([{ customerId: '9007199254740991' }]).customerId).toBe(2 ** 53 - 1)
  })

  it('enroll reads its four fields; an initialBalance of 0 is a balance, not an error', () => {
    expect(
      decoded([{ customerId: 5, periodName: 'c2', initialBalance: 0, resetStreakStatus: false }]),
    ).toEqual({
      customerId: 5,
      periodName: 'c2',
      initialBalance: 0,
      resetStreakStatus: false,
      warnings: [],
    })
  })

  it('unEnroll reads customerId only: every other field is a warning', () => {
    expect(decoded([{ customerId: 5, periodName: 'c2', initialBalance: 3 }], 'unEnroll')).toEqual({
      customerId: 5,
      periodName: undefined,
      initialBalance: undefined,
      resetStreakStatus: undefined,
      warnings: [
        {
          code: 'UNKNOWN_FIELD',
          message: 'body[0].periodName is not a field of unEnroll; ignored',
        },
        {
          code: 'UNKNOWN_FIELD',
          message: 'body[0].initialBalance is not a field of unEnroll; ignored',
        },
      ],
    })
  })

  it('boundary.body: a byte order mark before JSON text is skipped, as it is before UTF-8 bytes', () => {
    const text = '\uFEFF[{"customerId": 8}]'
    expect(decoded(text)).toEqual(decoded('[{"customerId": 8}]'))
    expect(decoded(new TextEncoder().encode(text))).toEqual(decoded(text))
  })

  it('an already-parsed value is decoded like its JSON text', () => {
    expect(decoded([{ customerId: 8 }])).toEqual(decoded('[{"customerId": 8}]'))
  })

  it('boundary.activity: reads customerId, at and value; at as an instant, value as given', () => {
    expect(activity([{ customerId: '7', at: '2026-03-02T10:00:00Z', value: 25 }])).toEqual({
      customerId: 7,
      at: new Date(Date.UTC(2026, 2, 2, 10)),
      value: 25,
      warnings: [],
    })
    expect(activity('[{"customerId": 7}]')).toEqual({
      customerId: 7,
      at: undefined,
      value: undefined,
      warnings: [],
    })
  })

  it.each([
    ['Z', '2026-03-02T10:00:00Z', Date.UTC(2026, 2, 2, 10)],
    ['no seconds', '2026-03-02T10:00Z', Date.UTC(2026, 2, 2, 10)],
    ['milliseconds', '2026-03-02T10:00:00.250Z', Date.UTC(2026, 2, 2, 10, 0, 0, 250)],
    [
      'a fraction of 9 digits, cut to milliseconds',
      '2026-03-02T10:00:00.123456789Z',
      Date.UTC(2026, 2, 2, 10, 0, 0, 123),
    ],
    ['an offset ±hh:mm', '2026-03-02T11:30:00+01:30', Date.UTC(2026, 2, 2, 10)],
    ['an offset ±hhmm', '2026-03-02T05:00:00-0500', Date.UTC(2026, 2, 2, 10)],
    ['an offset ±hh', '2026-03-02T12:00:00+02', Date.UTC(2026, 2, 2, 10)],
    ['an offset that crosses the day', '2026-03-01T23:00:00-11:00', Date.UTC(2026, 2, 2, 10)],
    ['a leap day', '2028-02-29T10:00:00Z', Date.UTC(2028, 1, 29, 10)],
    [
      'a year below 100 (not read as 19xx)',
      '0099-01-01T00:00:00Z',
      new Date(0).setUTCFullYear(99, 0, 1),
    ],
  ])('boundary.activity: at with %s is an instant', (_, at, ms) => {
    expect(activity([{ customerId: 1, at }]).at?.getTime()).toBe(ms)
  })

  it.each([
    ['a date without a time', '2026-03-02'],
    ['a time without a time zone', '2026-03-02T10:00:00'],
    ['a space for the T', '2026-03-02 10:00:00Z'],
    ['a lower-case t and z', '2026-03-02t10:00:00z'],
    ['words', 'yesterday'],
    ['the empty string', ''],
    ['a basic-format instant', '20260302T100000Z'],
    ['a trailing newline', '2026-03-02T10:00:00Z\n'],
  ])('boundary.activity: at as %s is refused with 300004 naming at', (_, at) => {
    expect(refusal([{ customerId: 1, at }], 'activity')).toEqual({
      code: 300004,
      field: 'at',
      message: `body[0].at must be an ISO-8601 instant with a time zone, such as "2026-03-02T10:00:00Z", got ${JSON.stringify(at)}`,
    })
  })

  it.each([
    ['February 30', '2026-02-30T10:00:00Z'],
    ['February 29 of a common year', '2026-02-29T10:00:00Z'],
    ['month 13', '2026-13-01T10:00:00Z'],
    ['day 0', '2026-03-00T10:00:00Z'],
    ['hour 24', '2026-03-02T24:00:00Z'],
    ['minute 60', '2026-03-02T10:60:00Z'],
    ['second 60', '2026-03-02T10:00:60Z'],
    ['an offset of 24 hours', '2026-03-02T10:00:00+24:00'],
    ['an offset minute of 60', '2026-03-02T10:00:00+01:60'],
  ])('boundary.activity: at on %s is refused: not a real instant', (_, at) => {
    expect(refusal([{ customerId: 1, at }], 'activity')).toEqual({
      code: 300004,
      field: 'at',
      message: `body[0].at must be a real instant, got ${JSON.stringify(at)}`,
    })
  })

  it.each([
    ['a number', 1_772_445_600_000, '1772445600000'],
    ['null', null, 'null'],
    ['a Date (not JSON)', new Date(Date.UTC(2026, 2, 2)), '2026-03-02T00:00:00.000Z'],
  ])('boundary.activity: at as %s is refused with 300004 naming at', (_, at, shown) => {
    expect(refusal([{ customerId: 1, at }], 'activity')).toEqual({
      code: 300004,
      field: 'at',
      message: `body[0].at must be an ISO-8601 instant with a time zone, such as "2026-03-02T10:00:00Z", got ${shown}`,
    })
  })

  it('boundary.activity: value is passed through when it is a number, negative included (the engine decides)', () => {
    for (const value of [25, 0, -5, 0.5, -0])
      expect(activity([{ customerId: 1, value }]).value).toBe(value)
  })

  it.each([
    ['a numeric string', '25', '"25"'],
    ['null', null, 'null'],
    ['a boolean', true, 'true'],
    ['an object', { amount: 1 }, 'an object'],
  ])('boundary.activity: value as %s is refused with 300004 naming value', (_, value, shown) => {
    expect(refusal([{ customerId: 1, value }], 'activity')).toEqual({
      code: 300004,
      field: 'value',
      message: `body[0].value must be a number, got ${shown}`,
    })
  })

  it('boundary.unknown-field: activity warns of the fields it does not read', () => {
    expect(activity([{ customerId: 1, periodName: 'c1', note: 'x' }]).warnings).toEqual([
      { code: 'UNKNOWN_FIELD', message: 'body[0].periodName is not a field of activity; ignored' },
      { code: 'UNKNOWN_FIELD', message: 'body[0].note is not a field of activity; ignored' },
    ])
  })

  it('boundary.unknown-field: the first 10 unknown fields are named, then one warning counts the rest', () => {
    const item: Record<string, unknown> = { customerId: 1 }
    for (let i = 0; i < 100_000; i++) item[`k${i}`] = i
    const { warnings } = decoded([item])
    expect(warnings).toHaveLength(11)
    expect(warnings.slice(0, 10).map((w) => w.message)).toEqual(
      Array.from({ length: 10 }, (_, i) => `body[0].k${i} is not a field of enroll; ignored`),
    )
    expect(warnings[10]).toEqual({
      code: 'UNKNOWN_FIELD',
      message: 'body[0] has 99990 more fields that are not fields of enroll; ignored',
    })
  })

  it('boundary.unknown-field: 10 unknown fields are all named, with no count', () => {
    const item: Record<string, unknown> = { customerId: 1 }
    for (let i = 0; i < 10; i++) item[`k${i}`] = i
    expect(decoded([item]).warnings).toHaveLength(10)
  })

  it('boundary.echo: an unknown field is named by a short prefix; a key that is no identifier, quoted', () => {
    const long = 'k'.repeat(100_000)
    expect(
      decoded([{ customerId: 1, [long]: 1, 'a b': 2, '\n': 3, ['w'.repeat(40)]: 4 }]).warnings,
    ).toEqual([
      {
        code: 'UNKNOWN_FIELD',
        message: `body[0]["${'k'.repeat(40)}…"] is not a field of enroll; ignored`,
      },
      { code: 'UNKNOWN_FIELD', message: 'body[0]["a b"] is not a field of enroll; ignored' },
      { code: 'UNKNOWN_FIELD', message: 'body[0]["\\n"] is not a field of enroll; ignored' },
      {
        code: 'UNKNOWN_FIELD',
        message: `body[0].${'w'.repeat(40)} is not a field of enroll; ignored`,
      },
    ])
  })

  it('boundary.bytes: UTF-8 bytes (a Uint8Array or a Buffer) decode like their JSON text', () => {
    expect(decoded(utf8('[{"customerId": 8, "periodName": "été"}]'))).toEqual(
      decoded('[{"customerId": 8, "periodName": "été"}]'),
    )
    expect(decoded(Buffer.from('[{"customerId": 8}]', 'utf8'))).toEqual(
      decoded('[{"customerId": 8}]'),
    )
    // A byte order mark is dropped, as a UTF-8 decoder does.
    expect(decoded(Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8('[{"customerId": 8}]')))).toEqual(
      decoded('[{"customerId": 8}]'),
    )
    // A view is read from its own offset and length, not its whole buffer.
    const bytes = utf8('xx[{"customerId": 9}]yy')
    expect(decoded(bytes.subarray(2, bytes.length - 2)).customerId).toBe(9)
  })

  it.each([
    ['a lone continuation byte', Uint8Array.of(0x5b, 0x80, 0x5d)],
    ['0xff', Uint8Array.of(0xff)],
    ['a truncated sequence', Uint8Array.of(0x5b, 0x22, 0xe2, 0x82, 0x22, 0x5d)],
    ['an overlong encoding', Uint8Array.of(0x5b, 0x22, 0xc0, 0xaf, 0x22, 0x5d)],
  ])('boundary.bytes: %s is not valid UTF-8: 300004 naming body', (_, bytes) => {
    expect(refusal(bytes)).toEqual({
      code: 300004,
      field: 'body',
      message: 'body is not valid UTF-8',
    })
  })

  it('boundary.bytes: other typed arrays are not bytes of JSON text', () => {
    expect(refusal(Uint16Array.of(0x5b, 0x5d))).toEqual({
      code: 300004,
      field: 'body',
      message: 'body must be an array of one element, got an object',
    })
  })

  it('boundary.body-limit: the default limit is 64 KiB of UTF-8, measured in bytes', () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBe(65_536)
    const sized = (bytes: number, char = 'a') => {
      const head = '[{"customerId": 1, "x": "'
      const tail = '"}]'
      const width = utf8(char).length
      const fill = bytes - head.length - tail.length
      return `${head}${char.repeat(Math.floor(fill / width))}${'a'.repeat(fill % width)}${tail}`
    }
    expect(utf8(sized(65_536)).length).toBe(65_536)
    expect(decoded(sized(65_536)).customerId).toBe(1)
    expect(decoded(utf8(sized(65_536))).customerId).toBe(1)
    const over = { code: 300004, field: 'body', message: 'body is larger than 65536 bytes' }
    expect(refusal(sized(65_537))).toEqual(over)
    expect(refusal(utf8(sized(65_537)))).toEqual(over)
    // 3 bytes a character: about 22,000 characters, but more than 64 KiB.
    expect(sized(65_537, '€').length).toBeLessThan(23_000)
    expect(refusal(sized(65_537, '€'))).toEqual(over)
    expect(decoded(sized(65_536, '€')).customerId).toBe(1)
    // 4 bytes for 2 UTF-16 units: an emoji counts 4.
    expect(refusal(sized(65_537, '😀'))).toEqual(over)
    expect(decoded(sized(65_536, '😀')).customerId).toBe(1)
  })

  it('boundary.body-limit: an oversized body is refused before it is parsed or decoded', () => {
    const over = { code: 300004, field: 'body', message: 'body is larger than 100 bytes' }
    expect(refusal(`[${'{'.repeat(200)}`, 'enroll', 100)).toEqual(over)
    expect(refusal(new Uint8Array(101).fill(0xff), 'enroll', 100)).toEqual(over)
    expect(decoded('[{"customerId": 1}]', 'enroll', 19).customerId).toBe(1)
    expect(refusal('[{"customerId": 1}]', 'enroll', 18)).toMatchObject({ field: 'body' })
  })

  it('boundary.body-limit: a Uint8Array is measured by its real length, whatever its own properties say', () => {
    const bytes = new Uint8Array(70_000).fill(0x20)
    Object.defineProperty(bytes, 'byteLength', { value: 1 })
    Object.defineProperty(bytes, 'length', { value: 1 })
    expect(refusal(bytes)).toEqual({
      code: 300004,
      field: 'body',
      message: 'body is larger than 65536 bytes',
    })
  })

  it('boundary.body-limit: an already-parsed value is not measured', () => {
    expect(decoded([{ customerId: 1, x: 'a'.repeat(100_000) }]).customerId).toBe(1)
  })

  it.each([
    [
      'a Proxy of an array whose getOwnPropertyDescriptor throws',
      () => new Proxy([{ customerId: 1 }], { getOwnPropertyDescriptor: throwing }),
      { code: 300004, field: 'body', message: 'body could not be read' },
    ],
    [
      'a revoked Proxy',
      () => {
        const { proxy, revoke } = Proxy.revocable([], {})
        revoke()
        return proxy
      },
      { code: 300004, field: 'body', message: 'body could not be read' },
    ],
    [
      'an element that is a Proxy throwing on every trap',
      () => [
        new Proxy(
          {},
          {
            get: throwing,
            ownKeys: throwing,
            getOwnPropertyDescriptor: throwing,
            has: throwing,
            getPrototypeOf: throwing,
          },
        ),
      ],
      { code: 300004, field: 'body[0]', message: 'body[0] could not be read' },
    ],
    [
      'an element behind a throwing getter',
      () => Object.defineProperty([0], 0, { get: throwing }),
      { code: 300004, field: 'body[0]', message: 'body[0] could not be read' },
    ],
    [
      'a customerId behind a throwing getter (310011, as any bad customerId)',
      () => [Object.defineProperty({}, 'customerId', { get: throwing, enumerable: true })],
      { code: 310011, field: 'customerId', message: 'body[0].customerId could not be read' },
    ],
    [
      'a periodName behind a throwing getter',
      () => [
        Object.defineProperty({ customerId: 1 }, 'periodName', { get: throwing, enumerable: true }),
      ],
      { code: 300004, field: 'periodName', message: 'body[0].periodName could not be read' },
    ],
    [
      'a periodName that is a Proxy throwing on every trap',
      () => [
        { customerId: 1, periodName: new Proxy({}, { get: throwing, getPrototypeOf: throwing }) },
      ],
      {
        code: 300004,
        field: 'periodName',
        message: "body[0].periodName must be a cycle's name, got an object",
      },
    ],
    [
      'a customerId with a throwing toString and toPrimitive',
      () => [
        { customerId: { toString: throwing, [Symbol.toPrimitive]: throwing, valueOf: throwing } },
      ],
      {
        code: 310011,
        field: 'customerId',
        message:
          'body[0].customerId must be a positive integer (or a string of its digits), got an object',
      },
    ],
  ])('boundary.never-throws: %s is refused, never thrown', (_, body, expected) => {
    expect(refusal(body())).toEqual(expected)
  })

  it('boundary.never-throws: the value of an unknown field is never read', () => {
    const hostile = new Proxy({}, { get: throwing, ownKeys: throwing, getPrototypeOf: throwing })
    expect(decoded([{ customerId: 1, extra: hostile }]).warnings).toEqual([
      { code: 'UNKNOWN_FIELD', message: 'body[0].extra is not a field of enroll; ignored' },
    ])
    expect(
      decoded([
        Object.defineProperty({ customerId: 1 }, 'extra', { get: throwing, enumerable: true }),
      ]).warnings,
    ).toHaveLength(1)
  })

  it('boundary.never-throws: each field is read once', () => {
    let reads = 0
    const item = Object.defineProperty({}, 'customerId', {
      enumerable: true,
      get: () => (++reads === 1 ? 5 : 'changed'),
    })
    expect(decoded([item]).customerId).toBe(5)
    expect(reads).toBe(1)
  })

  it('boundary.body: inherited fields are not fields of the element', () => {
    const item = Object.create({ customerId: 3 }) as object
    expect(refusal([item])).toMatchObject({ code: 310011, field: 'customerId' })
  })
})
