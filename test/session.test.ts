// openSession: a stream applied in place behaves exactly as the operations one by one, and every
// state it publishes stays as it was published, whatever the session does next.
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  applyAll,
  encodeState,
  initialState,
  openSession,
  type EnrolmentState,
  type Operation,
  type Session,
} from '../src/index.js'
import { operations, targets } from '../src/testing/index.js'
import { deepFreeze } from './support/deepFreeze.js'
import { observe, oneByOne, type Played } from './support/oneByOne.js'

const stories = targets().chain((target) =>
  fc.tuple(
    fc.constant(target),
    operations(target, { customers: 4, maxLength: 40 }),
    operations(target, { customers: 4, maxLength: 20 }),
  ),
)

/** Applies `ops` through the session, collected as the reference collects them. */
const play = (session: Session, ops: ReadonlyArray<Operation>): Omit<Played, 'state'> => {
  const events: Array<unknown> = []
  const warnings: Array<unknown> = []
  const errors: Array<unknown> = []
  ops.forEach((op, index) => {
    const effect = session.apply(op)
    if (E.isLeft(effect)) errors.push({ index, error: effect.left })
    else {
      events.push(...effect.right.events)
      warnings.push(...effect.right.warnings)
    }
  })
  return { events, warnings, errors }
}

/**
 * Plays `ops` through a session opened on `start`, and checks its events, warnings, refusals and
 * published state against the pure calls one by one.
 */
const expectAsOneByOne = (start: EnrolmentState, ops: ReadonlyArray<Operation>): void => {
  const session = openSession(start)
  const played = play(session, ops)
  const single = oneByOne(start, ops)
  expect(played).toEqual({
    events: single.events,
    warnings: single.warnings,
    errors: single.errors,
  })
  expect(observe(session.state())).toEqual(observe(single.state))
  expect(encodeState(session.state())).toEqual(encodeState(single.state))
}

describe('openSession', () => {
  it('gives the same events, warnings, refusals and state as the operations one by one', () => {
    fc.assert(
      fc.property(stories, ([target, ops]) => {
        expectAsOneByOne(initialState(target), ops)
      }),
    )
  })

  it('publishes mid-stream the state so far, and never changes a state it published', () => {
    fc.assert(
      fc.property(stories, ([target, first, second]) => {
        const start = initialState(target)
        const session = openSession(start)
        play(session, first)
        const published = session.state()
        const single = oneByOne(start, first)
        expect(encodeState(published)).toEqual(encodeState(single.state))
        const seen = JSON.stringify(encodeState(published))
        const rest = play(session, second)
        expect(JSON.stringify(encodeState(published))).toBe(seen)
        // The session went on from the published state, as the pure calls would.
        const after = oneByOne(single.state, second)
        expect(rest.events).toEqual(after.events)
        expect(encodeState(session.state())).toEqual(encodeState(after.state))
      }),
    )
  })

  it('never changes the state it was opened on, even deep-frozen', () => {
    fc.assert(
      fc.property(stories, ([target, first, second]) => {
        const given = deepFreeze(applyAll(initialState(target), first).state)
        const seen = JSON.stringify(encodeState(given))
        const session = openSession(given)
        play(session, second)
        session.state()
        play(session, first)
        expect(JSON.stringify(encodeState(given))).toBe(seen)
      }),
    )
  })

  it('agrees with the pure calls over more customers than a map keeps as recent records', () => {
    // A pure call's write joins the map's recent records (at most 16) until one more moves them all
    // into the trie; a session's publish writes the trie. 40 customers cross that line both ways.
    const many = targets().chain((target) =>
      fc.tuple(
        fc.constant(target),
        operations(target, { customers: 40, maxLength: 150 }),
        operations(target, { customers: 40, maxLength: 80 }),
      ),
    )
    fc.assert(
      fc.property(many, ([target, first, second]) => {
        expectAsOneByOne(deepFreeze(oneByOne(initialState(target), first).state), second)
      }),
      { numRuns: 60 },
    )
  })

  it('publishes the very state it was opened on while nothing has changed', () => {
    const start = initialState(
      fc.sample(targets(), { numRuns: 1, seed: 7 })[0] as Parameters<typeof initialState>[0],
    )
    const session = openSession(start)
    expect(session.state()).toBe(start)
    const refused = session.apply({ kind: 'unenroll', customerId: 0, now: new Date(0) })
    expect(E.isLeft(refused) && refused.left.code).toBe(310011)
    expect(session.state()).toBe(start)
  })
})
