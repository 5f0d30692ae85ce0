// applyAll: a batch behaves exactly as the operations one by one, and never changes a state it
// was given or returned.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyAll, initialState, type Operation } from '../src/index.js'
import { operations, targets } from '../src/testing/index.js'
import { deepFreeze } from './support/deepFreeze.js'
import { observe, oneByOne } from './support/oneByOne.js'

const stories = targets().chain((target) =>
  fc.tuple(
    fc.constant(target),
    operations(target, { customers: 4, maxLength: 40 }),
    operations(target, { customers: 4, maxLength: 20 }),
  ),
)

describe('applyAll', () => {
  it('gives the same state, events, warnings and refusals as the operations one by one', () => {
    fc.assert(
      fc.property(stories, ([target, ops]) => {
        const start = initialState(target)
        const batch = applyAll(start, ops)
        const single = oneByOne(start, ops)
        expect(batch.events).toEqual(single.events)
        expect(batch.warnings).toEqual(single.warnings)
        expect(batch.errors).toEqual(single.errors)
        expect(observe(batch.state)).toEqual(observe(single.state))
      }),
    )
  })

  it('never changes the state it was given, deep-frozen or not, nor a state it returned', () => {
    fc.assert(
      fc.property(stories, ([target, first, second]) => {
        const given = deepFreeze(applyAll(initialState(target), first).state)
        const before = observe(given)
        const next = applyAll(given, second)
        expect(observe(given)).toEqual(before)
        const seen = observe(next.state)
        applyAll(next.state, first)
        applyAll(next.state, second)
        oneByOne(next.state, first)
        expect(observe(next.state)).toEqual(seen)
      }),
    )
  })

  it('reports a refused operation by its index, and goes on', () => {
    fc.assert(
      fc.property(stories, ([target, ops]) => {
        const bad: Operation = { kind: 'unenroll', customerId: -1, now: new Date(0) }
        const { errors } = applyAll(initialState(target), [...ops, bad])
        expect(errors.at(-1)?.index).toBe(ops.length)
        expect(errors.at(-1)?.error.code).toBe(310011)
      }),
    )
  })
})
