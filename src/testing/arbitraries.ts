// Arbitraries of targets, cycles, instants, activities and operation sequences (fast-check): every
// window, metric, allocation and streak type, with sub-targets, returns and grace days.
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { defineMilestone } from '../definition/defineMilestone.js'
import { defineStreak } from '../definition/defineStreak.js'
import type { CycleInput, SubTargetInput } from '../definition/targetInput.js'
import type { Frequency } from '../model/frequency.js'
import type { MilestoneTarget, StreakTarget, Target, Window } from '../model/target.js'
import type { Operation } from '../runtime/applyAll.js'
import type { Activity } from '../runtime/recordActivity.js'

// model

const HOUR = 3_600_000
const DAY = 24 * HOUR
const ORIGIN = Date.UTC(2026, 0, 1)

/**
 * Bounds of {@link cycleInputs}.
 *
 * @example
 * import { cycleInputs, type CycleInputsOptions } from 'loyalty-streaks/testing'
 * const bounds: CycleInputsOptions = { minCycles: 2, maxCycles: 12 }
 * const arbitrary = cycleInputs(bounds)
 *
 * @since 0.1.0
 */
export interface CycleInputsOptions {
  /** At least 1 (the default). */
  readonly minCycles?: number | undefined
  /** At most 100. */
  readonly maxCycles?: number | undefined
}

/**
 * What targets to draw: by default, every kind of window, metric and setting.
 *
 * @example
 * import { milestones, type TargetOptions } from 'loyalty-streaks/testing'
 * const plain: TargetOptions = { windows: ['FIXED'], metrics: ['COUNT'], features: false }
 * const arbitrary = milestones(plain)
 *
 * @since 0.2.0
 */
export interface TargetOptions extends CycleInputsOptions {
  /** The window types to draw from (all three by default). */
  readonly windows?: ReadonlyArray<Window['type']> | undefined
  /** The metrics to draw from (all three by default). */
  readonly metrics?: ReadonlyArray<'COUNT' | 'SUM' | 'VISIT'> | undefined
  /** Draw sub-targets, returns and grace days too (true by default). */
  readonly features?: boolean | undefined
}

/**
 * Bounds of {@link operations}.
 *
 * @example
 * import { operations, targets, type OperationsOptions } from 'loyalty-streaks/testing'
 * const small: OperationsOptions = { customers: 2, maxLength: 20 }
 * const arbitrary = targets().chain((target) => operations(target, small))
 *
 * @since 0.1.0
 */
export interface OperationsOptions {
  /** Customer ids are drawn from 1…customers. */
  readonly customers?: number | undefined
  /** At most this many operations in all, the opening enrolments included. */
  readonly maxLength?: number | undefined
}

// arbitraries

/**
 * Sorted, non-overlapping cycles `c1…cN` from 1 January 2026 UTC, from an hour to ten days long,
 * back to back or with gaps.
 *
 * @example
 * import fc from 'fast-check'
 * import { cycleInputs } from 'loyalty-streaks/testing'
 * fc.assert(fc.property(cycleInputs(), (cycles) => cycles.length >= 1))
 *
 * @since 0.1.0
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

const ZONES = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata'] as const

const frequencies: fc.Arbitrary<Frequency> = fc.oneof(
  fc.constantFrom<Frequency>('DAILY', 'WEEKLY'),
  fc.integer({ min: 1, max: 10 }).map((everyDays): Frequency => ({ everyDays })),
)

/** A window, with the cycles a FIXED one needs and the zone a CYCLIC one (or VISIT) needs. */
interface Shape {
  readonly window: Window
  readonly cycles?: ReadonlyArray<CycleInput>
  readonly cycleCount: number
  readonly timeZone: string
}

const windowed = (
  options: TargetOptions,
  minCycles: number,
  allowAgnostic: boolean,
): fc.Arbitrary<Shape> => {
  const types = (options.windows ?? ['FIXED', 'CYCLIC', 'PERIOD_AGNOSTIC']).filter(
    (w) => allowAgnostic || w !== 'PERIOD_AGNOSTIC',
  )
  const zone = fc.constantFrom(...ZONES)
  return fc.constantFrom(...types).chain((type): fc.Arbitrary<Shape> => {
    switch (type) {
      case 'FIXED':
        return fc.tuple(cycleInputs({ minCycles, ...options }), zone).map(([cycles, timeZone]) => ({
          window: { type },
          cycles,
          cycleCount: cycles.length,
          timeZone,
        }))
      case 'CYCLIC':
        return fc
          .tuple(frequencies, fc.integer({ min: Math.max(minCycles, 1), max: 6 }), zone)
          .map(([frequency, count, timeZone]) => ({
            window: { type, frequency, count },
            cycleCount: count,
            timeZone,
          }))
      case 'PERIOD_AGNOSTIC':
        return fc.tuple(fc.integer({ min: 1, max: 4 }), zone).map(([maxCycles, timeZone]) => ({
          window: { type, maxCycles },
          cycleCount: maxCycles,
          timeZone,
        }))
    }
  })
}

/** 0 to 2 sub-targets below `goal`. */
const subTargets = (
  metric: 'COUNT' | 'SUM' | 'VISIT',
  goal: number,
): fc.Arbitrary<ReadonlyArray<SubTargetInput>> =>
  fc
    .array(
      fc.oneof(
        fc
          .integer({ min: 10, max: 90 })
          .map((value) => ({ trigger: 'PERCENTAGE' as const, value })),
        ...(goal > 1
          ? [
              fc
                .integer({ min: 1, max: goal - 1 })
                .map((value) => ({ trigger: 'ABSOLUTE' as const, value })),
            ]
          : []),
      ),
      { maxLength: metric === 'SUM' || goal > 1 ? 2 : 1 },
    )
    .map((list) => list.map((s, i) => ({ name: `s${i + 1}`, ...s })))

/** A small reward descriptor, or none. */
const reward = fc.option(
  fc.record({ sku: fc.constantFrom('coffee', 'voucher'), value: fc.integer({ min: 1, max: 20 }) }),
  { nil: undefined, freq: 3 },
)

/**
 * Valid milestones: every window (`FIXED`, `CYCLIC`, `PERIOD_AGNOSTIC`), metric (`COUNT`, `SUM`,
 * `VISIT`) and allocation, with sub-targets, returns, grace days and reward descriptors at times.
 *
 * @example
 * import fc from 'fast-check'
 * import { milestones } from 'loyalty-streaks/testing'
 * fc.assert(fc.property(milestones(), (target) => target.kind === 'MILESTONE'))
 *
 * @since 0.1.0
 */
export const milestones = (options: TargetOptions = {}): fc.Arbitrary<MilestoneTarget> => {
  const features = options.features ?? true
  return fc
    .record({
      shape: windowed(options, 1, true),
      metric: fc.constantFrom(...(options.metrics ?? ['COUNT', 'SUM', 'VISIT'])),
      goal: fc.integer({ min: 1, max: 4 }),
      allocation: fc.constantFrom('IMMEDIATE' as const, 'PERIOD_END' as const),
      returns: fc.boolean(),
      grace: fc.oneof(
        { weight: 3, arbitrary: fc.constant(0) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) },
      ),
      reward,
    })
    .chain((r) =>
      (features ? subTargets(r.metric, r.goal) : fc.constant([])).map((subs) => {
        const agnostic = r.shape.window.type === 'PERIOD_AGNOSTIC'
        return right(
          defineMilestone({
            targetGroupId: 1,
            targetId: 1,
            metric: r.metric,
            goal: r.goal,
            allocation: agnostic ? 'IMMEDIATE' : r.allocation,
            window: r.shape.window,
            cycles: r.shape.cycles,
            timeZone: r.shape.timeZone,
            subTargets: subs,
            allowReturns: features && r.metric === 'SUM' && r.returns,
            graceDays: features && !agnostic ? r.grace : 0,
            reward: r.reward,
          }),
        )
      }),
    )
}

/**
 * Valid streaks, continuous or not, `FIXED` or `CYCLIC`, with 1 to 3 ascending levels (none above 4
 * or the number of cycles), and sub-targets, returns and grace days at times.
 *
 * @example
 * import fc from 'fast-check'
 * import { streaks } from 'loyalty-streaks/testing'
 * fc.assert(fc.property(streaks(), (target) => target.levels.length >= 1))
 *
 * @since 0.1.0
 */
export const streaks = (options: TargetOptions = {}): fc.Arbitrary<StreakTarget> => {
  const features = options.features ?? true
  return windowed(options, 2, false).chain((shape) =>
    fc
      .record({
        metric: fc.constantFrom(...(options.metrics ?? ['COUNT', 'SUM', 'VISIT'])),
        goal: fc.integer({ min: 1, max: 2 }),
        streakType: fc.constantFrom('CONTINUOUS' as const, 'NON_CONTINUOUS' as const),
        // Low levels mostly, so that stories reach them, lose them and reach them again.
        levels: fc
          .uniqueArray(fc.integer({ min: 1, max: Math.min(shape.cycleCount, 4) }), {
            minLength: 1,
            maxLength: 3,
          })
          .map((levels) => [...levels].sort((a, b) => a - b)),
        returns: fc.boolean(),
        grace: fc.oneof(
          { weight: 3, arbitrary: fc.constant(0) },
          { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) },
        ),
        reward,
      })
      .chain((r) =>
        (features ? subTargets(r.metric, r.goal) : fc.constant([])).map((subs) =>
          right(
            defineStreak({
              targetGroupId: 2,
              targetId: 1,
              metric: r.metric,
              goal: r.goal,
              streakType: r.streakType,
              levels: r.levels,
              window: shape.window,
              cycles: shape.cycles,
              timeZone: shape.timeZone,
              subTargets: subs,
              allowReturns: features && r.metric === 'SUM' && r.returns,
              graceDays: features ? r.grace : 0,
              reward: r.reward,
            }),
          ),
        ),
      ),
  )
}

/**
 * Milestones and streaks.
 *
 * @example
 * import fc from 'fast-check'
 * import { targets } from 'loyalty-streaks/testing'
 * fc.assert(fc.property(targets(), (target) => target.goal > 0))
 *
 * @since 0.1.0
 */
export const targets = (options: TargetOptions = {}): fc.Arbitrary<Target> =>
  fc.oneof(milestones(options), streaks(options))

/** The instants stories of `target` walk through: its cycles' edges, or steps of its window. */
const landmarks = (target: Target): ReadonlyArray<number> => {
  const w = target.window
  switch (w.type) {
    case 'FIXED':
      return target.cycles.flatMap((c) => {
        const end = c.end.getTime()
        return [c.start.getTime(), end, end + target.graceDays * DAY]
      })
    case 'CYCLIC': {
      const step =
        typeof w.frequency === 'object'
          ? w.frequency.everyDays * DAY
          : w.frequency === 'WEEKLY'
            ? 7 * DAY
            : DAY
      return Array.from({ length: 2 * w.count + 2 }, (_, i) => ORIGIN + i * step)
    }
    case 'PERIOD_AGNOSTIC':
      return Array.from({ length: 8 }, (_, i) => ORIGIN + i * 6 * HOUR)
  }
}

/**
 * Instants near the target's cycle boundaries: exactly on one, a millisecond either side, or within.
 *
 * @example
 * import fc from 'fast-check'
 * import { instantsAround, milestones } from 'loyalty-streaks/testing'
 * fc.assert(fc.property(milestones().chain(instantsAround), (at) => !Number.isNaN(at.getTime())))
 *
 * @since 0.1.0
 */
export const instantsAround = (target: Target): fc.Arbitrary<Date> =>
  fc
    .tuple(
      fc.constantFrom(...landmarks(target)),
      fc.oneof(fc.constantFrom(-1, 0, 1), fc.integer({ min: -2 * DAY, max: 2 * DAY })),
    )
    .map(([boundary, offset]) => new Date(boundary + offset))

/** A value for an activity of `target`: positive, or now and then a return where it takes them. */
const valueOf = (target: Target): fc.Arbitrary<number> =>
  target.allowReturns
    ? fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: 1, max: 3 }) },
        { weight: 1, arbitrary: fc.integer({ min: -3, max: -1 }) },
      )
    : fc.integer({ min: 1, max: 3 })

/**
 * Activities of a target: at instants around its cycles, with a value (a return at times, where the
 * target takes them).
 *
 * @example
 * import fc from 'fast-check'
 * import { activities, milestones } from 'loyalty-streaks/testing'
 * fc.assert(fc.property(milestones().chain(activities), (a) => a.value !== 0))
 *
 * @since 0.1.0
 */
export const activities = (target: Target): fc.Arbitrary<Activity> =>
  fc.record({ at: instantsAround(target), value: valueOf(target) })

/**
 * Sequences of operations on a target by a few customers, at most `maxLength` of them (40 by
 * default). A clock walks through the target's boundaries in small steps, exactly on one and a
 * millisecond either side; enrol, unenrol, re-enrol and advance happen at the clock (so most are
 * accepted), activities near it, a little before or after.
 *
 * @example
 * import fc from 'fast-check'
 * import { operations, targets } from 'loyalty-streaks/testing'
 * fc.assert(
 *   fc.property(targets().chain((t) => operations(t, { maxLength: 10 })), (ops) => ops.length <= 10),
 * )
 *
 * @since 0.1.0
 */
export const operations = (
  target: Target,
  options: OperationsOptions = {},
): fc.Arbitrary<ReadonlyArray<Operation>> => {
  const customers = options.customers ?? 2
  const maxLength = Math.max(0, options.maxLength ?? 40)
  const customerId = fc.integer({ min: 1, max: customers })
  const period = fc.option(fc.constantFrom(...target.cycles.map((c) => c.refCode), 'c1'), {
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
        value: valueOf(target),
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
  const boundaries = [...landmarks(target)].sort((a, b) => a - b)
  const first = boundaries[0] ?? ORIGIN
  const everyone = Array.from({ length: customers }, (_, i) => i + 1)
  const stories = fc.tuple(
    // Most stories begin with some customers enrolled: activity of strangers teaches little.
    fc.subarray(everyone),
    fc.array(fc.tuple(tick, action), { maxLength, size: 'max' }),
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
            options: { period: s.period, initialBalance: s.balance },
          }
        case 'unenroll':
          return { kind: 'unenroll', customerId: s.customerId, now }
        case 'reenroll':
          return {
            kind: 'reenroll',
            customerId: s.customerId,
            now,
            options: { period: s.period, initialBalance: s.balance, resetStreakStatus: s.reset },
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
    return [...opening, ...rest].slice(0, maxLength)
  })
}
