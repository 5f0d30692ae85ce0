/**
 * fast-check arbitraries for property-testing an integration of this library
 * (`import { targets, operations } from 'loyalty-streaks/testing'`). Needs `fast-check` ≥ 4,
 * an optional peer dependency: the main entry never loads it.
 *
 * @module loyalty-streaks/testing
 */
export { applyOperation, type Operation } from '../runtime/applyAll.js'
export {
  activities,
  cycleInputs,
  instantsAround,
  milestones,
  operations,
  streaks,
  targets,
  type CycleInputsOptions,
  type OperationsOptions,
  type TargetOptions,
} from './arbitraries.js'
