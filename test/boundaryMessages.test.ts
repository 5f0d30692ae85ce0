// The service boundary's messages say what is wrong and where (rules boundary.codes, boundary.echo).
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  decodeState,
  decodeTarget,
  encodeState,
  enroll,
  handleRequest,
  initialState,
} from '../src/index.js'
import { inCycle, milestoneABC, play, progressDocument } from './support/fixtures.js'

const base = () => initialState(milestoneABC('IMMEDIATE'))
const now = () => inCycle(base(), 1, 5)
const message = (body: unknown, path = '/targetGroups/101/targets/1/enroll', method = 'POST') => {
  const r = handleRequest(base(), { method, path, body }, now())
  return r.body.errors?.[0]?.message ?? ''
}

describe('boundary messages', () => {
  it.each([
    ['[{"customerId": 1', 'body is not valid JSON'],
    ['{"a": 1}', 'body must be an array of one element, got an object'],
    ['[]', 'body must hold one element, got none'],
    [
      '[{"customerId": 1}, {"customerId": 2}]',
      'batch is not supported: body must hold one element, got 2',
    ],
    ['[true]', 'body[0] must be an object, got true'],
    [
      '[{"customerId": "x1"}]',
      'body[0].customerId must be a positive integer (or a string of its digits), got "x1"',
    ],
    ['[{"customerId": 1, "periodName": ""}]', `body[0].periodName must be a cycle's name, got ""`],
    [
      '[{"customerId": 1, "initialBalance": -3}]',
      'body[0].initialBalance must be a finite number ≥ 0, got -3',
    ],
    [
      '[{"customerId": 1, "resetStreakStatus": "no"}]',
      'body[0].resetStreakStatus must be a boolean, got "no"',
    ],
    [`[${' '.repeat(70_000)}]`, 'body is larger than 65536 bytes'],
  ])('a body %s says: %s', (body, expected) => {
    expect(message(body)).toBe(expected)
  })

  it('routes and ids say what was not found', () => {
    expect(message('[]', '/nowhere')).toBe('no route for "/nowhere"')
    expect(message('[]', '/targetGroups/101/targets/1/enroll', 'DELETE')).toBe(
      'method "DELETE" is not allowed: use POST',
    )
    expect(message('[]', '/targetGroups/55/targets/1/enroll')).toBe('target group "55" not found')
    expect(message('[]', '/targetGroups/101/targets/9/enroll')).toBe(
      'target "9" not found in target group 101',
    )
  })

  it('boundary.echo: a route must match the whole path, and long path parts are cut short in messages', () => {
    const long = 'x'.repeat(300)
    expect(message('[]', '/api/targetGroups/101/targets/1/enroll')).toBe(
      'no route for "/api/targetGroups/101/targets/1/enroll"',
    )
    expect(message('[]', '/targetGroups/101/targets/1/enrollment')).toBe(
      'no route for "/targetGroups/101/targets/1/enrollment"',
    )
    expect(message('[]', `/${long}`)).toBe(`no route for "/${'x'.repeat(39)}…"`)
    expect(message('[]', '/targetGroups/101/targets/12/enroll')).toBe(
      'target "12" not found in target group 101',
    )
    expect(message('[]', `/targetGroups/${long}/targets/1/enroll`)).toBe(
      `target group "${'x'.repeat(40)}…" not found`,
    )
    expect(message('[]', `/targetGroups/101/targets/${long}/enroll`)).toBe(
      `target "${'x'.repeat(40)}…" not found in target group 101`,
    )
  })

  it('warnings name the field an endpoint ignores, and a reset with nothing to reset', () => {
    const r = handleRequest(
      base(),
      {
        method: 'POST',
        path: '/targetGroups/101/targets/1/enroll',
        body: [{ customerId: 5, extra: 1, resetStreakStatus: true }],
      },
      now(),
    )
    expect(r.body.warnings).toEqual([
      { code: 'UNKNOWN_FIELD', message: 'body[0].extra is not a field of enroll; ignored' },
      {
        code: 'RESET_STREAK_STATUS_IGNORED',
        message: 'resetStreakStatus applies to re-enrolments only; ignored for a first enrolment',
      },
    ])
  })

  it('a refused engine call keeps its own message and the warnings', () => {
    const { state } = play(base(), (s) => enroll(s, 5, now()))
    const r = handleRequest(
      state,
      {
        method: 'POST',
        path: '/targetGroups/101/targets/1/enroll',
        body: [{ customerId: 5, x: 0 }],
      },
      now(),
    )
    expect(r.body).toEqual({
      data: null,
      errors: [{ code: 310119, message: 'customer 5 is already enrolled in target 1' }],
      warnings: [{ code: 'UNKNOWN_FIELD', message: 'body[0].x is not a field of enroll; ignored' }],
    })
  })

  it('codec refusals say what the field must be', () => {
    const doc = () =>
      JSON.parse(
        JSON.stringify(encodeState(play(base(), (s) => enroll(s, 5, now())).state)),
      ) as Record<string, unknown> & { customers: Array<Record<string, unknown>> }
    const refusal = (d: unknown) => {
      const r = decodeState(d)
      return E.isLeft(r) ? r.left : undefined
    }
    const entry = progressDocument()
    const withField = (key: string, value: unknown) => {
      const d = doc()
      ;(d.customers[0] as Record<string, unknown>)[key] = value
      return refusal(d)
    }
    expect(withField('since', 'x')).toEqual({
      code: 300004,
      path: 'customers[0].since',
      message: 'must be an ISO-8601 instant (…Z)',
    })
    expect(withField('since', '2026-02-30T00:00:00.000Z')).toEqual({
      code: 300004,
      path: 'customers[0].since',
      message: 'must be a real instant',
    })
    expect(withField('version', 0)).toEqual({
      code: 300004,
      path: 'customers[0].version',
      message: `must be an integer from 1 to ${Number.MAX_SAFE_INTEGER}`,
    })
    expect(withField('endedCycles', 101)).toEqual({
      code: 300004,
      path: 'customers[0].endedCycles',
      message: 'must be an integer from 0 to 100',
    })
    expect(withField('endedCycles', 3)).toEqual({
      code: 300004,
      path: 'customers[0].endedCycles',
      message: 'must not count a cycle that has not ended by the settled instant (0 have)',
    })
    expect(withField('status', 'X')).toEqual({
      code: 300004,
      path: 'customers[0].status',
      message: "must be 'ENROLLED' or 'UNENROLLED'",
    })
    expect(withField('progress', 'x')).toEqual({
      code: 300004,
      path: 'customers[0].progress',
      message: 'must be an array',
    })
    expect(withField('progress', [1])).toEqual({
      code: 300004,
      path: 'customers[0].progress[0]',
      message: 'must be an object',
    })
    expect(withField('progress', [{ ...entry, value: -1 }])).toEqual({
      code: 300004,
      path: 'customers[0].progress[0].value',
      message: 'must be a finite number ≥ 0',
    })
    expect(withField('progress', [{ ...entry, rewarded: 1 }])).toEqual({
      code: 300004,
      path: 'customers[0].progress[0].rewarded',
      message: 'must be a boolean',
    })
    expect(
      withField('streak', { epoch: 1, count: 0, achievedLevels: [], waiting: [], heldUntil: null }),
    ).toEqual({
      code: 300004,
      path: 'customers[0].streak',
      message: 'must be absent for a milestone',
    })
    const d = doc()
    d.customers.push({ ...d.customers[0] })
    expect(refusal(d)).toEqual({
      code: 300004,
      path: 'customers[1].customerId',
      message: 'must be above the one before it (in order, each once)',
    })
    expect(refusal({ ...doc(), target: { ...(doc().target as object), kind: 'X' } })).toEqual({
      code: 300004,
      path: 'target.kind',
      message: "must be 'MILESTONE' or 'STREAK'",
    })
    expect(refusal({ ...doc(), target: 3 })).toEqual({
      code: 300004,
      path: 'target',
      message: 'must be an object',
    })
    expect(refusal({ ...doc(), customers: {} })).toEqual({
      code: 300004,
      path: 'customers',
      message: 'must be an array',
    })
    expect(decodeTarget('{')).toEqual(
      E.left({ code: 300004, path: '', message: 'is not valid JSON' }),
    )
  })
})
