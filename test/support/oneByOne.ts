// The reference for batches and sessions: each operation applied by the pure call, one by one.
import * as E from 'fp-ts/lib/Either.js'
import {
  applyOperation,
  customerCount,
  encodeState,
  enrolmentOf,
  type EnrolmentState,
  type Operation,
} from '../../src/index.js'

/** What a state says: every customer's enrolment and the clocks (not how the map is laid out). */
export const observe = (state: EnrolmentState) => ({
  watermark: state.watermark,
  size: customerCount(state),
  enrolments: [1, 2, 3, 4].map((id) => enrolmentOf(state, id)),
  encoded: encodeState(state),
})

export interface Played {
  readonly state: EnrolmentState
  readonly events: ReadonlyArray<unknown>
  readonly warnings: ReadonlyArray<unknown>
  readonly errors: ReadonlyArray<unknown>
}

/** The operations applied one by one, each to the state the previous one returned. */
export const oneByOne = (state: EnrolmentState, ops: ReadonlyArray<Operation>): Played =>
  ops.reduce<Played>(
    (acc, op, index) => {
      const result = applyOperation(acc.state, op)
      if (E.isLeft(result))
        return { ...acc, errors: [...acc.errors, { index, error: result.left }] }
      return {
        state: result.right.state,
        events: [...acc.events, ...result.right.events],
        warnings: [...acc.warnings, ...result.right.warnings],
        errors: acc.errors,
      }
    },
    { state, events: [], warnings: [], errors: [] },
  )
