// The rules' invariants as properties over generated stories of every kind of target
// (src/testing arbitraries): rules activity.cycle-once, settle.period-end, grace.settlement,
// advance.confluence, state.immutable, event.key, event.order.
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  cyclesOf,
  initialState,
  type EnrolmentEvent,
  type EnrolmentState,
  type Target,
} from '../src/index.js'
import { applyOperation, operations, targets, type Operation } from '../src/testing/index.js'
import { deepFreeze } from './support/deepFreeze.js'

const RUNS = Number(process.env.PROPERTY_RUNS ?? 300)

/** Plays a story; returns every call's outcome (error code or events) and all events in order. */
const playStory = (target: Target, ops: ReadonlyArray<Operation>, freeze = false) => {
  let state: EnrolmentState = initialState(target)
  const outcomes: Array<number | ReadonlyArray<EnrolmentEvent>> = []
  const events: Array<EnrolmentEvent> = []
  for (const op of ops) {
    if (freeze) deepFreeze(state)
    const result = applyOperation(state, op)
    if (E.isLeft(result)) {
      outcomes.push(result.left.code)
      continue
    }
    outcomes.push(result.right.events)
    events.push(...result.right.events)
    state = result.right.state
  }
  return { outcomes, events, state }
}

const stories = targets().chain((target) =>
  fc.tuple(fc.constant(target), operations(target, { customers: 2, maxLength: 60 })),
)

const rewardIdentity = (
  e: EnrolmentEvent & { readonly type: 'REWARD_ISSUED' | 'REWARD_FORFEITED' },
) =>
  e.level === undefined
    ? `${e.customerId}|cycle ${e.cycle}`
    : `${e.customerId}|epoch ${e.epoch}|level ${e.level}`

const isReward = (
  e: EnrolmentEvent,
): e is EnrolmentEvent & { readonly type: 'REWARD_ISSUED' | 'REWARD_FORFEITED' } =>
  e.type === 'REWARD_ISSUED' || e.type === 'REWARD_FORFEITED'

/**
 * Was the customer taking part in the reward's cycle at `instant`? Their status then is the last
 * enrolment, re-enrolment or unenrolment before that instant, or at that instant but earlier in the
 * stream (operations at one instant happen in call order).
 */
const takingPart = (
  events: ReadonlyArray<EnrolmentEvent>,
  index: number,
  instant: number,
  strictlyBefore: boolean,
): boolean => {
  const reward = events[index] as EnrolmentEvent & { readonly cycle: number }
  const last = events
    .filter(
      (e, i) =>
        e.customerId === reward.customerId &&
        (e.type === 'ENROLLED' || e.type === 'REENROLLED' || e.type === 'UNENROLLED') &&
        (e.at.getTime() < instant || (!strictlyBefore && e.at.getTime() === instant && i < index)),
    )
    .at(-1)
  return (
    last !== undefined &&
    last.type !== 'UNENROLLED' &&
    'cycle' in last &&
    last.cycle <= reward.cycle
  )
}

describe('invariants', () => {
  it('activity.cycle-once, activity.level-once: a milestone cycle is rewarded at most once per customer; a streak level at most once per epoch', () => {
    fc.assert(
      fc.property(stories, ([target, ops]) => {
        const issued = playStory(target, ops).events.filter((e) => e.type === 'REWARD_ISSUED')
        const identities = issued.filter(isReward).map(rewardIdentity)
        expect(new Set(identities).size).toBe(identities.length)
      }),
      { numRuns: RUNS },
    )
  })

  it("settle.period-end, grace.settlement: a reward takes effect in its cycle while the customer is in it — PERIOD_END at the cycle's close, for a customer in it at its end — and only after its achievement", () => {
    fc.assert(
      fc.property(stories, ([target, ops]) => {
        const { events, state } = playStory(target, ops)
        const grace = target.graceDays * 86_400_000
        events.forEach((e, index) => {
          if (e.type !== 'REWARD_ISSUED') return
          const cycle = cyclesOf(state, e.customerId)[e.cycle - 1]
          if (cycle === undefined) throw new Error(`reward for unknown cycle ${e.cycle}`)
          const at = e.at.getTime()
          const start = cycle.start.getTime()
          const end = cycle.end?.getTime() ?? Number.POSITIVE_INFINITY
          const achieved = events.some(
            (a) =>
              a.type === 'CYCLE_ACHIEVED' &&
              a.customerId === e.customerId &&
              a.cycle === e.cycle &&
              a.at.getTime() <= at,
          )
          expect(achieved).toBe(true)
          if (e.allocation === 'PERIOD_END') {
            // No reward for a cycle before its close unless it is IMMEDIATE (rule advance.confluence).
            expect(at).toBe(end + grace)
            expect(takingPart(events, index, end, true)).toBe(true)
          } else if (e.level === undefined) {
            // A PERIOD_AGNOSTIC cycle ends at the activity that achieves it: its reward comes then.
            if (target.window.type === 'PERIOD_AGNOSTIC') expect(at).toBe(end)
            else expect(start <= at && at < end).toBe(true)
            expect(takingPart(events, index, at, false)).toBe(true)
          } else if (target.graceDays === 0) expect(takingPart(events, index, at, false)).toBe(true)
        })
      }),
      { numRuns: RUNS },
    )
  })

  it('unenroll.5, event.forfeit-key: IMMEDIATE rewards are never undone: no forfeit of an IMMEDIATE reward or of one already issued', () => {
    fc.assert(
      fc.property(stories, ([target, ops]) => {
        const { events } = playStory(target, ops)
        const issued = new Set(
          events.flatMap((e) => (e.type === 'REWARD_ISSUED' ? [e.idempotencyKey] : [])),
        )
        for (const e of events)
          if (e.type === 'REWARD_FORFEITED') {
            expect(e.allocation).toBe('PERIOD_END')
            expect(issued.has(e.idempotencyKey)).toBe(false)
          }
      }),
      { numRuns: RUNS },
    )
  })

  it('advance.confluence: inserting advance calls at non-decreasing instants leaves the set of events unchanged', () => {
    fc.assert(
      fc.property(
        stories.chain(([target, ops]) =>
          fc.tuple(
            fc.constant(target),
            fc.constant(ops),
            fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true })), {
              maxLength: 8,
            }),
          ),
        ),
        ([target, ops, insertions]) => {
          // An advance may go between two operations at an instant no earlier than the clock so far and
          // no later than anything after it (else it would close a cycle an activity still needs).
          const withAdvances: Array<Operation> = []
          let clock = Number.NEGATIVE_INFINITY
          ops.forEach((op, i) => {
            const later = ops
              .slice(i)
              .map((o) => (o.kind === 'activity' ? o.activity.at : o.now).getTime())
            const ceiling = Math.min(...later)
            for (const [at, fraction] of insertions)
              if (at % (ops.length + 1) === i && Number.isFinite(clock) && ceiling >= clock)
                withAdvances.push({
                  kind: 'advance',
                  now: new Date(Math.floor(clock + (ceiling - clock) * fraction)),
                })
            withAdvances.push(op)
            if (op.kind !== 'activity') clock = Math.max(clock, op.now.getTime())
          })
          // Both stories end with an advance past every cycle's close (a year on), so everything owed
          // has been heard of.
          const lastEnd = target.cycles.at(-1)?.end.getTime() ?? 0
          const end: Operation = {
            kind: 'advance',
            now: new Date(Math.max(clock, lastEnd) + 365 * 86_400_000),
          }
          const canonical = (events: ReadonlyArray<EnrolmentEvent>) =>
            events.map((e) => JSON.stringify(e)).sort()
          const plain = playStory(target, [...ops, end])
          const advanced = playStory(target, [...withAdvances, end])
          expect(canonical(advanced.events)).toEqual(canonical(plain.events))
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('the same inputs give deep-equal outputs, and a deep-frozen input is never touched', () => {
    fc.assert(
      fc.property(stories, ([target, ops]) => {
        const first = playStory(target, ops)
        const frozen = playStory(deepFreeze(target), ops, true)
        expect(frozen.outcomes).toEqual(first.outcomes)
        expect(frozen.state).toEqual(first.state)
      }),
      { numRuns: RUNS },
    )
  })

  it('event.key: idempotency keys are equal exactly when the logical reward is the same', () => {
    fc.assert(
      fc.property(stories, ([target, ops]) => {
        const rewards = playStory(target, ops).events.filter(isReward)
        const keyOf = new Map<string, string>()
        const identityOf = new Map<string, string>()
        for (const e of rewards) {
          const identity = rewardIdentity(e)
          expect(keyOf.get(identity) ?? e.idempotencyKey).toBe(e.idempotencyKey)
          expect(identityOf.get(e.idempotencyKey) ?? identity).toBe(identity)
          keyOf.set(identity, e.idempotencyKey)
          identityOf.set(e.idempotencyKey, identity)
        }
      }),
      { numRuns: RUNS },
    )
  })

  it('event.order: events in every result are ordered by at', () => {
    fc.assert(
      fc.property(stories, ([target, ops]) => {
        for (const outcome of playStory(target, ops).outcomes)
          if (typeof outcome !== 'number')
            outcome.slice(1).forEach((e, i) => {
              expect(e.at.getTime()).toBeGreaterThanOrEqual(
                (outcome[i] as EnrolmentEvent).at.getTime(),
              )
            })
      }),
      { numRuns: RUNS },
    )
  })
})
