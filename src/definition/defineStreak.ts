/**
 * The smart constructor of streaks (rules definition.*).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { definitionError, type DefinitionError, type DefinitionProblem } from '../model/error.js'
import type { RewardDescriptor } from '../model/json.js'
import type { LevelReward, StreakTarget, StreakType } from '../model/target.js'
import { isPositiveSafeInteger, isRecord, ownField } from '../internal/guards.js'
import { arrayField, checkCommon, rewardOf, type TargetInputCommon } from './targetInput.js'
import { frozenTarget } from './frozenTarget.js'

// model

/** At most 10 levels per streak (rule definition.levels). */
const MAX_LEVELS = 10

/**
 * A streak level with a reward descriptor of its own.
 *
 * @example
 * import type { LevelInput } from 'loyalty-streaks'
 * const gold: LevelInput = { level: 12, reward: { sku: 'gold' } }
 *
 * @since 0.2.0
 */
export interface LevelInput {
  /** A positive integer, above the level before it. */
  readonly level: number
  /** Carried by this level's `REWARD_ISSUED` events instead of the target's. */
  readonly reward?: RewardDescriptor | undefined
}

/**
 * What a streak is defined with. `allocation` may only be `'IMMEDIATE'`: a streak with
 * `'PERIOD_END'` does not type-check, and is refused at run time for untyped callers (rule
 * definition.streak-immediate).
 *
 * @example
 * import type { StreakInput } from 'loyalty-streaks'
 * const thirtyDays: StreakInput = {
 *   targetGroupId: 4, targetId: 1, metric: 'COUNT', goal: 1, streakType: 'CONTINUOUS',
 *   levels: [7, 30], timeZone: 'UTC', window: { type: 'CYCLIC', frequency: 'DAILY', count: 30 },
 * }
 *
 * @since 0.1.0
 */
export interface StreakInput extends TargetInputCommon {
  /** Whether a cycle that closes unachieved breaks the streak. */
  readonly streakType: StreakType
  /**
   * Ascending levels, each a number or `{ level, reward }`: 1 to 10, the highest ≤ the number of
   * cycles.
   */
  readonly levels: ReadonlyArray<number | LevelInput>
  /** `'IMMEDIATE'`, the only allocation of a streak, if given. */
  readonly allocation?: 'IMMEDIATE' | undefined
}

const checkLevels = (
  raw: unknown,
  cycleCount: number,
  problems: Array<DefinitionProblem>,
): {
  readonly levels: ReadonlyArray<number>
  readonly levelRewards: ReadonlyArray<LevelReward>
} => {
  const list = arrayField(
    raw,
    'levels',
    'positive integers',
    MAX_LEVELS,
    problems,
    `must hold 1 to ${MAX_LEVELS} levels`,
  )
  if (list === undefined) return { levels: [], levelRewards: [] }
  if (list.length === 0)
    problems.push({ path: 'levels', message: `must hold 1 to ${MAX_LEVELS} levels` })
  const levels: Array<number> = []
  const levelRewards: Array<LevelReward> = []
  let previous: number | undefined
  list.forEach((item, i) => {
    const path = `levels[${i}]`
    const entry = isRecord(item) ? item : undefined
    const level = entry === undefined ? item : ownField(entry, 'level')
    const levelPath = entry === undefined ? path : `${path}.level`
    const valid = isPositiveSafeInteger(level)
    if (!valid) problems.push({ path: levelPath, message: 'must be a positive integer' })
    else if (previous !== undefined && level <= previous)
      problems.push({ path: levelPath, message: 'levels must be strictly ascending' })
    // The reward is checked whatever the level, so that every problem is listed at once.
    const { reward } = entry === undefined ? {} : rewardOf(entry, `${path}.`, problems)
    if (!valid) return
    previous = level
    levels.push(level)
    if (reward !== undefined) levelRewards.push({ level, reward })
  })
  const highest = levels[levels.length - 1]
  if (highest !== undefined && cycleCount > 0 && highest > cycleCount)
    problems.push({
      path: `levels[${list.length - 1}]`,
      message: `must be at most the number of cycles (${cycleCount})`,
    })
  return { levels, levelRewards }
}

// constructors

/**
 * Builds a streak, or lists every problem of the definition with its field path. Never throws:
 * a definition may come from JSON.
 *
 * @example
 * import { defineStreak } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const cycles = Array.from({ length: 12 }, (_, i) => ({
 *   refCode: `c${i + 1}`, start: new Date(Date.UTC(2026, i, 1)), end: new Date(Date.UTC(2026, i + 1, 1)),
 * }))
 * const xyz = defineStreak({
 *   targetGroupId: 9, targetId: 1, name: 'XYZ', metric: 'COUNT', goal: 1,
 *   streakType: 'CONTINUOUS', levels: [4, 8, { level: 12, reward: { sku: 'gold' } }], cycles,
 * })
 * if (E.isLeft(xyz)) throw new Error(xyz.left.message)
 *
 * @since 0.1.0
 */
export const defineStreak = (input: StreakInput): E.Either<DefinitionError, StreakTarget> => {
  const raw: unknown = input
  if (!isRecord(raw)) return E.left(definitionError([{ path: '', message: 'must be an object' }]))
  const problems: Array<DefinitionProblem> = []
  const { cycleCount, ...common } = checkCommon(raw, problems)
  const streakType = ownField(raw, 'streakType')
  if (streakType !== 'CONTINUOUS' && streakType !== 'NON_CONTINUOUS')
    problems.push({ path: 'streakType', message: "must be 'CONTINUOUS' or 'NON_CONTINUOUS'" })
  if (common.window.type === 'PERIOD_AGNOSTIC')
    // rule window.agnostic: a cycle without an end cannot make a streak of consecutive cycles.
    problems.push({ path: 'window.type', message: "must be 'FIXED' or 'CYCLIC' for a streak" })
  const { levels, levelRewards } = checkLevels(ownField(raw, 'levels'), cycleCount, problems)
  const allocation = ownField(raw, 'allocation')
  // rule definition.streak-immediate: streaks are rewarded IMMEDIATE only.
  if (allocation !== undefined && allocation !== 'IMMEDIATE')
    problems.push({ path: 'allocation', message: "streaks are rewarded 'IMMEDIATE' only" })
  return problems.length > 0
    ? E.left(definitionError(problems))
    : E.right(
        frozenTarget({
          kind: 'STREAK',
          ...common,
          allocation: 'IMMEDIATE',
          streakType: streakType as StreakType,
          levels,
          levelRewards,
        }),
      )
}
