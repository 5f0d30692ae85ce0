// Rules boundary.base-path, boundary.body-limit and boundary.bytes: the options of handleRequest,
// and bodies given as UTF-8 bytes. Options come from the host but are checked like any input.
import * as O from 'fp-ts/lib/Option.js'
import { describe, expect, it } from 'vitest'
import {
  customerOfRequest,
  handleRequest,
  initialState,
  type ApiRequest,
  type EnrolmentState,
  type HandleRequestOptions,
} from '../src/index.js'
import { deepFreeze } from './support/deepFreeze.js'
import { inCycle, milestoneABC } from './support/fixtures.js'

const base = () => deepFreeze(initialState(milestoneABC('IMMEDIATE')))
const now = () => inCycle(base(), 1, 5)
const PATH = '/targetGroups/101/targets/1/enroll'
const enrolOne = (path = PATH, body: unknown = '[{"customerId": 1}]'): ApiRequest => ({
  method: 'POST',
  path,
  body,
})
const refused = (state: EnrolmentState, status: number, message: string, code = 300004) => ({
  status,
  body: { data: null, errors: [{ code, message }], warnings: null },
  state,
  events: [],
})
const throwing = (): never => {
  throw new Error('hostile')
}

describe('boundary.base-path', () => {
  it('with basePath "/prod", /prod/targetGroups/… is served', () => {
    const r = handleRequest(base(), enrolOne(`/prod${PATH}`), now(), { basePath: '/prod' })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ data: 1, errors: null, warnings: null })
    expect(customerOfRequest(enrolOne(`/prod${PATH}`), { basePath: '/prod' })).toEqual(O.some(1))
  })

  it('with basePath "/prod", the bare path and other prefixes are no route', () => {
    const state = base()
    for (const path of [
      PATH,
      `/production${PATH}`,
      `/prod/prod${PATH}`,
      `/PROD${PATH}`,
      `prod${PATH}`,
    ])
      expect(handleRequest(state, enrolOne(path), now(), { basePath: '/prod' })).toEqual(
        refused(
          state,
          404,
          `no route for ${JSON.stringify(path.length > 40 ? `${path.slice(0, 40)}…` : path)}`,
        ),
      )
    expect(customerOfRequest(enrolOne(PATH), { basePath: '/prod' })).toEqual(O.none)
  })

  it('without basePath, only the bare paths are matched', () => {
    const state = base()
    expect(handleRequest(state, enrolOne(`/prod/v1${PATH}`), now())).toEqual(
      refused(state, 404, `no route for "${`/prod/v1${PATH}`.slice(0, 40)}…"`),
    )
    expect(handleRequest(state, enrolOne(`/prod${PATH}`), now())).toEqual(
      refused(state, 404, 'no route for "/prod/targetGroups/101/targets/1/enroll"'),
    )
    expect(handleRequest(state, enrolOne(PATH), now(), {}).status).toBe(200)
    expect(handleRequest(state, enrolOne(PATH), now(), { basePath: undefined }).status).toBe(200)
    expect(handleRequest(state, enrolOne(PATH), now(), { basePath: '' }).status).toBe(200)
  })

  it('a basePath of several segments, or with a trailing slash, is the same prefix', () => {
    expect(
      handleRequest(base(), enrolOne(`/api/v2${PATH}`), now(), { basePath: '/api/v2' }).status,
    ).toBe(200)
    expect(
      handleRequest(base(), enrolOne(`/prod${PATH}`), now(), { basePath: '/prod/' }).status,
    ).toBe(200)
    expect(handleRequest(base(), enrolOne(PATH), now(), { basePath: '/' }).status).toBe(200)
  })

  it.each([
    ['without a leading slash', 'prod', '"prod"'],
    ['with a query', '/prod?x=1', '"/prod?x=1"'],
    ['with a fragment', '/prod#x', '"/prod#x"'],
    ['with an empty segment', '/a//b', '"/a//b"'],
    ['with a space', '/a b', '"/a b"'],
    ['a number', 5, '5'],
    ['null', null, 'null'],
    ['very long and wrong', `x${'/'.repeat(1_000)}`, `"x${'/'.repeat(39)}…"`],
  ])('a basePath %s is refused with 300004 naming options.basePath', (_, basePath, shown) => {
    const state = base()
    expect(handleRequest(state, enrolOne(), now(), { basePath } as HandleRequestOptions)).toEqual(
      refused(state, 400, `options.basePath must be "" or a path such as "/prod", got ${shown}`),
    )
    expect(customerOfRequest(enrolOne(), { basePath } as HandleRequestOptions)).toEqual(O.none)
  })
})

describe('boundary.body-limit', () => {
  it('boundary.body-limit: options.maxBodyBytes sets the limit, in UTF-8 bytes, for text and bytes alike', () => {
    const body = '[{"customerId": 1}]' // 19 bytes
    expect(handleRequest(base(), enrolOne(PATH, body), now(), { maxBodyBytes: 19 }).status).toBe(
      200,
    )
    const state = base()
    for (const given of [body, new TextEncoder().encode(body)])
      expect(handleRequest(state, enrolOne(PATH, given), now(), { maxBodyBytes: 18 })).toEqual(
        refused(state, 400, 'body is larger than 18 bytes'),
      )
    expect(customerOfRequest(enrolOne(PATH, body), { maxBodyBytes: 18 })).toEqual(O.none)
  })

  it('the default is 64 KiB: a larger body is refused before it is parsed', () => {
    const state = base()
    expect(handleRequest(state, enrolOne(PATH, `[${'['.repeat(70_000)}`), now())).toEqual(
      refused(state, 400, 'body is larger than 65536 bytes'),
    )
    expect(
      handleRequest(
        state,
        enrolOne(PATH, `[{"customerId": 1, "x": "${'€'.repeat(22_000)}"}]`),
        now(),
      ),
    ).toEqual(refused(state, 400, 'body is larger than 65536 bytes'))
    expect(handleRequest(state, enrolOne(PATH, new Uint8Array(65_537).fill(0xff)), now())).toEqual(
      refused(state, 400, 'body is larger than 65536 bytes'),
    )
    expect(
      handleRequest(state, enrolOne(PATH, '[{"customerId": 1}]'), now(), {
        maxBodyBytes: undefined,
      }).status,
    ).toBe(200)
  })

  it.each([
    ['0', 0, '0'],
    ['a negative number', -1, '-1'],
    ['a fraction', 1.5, '1.5'],
    ['Infinity', Infinity, 'Infinity'],
    ['NaN', Number.NaN, 'NaN'],
    ['a numeric string', '1024', '"1024"'],
    ['null', null, 'null'],
  ])(
    'a maxBodyBytes of %s is refused with 300004 naming options.maxBodyBytes',
    (_, maxBodyBytes, shown) => {
      const state = base()
      expect(
        handleRequest(state, enrolOne(), now(), { maxBodyBytes } as HandleRequestOptions),
      ).toEqual(
        refused(state, 400, `options.maxBodyBytes must be a positive safe integer, got ${shown}`),
      )
    },
  )
})

describe('boundary.bytes', () => {
  it('a Uint8Array or a Buffer of UTF-8 JSON is a body like its text', () => {
    for (const body of [
      new TextEncoder().encode('[{"customerId": 423789336, "periodName": "c1"}]'),
      Buffer.from('[{"customerId": 423789336, "periodName": "c1"}]'),
    ]) {
      const r = handleRequest(base(), enrolOne(PATH, body), now())
      expect(r.status).toBe(200)
      expect(r.body).toEqual({ data: 423789336, errors: null, warnings: null })
      expect(customerOfRequest(enrolOne(PATH, body))).toEqual(O.some(423789336))
    }
  })

  it('invalid UTF-8 is 300004 naming body', () => {
    const state = base()
    expect(
      handleRequest(state, enrolOne(PATH, Uint8Array.of(0x5b, 0xc3, 0x28, 0x5d)), now()),
    ).toEqual(refused(state, 400, 'body is not valid UTF-8'))
  })

  it('bytes that are UTF-8 but not JSON are 300004, not valid JSON', () => {
    const state = base()
    expect(handleRequest(state, enrolOne(PATH, new TextEncoder().encode('[{')), now())).toEqual(
      refused(state, 400, 'body is not valid JSON'),
    )
  })
})

describe('options are untrusted too', () => {
  it.each<[string, () => unknown, string]>([
    ['null', () => null, 'options must be an object, got null'],
    ['a number', () => 5, 'options must be an object, got 5'],
    ['a string', () => '/prod', 'options must be an object, got "/prod"'],
    [
      'a throwing basePath getter',
      () => ({
        get basePath() {
          return throwing()
        },
      }),
      'options.basePath could not be read',
    ],
    [
      'a throwing maxBodyBytes getter',
      () => ({
        get maxBodyBytes() {
          return throwing()
        },
      }),
      'options.maxBodyBytes could not be read',
    ],
    [
      'a Proxy throwing on get',
      () => new Proxy({}, { get: throwing }),
      'options.basePath could not be read',
    ],
  ])('options as %s: 400 with code 300004, naming the option', (_, options, message) => {
    const state = base()
    expect(handleRequest(state, enrolOne(), now(), options() as HandleRequestOptions)).toEqual(
      refused(state, 400, message),
    )
    expect(customerOfRequest(enrolOne(), options() as HandleRequestOptions)).toEqual(O.none)
  })

  it('options inherited from a prototype are read (a host may pass a class instance)', () => {
    class Settings {
      get basePath() {
        return '/prod'
      }
    }
    expect(handleRequest(base(), enrolOne(`/prod${PATH}`), now(), new Settings()).status).toBe(200)
  })
})
