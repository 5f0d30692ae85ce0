/**
 * The smart constructor of milestones (rules definition.*).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { definitionError, type DefinitionError, type DefinitionProblem } from '../model/error.js'
import type { MilestoneTarget, RewardAllocationType } from '../model/target.js'
import { isRecord, ownField } from '../internal/guards.js'
import { checkCommon, type TargetInputCommon } from './targetInput.js'
import { frozenTarget } from './frozenTarget.js'

// model

/**
 * What a milestone is defined with.
 *
 * @example
 * import type { MilestoneInput } from 'loyalty-streaks'
 * const coffeeCard: MilestoneInput = {
 *   targetGroupId: 2, targetId: 1, name: 'Coffee card', metric: 'COUNT', goal: 9,
 *   allocation: 'IMMEDIATE', window: { type: 'PERIOD_AGNOSTIC', maxCycles: 100 },
 *   reward: { sku: 'coffee', value: 3.5 },
 * }
 *
 * @since 0.1.0
 */
export interface MilestoneInput extends TargetInputCommon {
  /** When each cycle's reward is issued. */
  readonly allocation: RewardAllocationType
}

// constructors

/**
 * Builds a milestone, or lists every problem of the definition with its field path. Cycles must
 * come sorted and non-overlapping; they are numbered 1…N in that order. Never throws: a definition
 * may come from JSON.
 *
 * @example
 * import { defineMilestone } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const abc = defineMilestone({
 *   targetGroupId: 7, targetId: 1, name: 'ABC', metric: 'COUNT', goal: 5, allocation: 'PERIOD_END',
 *   cycles: [{ refCode: 'c1', start: new Date('2026-01-01'), end: new Date('2026-02-01') }],
 * })
 * if (E.isLeft(abc)) throw new Error(abc.left.message)
 *
 * @since 0.1.0
 */
export const defineMilestone = (
  input: MilestoneInput,
): E.Either<DefinitionError, MilestoneTarget> => {
  const raw: unknown = input
  if (!isRecord(raw)) return E.left(definitionError([{ path: '', message: 'must be an object' }]))
  const problems: Array<DefinitionProblem> = []
  const { cycleCount: _, ...common } = checkCommon(raw, problems)
  const allocation = ownField(raw, 'allocation')
  if (allocation !== 'IMMEDIATE' && allocation !== 'PERIOD_END')
    problems.push({ path: 'allocation', message: "must be 'IMMEDIATE' or 'PERIOD_END'" })
  else if (allocation === 'PERIOD_END' && common.window.type === 'PERIOD_AGNOSTIC')
    // rule window.agnostic: a cycle that ends when its goal is reached has no end to wait for.
    problems.push({
      path: 'allocation',
      message: "must be 'IMMEDIATE' for a PERIOD_AGNOSTIC window",
    })
  return problems.length > 0
    ? E.left(definitionError(problems))
    : E.right(
        frozenTarget({
          kind: 'MILESTONE',
          ...common,
          allocation: allocation as RewardAllocationType,
        }),
      )
}
