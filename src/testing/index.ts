/**
 * fast-check arbitraries for property-testing an integration of this library
 * (`import { targets, operations } from 'loyalty-streaks/testing'`). Needs `fast-check` ≥ 4,
 * an optional peer dependency: the main entry never loads it.
 *
 * @since 0.1.0
 */
export {
  activities,
  applyOperation,
  cycleInputs,
  instantsAround,
  milestones,
  operations,
  streaks,
  targets,
  type CycleInputsOptions,
  type Operation,
  type OperationsOptions,
} from './arbitraries.js'
