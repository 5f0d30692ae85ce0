// SPEC §7: the body of enroll / unEnroll, decoded field by field. Each refusal names the field at
// fault (the `field` a host logs) and the value; each accepted form is decoded to the same request.
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeBody } from '../src/boundary/decodeBody.js'

const refusal = (body: unknown, endpoint: 'enroll' | 'unEnroll' = 'enroll') => {
  const r = decodeBody(endpoint, body)
  if (E.isRight(r)) throw new Error(`expected a refusal, got ${JSON.stringify(r.right)}`)
  return r.left
}
const decoded = (body: unknown, endpoint: 'enroll' | 'unEnroll' = 'enroll') => {
  const r = decodeBody(endpoint, body)
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
  ])('customerId %s is refused with 310011, naming customerId', (_, customerId) => {
    expect(refusal([{ customerId }])).toMatchObject({ code: 310011, field: 'customerId' })
  })

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

  it('an already-parsed value is decoded like its JSON text', () => {
    expect(decoded([{ customerId: 8 }])).toEqual(decoded('[{"customerId": 8}]'))
  })
})
