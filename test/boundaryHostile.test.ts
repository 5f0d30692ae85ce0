// Rules boundary.never-throws and boundary.echo: every input, however hostile, gets an envelope with
// a precise message, and nothing the caller sent comes back at length.
import * as O from 'fp-ts/lib/Option.js'
import { describe, expect, it } from 'vitest'
import {
  customerOfRequest,
  handleRequest,
  initialState,
  type ApiRequest,
  type EnrolmentState,
} from '../src/index.js'
import { deepFreeze } from './support/deepFreeze.js'
import { inCycle, milestoneABC } from './support/fixtures.js'

const base = () => deepFreeze(initialState(milestoneABC('IMMEDIATE')))
const now = () => inCycle(base(), 1, 5)
const PATH = '/targetGroups/101/targets/1/enroll'
const throwing = (): never => {
  throw new Error('hostile')
}
/** A Proxy whose every trap throws. */
const hostileProxy = <T extends object>(target: T): T =>
  new Proxy(target, {
    get: throwing,
    set: throwing,
    has: throwing,
    ownKeys: throwing,
    getOwnPropertyDescriptor: throwing,
    getPrototypeOf: throwing,
    setPrototypeOf: throwing,
    defineProperty: throwing,
    deleteProperty: throwing,
    isExtensible: throwing,
    preventExtensions: throwing,
    apply: throwing,
    construct: throwing,
  })
const unprintable = () => ({
  toString: throwing,
  valueOf: throwing,
  [Symbol.toPrimitive]: throwing,
})

/** The exact refusal: status, the one error, no warnings, the very state given, no events. */
const refused = (state: EnrolmentState, status: number, code: number, message: string) => ({
  status,
  body: { data: null, errors: [{ code, message }], warnings: null },
  state,
  events: [],
})

describe('boundary.never-throws', () => {
  it.each<[string, () => unknown, number, string]>([
    [
      'a Proxy request throwing on every trap',
      () => hostileProxy({}),
      400,
      'request.path could not be read',
    ],
    [
      'a request whose path getter throws',
      () => ({
        method: 'POST',
        get path() {
          return throwing()
        },
        body: '[]',
      }),
      400,
      'request.path could not be read',
    ],
    [
      'a request whose method getter throws',
      () => ({
        get method() {
          return throwing()
        },
        path: PATH,
        body: '[]',
      }),
      400,
      'request.method could not be read',
    ],
    [
      'a request whose body getter throws',
      () => ({
        method: 'POST',
        path: PATH,
        get body() {
          return throwing()
        },
      }),
      400,
      'request.body could not be read',
    ],
    [
      'a revoked Proxy request',
      () => {
        const { proxy, revoke } = Proxy.revocable({}, {})
        revoke()
        return proxy
      },
      400,
      'request.path could not be read',
    ],
    [
      'a path that is a null-prototype object',
      () => ({ method: 'POST', path: Object.create(null) as unknown, body: '[]' }),
      404,
      'path must be a string, got an object',
    ],
    [
      'a path whose toString and toPrimitive throw',
      () => ({ method: 'POST', path: unprintable(), body: '[]' }),
      404,
      'path must be a string, got an object',
    ],
    [
      'a path that is a Proxy throwing on every trap',
      () => ({ method: 'POST', path: hostileProxy({}), body: '[]' }),
      404,
      'path must be a string, got an object',
    ],
    [
      'a method that is a null-prototype object',
      () => ({ method: Object.create(null) as unknown, path: PATH, body: '[]' }),
      405,
      'method must be a string such as "POST", got an object',
    ],
    [
      'a method whose toString and toPrimitive throw',
      () => ({ method: unprintable(), path: PATH, body: '[]' }),
      405,
      'method must be a string such as "POST", got an object',
    ],
    [
      'a body that is a Proxy of an array throwing on every trap',
      () => ({ method: 'POST', path: PATH, body: hostileProxy([{ customerId: 1 }]) }),
      400,
      'body could not be read',
    ],
    [
      'a body that is a Proxy of an object throwing on every trap',
      () => ({ method: 'POST', path: PATH, body: hostileProxy({}) }),
      400,
      'body must be an array of one element, got an object',
    ],
    [
      'an element that is a Proxy throwing on every trap',
      () => ({ method: 'POST', path: PATH, body: [hostileProxy({ customerId: 1 })] }),
      400,
      'body[0] could not be read',
    ],
    [
      'a customerId behind a throwing getter',
      () => ({
        method: 'POST',
        path: PATH,
        body: [Object.defineProperty({}, 'customerId', { get: throwing, enumerable: true })],
      }),
      400,
      'body[0].customerId could not be read',
    ],
    [
      'an initialBalance deep inside that is a Proxy throwing on every trap',
      () => ({
        method: 'POST',
        path: PATH,
        body: [{ customerId: 1, initialBalance: hostileProxy([1]) }],
      }),
      400,
      'body[0].initialBalance must be a finite number ≥ 0, got an array',
    ],
    [
      'a resetStreakStatus whose toString throws',
      () => ({
        method: 'POST',
        path: PATH,
        body: [{ customerId: 1, resetStreakStatus: unprintable() }],
      }),
      400,
      'body[0].resetStreakStatus must be a boolean, got an object',
    ],
  ])('%s: an envelope, never a throw', (_, request, status, message) => {
    const state = base()
    const code = message.startsWith('body[0].customerId') ? 310011 : 300004
    expect(handleRequest(state, request() as ApiRequest, now())).toEqual(
      refused(state, status, code, message),
    )
    expect(customerOfRequest(request() as ApiRequest)).toEqual(O.none)
  })

  it('an unknown field whose value is a Proxy throwing on every trap is only named', () => {
    const r = handleRequest(
      base(),
      { method: 'POST', path: PATH, body: [{ customerId: 1, extra: hostileProxy({}) }] },
      now(),
    )
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      data: 1,
      errors: null,
      warnings: [
        { code: 'UNKNOWN_FIELD', message: 'body[0].extra is not a field of enroll; ignored' },
      ],
    })
  })

  it.each<[string, () => unknown, string]>([
    ['an Invalid Date', () => new Date(Number.NaN), 'now must be a valid Date, got Invalid Date'],
    [
      'an ISO string',
      () => '2026-01-01T05:00:00Z',
      'now must be a valid Date, got "2026-01-01T05:00:00Z"',
    ],
    ['a number', () => 1_767_243_600_000, 'now must be a valid Date, got 1767243600000'],
    ['undefined', () => undefined, 'now must be a valid Date, got undefined'],
    [
      'a Proxy of a Date',
      () => new Proxy(new Date(0), {}),
      'now must be a valid Date, got an object',
    ],
    [
      'a Proxy throwing on every trap',
      () => hostileProxy(new Date(0)),
      'now must be a valid Date, got an object',
    ],
    [
      'an object with a throwing toPrimitive',
      unprintable,
      'now must be a valid Date, got an object',
    ],
  ])('input.instant: now as %s: 400 with code 300004 naming now', (_, instant, message) => {
    const state = base()
    expect(
      handleRequest(
        state,
        { method: 'POST', path: PATH, body: '[{"customerId": 1}]' },
        instant() as Date,
      ),
    ).toEqual(refused(state, 400, 300004, message))
  })

  it('input.instant: a real Date whose own methods throw is read by its instant', () => {
    const instant = Object.assign(new Date(now().getTime()), {
      getTime: throwing,
      valueOf: throwing,
      toISOString: throwing,
    })
    const r = handleRequest(
      base(),
      { method: 'POST', path: PATH, body: '[{"customerId": 1}]' },
      instant,
    )
    expect(r.status).toBe(200)
    expect(r.events[0]).toMatchObject({ type: 'ENROLLED', at: now() })
  })

  it('the route and the method come before now: a bad now does not hide a 404 or a 405', () => {
    const state = base()
    expect(
      handleRequest(state, { method: 'POST', path: '/x', body: '[]' }, new Date(Number.NaN)),
    ).toEqual(refused(state, 404, 300004, 'no route for "/x"'))
    expect(
      handleRequest(state, { method: 'GET', path: PATH, body: '[]' }, new Date(Number.NaN)),
    ).toEqual(refused(state, 405, 300004, 'method "GET" is not allowed: use POST'))
  })

  it('the last line of defence: an exception nobody foresaw (here, from the state) is still an envelope', () => {
    const state = new Proxy(base(), { get: throwing })
    const r = handleRequest(
      state,
      { method: 'POST', path: PATH, body: '[{"customerId": 1}]' },
      now(),
    )
    // Compared part by part: a deep comparison would read the throwing state.
    expect(r.state).toBe(state)
    expect([r.status, r.body, r.events]).toEqual([
      400,
      {
        data: null,
        errors: [{ code: 300004, message: 'the request could not be handled' }],
        warnings: null,
      },
      [],
    ])
  })

  it('customerOfRequest never throws: none for a request it cannot read', () => {
    for (const request of [
      null,
      undefined,
      hostileProxy({}),
      {
        method: 'POST',
        get path() {
          return throwing()
        },
        body: '[]',
      },
      { method: unprintable(), path: PATH, body: '[{"customerId": 1}]' },
      { method: 'POST', path: PATH, body: hostileProxy([]) },
    ])
      expect(customerOfRequest(request as ApiRequest)).toEqual(O.none)
  })
})

describe('boundary.echo', () => {
  const M = 1_000_000

  it('a 1,000,000-character method comes back as a 40-character prefix', () => {
    const state = base()
    expect(handleRequest(state, { method: 'M'.repeat(M), path: PATH, body: '[]' }, now())).toEqual(
      refused(state, 405, 300004, `method "${'M'.repeat(40)}…" is not allowed: use POST`),
    )
  })

  it('a 1,000,000-character path comes back as a 40-character prefix', () => {
    const state = base()
    expect(
      handleRequest(state, { method: 'POST', path: `/${'p'.repeat(M)}`, body: '[]' }, now()),
    ).toEqual(refused(state, 404, 300004, `no route for "/${'p'.repeat(39)}…"`))
  })

  it('a 100,000-character periodName: the 310019 message quotes its first 40 characters only', () => {
    const r = handleRequest(
      base(),
      { method: 'POST', path: PATH, body: [{ customerId: 1, periodName: 'q'.repeat(100_000) }] },
      now(),
    )
    expect(r.status).toBe(404)
    const message = r.body.errors?.[0]?.message ?? ''
    expect(r.body.errors?.[0]?.code).toBe(310019)
    expect(message.length).toBeLessThanOrEqual(300)
    expect(message).toBe(`target 1 has no cycle named "${'q'.repeat(40)}…"`)
  })

  it('a 100,000-character customerId string comes back as a 40-character prefix', () => {
    const state = base()
    expect(
      handleRequest(
        state,
        { method: 'POST', path: PATH, body: [{ customerId: '9'.repeat(100_000) }] },
        now(),
      ),
    ).toEqual(
      refused(
        state,
        400,
        310011,
        `body[0].customerId must be a positive integer (or a string of its digits), got "${'9'.repeat(40)}…"`,
      ),
    )
  })

  it('boundary.unknown-field: a body with 100,000 unknown keys gets 11 warnings, not megabytes', () => {
    const item: Record<string, unknown> = { customerId: 1 }
    for (let i = 0; i < 100_000; i++) item[`field${i}`] = i
    const r = handleRequest(base(), { method: 'POST', path: PATH, body: [item] }, now())
    expect(r.status).toBe(200)
    expect(r.body.warnings).toHaveLength(11)
    expect(r.body.warnings?.[10]).toEqual({
      code: 'UNKNOWN_FIELD',
      message: 'body[0] has 99990 more fields that are not fields of enroll; ignored',
    })
    expect(JSON.stringify(r.body).length).toBeLessThan(1_500)
  })

  it('unknown keys of 100,000 characters are named by a prefix', () => {
    const item: Record<string, unknown> = { customerId: 1 }
    for (let i = 0; i < 20; i++) item[`${i}${'k'.repeat(100_000)}`] = i
    const r = handleRequest(base(), { method: 'POST', path: PATH, body: [item] }, now())
    expect(r.body.warnings?.[0]).toEqual({
      code: 'UNKNOWN_FIELD',
      message: `body[0]["0${'k'.repeat(39)}…"] is not a field of enroll; ignored`,
    })
    expect(JSON.stringify(r.body).length).toBeLessThan(2_000)
  })
})
