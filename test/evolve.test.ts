// The record is written in one place: `evolve(customer, fact)` returns the record after a fact,
// and never changes the record it is given (rule state.immutable).
import { describe, expect, it } from 'vitest'
import { enroll, initialState } from '../src/index.js'
import type { EnrolledEvent } from '../src/model/event.js'
import { evolve } from '../src/rules/evolve.js'
import { deepFreeze } from './support/deepFreeze.js'
import { inCycle, milestoneABC, right } from './support/fixtures.js'

const state = initialState(milestoneABC('IMMEDIATE', { goal: 2 }))
const enrolled = right(enroll(state, 7, inCycle(state, 2, 5))).events[0] as EnrolledEvent
const t = inCycle(state, 2, 5).getTime()

describe('evolve', () => {
  it("state.immutable: a new customer's ENROLLED makes its record, taking part from its cycle", () => {
    expect(evolve(undefined, enrolled)).toEqual({
      status: 'ENROLLED',
      customerId: 7,
      version: 0,
      startCycle: 2,
      since: t,
      settledAt: t,
      endedCycles: 0,
      closedCycles: 0,
      graceCycles: [],
      anchor: undefined,
      cycleEnds: [],
      progress: [],
      streak: undefined,
      fromCycle: undefined,
    })
  })

  it('state.immutable: any other fact needs a record to write', () => {
    expect(() => evolve(undefined, { type: 'SETTLED_UNTIL', at: t })).toThrow(
      'SETTLED_UNTIL needs a customer record',
    )
  })

  it('state.immutable: the record given is never changed; the record returned holds the fact', () => {
    const record = deepFreeze(evolve(undefined, enrolled))
    const after = evolve(record, {
      type: 'ACTIVITY_COUNTED',
      cycle: 2,
      at: t + 1,
      value: 1,
      visit: undefined,
    })
    expect(record.progress).toEqual([])
    expect(after.progress).toEqual([
      {
        cycle: 2,
        value: 1,
        achievedAt: undefined,
        reversed: false,
        rewarded: false,
        subTargets: [],
        visits: [],
      },
    ])
    expect(after.settledAt).toBe(t + 1)
  })
})
