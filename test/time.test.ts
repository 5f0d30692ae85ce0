// SPEC §2: the watermark and each customer's settled instant.
import * as O from 'fp-ts/lib/Option.js'
import { describe, expect, it } from 'vitest'
import {
  advance,
  enroll,
  initialState,
  recordActivity,
  reenroll,
  unenroll,
  type EnrolmentState,
} from '../src/index.js'
import { cycleOf, inCycle, left, milestoneABC, play, right } from './support/fixtures.js'

const base = () => initialState(milestoneABC('PERIOD_END', { goal: 1 }))

describe('time', () => {
  it('the watermark is the latest now given to enroll, unenroll, reenroll or advance', () => {
    const { state } = play(
      base(),
      (s) => enroll(s, 1, inCycle(s, 1, 5)),
      (s) => recordActivity(s, 1, { at: inCycle(s, 2, 1) }),
    )
    expect(state.watermark).toEqual(O.some(inCycle(base(), 1, 5)))
  })

  it.each([
    ['enroll', (s: EnrolmentState) => enroll(s, 2, inCycle(base(), 1, 4))],
    ['unenroll', (s: EnrolmentState) => unenroll(s, 1, inCycle(base(), 1, 4))],
    ['reenroll', (s: EnrolmentState) => reenroll(s, 1, inCycle(base(), 1, 4))],
    ['advance', (s: EnrolmentState) => advance(s, inCycle(base(), 1, 4))],
  ])('%s with a now earlier than the watermark is refused with 300004', (_, operation) => {
    const { state } = play(base(), (s) => enroll(s, 1, inCycle(s, 1, 5)))
    expect(left(operation(state))).toMatchObject({ code: 300004, field: 'now' })
  })

  it("unenroll and reenroll earlier than the customer's settled instant are refused with 300004", () => {
    const { state } = play(
      base(),
      (s) => enroll(s, 1, inCycle(s, 1)),
      (s) => recordActivity(s, 1, { at: inCycle(s, 3, 1) }),
    )
    expect(left(unenroll(state, 1, inCycle(base(), 2, 1)))).toMatchObject({
      code: 300004,
      field: 'now',
    })
    // Time is checked before state: 300004 comes before the 310119 of an enrolled customer.
    expect(left(reenroll(state, 1, inCycle(base(), 2, 1)))).toMatchObject({
      code: 300004,
      field: 'now',
    })
    expect(left(reenroll(state, 1, inCycle(base(), 3, 1))).code).toBe(310119)
  })

  it('an operation exactly at the settled instant is accepted', () => {
    const { state } = play(
      base(),
      (s) => enroll(s, 1, inCycle(s, 1)),
      (s) => unenroll(s, 1, inCycle(s, 1)),
    )
    expect(right(reenroll(state, 1, inCycle(base(), 1))).events.map((e) => e.type)).toEqual([
      'REENROLLED',
    ])
  })

  it('every operation on a customer first settles that customer up to its own instant', () => {
    const { state } = play(
      base(),
      (s) => enroll(s, 1, inCycle(s, 1)),
      (s) => recordActivity(s, 1, { at: inCycle(s, 1, 1) }),
    )
    const t = right(unenroll(state, 1, cycleOf(base(), 4).start))
    expect(t.events.map((e) => [e.type, e.cycle])).toEqual([
      ['REWARD_ISSUED', 1],
      ['UNENROLLED', 4],
    ])
  })
})
