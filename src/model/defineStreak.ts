/**
 * The smart constructor of streaks (SPEC §1, §6).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { definitionError, type DefinitionError, type DefinitionProblem } from './error.js'
import type { StreakTarget, StreakType } from './target.js'
import { checkCommon, type TargetInputCommon } from './targetDefinition.js'
import { isPositiveSafeInteger, isRecord, ownField } from '../internal/guards.js'

// model

/** At most 10 levels per streak (SPEC §1). */
const MAX_LEVELS = 10

/**
 * What a streak is defined with. `allocation` may only be `'IMMEDIATE'`: a streak with
 * `'PERIOD_END'` does not type-check, and is refused at run time for untyped callers.
 */
export interface StreakInput extends TargetInputCommon {
  readonly streakType: StreakType
  readonly levels: ReadonlyArray<number>
  readonly allocation?: 'IMMEDIATE'
}

const checkLevels = (
  raw: unknown,
  cycleCount: number,
  problems: Array<DefinitionProblem>,
): ReadonlyArray<number> => {
  if (!Array.isArray(raw)) {
    problems.push({ path: 'levels', message: 'must be an array of positive integers' })
    return []
  }
  const levels: ReadonlyArray<unknown> = raw
  if (levels.length === 0 || levels.length > MAX_LEVELS)
    problems.push({ path: 'levels', message: `must hold 1 to ${MAX_LEVELS} levels` })
  levels.forEach((level, i) => {
    const previous = levels[i - 1]
    if (!isPositiveSafeInteger(level))
      problems.push({ path: `levels[${i}]`, message: 'must be a positive integer' })
    else if (isPositiveSafeInteger(previous) && level <= previous)
      problems.push({ path: `levels[${i}]`, message: 'levels must be strictly ascending' })
  })
  const highest = levels[levels.length - 1]
  if (isPositiveSafeInteger(highest) && cycleCount > 0 && highest > cycleCount)
    problems.push({
      path: `levels[${levels.length - 1}]`,
      message: `must be at most the number of cycles (${cycleCount})`,
    })
  return levels as ReadonlyArray<number>
}

// constructors

/**
 * Builds a streak, or lists every problem of the definition with its field path.
 *
 * @example
 * import { defineStreak } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const cycles = Array.from({ length: 12 }, (_, i) => ({
 *   refCode: `c${i + 1}`, start: new Date(Date.UTC(2026, i, 1)), end: new Date(Date.UTC(2026, i + 1, 1)),
 * }))
 * const xyz = defineStreak({
 *   targetGroupId: 9, targetId: 1, name: 'XYZ', metric: 'COUNT', goal: 1,
 *   streakType: 'CONTINUOUS', levels: [4, 8, 12], cycles,
 * })
 * if (E.isLeft(xyz)) throw new Error(xyz.left.message)
 */
export const defineStreak = (input: StreakInput): E.Either<DefinitionError, StreakTarget> => {
  const raw: unknown = input
  if (!isRecord(raw)) return E.left(definitionError([{ path: '', message: 'must be an object' }]))
  const problems: Array<DefinitionProblem> = []
  const common = checkCommon(raw, problems)
  const streakType = ownField(raw, 'streakType')
  if (streakType !== 'CONTINUOUS' && streakType !== 'NON_CONTINUOUS')
    problems.push({ path: 'streakType', message: "must be 'CONTINUOUS' or 'NON_CONTINUOUS'" })
  const levels = checkLevels(ownField(raw, 'levels'), common.cycles.length, problems)
  const allocation = ownField(raw, 'allocation')
  // SPEC §1: streaks support IMMEDIATE only; a PERIOD_END streak cannot be constructed.
  if (allocation !== undefined && allocation !== 'IMMEDIATE')
    problems.push({ path: 'allocation', message: "streaks are rewarded 'IMMEDIATE' only" })
  return problems.length > 0
    ? E.left(definitionError(problems))
    : E.right({
        kind: 'STREAK',
        ...common,
        allocation: 'IMMEDIATE',
        streakType: streakType as StreakType,
        levels: [...levels],
      })
}
