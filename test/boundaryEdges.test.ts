// Edges of the REST boundary (rules boundary.*, input.*): the UTF-8 count at the body limit, the
// last value of each part of an instant, fields that cannot be read, and the last line of defence.
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { describe, expect, it, vi } from 'vitest'
import { decodeBody } from '../src/boundary/decodeBody.js'
import {
  customerOfRequest,
  enroll,
  handleRequest,
  initialState,
  type ApiRequest,
  type ApiResponse,
  type EnrolmentState,
  type HandleRequestOptions,
} from '../src/index.js'
import { deepFreeze } from './support/deepFreeze.js'
import { eventsOf, inCycle, milestoneABC, play } from './support/fixtures.js'

// milestoneABC is target group 101, target 1; goal 1 so that one activity achieves the cycle at its `at`.
const target = milestoneABC('IMMEDIATE', { goal: 1 })
const fresh = (): EnrolmentState => deepFreeze(initialState(target))
const enrolled = (): EnrolmentState =>
  deepFreeze(play(fresh(), (s) => enroll(s, 42, inCycle(s, 1, 1))).state)
const now = (): Date => inCycle(fresh(), 1, 5)
const post = (endpoint: string, body: unknown, prefix = ''): ApiRequest => ({
  method: 'POST',
  path: `${prefix}/targetGroups/101/targets/1/${endpoint}`,
  body,
})
const throwing = (): never => {
  throw new Error('hostile')
}
/** An element holding `fields`, then `key` behind a getter that throws. */
const withThrowingGetter = (fields: Readonly<Record<string, unknown>>, key: string): object =>
  Object.defineProperty({ ...fields }, key, { get: throwing, enumerable: true })
const revokedProxy = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  return proxy
}

/** The exact refusal: its status, the one error, no warnings, the very state given, no events. */
const refused = (
  state: EnrolmentState,
  status: number,
  message: string,
  code = 300004,
): ApiResponse => ({
  status,
  body: { data: null, errors: [{ code, message }], warnings: null },
  state,
  events: [],
})

/** A success without its new state (the engine's tests own that): status, envelope, events. */
const answered = ({ status, body, events }: ApiResponse) => ({ status, body, events })

describe('boundary.body-limit: UTF-8 bytes counted one by one', () => {
  // The characters sit in an unknown field, so that any of them leaves the body valid.
  const bodyWith = (chars: string): string => `[{"customerId":1,"x":"${chars}"}]`
  // The bytes of bodyWith(''): 22 before the characters, 3 after.
  const FRAME = 25
  const enrolledOne = {
    status: 200,
    body: {
      data: 1,
      errors: null,
      warnings: [{ code: 'UNKNOWN_FIELD', message: 'body[0].x is not a field of enroll; ignored' }],
    },
    events: [eventsOf(target, 1).enrolled(1, now())],
  }

  it.each<[string, string, number]>([
    ['U+0041 "A"', 'A', 1],
    ['U+007F, the last 1-byte character', '\u007f', 1],
    ['U+0080, the first 2-byte character', '\u0080', 2],
    ['U+00E9 "é"', 'é', 2],
    ['U+07FF, the last 2-byte character', '\u07ff', 2],
    ['U+0800, the first 3-byte character', '\u0800', 3],
    ['U+20AC "€"', '€', 3],
    ['U+D7FF, the last unit before the surrogates', '\ud7ff', 3],
    ['U+E000, the first unit after the surrogates', '\ue000', 3],
    ['U+FFFF, the last 3-byte character', '\uffff', 3],
    ['U+10000 (the pair D800 DC00), the first 4-byte character', '\ud800\udc00', 4],
    ['U+103FF (the pair D800 DFFF)', '\ud800\udfff', 4],
    ['U+10FC00 (the pair DBFF DC00)', '\udbff\udc00', 4],
    ['U+10FFFF (the pair DBFF DFFF), the last character', '\udbff\udfff', 4],
    ['U+1F600 "😀"', '😀', 4],
    ['a lone high surrogate D800 (encoded as U+FFFD)', '\ud800', 3],
    ['a lone high surrogate DBFF', '\udbff', 3],
    ['a lone low surrogate DC00', '\udc00', 3],
    ['a lone low surrogate DFFF', '\udfff', 3],
    ['a high surrogate before "A"', '\ud800A', 4],
    ['a high surrogate before "€"', '\ud800€', 6],
    ['two high surrogates', '\ud800\ud800', 6],
    ['a high surrogate before U+E000', '\ud800\ue000', 6],
    ['two low surrogates', '\udc00\udc00', 6],
    ['a low surrogate before a high one (a reversed pair)', '\udc00\ud800', 6],
    ['"€" before a low surrogate', '€\udc00', 6],
    ['U+E000 before a low surrogate', '\ue000\udc00', 6],
  ])(
    'boundary.body-limit: %s takes %i bytes: read one under and at the limit, refused one over',
    (_, chars, bytes) => {
      const state = fresh()
      const text = bodyWith(chars)
      const size = FRAME + bytes
      // The oracle: an encoder writes a lone surrogate as U+FFFD, 3 bytes, as the limit counts it.
      const encoded = new TextEncoder().encode(text)
      expect(encoded.length).toBe(size)
      const serve = (body: unknown, maxBodyBytes: number) =>
        handleRequest(state, post('enroll', body), now(), { maxBodyBytes })
      for (const body of [text, encoded]) {
        expect(answered(serve(body, size + 1))).toEqual(enrolledOne)
        expect(answered(serve(body, size))).toEqual(enrolledOne)
        expect(serve(body, size - 1)).toEqual(
          refused(state, 400, `body is larger than ${size - 1} bytes`),
        )
      }
    },
  )
})

describe('boundary.activity: the last value each part of an instant takes', () => {
  it.each<[string, string, string]>([
    ['minute 59', '2026-01-01T02:59:00Z', '2026-01-01T02:59:00.000Z'],
    ['second 59', '2026-01-01T02:00:59Z', '2026-01-01T02:00:59.000Z'],
    ['an offset of 23 hours', '2026-01-02T02:00:00+23:00', '2026-01-01T03:00:00.000Z'],
    ['an offset minute of 59', '2026-01-01T04:00:00+00:59', '2026-01-01T03:01:00.000Z'],
    ['a fraction of one digit (tenths)', '2026-01-01T03:00:00.5Z', '2026-01-01T03:00:00.500Z'],
    ['a fraction of two digits', '2026-01-01T03:00:00.25Z', '2026-01-01T03:00:00.250Z'],
  ])('boundary.activity: at with %s (%s) is recorded at %s', (_, at, instant) => {
    const r = handleRequest(enrolled(), post('activity', [{ customerId: 42, at }]), now())
    expect(answered(r)).toEqual({
      status: 200,
      body: { data: 42, errors: null, warnings: null },
      events: [
        eventsOf(target, 42).achieved(1, new Date(instant)),
        eventsOf(target, 42).issued(1, new Date(instant), 'IMMEDIATE'),
      ],
    })
  })

  it.each<[string, unknown, string]>([
    ['an array holding an instant', ['2026-01-01T03:00:00Z'], 'an array'],
    ['an object whose text is an instant', { toString: () => '2026-01-01T03:00:00Z' }, 'an object'],
  ])('boundary.activity: at as %s is refused: only a string is read', (_, at, shown) => {
    const state = enrolled()
    expect(handleRequest(state, post('activity', [{ customerId: 42, at }]), now())).toEqual(
      refused(
        state,
        400,
        `body[0].at must be an ISO-8601 instant with a time zone, such as "2026-03-02T10:00:00Z", got ${shown}`,
      ),
    )
  })
})

describe('boundary.never-throws: fields and elements that cannot be read', () => {
  it.each<[string, string, object]>([
    ['enroll', 'initialBalance', withThrowingGetter({ customerId: 42 }, 'initialBalance')],
    ['enroll', 'resetStreakStatus', withThrowingGetter({ customerId: 42 }, 'resetStreakStatus')],
    ['activity', 'at', withThrowingGetter({ customerId: 42 }, 'at')],
    [
      'activity',
      'value',
      withThrowingGetter({ customerId: 42, at: '2026-01-01T03:00:00Z' }, 'value'),
    ],
  ])(
    'boundary.never-throws: %s with %s behind a throwing getter is refused naming it',
    (endpoint, key, item) => {
      const state = enrolled()
      expect(handleRequest(state, post(endpoint, [item]), now())).toEqual(
        refused(state, 400, `body[0].${key} could not be read`),
      )
    },
  )

  it('boundary.never-throws: an element that is a revoked Proxy is refused as body[0] that could not be read', () => {
    const state = fresh()
    expect(handleRequest(state, post('enroll', [revokedProxy()]), now())).toEqual(
      refused(state, 400, 'body[0] could not be read'),
    )
    // The field a host logs names the element.
    expect(decodeBody('enroll', [revokedProxy()])).toEqual(
      E.left({ code: 300004, field: 'body[0]', message: 'body[0] could not be read' }),
    )
  })

  it('boundary.never-throws: customerOfRequest answers none, and handleRequest an envelope, when a built-in they call throws', () => {
    const state = fresh()
    const request = post('enroll', '[{"customerId":1}]')
    // No input makes the route reading throw: a broken built-in stands for what nobody foresaw.
    const spy = vi.spyOn(String.prototype, 'startsWith').mockImplementation(throwing)
    let customer: O.Option<number>
    let response: ApiResponse
    try {
      customer = customerOfRequest(request)
      response = handleRequest(state, request, now())
    } finally {
      spy.mockRestore()
    }
    expect(customer).toEqual(O.none)
    expect(response).toEqual(refused(state, 400, 'the request could not be handled'))
    expect(customerOfRequest(request)).toEqual(O.some(1))
  })
})

describe('boundary.routes: each endpoint checks its body and now before the engine answers', () => {
  it('boundary.routes: unEnroll with a body of no element is refused before the engine', () => {
    const state = enrolled()
    expect(handleRequest(state, post('unEnroll', '[]'), now())).toEqual(
      refused(state, 400, 'body must hold one element, got none'),
    )
  })

  it('input.instant: unEnroll with an Invalid Date for now is refused naming now', () => {
    const state = enrolled()
    expect(
      handleRequest(state, post('unEnroll', '[{"customerId":42}]'), new Date(Number.NaN)),
    ).toEqual(refused(state, 400, 'now must be a valid Date, got Invalid Date'))
  })

  it('boundary.reset-on-first-enrolment: enroll of an enrolled customer is 310119, still warning that resetStreakStatus was ignored', () => {
    const state = enrolled()
    expect(
      handleRequest(state, post('enroll', '[{"customerId":42,"resetStreakStatus":true}]'), now()),
    ).toEqual({
      status: 409,
      body: {
        data: null,
        errors: [{ code: 310119, message: 'customer 42 is already enrolled in target 1' }],
        warnings: [
          {
            code: 'RESET_STREAK_STATUS_IGNORED',
            message:
              'resetStreakStatus applies to re-enrolments only; ignored for a first enrolment',
          },
        ],
      },
      state,
      events: [],
    })
  })
})

describe('boundary.body and boundary.base-path: values of the wrong kind', () => {
  it('boundary.body: an element null is not an object, nor an element that could not be read', () => {
    const state = fresh()
    expect(handleRequest(state, post('enroll', '[null]'), now())).toEqual(
      refused(state, 400, 'body[0] must be an object, got null'),
    )
  })

  it.each<[string, ReadonlyArray<string>]>([
    ['an array of one path', ['/prod']],
    ['an empty array', []],
  ])(
    'boundary.base-path: a basePath that is %s is refused naming options.basePath',
    (_, basePath) => {
      const state = fresh()
      // Cast: a host in JavaScript may pass anything.
      const options = { basePath } as unknown as HandleRequestOptions
      expect(
        handleRequest(state, post('enroll', '[{"customerId":1}]', '/prod'), now(), options),
      ).toEqual(
        refused(state, 400, 'options.basePath must be "" or a path such as "/prod", got an array'),
      )
    },
  )
})
