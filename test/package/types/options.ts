// Compiled into every smoke project (strict, exactOptionalPropertyTypes): every optional option of
// both entries accepts `undefined`, and a customer goes through enrol, activity, unenrol and
// re-enrol with every option given as `undefined`.
import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import {
  calendarCycles,
  customerOfRequest,
  defineMilestone,
  defineStreak,
  enroll,
  handleRequest,
  initialState,
  recordActivity,
  reenroll,
  unenroll,
  type Activity,
  type CalendarCyclesInput,
  type CycleInput,
  type EnrollOptions,
  type HandleRequestOptions,
  type MilestoneInput,
  type ReenrollOptions,
  type StreakInput,
  type SubTargetInput,
} from 'loyalty-streaks'
import {
  cycleInputs,
  milestones,
  operations,
  streaks,
  targets,
  type CycleInputsOptions,
  type OperationsOptions,
  type TargetOptions,
} from 'loyalty-streaks/testing'

const calendar: CalendarCyclesInput = {
  start: '2026-01-01',
  frequency: 'MONTHLY',
  count: 3,
  timeZone: 'UTC',
  refCodeFormat: undefined,
}
const cycle: CycleInput = {
  refCode: 'c1',
  start: new Date('2026-01-01T00:00:00Z'),
  end: new Date('2026-02-01T00:00:00Z'),
  goal: undefined,
  reward: undefined,
}
const subTarget: SubTargetInput = {
  name: 'half',
  trigger: 'PERCENTAGE',
  value: 50,
  reward: undefined,
}
const common = {
  targetGroupId: 1,
  targetId: 1,
  name: undefined,
  metric: 'COUNT',
  goal: 2,
  window: undefined,
  timeZone: undefined,
  subTargets: [subTarget],
  allowReturns: undefined,
  graceDays: undefined,
  reward: undefined,
} as const
const milestone: MilestoneInput = { ...common, allocation: 'IMMEDIATE', cycles: [cycle] }
const streak: StreakInput = {
  ...common,
  streakType: 'CONTINUOUS',
  levels: [1],
  cycles: undefined,
  window: { type: 'CYCLIC', frequency: 'WEEKLY', count: 2 },
  timeZone: 'UTC',
}
const enrollOptions: EnrollOptions = { period: undefined, initialBalance: undefined }
const reenrollOptions: ReenrollOptions = {
  period: undefined,
  initialBalance: undefined,
  resetStreakStatus: undefined,
}
const activity: Activity = { at: new Date('2026-01-03T00:00:00Z'), value: undefined }
const requestOptions: HandleRequestOptions = { basePath: undefined, maxBodyBytes: undefined }
const cyclesOptions: CycleInputsOptions = { minCycles: undefined, maxCycles: undefined }
const targetOptions: TargetOptions = {
  ...cyclesOptions,
  windows: undefined,
  metrics: undefined,
  features: undefined,
}
const operationsOptions: OperationsOptions = { customers: undefined, maxLength: undefined }

/** Throws unless every call succeeds as it should; returns what the project prints. */
export const run = (project: string): string => {
  const right = <A>(result: E.Either<{ readonly message: string }, A>): A => {
    if (E.isLeft(result)) throw new Error(`${project}: ${result.left.message}`)
    return result.right
  }
  right(calendarCycles(calendar))
  right(defineStreak(streak))
  const target = right(defineMilestone(milestone))
  let state = initialState(target)
  state = right(enroll(state, 7, new Date('2026-01-02T00:00:00Z'), enrollOptions)).state
  state = right(recordActivity(state, 7, activity)).state
  state = right(unenroll(state, 7, new Date('2026-01-04T00:00:00Z'))).state
  state = right(reenroll(state, 7, new Date('2026-01-05T00:00:00Z'), reenrollOptions)).state
  const request = {
    method: 'POST',
    path: '/targetGroups/1/targets/1/unEnroll',
    body: '[{"customerId": 7}]',
  }
  if (
    handleRequest(state, request, new Date('2026-01-06T00:00:00Z'), requestOptions).status !== 200
  )
    throw new Error(`${project}: handleRequest refused the unenrolment`)
  if (customerOfRequest(request, requestOptions)._tag !== 'Some')
    throw new Error(`${project}: customerOfRequest found no customer`)
  const drawn = fc.sample(
    fc.tuple(cycleInputs(cyclesOptions), milestones(targetOptions), streaks(targetOptions)),
    { numRuns: 1, seed: 1 },
  )
  const ops = fc.sample(
    targets(targetOptions).chain((t) => operations(t, operationsOptions)),
    { numRuns: 1, seed: 1 },
  )
  if (drawn.length !== 1 || ops.length !== 1) throw new Error(`${project}: no sample drawn`)
  return `${project}: both entries type-check and run`
}
