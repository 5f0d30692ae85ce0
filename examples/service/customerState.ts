// A request's state: the target at its watermark, holding the one customer the request is about.
import * as E from 'fp-ts/lib/Either.js'
import {
  advance,
  decodeEnrolment,
  initialState,
  type EnrolmentState,
  type Target,
} from 'loyalty-streaks'
import type { StoredCustomer } from './customerStore.js'

/** The idle state of each target at its latest watermark: built once per watermark, not per request. */
const idle = new WeakMap<Target, { readonly watermark: number; readonly state: EnrolmentState }>()

/** The target with no customer, its clock at `watermark` (rule time.watermark). */
const idleState = (target: Target, watermark: Date | null): EnrolmentState => {
  if (watermark === null) return initialState(target)
  const known = idle.get(target)
  if (known?.watermark === watermark.getTime()) return known.state
  const advanced = advance(initialState(target), watermark)
  // An advance of a state holding nobody only sets its clock: it cannot be refused.
  if (E.isLeft(advanced)) throw new Error(`watermark ${watermark.toISOString()} refused`)
  idle.set(target, { watermark: watermark.getTime(), state: advanced.right.state })
  return advanced.right.state
}

/** The state holding the stored customers; a record the library refuses is a corrupt row. */
export const stateOf = (
  target: Target,
  watermark: Date | null,
  stored: ReadonlyArray<StoredCustomer>,
): EnrolmentState =>
  stored.reduce(
    (state, customer) => {
      const loaded = decodeEnrolment(state, customer.record)
      if (E.isLeft(loaded))
        throw new Error(
          `customer ${customer.customerId}: stored record is corrupt at ${loaded.left.path}: ${loaded.left.message}`,
        )
      return loaded.right
    },
    idleState(target, watermark),
  )
