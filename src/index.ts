/**
 * Milestone and streak enrolment rules for loyalty programmes: define a target with
 * `defineMilestone` or `defineStreak`, start from `initialState`, then `enroll`, `unenroll`,
 * `reenroll`, `recordActivity` and `advance`; each returns the new state and the events to act on.
 * The rules, each with its stable ID, are in `docs/rules.md`.
 *
 * @module loyalty-streaks
 */
// The public surface: re-exports only.
export type { Cycle } from './model/cycle.js'
export type { Frequency } from './model/frequency.js'
export type { JsonValue, RewardDescriptor } from './model/json.js'
export type {
  LevelReward,
  Metric,
  MilestoneTarget,
  RewardAllocationType,
  StreakTarget,
  StreakType,
  SubTarget,
  Target,
  Window,
} from './model/target.js'
export type {
  CycleProgress,
  Enrolled,
  Enrolment,
  StreakStatus,
  Unenrolled,
  WaitingCredit,
} from './model/enrolment.js'
export type {
  AchievementReversedEvent,
  CycleAchievedEvent,
  EnrolledEvent,
  EnrolmentEvent,
  EnrolmentEventType,
  ForfeitReason,
  ReenrolledEvent,
  RewardForfeitedEvent,
  RewardIssuedEvent,
  StreakBrokenEvent,
  StreakLevelAchievedEvent,
  StreakResetEvent,
  SubTargetReachedEvent,
  UnenrolledEvent,
} from './model/event.js'
export {
  ErrorCode,
  type DefinitionError,
  type DefinitionProblem,
  type EnrolmentError,
  type Warning,
  type WarningCode,
} from './model/error.js'
export type { CycleInput, SubTargetInput, TargetInputCommon } from './definition/targetInput.js'
export { defineMilestone, type MilestoneInput } from './definition/defineMilestone.js'
export { defineStreak, type LevelInput, type StreakInput } from './definition/defineStreak.js'
export { calendarCycles, type CalendarCyclesInput } from './calendar/calendarCycles.js'
export { initialState, type EnrolmentState } from './runtime/state.js'
export { enrolmentOf } from './runtime/enrolmentOf.js'
export { enroll, type EnrollOptions } from './runtime/enroll.js'
export { unenroll } from './runtime/unenroll.js'
export { reenroll, type ReenrollOptions } from './runtime/reenroll.js'
export { recordActivity, type Activity } from './runtime/recordActivity.js'
export { advance } from './runtime/advance.js'
export { applyAll, applyOperation, type BatchResult, type Operation } from './runtime/applyAll.js'
export { openSession, type Session } from './runtime/session.js'
export type { Effect, Effects, Result, Transition } from './runtime/workspace.js'
export { customerCount, customers } from './runtime/customers.js'
export { nextDueAt } from './runtime/nextDueAt.js'
export { forget } from './runtime/forget.js'
export { cyclesOf, type CustomerCycle } from './runtime/cyclesOf.js'
export { standing, type Standing } from './runtime/standing.js'
export {
  customerOfRequest,
  handleRequest,
  STATUS_OF_CODE,
  type ApiRequest,
  type ApiResponse,
} from './boundary/handleRequest.js'
export type { HandleRequestOptions } from './boundary/handleRequest.js'
export type { Envelope, EnvelopeMessage } from './boundary/envelope.js'
export {
  decodeState,
  decodeTarget,
  encodeState,
  encodeTarget,
  SCHEMA_VERSION,
  type DecodeError,
  type EncodedState,
  type EncodedTarget,
} from './boundary/stateCodec.js'
export {
  decodeEnrolment,
  encodeEnrolment,
  type EncodedEnrolment,
} from './boundary/enrolmentCodec.js'
export { timeline } from './explain/timeline.js'
export type { TimelineReward } from './explain/timeline.js'
export type { TimelineRow } from './explain/timeline.js'
export type { TimelineStatus } from './explain/timeline.js'
export { formatTimeline } from './explain/formatTimeline.js'
