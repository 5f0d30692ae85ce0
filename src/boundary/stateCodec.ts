/**
 * A versioned JSON form of a state, for hosts that store a whole state between invocations
 * (rules codec.*). Decoding checks everything and names the path of the first problem; nothing is
 * half-loaded, and nothing is thrown.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Target } from '../model/target.js'
import type { Customer } from '../rules/customer.js'
import { contextOf } from '../runtime/contextOf.js'
import { customersInIdOrder, emptyCustomerMap, setCustomers } from '../runtime/customerMap.js'
import { internals, stateOf, type EnrolmentState } from '../runtime/state.js'
import { nextSettlement } from '../rules/settle.js'
import { customerFields, readCustomer, SCHEMA_VERSION, type SchemaVersion } from './customerJson.js'
import {
  decoded,
  field,
  list,
  optionalInstant,
  parsed,
  record,
  refuse,
  type DecodeError,
} from './json.js'
import { readTarget, targetFields } from './targetJson.js'

export { SCHEMA_VERSION } from './customerJson.js'
export type { DecodeError } from './json.js'

// model

/**
 * A state as plain JSON: instants as ISO-8601 strings, customers sorted by id.
 *
 * @example
 * import type { EncodedState } from 'loyalty-streaks'
 * const size = (document: EncodedState): number => document.customers.length
 *
 * @since 0.1.0
 */
export interface EncodedState {
  /** The schema this document was written in. */
  readonly schemaVersion: typeof SCHEMA_VERSION
  /** The target definition. */
  readonly target: Readonly<Record<string, unknown>>
  /** The watermark as an ISO-8601 instant, or null before the first `advance`. */
  readonly watermark: string | null
  /** One record per customer, in ascending customer id. */
  readonly customers: ReadonlyArray<Readonly<Record<string, unknown>>>
}

/**
 * A target definition as plain JSON.
 *
 * @example
 * import type { EncodedTarget } from 'loyalty-streaks'
 * const name = (document: EncodedTarget): unknown => document.target['name']
 *
 * @since 0.2.0
 */
export interface EncodedTarget {
  /** The schema this document was written in. */
  readonly schemaVersion: typeof SCHEMA_VERSION
  /** The definition's fields. */
  readonly target: Readonly<Record<string, unknown>>
}

/** Customers a state may hold (far more than any host keeps in one document). */
const MAX_CUSTOMERS = 10_000_000

// operations

/**
 * The JSON form of a state (pass it to `JSON.stringify`).
 *
 * @example
 * import { applyAll, decodeState, defineMilestone, encodeState, initialState } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const target = defineMilestone({
 *   targetGroupId: 501, targetId: 1, metric: 'COUNT', goal: 2, allocation: 'PERIOD_END',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') }],
 * })
 * if (E.isLeft(target)) throw new Error(target.left.message)
 * const { state } = applyAll(initialState(target.right), [
 *   { kind: 'enroll', customerId: 7, now: new Date('2026-01-05T00:00:00Z') },
 * ])
 * const stored = JSON.stringify(encodeState(state))
 * const loaded = decodeState(stored)
 * if (E.isRight(loaded)) console.log(loaded.right.target.targetGroupId) // 501
 *
 * @since 0.1.0
 */
export const encodeState = (state: EnrolmentState): EncodedState => {
  const inside = internals(state)
  return {
    schemaVersion: SCHEMA_VERSION,
    target: targetFields(state.target),
    watermark:
      inside.watermarkAt === Number.NEGATIVE_INFINITY
        ? null
        : new Date(inside.watermarkAt).toISOString(),
    customers: customersInIdOrder(inside.customers).map(customerFields),
  }
}

/** The schema version of a document, if this library reads it. */
export const schemaVersionOf = (raw: Readonly<Record<string, unknown>>): SchemaVersion => {
  const version = field(raw, 'schemaVersion', 'schemaVersion')
  return version === 1 || version === 2 || version === 3
    ? version
    : refuse('schemaVersion', `must be 1, 2 or ${SCHEMA_VERSION}`)
}

/**
 * A state from its JSON form (text or parsed), or the path of the first problem. A truncated,
 * tampered or unknown-version document is refused whole, as is one holding a record no sequence of
 * operations could have produced. Documents of every earlier schema version are read.
 *
 * @example
 * import { decodeState } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const loaded = decodeState('{"schemaVersion": 2, "target": {}}')
 * if (E.isLeft(loaded)) console.log(loaded.left.path, loaded.left.message)
 *
 * @since 0.1.0
 */
export const decodeState = (document: unknown): E.Either<DecodeError, EnrolmentState> =>
  decoded(() => {
    const raw = record(parsed(document), '')
    const version = schemaVersionOf(raw)
    const target = readTarget(field(raw, 'target', 'target'), 'target')
    const context = contextOf(target)
    // Schema 1 moved its watermark with every operation; only `advance` moves it now.
    const watermark = optionalInstant(
      field(
        raw,
        version === 1 ? 'advancedTo' : 'watermark',
        version === 1 ? 'advancedTo' : 'watermark',
      ),
      version === 1 ? 'advancedTo' : 'watermark',
    )
    const key = version === 1 ? 'enrolments' : 'customers'
    const records: Array<Customer> = []
    let settlesFrom = Number.POSITIVE_INFINITY
    let previous = 0
    list(field(raw, key, key), key, MAX_CUSTOMERS).forEach((value, i) => {
      const customer = readCustomer(value, `${key}[${i}]`, context, version, watermark)
      if (customer.customerId <= previous)
        refuse(`${key}[${i}].customerId`, 'must be above the one before it (in order, each once)')
      previous = customer.customerId
      settlesFrom = Math.min(settlesFrom, nextSettlement(context, customer))
      records.push(customer)
    })
    return stateOf(
      target,
      setCustomers(emptyCustomerMap<Customer>(), records),
      watermark ?? Number.NEGATIVE_INFINITY,
      settlesFrom,
    )
  })

/**
 * A target definition as plain JSON, to store or send a target on its own.
 *
 * @example
 * import { decodeTarget, defineMilestone, encodeTarget } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const target = defineMilestone({
 *   targetGroupId: 501, targetId: 1, metric: 'COUNT', goal: 2, allocation: 'PERIOD_END',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') }],
 * })
 * if (E.isLeft(target)) throw new Error(target.left.message)
 * const same = decodeTarget(JSON.stringify(encodeTarget(target.right)))
 * console.log(E.isRight(same)) // true
 *
 * @since 0.1.0
 */
export const encodeTarget = (target: Target): EncodedTarget => ({
  schemaVersion: SCHEMA_VERSION,
  target: targetFields(target),
})

/**
 * A target definition from its JSON form (text or parsed), re-checked by its smart constructor.
 *
 * @example
 * import { decodeTarget, SCHEMA_VERSION } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const target = decodeTarget({
 *   schemaVersion: SCHEMA_VERSION,
 *   target: {
 *     kind: 'MILESTONE', targetGroupId: 501, targetId: 1, metric: 'COUNT', goal: 2, allocation: 'IMMEDIATE',
 *     cycles: [{ refCode: 'c1', start: '2026-01-01T00:00:00.000Z', end: '2026-02-01T00:00:00.000Z' }],
 *   },
 * })
 * if (E.isLeft(target)) console.log(target.left.path, target.left.message)
 *
 * @since 0.1.0
 */
export const decodeTarget = (document: unknown): E.Either<DecodeError, Target> =>
  decoded(() => {
    const raw = record(parsed(document), '')
    schemaVersionOf(raw)
    return readTarget(field(raw, 'target', 'target'), 'target')
  })
