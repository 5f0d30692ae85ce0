// The checks shared by `defineMilestone` and `defineStreak` (SPEC §6: each problem named by its path).
import type { Cycle } from './cycle.js'
import type { DefinitionProblem } from './error.js'
import type { Metric } from './target.js'
import {
  copyDate,
  isPositiveFinite,
  isPositiveSafeInteger,
  isRecord,
  isValidDate,
  ownField,
} from '../internal/guards.js'

/** At most 100 cycles per target group (SPEC §1). */
export const MAX_CYCLES = 100

/** A cycle as a definition gives it: no index yet, an optional goal of its own. */
export interface CycleInput {
  readonly refCode: string
  readonly start: Date
  readonly end: Date
  readonly goal?: number
}

/** What both kinds of target are defined with. */
export interface TargetInputCommon {
  readonly targetGroupId: number
  readonly targetId: number
  /** A display name, e.g. `'ABC'`; defaults to `''`. */
  readonly name?: string
  readonly metric: Metric
  readonly goal: number
  readonly cycles: ReadonlyArray<CycleInput>
}

/** The checked common part of a definition, or the problems found so far. */
export interface CheckedCommon {
  readonly targetGroupId: number
  readonly targetId: number
  readonly name: string
  readonly metric: Metric
  readonly goal: number
  readonly cycles: ReadonlyArray<Cycle>
}

const isGoal = (metric: unknown, goal: unknown): boolean =>
  metric === 'COUNT' ? isPositiveSafeInteger(goal) : isPositiveFinite(goal)

const goalRule = (metric: unknown): string =>
  metric === 'COUNT' ? 'must be a positive integer (a COUNT goal)' : 'must be a finite number > 0'

const checkCycles = (
  metric: unknown,
  raw: unknown,
  problems: Array<DefinitionProblem>,
): ReadonlyArray<Cycle> => {
  if (!Array.isArray(raw)) {
    problems.push({ path: 'cycles', message: 'must be an array of cycles' })
    return []
  }
  const list: ReadonlyArray<unknown> = raw
  if (list.length === 0) problems.push({ path: 'cycles', message: 'must hold at least one cycle' })
  if (list.length > MAX_CYCLES)
    problems.push({ path: 'cycles', message: `must hold at most ${MAX_CYCLES} cycles` })
  const cycles: Array<Cycle> = []
  const refCodes = new Set<string>()
  list.forEach((item, i) => {
    const path = `cycles[${i}]`
    if (!isRecord(item)) {
      problems.push({ path, message: 'must be an object { refCode, start, end, goal? }' })
      return
    }
    const refCode = ownField(item, 'refCode')
    const start = ownField(item, 'start')
    const end = ownField(item, 'end')
    const goal = ownField(item, 'goal')
    const before = problems.length
    if (typeof refCode !== 'string' || refCode.length === 0)
      problems.push({ path: `${path}.refCode`, message: 'must be a non-empty string' })
    else if (refCodes.has(refCode))
      problems.push({ path: `${path}.refCode`, message: `'${refCode}' names another cycle too` })
    else refCodes.add(refCode)
    if (!isValidDate(start))
      problems.push({ path: `${path}.start`, message: 'must be a valid Date' })
    if (!isValidDate(end)) problems.push({ path: `${path}.end`, message: 'must be a valid Date' })
    if (isValidDate(start) && isValidDate(end) && end.getTime() <= start.getTime())
      problems.push({ path: `${path}.end`, message: 'must be later than start' })
    if (goal !== undefined && !isGoal(metric, goal))
      problems.push({ path: `${path}.goal`, message: goalRule(metric) })
    if (problems.length > before) return
    const previous = cycles[cycles.length - 1]
    const s = start as Date
    if (previous !== undefined && s.getTime() < previous.start.getTime())
      problems.push({ path: `${path}.start`, message: 'cycles must be sorted by start' })
    else if (previous !== undefined && s.getTime() < previous.end.getTime())
      problems.push({ path: `${path}.start`, message: `overlaps cycles[${i - 1}]` })
    const cycle: Cycle = {
      index: cycles.length + 1,
      refCode: refCode as string,
      start: copyDate(s),
      end: copyDate(end as Date),
    }
    cycles.push(goal === undefined ? cycle : { ...cycle, goal: goal as number })
  })
  return cycles
}

/** Checks what milestones and streaks share, pushing each problem found into `problems`. */
export const checkCommon = (
  input: Readonly<Record<string, unknown>>,
  problems: Array<DefinitionProblem>,
): CheckedCommon => {
  const targetGroupId = ownField(input, 'targetGroupId')
  const targetId = ownField(input, 'targetId')
  const name = ownField(input, 'name')
  const metric = ownField(input, 'metric')
  const goal = ownField(input, 'goal')
  if (!isPositiveSafeInteger(targetGroupId))
    problems.push({ path: 'targetGroupId', message: 'must be a positive safe integer' })
  if (!isPositiveSafeInteger(targetId))
    problems.push({ path: 'targetId', message: 'must be a positive safe integer' })
  if (name !== undefined && typeof name !== 'string')
    problems.push({ path: 'name', message: 'must be a string' })
  if (metric !== 'COUNT' && metric !== 'SUM')
    problems.push({ path: 'metric', message: "must be 'COUNT' or 'SUM'" })
  if (!isGoal(metric, goal)) problems.push({ path: 'goal', message: goalRule(metric) })
  const cycles = checkCycles(metric, ownField(input, 'cycles'), problems)
  return {
    targetGroupId: targetGroupId as number,
    targetId: targetId as number,
    name: typeof name === 'string' ? name : '',
    metric: metric as Metric,
    goal: goal as number,
    cycles,
  }
}
