// Rules boundary.never-throws and boundary.echo as properties: whatever the request, body, `now` or
// options, handleRequest answers a small, valid envelope; a refusal keeps the state and emits nothing.
import fc from 'fast-check'
import * as O from 'fp-ts/lib/Option.js'
import { describe, expect, it } from 'vitest'
import {
  customerOfRequest,
  enroll,
  handleRequest,
  initialState,
  STATUS_OF_CODE,
  unenroll,
  type ApiResponse,
  type EnrolmentState,
  type HandleRequestOptions,
} from '../src/index.js'
import { deepFreeze } from './support/deepFreeze.js'
import { inCycle, milestoneABC, play } from './support/fixtures.js'

/** The largest envelope any request may produce, as JSON text. */
const MAX_ENVELOPE_CHARS = 4_096
const CODES = [300004, 310011, 310017, 310018, 310019, 310119, 310126]

/** Customers 1 (enrolled) and 2 (unenrolled) of target group 101, target 1, deep-frozen. */
const frozenState = (): EnrolmentState =>
  deepFreeze(
    play(
      initialState(milestoneABC('IMMEDIATE', { goal: 2 })),
      (s) => enroll(s, 1, inCycle(s, 1)),
      (s) => enroll(s, 2, inCycle(s, 1)),
      (s) => unenroll(s, 2, inCycle(s, 1, 1)),
    ).state,
  )
const STATE = frozenState()
const NOW = inCycle(STATE, 1, 2)

const throwing = (): never => {
  throw new Error('hostile')
}
const TRAPS = [
  'get',
  'has',
  'ownKeys',
  'getOwnPropertyDescriptor',
  'getPrototypeOf',
  'defineProperty',
  'apply',
] as const

/**
 * The ways a value is made hostile. Arbitraries yield these names, never the hostile values, so
 * that fast-check itself (which inspects and prints values) never touches a throwing Proxy.
 */
type Hostility =
  'none' | 'proxy' | 'revoked' | 'getter' | 'element-proxy' | 'element-getter' | 'deep-proxy'
const hostilities: ReadonlyArray<Hostility> = [
  'none',
  'proxy',
  'revoked',
  'getter',
  'element-proxy',
  'element-getter',
  'deep-proxy',
]

const throwingProxy = (target: object): object =>
  new Proxy(target, Object.fromEntries(TRAPS.map((trap) => [trap, throwing])))

/** `value` made hostile in the way named. */
const harden = (value: unknown, how: Hostility, key: string): unknown => {
  const asObject = (v: unknown): object =>
    typeof v === 'object' && v !== null ? v : { customerId: v }
  switch (how) {
    case 'none':
      return value
    case 'proxy':
      return throwingProxy(asObject(value))
    case 'revoked': {
      const { proxy, revoke } = Proxy.revocable(asObject(value), {})
      revoke()
      return proxy
    }
    case 'getter':
      return Object.defineProperty({ ...asObject(value) }, key, { get: throwing, enumerable: true })
    case 'element-proxy':
      return [throwingProxy(asObject(value))]
    case 'element-getter':
      return [Object.defineProperty({ customerId: 1 }, key, { get: throwing, enumerable: true })]
    case 'deep-proxy':
      return [{ customerId: 1, [key]: throwingProxy(asObject(value)) }]
  }
}

const paths = fc.oneof(
  fc.constantFrom(
    '/targetGroups/101/targets/1/enroll',
    '/targetGroups/101/targets/1/unEnroll',
    '/targetGroups/101/targets/1/activity',
    '/targetGroups/101/targets/1/activity/?q=1',
    '/prod/targetGroups/101/targets/1/enroll',
    '/targetGroups/102/targets/1/enroll',
    '/targetGroups/101/targets/9/unEnroll',
    '/targetGroups/101/targets/1/delete',
  ),
  fc.string({ maxLength: 200 }),
  fc.string({ maxLength: 60, unit: 'binary' }).map((s) => `/targetGroups/101/targets/1/${s}`),
  fc.anything({ withNullPrototype: true }),
)
const methods = fc.oneof(
  fc.constantFrom('POST', 'post', 'GET', 'DELETE', 'PoSt'),
  fc.string({ maxLength: 100 }),
  fc.anything({ withNullPrototype: true }),
)
const field = fc.constantFrom(
  'customerId',
  'periodName',
  'initialBalance',
  'resetStreakStatus',
  'at',
  'value',
  'other',
)
/** Well-formed elements with random values, and random extra fields. */
const element = fc
  .record(
    {
      customerId: fc.oneof(fc.constantFrom(1, 2, 3, '1', '3', 0, -1, 2 ** 53), fc.jsonValue()),
      periodName: fc.oneof(fc.constantFrom('c1', 'c2', 'c9', ''), fc.string({ maxLength: 50 })),
      initialBalance: fc.oneof(fc.constantFrom(0, 1, 5, -1), fc.double()),
      resetStreakStatus: fc.oneof(fc.boolean(), fc.jsonValue()),
      at: fc.oneof(
        fc
          .date({ min: new Date('2025-12-01T00:00:00Z'), max: new Date('2026-08-01T00:00:00Z') })
          .map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString())),
        fc.string({ maxLength: 40 }),
      ),
      value: fc.oneof(fc.double(), fc.jsonValue()),
    },
    { requiredKeys: [] },
  )
  .chain((item) =>
    fc
      .dictionary(fc.string({ maxLength: 60 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 30 })
      .map((extra) => ({
        ...extra,
        ...item,
      })),
  )
const plainBodies = fc.oneof(
  element.map((e) => [e]),
  element.map((e) => JSON.stringify([e])),
  element.map((e) => new TextEncoder().encode(JSON.stringify([e]))),
  fc.array(element, { maxLength: 3 }),
  fc.json(),
  fc.jsonValue(),
  fc.uint8Array({ maxLength: 200 }),
  fc.anything({
    withNullPrototype: true,
    withBigInt: true,
    withDate: true,
    withTypedArray: true,
    maxDepth: 4,
  }),
  fc.letrec((tie) => ({
    deep: fc.oneof(
      { depthSize: 'small' },
      fc.constant({}),
      fc.tuple(tie('deep')),
      fc.record({ a: tie('deep') }),
    ),
  })).deep,
)
const bodies = fc.tuple(plainBodies, fc.constantFrom(...hostilities), field)
const nows = fc.oneof(
  fc.date({
    min: new Date('2025-12-01T00:00:00Z'),
    max: new Date('2026-08-01T00:00:00Z'),
    noInvalidDate: false,
  }),
  fc.constant(NOW),
  fc.constant(new Date(Number.NaN)),
  fc.anything(),
)
const optionsArb = fc.oneof(
  fc.constant(undefined),
  fc.record(
    {
      basePath: fc.oneof(fc.constantFrom('/prod', '', '/', undefined, 'prod'), fc.anything()),
      maxBodyBytes: fc.oneof(fc.constantFrom(undefined, 20, 65_536, 0), fc.anything()),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
)

/** Every rule of the answer's shape, size and state. */
const expectSoundAnswer = (state: EnrolmentState, response: ApiResponse) => {
  const { status, body } = response
  expect([200, 400, 404, 405, 409]).toContain(status)
  expect(Object.keys(body).sort()).toEqual(['data', 'errors', 'warnings'])
  expect(body.data === null || typeof body.data === 'number').toBe(true)
  if (body.warnings !== null) {
    expect(body.warnings.length).toBeGreaterThan(0)
    for (const w of body.warnings) {
      expect(Object.keys(w).sort()).toEqual(['code', 'message'])
      expect(typeof w.code).toBe('string')
      expect(typeof w.message).toBe('string')
    }
  }
  expect(JSON.stringify(body).length).toBeLessThanOrEqual(MAX_ENVELOPE_CHARS)
  if (status === 200) {
    expect(body.errors).toBeNull()
    expect(Number.isSafeInteger(body.data) && (body.data ?? 0) > 0).toBe(true)
    return
  }
  expect(body.data).toBeNull()
  expect(body.errors).toHaveLength(1)
  const [error] = body.errors ?? []
  expect(Object.keys(error ?? {}).sort()).toEqual(['code', 'message'])
  expect(CODES).toContain(error?.code)
  expect(typeof error?.message).toBe('string')
  // 404 and 405 are also the statuses of an unknown route and method, both 300004.
  const code = error?.code as keyof typeof STATUS_OF_CODE
  expect(
    status === STATUS_OF_CODE[code] || (code === 300004 && (status === 404 || status === 405)),
  ).toBe(true)
  expect(response.state).toBe(state)
  expect(response.events).toEqual([])
}

// The default runs take well under a second; a raised PROPERTY_RUNS may take minutes.
describe('boundary properties', { timeout: 600_000 }, () => {
  it('boundary.never-throws: any value as the request gets a sound answer', () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true }),
        nows,
        (request, now) => {
          expectSoundAnswer(STATE, handleRequest(STATE, request as never, now as Date))
          expect(O.isNone(customerOfRequest(request as never)) || typeof request === 'object').toBe(
            true,
          )
        },
      ),
    )
  })

  it('boundary.never-throws: random methods, paths, hostile bodies, nows and options get a sound answer', () => {
    fc.assert(
      fc.property(
        methods,
        paths,
        bodies,
        nows,
        optionsArb,
        (method, path, [plain, how, key], now, options) => {
          const request = { method, path, body: harden(plain, how, key) }
          expectSoundAnswer(
            STATE,
            handleRequest(STATE, request as never, now as Date, options as HandleRequestOptions),
          )
          const customer = customerOfRequest(request as never, options as HandleRequestOptions)
          expect(O.isNone(customer) || Number.isSafeInteger(customer.value)).toBe(true)
        },
      ),
    )
  })

  it('boundary.never-throws: a well-formed request with a random body: sound, and customerOfRequest agrees with every success', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('enroll', 'unEnroll', 'activity'),
        bodies,
        nows,
        (endpoint, [plain, how, key], now) => {
          const request = {
            method: 'POST',
            path: `/targetGroups/101/targets/1/${endpoint}`,
            body: harden(plain, how, key),
          }
          const response = handleRequest(STATE, request, now as Date)
          expectSoundAnswer(STATE, response)
          if (response.status === 200)
            expect(customerOfRequest(request)).toEqual(O.some(response.body.data))
        },
      ),
    )
  })

  it('boundary.never-throws: a request whose fields are hostile gets a sound answer', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...hostilities),
        fc.constantFrom('method', 'path', 'body'),
        (how, key) => {
          const request = harden(
            {
              method: 'POST',
              path: '/targetGroups/101/targets/1/enroll',
              body: '[{"customerId": 3}]',
            },
            how,
            key,
          )
          expectSoundAnswer(STATE, handleRequest(STATE, request as never, NOW))
          expect(() => customerOfRequest(request as never)).not.toThrow()
        },
      ),
    )
  })

  it('boundary.echo: long methods, paths and bodies never make a large envelope', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1_000, maxLength: 5_000 }),
        fc.constantFrom('method', 'path', 'periodName', 'customerId', 'key', 'at'),
        (long, where) => {
          const element: Record<string, unknown> = { customerId: 3 }
          if (where === 'periodName' || where === 'customerId' || where === 'at')
            element[where] = long
          if (where === 'key') for (let i = 0; i < 50; i++) element[`${i}${long}`] = i
          const endpoint = where === 'at' ? 'activity' : 'enroll'
          const request = {
            method: where === 'method' ? long : 'POST',
            path: where === 'path' ? `/${long}` : `/targetGroups/101/targets/1/${endpoint}`,
            body: [element],
          }
          expectSoundAnswer(STATE, handleRequest(STATE, request, NOW))
        },
      ),
    )
  })
})
