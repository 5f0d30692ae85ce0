// The clock: the watermark, moved by `advance` only, and each customer's settled instant (rules time.*).
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
  it('time.watermark: the watermark is the latest now given to advance; other operations leave it', () => {
    const { state } = play(
      base(),
      (s) => enroll(s, 1, inCycle(s, 1, 5)),
      (s) => recordActivity(s, 1, { at: inCycle(s, 2, 1) }),
      (s) => unenroll(s, 1, inCycle(s, 2, 2)),
      (s) => reenroll(s, 1, inCycle(s, 2, 3)),
    )
    expect(state.watermark).toEqual(O.none)
    const advanced = right(advance(state, inCycle(base(), 1, 6))).state
    expect(advanced.watermark).toEqual(O.some(inCycle(base(), 1, 6)))
    const later = right(enroll(advanced, 2, inCycle(base(), 2, 9))).state
    expect(later.watermark).toEqual(O.some(inCycle(base(), 1, 6)))
  })

  it('time.watermark: requests for two customers whose nows differ by a few milliseconds both succeed, in either order', () => {
    const t = inCycle(base(), 1, 5)
    const sooner = new Date(t.getTime() - 3)
    for (const [first, second] of [
      [t, sooner],
      [sooner, t],
    ] as const) {
      const { state } = play(
        base(),
        (s) => enroll(s, 1, inCycle(s, 1)),
        (s) => enroll(s, 2, inCycle(s, 1)),
      )
      const one = right(unenroll(state, 1, first))
      const two = right(unenroll(one.state, 2, second))
      expect([...one.events, ...two.events].map((e) => [e.type, e.customerId])).toEqual([
        ['UNENROLLED', 1],
        ['UNENROLLED', 2],
      ])
      const three = right(recordActivity(two.state, 3, { at: sooner }))
      expect(three.warnings.map((w) => w.code)).toEqual(['NOT_ENROLLED'])
      expect(right(enroll(three.state, 3, sooner)).events.map((e) => e.type)).toEqual(['ENROLLED'])
    }
  })

  it.each([
    ['enroll', (s: EnrolmentState) => enroll(s, 2, inCycle(base(), 1, 4))],
    ['unenroll', (s: EnrolmentState) => unenroll(s, 1, inCycle(base(), 1, 4))],
    ['reenroll', (s: EnrolmentState) => reenroll(s, 1, inCycle(base(), 1, 4))],
    ['advance', (s: EnrolmentState) => advance(s, inCycle(base(), 1, 4))],
  ])(
    'time.watermark: %s with a now earlier than the watermark is refused with 300004, and nothing changes',
    (_, operation) => {
      const { state } = play(
        base(),
        (s) => enroll(s, 1, inCycle(s, 1, 3)),
        (s) => advance(s, inCycle(s, 1, 5)),
      )
      expect(left(operation(state))).toMatchObject({ code: 300004, field: 'now' })
    },
  )

  it("time.settled-instant, input.order: unenroll and reenroll earlier than the customer's settled instant are refused with 300004", () => {
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

  it('time.settled-instant: an operation exactly at the settled instant is accepted', () => {
    const { state } = play(
      base(),
      (s) => enroll(s, 1, inCycle(s, 1)),
      (s) => unenroll(s, 1, inCycle(s, 1)),
    )
    expect(right(reenroll(state, 1, inCycle(base(), 1))).events.map((e) => e.type)).toEqual([
      'REENROLLED',
    ])
  })

  it('time.lazy-settlement: every operation on a customer first settles that customer up to its own instant', () => {
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
