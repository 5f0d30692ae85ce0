// Rule boundary.activity: POST …/activity records one activity through recordActivity; an activity
// that does not count is still a success, its warnings in the envelope.
import * as O from 'fp-ts/lib/Option.js'
import { describe, expect, it } from 'vitest'
import {
  customerOfRequest,
  enroll,
  handleRequest,
  initialState,
  recordActivity,
  unenroll,
  type ApiRequest,
  type EnrolmentState,
} from '../src/index.js'
import { deepFreeze } from './support/deepFreeze.js'
import { enrolment, eventsOf, inCycle, milestoneABC, play } from './support/fixtures.js'

// milestoneABC is target group 101, target 1; goal 1 so that one activity achieves the cycle.
const target = milestoneABC('IMMEDIATE', { goal: 1 })
const sumTarget = milestoneABC('IMMEDIATE', { goal: 100, metric: 'SUM' })
const fresh = (t = target) => deepFreeze(initialState(t))
const start = (t = target) => inCycle(fresh(t), 1, 1)
const enrolled = (t = target): EnrolmentState =>
  deepFreeze(play(fresh(t), (s) => enroll(s, 42, start(t))).state)
const now = (t = target) => inCycle(fresh(t), 1, 5)
const activity = (body: unknown, path = '/targetGroups/101/targets/1/activity'): ApiRequest => ({
  method: 'POST',
  path,
  body,
})

/** Calls the adapter; a refusal must return the very state given and no events. */
const call = (state: EnrolmentState, request: ApiRequest, at: Date = now()) => {
  const response = handleRequest(state, request, at)
  if (response.status !== 200) {
    expect(response.state).toBe(state)
    expect(response.events).toEqual([])
  }
  return response
}

describe('activity route', () => {
  it('boundary.activity: records the activity at `at`: 200, the customer id, the events of recordActivity', () => {
    const state = enrolled()
    const at = '2026-01-01T03:00:00Z'
    const r = call(state, activity(`[{"customerId": 42, "at": "${at}", "value": 25}]`))
    const expected = recordActivity(state, 42, { at: new Date(at), value: 25 })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ data: 42, errors: null, warnings: null })
    expect(r.events).toEqual([
      eventsOf(target, 42).achieved(1, new Date(at)),
      eventsOf(target, 42).issued(1, new Date(at), 'IMMEDIATE'),
    ])
    expect(expected._tag === 'Right' && expected.right.events).toEqual(r.events)
    expect(enrolment(r.state, 42).progress[0]).toMatchObject({ cycle: 1, value: 1 })
  })

  it('boundary.activity: `at` defaults to the request’s now', () => {
    const r = call(enrolled(), activity([{ customerId: '42' }]))
    expect(r.status).toBe(200)
    expect(r.events[0]).toEqual(eventsOf(target, 42).achieved(1, now()))
  })

  it('boundary.activity: an offset is the same instant as its Z form', () => {
    const r = call(enrolled(), activity([{ customerId: 42, at: '2026-01-01T05:00:00+02:00' }]))
    expect(r.events[0]).toEqual(eventsOf(target, 42).achieved(1, new Date('2026-01-01T03:00:00Z')))
  })

  it('boundary.activity: a SUM target adds the value', () => {
    const r = call(
      enrolled(sumTarget),
      activity([{ customerId: 42, at: '2026-01-01T03:00:00Z', value: 25 }]),
      now(sumTarget),
    )
    expect(r.status).toBe(200)
    expect(r.events).toEqual([])
    expect(enrolment(r.state, 42).progress[0]).toMatchObject({ cycle: 1, value: 25 })
  })

  it('boundary.activity: an activity that does not count is a success with the warning of recordActivity', () => {
    const state = enrolled()
    const never = call(state, activity([{ customerId: 7 }]))
    expect(never).toEqual({
      status: 200,
      body: {
        data: 7,
        errors: null,
        warnings: [{ code: 'NOT_ENROLLED', message: 'customer 7 was never enrolled' }],
      },
      state: never.state,
      events: [],
    })
    const left = play(state, (s) => unenroll(s, 42, inCycle(s, 1, 2))).state
    expect(call(left, activity([{ customerId: 42 }])).body).toEqual({
      data: 42,
      errors: null,
      warnings: [{ code: 'NOT_ENROLLED', message: 'customer 42 is unenrolled' }],
    })
    expect(
      call(state, activity([{ customerId: 42, at: '2025-06-01T00:00:00Z' }])).body.warnings,
    ).toEqual([
      {
        code: 'NOT_ENROLLED',
        message:
          'activity at 2025-06-01T00:00:00.000Z is before the enrolment at 2026-01-01T01:00:00.000Z',
      },
    ])
  })

  it('boundary.unknown-field: fields activity does not read come back as warnings, with the engine’s', () => {
    expect(
      call(enrolled(), activity([{ customerId: 7, periodName: 'c1', initialBalance: 3 }])).body,
    ).toEqual({
      data: 7,
      errors: null,
      warnings: [
        {
          code: 'UNKNOWN_FIELD',
          message: 'body[0].periodName is not a field of activity; ignored',
        },
        {
          code: 'UNKNOWN_FIELD',
          message: 'body[0].initialBalance is not a field of activity; ignored',
        },
        { code: 'NOT_ENROLLED', message: 'customer 7 was never enrolled' },
      ],
    })
  })

  it.each([
    [
      'an at without a time zone',
      [{ customerId: 42, at: '2026-01-01T03:00:00' }],
      'body[0].at must be an ISO-8601 instant with a time zone, such as "2026-03-02T10:00:00Z", got "2026-01-01T03:00:00"',
    ],
    [
      'an at that is not a real instant',
      [{ customerId: 42, at: '2026-02-30T03:00:00Z' }],
      'body[0].at must be a real instant, got "2026-02-30T03:00:00Z"',
    ],
    [
      'a value that is a string',
      [{ customerId: 42, value: '25' }],
      'body[0].value must be a number, got "25"',
    ],
  ])('boundary.activity: %s is 400 with code 300004, naming the field', (_, body, message) => {
    const state = enrolled()
    expect(call(state, activity(body))).toEqual({
      status: 400,
      body: { data: null, errors: [{ code: 300004, message }], warnings: null },
      state,
      events: [],
    })
  })

  it('boundary.activity: a negative value is not refused by the boundary: the engine decides', () => {
    const r = call(enrolled(sumTarget), activity([{ customerId: 42, value: -5 }]), now(sumTarget))
    // Whatever the engine answers, the boundary did not refuse the value itself.
    expect(r.body.errors?.[0]?.message ?? '').not.toContain('body[0].value')
    if (r.status !== 200) expect(r.body.errors?.[0]?.message).toMatch(/^activity\.value/)
  })

  it('boundary.activity: customerId is checked as on the other routes (310011)', () => {
    expect(call(enrolled(), activity([{ customerId: 0 }])).body).toEqual({
      data: null,
      errors: [
        {
          code: 310011,
          message:
            'body[0].customerId must be a positive integer (or a string of its digits), got 0',
        },
      ],
      warnings: null,
    })
  })

  it('boundary.routes: the activity route is matched like the others, for its target only', () => {
    expect(
      call(enrolled(), activity([{ customerId: 42 }], '/targetGroups/101/targets/1/activity/?x=1'))
        .status,
    ).toBe(200)
    expect(
      call(enrolled(), activity([{ customerId: 42 }], '/targetGroups/101/targets/1/Activity')).body,
    ).toEqual({
      data: null,
      errors: [{ code: 300004, message: 'no route for "/targetGroups/101/targets/1/Activity"' }],
      warnings: null,
    })
    expect(
      call(enrolled(), activity([{ customerId: 42 }], '/targetGroups/101/targets/2/activity')),
    ).toMatchObject({
      status: 404,
      body: { errors: [{ code: 310018 }] },
    })
    expect(
      call(enrolled(), { method: 'PUT', path: '/targetGroups/101/targets/1/activity', body: '[]' }),
    ).toMatchObject({ status: 405, body: { errors: [{ code: 300004 }] } })
  })

  it('boundary.routes: customerOfRequest knows the activity route', () => {
    const path = '/targetGroups/101/targets/1/activity'
    expect(customerOfRequest({ method: 'POST', path, body: '[{"customerId": "42"}]' })).toEqual(
      O.some(42),
    )
    expect(
      customerOfRequest({ method: 'POST', path, body: [{ customerId: 42, at: 'yesterday' }] }),
    ).toEqual(O.none)
  })

  it('boundary.activity: a refused request to activity keeps the state and emits nothing, even with a valid body and a bad now', () => {
    const state = enrolled()
    expect(call(state, activity([{ customerId: 42 }]), new Date(Number.NaN))).toEqual({
      status: 400,
      body: {
        data: null,
        errors: [{ code: 300004, message: 'now must be a valid Date, got Invalid Date' }],
        warnings: null,
      },
      state,
      events: [],
    })
  })
})
