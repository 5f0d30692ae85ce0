// The public surface (SPEC §9). Re-exports only.
export type { Cycle } from './model/cycle.js'
export type {
  Metric,
  MilestoneTarget,
  RewardAllocationType,
  StreakTarget,
  StreakType,
  Target,
} from './model/target.js'
export type { CycleInput, TargetInputCommon } from './model/targetDefinition.js'
export { defineMilestone, type MilestoneInput } from './model/defineMilestone.js'
export { defineStreak, type StreakInput } from './model/defineStreak.js'
export type {
  CycleProgress,
  Enrolled,
  Enrolment,
  StreakStatus,
  Unenrolled,
} from './model/enrolment.js'
export type {
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
export { enrolmentOf, initialState, type EnrolmentState } from './model/state.js'
export {
  calendarCycles,
  type CalendarCyclesInput,
  type Frequency,
} from './calendar/calendarCycles.js'
export { enroll, type EnrollOptions } from './engine/enroll.js'
export { unenroll } from './engine/unenroll.js'
export { reenroll, type ReenrollOptions } from './engine/reenroll.js'
export { recordActivity, type Activity } from './engine/recordActivity.js'
export { advance } from './engine/advance.js'
export { applyAll, applyOperation, type BatchResult, type Operation } from './engine/applyAll.js'
export { openSession, type Session } from './engine/session.js'
export type { Effect, Effects, Result, Transition } from './engine/transition.js'
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
} from './boundary/stateCodec.js'
