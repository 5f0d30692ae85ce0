// The example of docs/testing.md: property-testing an integration with loyalty-streaks/testing.
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { initialState, type EnrolmentEvent } from '../src/index.js'
import { applyOperation, operations, targets } from '../src/testing/index.js'

/** A host's payout ledger: pays each reward once, however often its events are delivered. */
class PayoutLedger {
  readonly paid = new Map<string, EnrolmentEvent>()
  apply(events: ReadonlyArray<EnrolmentEvent>): void {
    for (const e of events)
      if (e.type === 'REWARD_ISSUED' && !this.paid.has(e.idempotencyKey))
        this.paid.set(e.idempotencyKey, e)
  }
}

describe('loyalty-streaks/testing', () => {
  it('lets a host prove its ledger pays every issued reward exactly once under at-least-once delivery', () => {
    fc.assert(
      fc.property(
        targets().chain((target) => fc.tuple(fc.constant(target), operations(target))),
        ([target, ops]) => {
          const ledger = new PayoutLedger()
          const issued: Array<EnrolmentEvent> = []
          let state = initialState(target)
          for (const op of ops) {
            const result = applyOperation(state, op)
            if (E.isLeft(result)) continue
            state = result.right.state
            issued.push(...result.right.events.filter((e) => e.type === 'REWARD_ISSUED'))
            ledger.apply(result.right.events)
            ledger.apply(result.right.events) // delivered twice
          }
          expect([...ledger.paid.values()]).toEqual(issued)
        },
      ),
    )
  })
})
