// rules boundary.*: the REST contract as a pure adapter — every status, every malformed input.
import { describe, expect, it } from 'vitest'
import * as O from 'fp-ts/lib/Option.js'
import {
  customerOfRequest,
  enroll,
  handleRequest,
  initialState,
  unenroll,
  type ApiRequest,
  type EnrolmentState,
} from '../src/index.js'
import { deepFreeze } from './support/deepFreeze.js'
import { enrolment, eventsOf, inCycle, milestoneABC, play, streakXYZ } from './support/fixtures.js'

// milestoneABC is target group 101, target 1.
const base = () => deepFreeze(initialState(milestoneABC('IMMEDIATE')))
const now = () => inCycle(base(), 1, 5)
const post = (
  endpoint: string,
  body: unknown,
  path = `/targetGroups/101/targets/1/${endpoint}`,
): ApiRequest => ({
  method: 'POST',
  path,
  body,
})

/** Calls the adapter and checks that a refusal returns the same state and no events. */
const call = (state: EnrolmentState, request: ApiRequest, at = now()) => {
  const response = handleRequest(state, request, at)
  if (response.status !== 200) {
    expect(response.state).toBe(state)
    expect(response.events).toEqual([])
    expect(response.body.data).toBeNull()
  }
  return response
}

describe('handleRequest', () => {
  it('enroll: 200 with the seed envelope, the new state and the events', () => {
    const r = call(base(), post('enroll', '[{"customerId": 423789336}]'))
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ data: 423789336, errors: null, warnings: null })
    expect(r.events).toEqual([eventsOf(base().target, 423789336).enrolled(1, now())])
    expect(enrolment(r.state, 423789336).status).toBe('ENROLLED')
  })

  it('unEnroll: 200 with the seed envelope; a parsed body works as well as JSON text', () => {
    const { state } = play(base(), (s) => enroll(s, 423789336, now()))
    const r = call(state, post('unEnroll', [{ customerId: 423789336 }]), inCycle(base(), 1, 6))
    expect(r).toMatchObject({
      status: 200,
      body: { data: 423789336, errors: null, warnings: null },
    })
    expect(enrolment(r.state, 423789336)).toMatchObject({ status: 'UNENROLLED', fromCycle: 1 })
  })

  it('enroll re-enrols an unenrolled customer with periodName, initialBalance and resetStreakStatus', () => {
    const streak = initialState(streakXYZ())
    const { state } = play(
      streak,
      (s) => enroll(s, 5, inCycle(s, 1)),
      (s) => unenroll(s, 5, inCycle(s, 1, 1)),
    )
    const r = call(
      state,
      post(
        'enroll',
        '[{"customerId": "5", "periodName": "c2", "resetStreakStatus": true}]',
        '/targetGroups/202/targets/2/enroll',
      ),
      inCycle(streak, 1, 2),
    )
    expect(r.status).toBe(200)
    expect(r.events.map((e) => e.type)).toEqual(['REENROLLED', 'STREAK_RESET'])
    expect(enrolment(r.state, 5)).toMatchObject({ status: 'ENROLLED', startCycle: 2 })
  })

  it('enroll passes initialBalance on: a balance reaching the goal achieves the cycle now', () => {
    const r = call(base(), post('enroll', '[{"customerId": 6, "initialBalance": 5}]'))
    expect(r.status).toBe(200)
    expect(r.events.map((e) => e.type)).toEqual(['ENROLLED', 'CYCLE_ACHIEVED', 'REWARD_ISSUED'])
  })

  it('accepts numeric strings as customerId', () => {
    expect(call(base(), post('enroll', '[{"customerId": "42"}]')).body.data).toBe(42)
  })

  it.each([
    ['not JSON', '[{"customerId": 1', 300004],
    ['not an array', '{"customerId": 1}', 300004],
    ['an empty array', '[]', 300004],
    [
      'more than one element (batch is not supported)',
      '[{"customerId": 1}, {"customerId": 2}]',
      300004,
    ],
    ['an element that is not an object', '[1]', 300004],
    ['a missing customerId', '[{}]', 310011],
    ['customerId 0', '[{"customerId": 0}]', 310011],
    ['customerId 1.5', '[{"customerId": 1.5}]', 310011],
    ['customerId 2^53', '[{"customerId": 9007199254740992}]', 310011],
    ['customerId "12a"', '[{"customerId": "12a"}]', 310011],
    ['customerId "007"', '[{"customerId": "007"}]', 310011],
    ['customerId null', '[{"customerId": null}]', 310011],
    ['a periodName that is a number', '[{"customerId": 1, "periodName": 3}]', 300004],
    ['a negative initialBalance', '[{"customerId": 1, "initialBalance": -1}]', 300004],
    ['an initialBalance string', '[{"customerId": 1, "initialBalance": "5"}]', 300004],
    ['a resetStreakStatus string', '[{"customerId": 1, "resetStreakStatus": "true"}]', 300004],
    ['null', 'null', 300004],
    ['an oversized body', `[{"customerId": 1, "x": "${'a'.repeat(70_000)}"}]`, 300004],
  ])('refuses %s with 400 and code %s', (_, body, code) => {
    const r = call(base(), post('enroll', body))
    expect(r.status).toBe(400)
    expect(r.body.errors?.[0]?.code).toBe(code)
    expect(r.body.errors?.[0]?.message.length).toBeGreaterThan(10)
  })

  it('names the field at fault in the message', () => {
    expect(
      call(base(), post('enroll', '[{"customerId": -2}]')).body.errors?.[0]?.message,
    ).toContain('customerId')
    expect(
      call(base(), post('enroll', '[{"customerId": 1, "periodName": 3}]')).body.errors?.[0]
        ?.message,
    ).toContain('periodName')
    expect(call(base(), post('enroll', '[1, 2]')).body.errors?.[0]?.message).toContain(
      'batch is not supported',
    )
  })

  it('warns of extra keys, __proto__ and constructor included, and ignores them', () => {
    const r = call(
      base(),
      post(
        'enroll',
        '[{"customerId": 3, "__proto__": {"customerId": 9}, "constructor": 1, "note": "x"}]',
      ),
    )
    expect(r.status).toBe(200)
    expect(r.body.data).toBe(3)
    expect(r.body.warnings?.map((w) => w.code)).toEqual([
      'UNKNOWN_FIELD',
      'UNKNOWN_FIELD',
      'UNKNOWN_FIELD',
    ])
    const un = call(
      r.state,
      post('unEnroll', '[{"customerId": 3, "periodName": 7}]'),
      inCycle(base(), 1, 6),
    )
    expect(un.status).toBe(200)
    expect(un.body.warnings?.[0]?.message).toContain('periodName')
  })

  it('404 for an unknown target group (310017), target (310018) or period (310019)', () => {
    expect(
      call(base(), post('enroll', '[{"customerId": 1}]', '/targetGroups/9/targets/1/enroll')),
    ).toMatchObject({ status: 404, body: { errors: [{ code: 310017 }] } })
    expect(
      call(base(), post('enroll', '[{"customerId": 1}]', '/targetGroups/abc/targets/1/enroll')).body
        .errors?.[0]?.code,
    ).toBe(310017)
    expect(
      call(base(), post('enroll', '[{"customerId": 1}]', '/targetGroups/101/targets/8/enroll')),
    ).toMatchObject({ status: 404, body: { errors: [{ code: 310018 }] } })
    expect(call(base(), post('enroll', '[{"customerId": 1, "periodName": "c9"}]'))).toMatchObject({
      status: 404,
      body: { errors: [{ code: 310019 }] },
    })
  })

  it('boundary.codes: an unknown route answers 404 with error code 300004, never the status as a code', () => {
    expect(call(base(), post('enroll', '[]', '/targetGroups/101/targets/1/delete')).body).toEqual({
      data: null,
      errors: [{ code: 300004, message: 'no route for "/targetGroups/101/targets/1/delete"' }],
      warnings: null,
    })
    expect(call(base(), post('enroll', '[]', '/targetGroups/101/targets/1/delete')).status).toBe(
      404,
    )
    expect(call(base(), { method: 'POST', path: undefined, body: '[]' } as never)).toMatchObject({
      status: 404,
      body: { errors: [{ code: 300004, message: 'path must be a string, got undefined' }] },
    })
  })

  it('boundary.codes: a method other than POST answers 405 with error code 300004', () => {
    const r = call(base(), { method: 'GET', path: '/targetGroups/101/targets/1/enroll', body: '' })
    expect(r.status).toBe(405)
    expect(r.body).toEqual({
      data: null,
      errors: [{ code: 300004, message: 'method "GET" is not allowed: use POST' }],
      warnings: null,
    })
  })

  it('409 for 310119 (already enrolled) and 310126 (not enrolled)', () => {
    const { state } = play(base(), (s) => enroll(s, 4, now()))
    expect(call(state, post('enroll', '[{"customerId": 4}]'))).toMatchObject({
      status: 409,
      body: { errors: [{ code: 310119 }] },
    })
    expect(call(base(), post('unEnroll', '[{"customerId": 4}]'))).toMatchObject({
      status: 409,
      body: { errors: [{ code: 310126 }] },
    })
  })

  it('accepts a trailing slash and a query string, and a lower-case method', () => {
    expect(
      call(base(), {
        method: 'post',
        path: '/targetGroups/101/targets/1/enroll/?x=1',
        body: '[{"customerId": 1}]',
      }).status,
    ).toBe(200)
  })

  it.each([
    [null, 400, 'request must be an object { method, path, body }, got null'],
    [undefined, 400, 'request must be an object { method, path, body }, got undefined'],
    [5, 400, 'request must be an object { method, path, body }, got 5'],
    ['x', 400, 'request must be an object { method, path, body }, got "x"'],
    [{}, 404, 'path must be a string, got undefined'],
    [{ method: 'POST' }, 404, 'path must be a string, got undefined'],
    [{ path: 7 }, 404, 'path must be a string, got 7'],
  ])(
    'boundary.never-throws: the request %o answers %s with code 300004',
    (request, status, message) => {
      const state = base()
      expect(call(state, request as never)).toEqual({
        status,
        body: { data: null, errors: [{ code: 300004, message }], warnings: null },
        state,
        events: [],
      })
    },
  )

  it('customerOfRequest reads the customer as handleRequest does, or none where it refuses first', () => {
    const path = (endpoint: string) => `/targetGroups/101/targets/1/${endpoint}`
    const of = (endpoint: string, body: unknown, p = path(endpoint)) =>
      customerOfRequest({ method: 'POST', path: p, body })
    expect(of('enroll', '[{"customerId": "42"}]')).toEqual(O.some(42))
    expect(of('unEnroll', [{ customerId: 5, periodName: 3 }])).toEqual(O.some(5))
    expect(of('enroll', [{ customerId: 5, periodName: 3 }])).toEqual(O.none)
    expect(of('enroll', '[{"customerId": "007"}]')).toEqual(O.none)
    expect(of('enroll', '[{"customerId": 5}]', '/targetGroups/101/targets/1/enrol')).toEqual(O.none)
    expect(customerOfRequest(null as never)).toEqual(O.none)
    // rule boundary.routes: a method handleRequest refuses (405) names no customer either.
    expect(
      customerOfRequest({ method: 'GET', path: path('enroll'), body: '[{"customerId": 5}]' }),
    ).toEqual(O.none)
    const r = call(base(), post('enroll', '[{"customerId": "42"}]'))
    expect(O.some(r.body.data)).toEqual(of('enroll', '[{"customerId": "42"}]'))
  })
})
