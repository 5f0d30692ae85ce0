// rules state.immutable, state.dates-are-values: inputs are never mutated; the same inputs give deep-equal outputs.
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  advance,
  enroll,
  initialState,
  recordActivity,
  reenroll,
  unenroll,
  type EnrolmentState,
} from '../src/index.js'
import { deepFreeze } from './support/deepFreeze.js'
import { cycleOf, inCycle, milestoneABC, play, right, streakXYZ } from './support/fixtures.js'

const story = (start: EnrolmentState) =>
  play(
    start,
    (s) => enroll(s, 1, inCycle(s, 1)),
    (s) => enroll(s, 2, inCycle(s, 1, 1), { initialBalance: 1 }),
    (s) => recordActivity(s, 1, { at: inCycle(s, 1, 2) }),
    (s) => recordActivity(s, 1, { at: inCycle(s, 1, 3) }),
    (s) => unenroll(s, 2, inCycle(s, 1, 4)),
  )

describe('purity', () => {
  for (const [label, make] of [
    ['milestone PERIOD_END', () => milestoneABC('PERIOD_END', { goal: 2 })],
    ['milestone IMMEDIATE', () => milestoneABC('IMMEDIATE', { goal: 2 })],
    ['streak', () => streakXYZ()],
  ] as const) {
    it(`does not mutate a deep-frozen state, on a ${label}`, () => {
      const { state } = story(initialState(make()))
      const frozen = deepFreeze(state)
      const snapshot = structuredClone(state)
      const operations = [
        () => enroll(frozen, 3, inCycle(frozen, 2)),
        () => enroll(frozen, 1, inCycle(frozen, 2)),
        () => unenroll(frozen, 1, inCycle(frozen, 3)),
        () => reenroll(frozen, 2, inCycle(frozen, 2), { resetStreakStatus: true }),
        () => recordActivity(frozen, 1, { at: inCycle(frozen, 2, 5) }),
        () => advance(frozen, cycleOf(frozen, 4).end),
      ]
      for (const operation of operations) operation()
      expect(frozen).toEqual(snapshot)
    })

    it(`gives deep-equal outputs for the same inputs, on a ${label}`, () => {
      expect(story(initialState(make()))).toEqual(story(initialState(make())))
      const { state } = story(initialState(make()))
      expect(advance(state, cycleOf(state, 5).end)).toEqual(advance(state, cycleOf(state, 5).end))
    })
  }

  describe('never reads the clock', () => {
    afterEach(() => {
      vi.useRealTimers()
    })

    it('time.no-clock: gives the same results whatever the system time', () => {
      const run = () => {
        const { state, events } = story(initialState(streakXYZ()))
        return { events, next: advance(state, cycleOf(state, 6).end) }
      }
      vi.useFakeTimers({ now: new Date('2001-01-01T00:00:00Z') })
      const early = run()
      vi.setSystemTime(new Date('2099-12-31T23:59:59Z'))
      expect(run()).toEqual(early)
    })
  })

  it('activity.changes-nothing: returns the state unchanged, not a copy, when an activity is not counted', () => {
    const { state } = story(initialState(milestoneABC('IMMEDIATE')))
    expect(right(recordActivity(state, 99, { at: inCycle(state, 1, 5) })).state).toBe(state)
  })
})
