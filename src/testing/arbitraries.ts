// Arbitraries of targets, cycles, instants, activities and operation sequences (fast-check).
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import type { Activity } from '../runtime/recordActivity.js'
import type { Operation } from '../runtime/applyAll.js'
import { defineMilestone } from '../definition/defineMilestone.js'
import { defineStreak } from '../definition/defineStreak.js'
import type { MilestoneTarget, StreakTarget, Target } from '../model/target.js'
import type { CycleInput } from '../definition/targetInput.js'

// model

const HOUR = 3_600_000
const DAY = 24 * HOUR
const ORIGIN = Date.UTC(2026, 0, 1)

/** Bounds of {@link cycleInputs}. */
export interface CycleInputsOptions {
  readonly minCycles?: number
  /** At most 100 (SPEC §1). */
  readonly maxCycles?: number
}

/** Bounds of {@link operations}. */
export interface OperationsOptions {
  /** Customer ids are drawn from 1…customers. */
  readonly customers?: number
  readonly maxLength?: number
}

// arbitraries

/**
 * Sorted, non-overlapping cycles `c1…cN` from 1 January 2026 UTC, from an hour to ten days long,
 * back to back or with gaps.
 */
export const cycleInputs = (
  options: CycleInputsOptions = {},
): fc.Arbitrary<ReadonlyArray<CycleInput>> =>
  fc
    .array(
      fc.record({
        gap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 * DAY })),
        length: fc.integer({ min: HOUR, max: 10 * DAY }),
      }),
      { minLength: options.minCycles ?? 1, maxLength: Math.min(options.maxCycles ?? 8, 100) },
    )
    .map((shapes) => {
      let t = ORIGIN
      return shapes.map(({ gap, length }, i) => {
        const start = t + gap
        t = start + length
        return { refCode: `c${i + 1}`, start: new Date(start), end: new Date(t) }
      })
    })

const right = <A>(result: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(result)) throw new Error(`arbitrary built an invalid target: ${result.left.message}`)
  return result.right
}

/** Valid milestones of both allocation types, COUNT or SUM. */
export const milestones = (options: CycleInputsOptions = {}): fc.Arbitrary<MilestoneTarget> =>
  fc
    .record({
      cycles: cycleInputs(options),
      metric: fc.constantFrom('COUNT' as const, 'SUM' as const),
      goal: fc.integer({ min: 1, max: 4 }),
      allocation: fc.constantFrom('IMMEDIATE' as const, 'PERIOD_END' as const),
    })
    .map((input) => right(defineMilestone({ targetGroupId: 1, targetId: 1, ...input })))

/** Valid streaks, continuous or not, with 1 to 3 ascending levels, none above 4 or the cycle count. */
export const streaks = (options: CycleInputsOptions = {}): fc.Arbitrary<StreakTarget> =>
  cycleInputs({ minCycles: 2, ...options }).chain((cycles) =>
    fc
      .record({
        metric: fc.constantFrom('COUNT' as const, 'SUM' as const),
        goal: fc.integer({ min: 1, max: 2 }),
        streakType: fc.constantFrom('CONTINUOUS' as const, 'NON_CONTINUOUS' as const),
        // Low levels mostly, so that stories reach them, lose them and reach them again.
        levels: fc
          .uniqueArray(fc.integer({ min: 1, max: Math.min(cycles.length, 4) }), {
            minLength: 1,
            maxLength: 3,
          })
          .map((levels) => [...levels].sort((a, b) => a - b)),
      })
      .map((input) => right(defineStreak({ targetGroupId: 2, targetId: 1, cycles, ...input }))),
  )

/** Milestones and streaks. */
export const targets = (options: CycleInputsOptions = {}): fc.Arbitrary<Target> =>
  fc.oneof(milestones(options), streaks(options))

/** Instants near the target's cycle boundaries: exactly on one, a millisecond either side, or within. */
export const instantsAround = (target: Target): fc.Arbitrary<Date> => {
  const boundaries = target.cycles.flatMap((c) => [c.start.getTime(), c.end.getTime()])
  return fc
    .tuple(
      fc.constantFrom(...boundaries),
      fc.oneof(fc.constantFrom(-1, 0, 1), fc.integer({ min: -2 * DAY, max: 2 * DAY })),
    )
    .map(([boundary, offset]) => new Date(boundary + offset))
}

/** Activities of a target: at instants around its cycles, with a positive value for SUM. */
export const activities = (target: Target): fc.Arbitrary<Activity> =>
  fc.record({
    at: instantsAround(target),
    value: fc.integer({ min: 1, max: 3 }),
  })

/**
 * Sequences of operations on a target by a few customers. A clock walks through the cycles in small
 * steps, exact boundaries and a millisecond either side; enrol, unenrol, re-enrol and advance happen
 * at the clock (so most are accepted), activities near it, a little before or after.
 */
export const operations = (
  target: Target,
  options: OperationsOptions = {},
): fc.Arbitrary<ReadonlyArray<Operation>> => {
  const customerId = fc.integer({ min: 1, max: options.customers ?? 2 })
  const period = fc.option(fc.constantFrom(...target.cycles.map((c) => c.refCode)), {
    nil: undefined,
    freq: 4,
  })
  const balance = fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined, freq: 4 })
  const action = fc.oneof(
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('enroll' as const), customerId, period, balance }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('unenroll' as const), customerId }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('reenroll' as const),
        customerId,
        period,
        balance,
        reset: fc.boolean(),
      }),
    },
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('activity' as const),
        customerId,
        jitter: fc.oneof(
          { weight: 4, arbitrary: fc.integer({ min: 0, max: HOUR }) },
          { weight: 1, arbitrary: fc.integer({ min: -6 * HOUR, max: 0 }) },
        ),
        value: fc.integer({ min: 1, max: 3 }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const) }) },
  )
  const tick = fc.oneof(
    { weight: 3, arbitrary: fc.constant({ boundary: false, ms: 0 }) },
    {
      weight: 6,
      arbitrary: fc.integer({ min: 1, max: 2 * HOUR }).map((ms) => ({ boundary: false, ms })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 12 * HOUR }).map((ms) => ({ boundary: false, ms })),
    },
    { weight: 2, arbitrary: fc.constantFrom(-1, 0, 1).map((ms) => ({ boundary: true, ms })) },
  )
  const boundaries = target.cycles
    .flatMap((c) => [c.start.getTime(), c.end.getTime()])
    .sort((a, b) => a - b)
  const first = boundaries[0] ?? ORIGIN
  const everyone = Array.from({ length: options.customers ?? 2 }, (_, i) => i + 1)
  const stories = fc.tuple(
    // Most stories begin with some customers enrolled: activity of strangers teaches little.
    fc.subarray(everyone),
    fc.array(fc.tuple(tick, action), { maxLength: options.maxLength ?? 40, size: 'max' }),
  )
  return stories.map(([early, steps]) => {
    let clock = first - HOUR
    const opening = early.map((id): Operation => ({
      kind: 'enroll',
      customerId: id,
      now: new Date(clock),
    }))
    const rest = steps.map(([t, s]): Operation => {
      const next = boundaries.find((b) => b > clock)
      clock = t.boundary && next !== undefined ? Math.max(clock, next + t.ms) : clock + t.ms
      const now = new Date(clock)
      switch (s.kind) {
        case 'enroll':
          return {
            kind: 'enroll',
            customerId: s.customerId,
            now,
            options: withDefined({ period: s.period, initialBalance: s.balance }),
          }
        case 'unenroll':
          return { kind: 'unenroll', customerId: s.customerId, now }
        case 'reenroll':
          return {
            kind: 'reenroll',
            customerId: s.customerId,
            now,
            options: withDefined({
              period: s.period,
              initialBalance: s.balance,
              resetStreakStatus: s.reset,
            }),
          }
        case 'activity':
          return {
            kind: 'activity',
            customerId: s.customerId,
            activity: { at: new Date(clock + s.jitter), value: s.value },
          }
        case 'advance':
          return { kind: 'advance', now }
      }
    })
    return [...opening, ...rest]
  })
}

const withDefined = <T extends Record<string, unknown>>(
  record: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>
  }
