/**
 * One customer's record as versioned JSON, for hosts that store a row per customer (rules codec.*).
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { isPositiveSafeInteger } from '../internal/guards.js'
import { nextSettlement } from '../rules/settle.js'
import { contextOf } from '../runtime/contextOf.js'
import { getCustomer, setCustomer } from '../runtime/customerMap.js'
import { internals, stateOf, type EnrolmentState } from '../runtime/state.js'
import { customerFields, readCustomer, SCHEMA_VERSION } from './customerJson.js'
import { decoded, field, parsed, record, type DecodeError } from './json.js'
import { schemaVersionOf } from './stateCodec.js'

// model

/**
 * One customer's record as plain JSON.
 *
 * @example
 * import type { EncodedEnrolment } from 'loyalty-streaks'
 * const version = (row: EncodedEnrolment): unknown => row.customer['version']
 *
 * @since 0.2.0
 */
export interface EncodedEnrolment {
  /** The schema this record was written in. */
  readonly schemaVersion: typeof SCHEMA_VERSION
  /** The customer's record, `version` included. */
  readonly customer: Readonly<Record<string, unknown>>
}

// operations

/**
 * The JSON form of one customer's record (pass it to `JSON.stringify`), or none if the state does
 * not hold the customer. It carries the record's `version`, for a compare-and-set write.
 *
 * @example
 * import { applyAll, defineMilestone, encodeEnrolment, initialState } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as O from 'fp-ts/lib/Option.js'
 * const target = defineMilestone({
 *   targetGroupId: 501, targetId: 1, metric: 'COUNT', goal: 2, allocation: 'PERIOD_END',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') }],
 * })
 * if (E.isLeft(target)) throw new Error(target.left.message)
 * const { state } = applyAll(initialState(target.right), [
 *   { kind: 'enroll', customerId: 7, now: new Date('2026-01-05T00:00:00Z') },
 * ])
 * const row = encodeEnrolment(state, 7)
 * if (O.isSome(row)) console.log(row.value.customer['version']) // 1
 *
 * @since 0.2.0
 */
export const encodeEnrolment = (
  state: EnrolmentState,
  customerId: number,
): O.Option<EncodedEnrolment> => {
  if (!isPositiveSafeInteger(customerId)) return O.none
  const customer = getCustomer(internals(state).customers, customerId)
  return customer === undefined
    ? O.none
    : O.some({ schemaVersion: SCHEMA_VERSION, customer: customerFields(customer) })
}

/**
 * `state` with one customer's record read from its JSON form (text or parsed) — replacing any record
 * the state holds for that customer — or the path of the first problem. The record is checked as
 * `decodeState` checks every record, against the state's target, but for the watermark: a record
 * behind it is taken, and settled by the next operation on the customer or the next `advance`
 * (rule codec.enrolment-lag).
 *
 * @example
 * import { applyAll, decodeEnrolment, defineMilestone, encodeEnrolment, initialState } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as O from 'fp-ts/lib/Option.js'
 * const target = defineMilestone({
 *   targetGroupId: 501, targetId: 1, metric: 'COUNT', goal: 2, allocation: 'PERIOD_END',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') }],
 * })
 * if (E.isLeft(target)) throw new Error(target.left.message)
 * const { state } = applyAll(initialState(target.right), [
 *   { kind: 'enroll', customerId: 7, now: new Date('2026-01-05T00:00:00Z') },
 * ])
 * const row = encodeEnrolment(state, 7)
 * // Later, for a request about customer 7: an empty state of the target, plus the stored row.
 * if (O.isSome(row)) {
 *   const loaded = decodeEnrolment(initialState(target.right), JSON.stringify(row.value))
 *   if (E.isRight(loaded)) console.log('ready for the request')
 * }
 *
 * @since 0.2.0
 */
export const decodeEnrolment = (
  state: EnrolmentState,
  document: unknown,
): E.Either<DecodeError, EnrolmentState> =>
  decoded(() => {
    const raw = record(parsed(document), '')
    const version = schemaVersionOf(raw)
    const inside = internals(state)
    const context = contextOf(state.target)
    const customer = readCustomer(field(raw, 'customer', 'customer'), 'customer', context, version)
    return stateOf(
      inside.target,
      setCustomer(inside.customers, customer),
      inside.watermarkAt,
      Math.min(inside.settlesFrom, nextSettlement(context, customer)),
    )
  })
