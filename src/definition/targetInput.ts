// What milestones and streaks are defined with, and the checks they share (rules definition.*):
// every problem is named by its field path, a duplicate at its second occurrence.
import { MAX_CYCLES, type Cycle } from '../model/cycle.js'
import type { DefinitionProblem } from '../model/error.js'
import type { JsonValue, RewardDescriptor } from '../model/json.js'
import type { Metric, SubTarget, Window } from '../model/target.js'
import { FREQUENCY_MESSAGE, readFrequency } from '../calendar/frequency.js'
import { DAY_MS, isTimeZone } from '../calendar/localTime.js'
import {
  copyDate,
  elementsOf,
  fitsDate,
  isArray,
  isPositiveFinite,
  isPositiveSafeInteger,
  isRecord,
  isValidDate,
  ownField,
} from '../internal/guards.js'
import { rewardDescriptor } from './rewardDescriptor.js'

// model

export { MAX_CYCLES }

/** At most 10 sub-targets per target (rule subtarget.definition). */
export const MAX_SUB_TARGETS = 10

/** At most 30 grace days (rule grace.definition). */
export const MAX_GRACE_DAYS = 30

/**
 * A cycle as a definition gives it: no index yet, an optional goal and reward of its own
 * (`calendarCycles` makes them).
 *
 * @example
 * import type { CycleInput } from 'loyalty-streaks'
 * const march: CycleInput = {
 *   refCode: '2026-03', start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-04-01T00:00:00Z'),
 *   goal: 8, // a busier month
 * }
 *
 * @since 0.1.0
 */
export interface CycleInput {
  /** The period's name, unique and non-empty. */
  readonly refCode: string
  /** The first instant of the cycle. */
  readonly start: Date
  /** The first instant after it: later than `start`, at or before the next cycle's start. */
  readonly end: Date
  /** This cycle's own goal (same rules as the target's). */
  readonly goal?: number | undefined
  /** This cycle's own reward descriptor (milestones). */
  readonly reward?: RewardDescriptor | undefined
}

/**
 * A sub-target as a definition gives it (rule subtarget.definition).
 *
 * @example
 * import type { SubTargetInput } from 'loyalty-streaks'
 * const halfway: SubTargetInput = { name: 'halfway', trigger: 'PERCENTAGE', value: 50 }
 *
 * @since 0.2.0
 */
export interface SubTargetInput {
  /** Non-empty, unique among the target's sub-targets. */
  readonly name: string
  /** `ABSOLUTE`: `value` is a threshold of progress; `PERCENTAGE`: a share of the cycle's goal. */
  readonly trigger: 'ABSOLUTE' | 'PERCENTAGE'
  /**
   * `ABSOLUTE`: > 0 and below the goal (an integer for `COUNT` and `VISIT`); `PERCENTAGE`: 0–100,
   * exclusive.
   */
  readonly value: number
  /** Carried by the sub-target's `SUB_TARGET_REACHED` events. */
  readonly reward?: RewardDescriptor | undefined
}

/**
 * What both kinds of target are defined with.
 *
 * @example
 * import type { TargetInputCommon } from 'loyalty-streaks'
 * const visits: TargetInputCommon = {
 *   targetGroupId: 3, targetId: 1, metric: 'VISIT', goal: 10, timeZone: 'Europe/Paris',
 *   window: { type: 'CYCLIC', frequency: { everyDays: 30 }, count: 6 },
 * }
 *
 * @since 0.1.0
 */
export interface TargetInputCommon {
  /** The target group (the programme): a positive safe integer. */
  readonly targetGroupId: number
  /** The target within its group: a positive safe integer. */
  readonly targetId: number
  /** A display name, e.g. `'ABC'`; defaults to `''`. */
  readonly name?: string | undefined
  /** How activity adds to a cycle's progress. */
  readonly metric: Metric
  /**
   * The progress that achieves a cycle: a positive integer for `COUNT` and `VISIT`, any finite
   * number > 0 for `SUM`.
   */
  readonly goal: number
  /** `{ type: 'FIXED' }` by default: the `cycles` below, shared by every customer. */
  readonly window?: Window | undefined
  /** `FIXED` windows only (and required there): sorted, non-overlapping, 1 to 100. */
  readonly cycles?: ReadonlyArray<CycleInput> | undefined
  /** An IANA time zone: required by `CYCLIC` windows and the `VISIT` metric. */
  readonly timeZone?: string | undefined
  /** Up to 10 intermediate milestones of every cycle. */
  readonly subTargets?: ReadonlyArray<SubTargetInput> | undefined
  /** `SUM` only: negative activity values are returns. */
  readonly allowReturns?: boolean | undefined
  /** 0–30 days a cycle stays open for late activity after its end; 0 by default. */
  readonly graceDays?: number | undefined
  /** The reward of every cycle or level that does not carry its own. */
  readonly reward?: RewardDescriptor | undefined
}

/** The checked common part of a definition (meaningful only when no problem was found). */
export interface CheckedCommon {
  readonly targetGroupId: number
  readonly targetId: number
  readonly name: string
  readonly metric: Metric
  readonly goal: number
  readonly window: Window
  readonly cycles: ReadonlyArray<Cycle>
  readonly timeZone?: string
  readonly subTargets: ReadonlyArray<SubTarget>
  readonly allowReturns: boolean
  readonly graceDays: number
  readonly reward?: JsonValue
  /** How many cycles a customer can have: the definition's, `count`, or `maxCycles`. */
  readonly cycleCount: number
}

// operations

/** Whether `value` is a whole number, as `COUNT` and `VISIT` progress always is. */
const countsWhole = (metric: unknown): boolean => metric === 'COUNT' || metric === 'VISIT'

const isGoal = (metric: unknown, goal: unknown): goal is number =>
  countsWhole(metric) ? isPositiveSafeInteger(goal) : isPositiveFinite(goal)

const goalRule = (metric: unknown): string =>
  countsWhole(metric)
    ? `must be a positive integer (a ${metric as string} goal)`
    : 'must be a finite number > 0'

/**
 * The elements of an untrusted array field, or undefined after pushing the problem: not an array,
 * more than `max` elements, or a hole (rule definition.no-holes).
 */
export const arrayField = (
  value: unknown,
  path: string,
  what: string,
  max: number,
  problems: Array<DefinitionProblem>,
  tooMany = `must hold at most ${max} ${what}`,
): ReadonlyArray<unknown> | undefined => {
  if (!isArray(value)) {
    problems.push({ path, message: `must be an array of ${what}` })
    return undefined
  }
  let length: number
  try {
    length = value.length
  } catch {
    length = Number.NaN
  }
  if (!(length <= max)) {
    problems.push({ path, message: tooMany })
    return undefined
  }
  const read = elementsOf(value)
  if ('at' in read) {
    problems.push({ path: `${path}[${read.at}]`, message: read.why })
    return undefined
  }
  return read.elements
}

/**
 * The `reward` of a cycle, a sub-target or a streak level, checked; a problem is pushed when it is not
 * JSON, beside any other problem of the same item (every problem is listed).
 */
export const rewardOf = (
  raw: Readonly<Record<string, unknown>>,
  path: string,
  problems: Array<DefinitionProblem>,
): { readonly reward?: RewardDescriptor } => {
  const given = ownField(raw, 'reward')
  if (given === undefined) return {}
  const checked = rewardDescriptor(given, `${path}reward`)
  if ('problem' in checked) {
    problems.push(checked.problem)
    return {}
  }
  return { reward: checked.reward }
}

const checkCycles = (
  metric: unknown,
  raw: unknown,
  problems: Array<DefinitionProblem>,
): ReadonlyArray<Cycle> => {
  const list = arrayField(raw, 'cycles', 'cycles', MAX_CYCLES, problems)
  if (list === undefined) return []
  if (list.length === 0) problems.push({ path: 'cycles', message: 'must hold at least one cycle' })
  const cycles: Array<Cycle> = []
  const refCodes = new Set<string>()
  list.forEach((item, i) => {
    const path = `cycles[${i}]`
    if (!isRecord(item)) {
      problems.push({ path, message: 'must be an object { refCode, start, end, goal?, reward? }' })
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
    const reward = rewardOf(item, `${path}.`, problems)
    if (problems.length > before) return
    const previous = cycles[cycles.length - 1]
    const s = copyDate(start as Date)
    if (previous !== undefined && s.getTime() < previous.start.getTime())
      problems.push({ path: `${path}.start`, message: 'cycles must be sorted by start' })
    else if (previous !== undefined && s.getTime() < previous.end.getTime())
      problems.push({ path: `${path}.start`, message: `overlaps cycles[${i - 1}]` })
    const cycle: Cycle = {
      index: cycles.length + 1,
      refCode: refCode as string,
      start: s,
      end: copyDate(end as Date),
      ...(goal === undefined ? {} : { goal: (goal as number) + 0 }),
      ...reward,
    }
    cycles.push(cycle)
  })
  return cycles
}

const checkWindow = (raw: unknown, problems: Array<DefinitionProblem>): Window | undefined => {
  if (raw === undefined) return { type: 'FIXED' }
  if (!isRecord(raw)) {
    problems.push({
      path: 'window',
      message: "must be an object { type: 'FIXED' | 'CYCLIC' | 'PERIOD_AGNOSTIC', … }",
    })
    return undefined
  }
  const type = ownField(raw, 'type')
  switch (type) {
    case 'FIXED':
      return { type }
    case 'CYCLIC': {
      // Read once into our own copy: `{ everyDays }` is an object the caller could change later,
      // and a getter read twice could answer a check one way and the copy another.
      const frequency = readFrequency(ownField(raw, 'frequency'))
      const count = ownField(raw, 'count')
      if (frequency === undefined)
        problems.push({ path: 'window.frequency', message: FREQUENCY_MESSAGE })
      if (!isPositiveSafeInteger(count) || count > MAX_CYCLES)
        problems.push({
          path: 'window.count',
          message: `must be an integer from 1 to ${MAX_CYCLES}`,
        })
      return frequency !== undefined && isPositiveSafeInteger(count)
        ? { type, frequency, count }
        : undefined
    }
    case 'PERIOD_AGNOSTIC': {
      const maxCycles = ownField(raw, 'maxCycles')
      if (!isPositiveSafeInteger(maxCycles) || maxCycles > MAX_CYCLES) {
        problems.push({
          path: 'window.maxCycles',
          message: `must be an integer from 1 to ${MAX_CYCLES}`,
        })
        return undefined
      }
      return { type, maxCycles }
    }
    default:
      problems.push({
        path: 'window.type',
        message: "must be 'FIXED', 'CYCLIC' or 'PERIOD_AGNOSTIC'",
      })
      return undefined
  }
}

const checkSubTargets = (
  raw: unknown,
  metric: unknown,
  goal: unknown,
  problems: Array<DefinitionProblem>,
): ReadonlyArray<SubTarget> => {
  if (raw === undefined) return []
  const list = arrayField(raw, 'subTargets', 'sub-targets', MAX_SUB_TARGETS, problems)
  if (list === undefined) return []
  const names = new Set<string>()
  const subTargets: Array<SubTarget> = []
  list.forEach((item, i) => {
    const path = `subTargets[${i}]`
    if (!isRecord(item)) {
      problems.push({
        path,
        message: "must be an object { name, trigger: 'ABSOLUTE' | 'PERCENTAGE', value, reward? }",
      })
      return
    }
    const name = ownField(item, 'name')
    const trigger = ownField(item, 'trigger')
    const value = ownField(item, 'value')
    const before = problems.length
    if (typeof name !== 'string' || name.length === 0)
      problems.push({ path: `${path}.name`, message: 'must be a non-empty string' })
    else if (names.has(name))
      problems.push({ path: `${path}.name`, message: `'${name}' names another sub-target too` })
    else names.add(name)
    // rule subtarget.definition: a threshold between nothing and the goal.
    if (trigger === 'ABSOLUTE') {
      const whole = countsWhole(metric)
      if (
        !(whole ? isPositiveSafeInteger(value) : isPositiveFinite(value)) ||
        (isGoal(metric, goal) && (value as number) >= goal)
      )
        problems.push({
          path: `${path}.value`,
          message: `must be ${whole ? 'an integer' : 'a number'} > 0 and below the goal`,
        })
    } else if (trigger === 'PERCENTAGE') {
      if (!isPositiveFinite(value) || value >= 100)
        problems.push({ path: `${path}.value`, message: 'must be a percentage > 0 and < 100' })
    } else problems.push({ path: `${path}.trigger`, message: "must be 'ABSOLUTE' or 'PERCENTAGE'" })
    const reward = rewardOf(item, `${path}.`, problems)
    if (problems.length > before) return
    subTargets.push({
      name: name as string,
      trigger: trigger as SubTarget['trigger'],
      value: (value as number) + 0,
      ...reward,
    })
  })
  return subTargets
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
  const timeZone = ownField(input, 'timeZone')
  const allowReturns = ownField(input, 'allowReturns')
  const graceDays = ownField(input, 'graceDays')
  if (!isPositiveSafeInteger(targetGroupId))
    problems.push({ path: 'targetGroupId', message: 'must be a positive safe integer' })
  if (!isPositiveSafeInteger(targetId))
    problems.push({ path: 'targetId', message: 'must be a positive safe integer' })
  if (name !== undefined && typeof name !== 'string')
    problems.push({ path: 'name', message: 'must be a string' })
  if (metric !== 'COUNT' && metric !== 'SUM' && metric !== 'VISIT')
    problems.push({ path: 'metric', message: "must be 'COUNT', 'SUM' or 'VISIT'" })
  if (!isGoal(metric, goal)) problems.push({ path: 'goal', message: goalRule(metric) })
  const rawWindow = ownField(input, 'window')
  const window = checkWindow(rawWindow, problems)
  const rawCycles = ownField(input, 'cycles')
  // rule window.fixed: only a FIXED window has the definition's cycles (and a window of no known
  // type says nothing either way).
  const windowType =
    rawWindow === undefined
      ? 'FIXED'
      : isRecord(rawWindow)
        ? ownField(rawWindow, 'type')
        : undefined
  const cycles =
    windowType === 'FIXED'
      ? checkCycles(metric, rawCycles, problems)
      : rawCycles === undefined || (windowType !== 'CYCLIC' && windowType !== 'PERIOD_AGNOSTIC')
        ? []
        : (problems.push({
            path: 'cycles',
            message: `must not be given for a ${windowType} window: each customer has their own cycles`,
          }),
          [])
  if (timeZone !== undefined && !isTimeZone(timeZone))
    problems.push({ path: 'timeZone', message: "must be an IANA time zone, e.g. 'Europe/Paris'" })
  else if (timeZone === undefined && windowType === 'CYCLIC')
    problems.push({ path: 'timeZone', message: 'is required by a CYCLIC window (its local days)' })
  else if (timeZone === undefined && metric === 'VISIT')
    problems.push({ path: 'timeZone', message: 'is required by the VISIT metric (its local days)' })
  const subTargets = checkSubTargets(ownField(input, 'subTargets'), metric, goal, problems)
  if (allowReturns !== undefined && typeof allowReturns !== 'boolean')
    problems.push({ path: 'allowReturns', message: 'must be a boolean' })
  else if (allowReturns === true && metric !== 'SUM')
    // rule return.sum-only: a count or a visit cannot be given back.
    problems.push({ path: 'allowReturns', message: 'returns apply to SUM targets only' })
  if (
    graceDays !== undefined &&
    !(
      typeof graceDays === 'number' &&
      Number.isSafeInteger(graceDays) &&
      graceDays >= 0 &&
      graceDays <= MAX_GRACE_DAYS
    )
  )
    problems.push({ path: 'graceDays', message: `must be an integer from 0 to ${MAX_GRACE_DAYS}` })
  else if (typeof graceDays === 'number' && graceDays > 0 && windowType === 'PERIOD_AGNOSTIC')
    // rule grace.definition: a period-agnostic cycle ends at an activity, not at an instant to wait for.
    problems.push({ path: 'graceDays', message: 'must be 0 for a PERIOD_AGNOSTIC window' })
  else if (
    typeof graceDays === 'number' &&
    cycles.length > 0 &&
    // rule grace.close-at: every close is an instant, as every end is (rule calendar.range).
    !fitsDate((cycles.at(-1) as Cycle).end.getTime() + graceDays * DAY_MS)
  )
    problems.push({
      path: 'graceDays',
      message: `puts the close of cycles[${cycles.length - 1}] (its end + graceDays × 24 h) beyond the last instant a Date can hold`,
    })
  const { reward } = rewardOf(input, '', problems)
  return {
    targetGroupId: targetGroupId as number,
    targetId: targetId as number,
    name: typeof name === 'string' ? name : '',
    metric: metric as Metric,
    goal: typeof goal === 'number' ? goal + 0 : Number.NaN,
    window: window ?? { type: 'FIXED' },
    cycles,
    ...(typeof timeZone === 'string' ? { timeZone } : {}),
    subTargets,
    allowReturns: allowReturns === true,
    graceDays: typeof graceDays === 'number' ? graceDays + 0 : 0,
    ...(reward !== undefined ? { reward } : {}),
    cycleCount:
      window?.type === 'CYCLIC'
        ? window.count
        : window?.type === 'PERIOD_AGNOSTIC'
          ? window.maxCycles
          : cycles.length,
  }
}
