// The soak: model-based stories of every kind of target (each window, metric, sub-targets, returns,
// grace), checked step by step against the reference model. `npm run soak` runs a long campaign
// of it; the test suite runs a short one.
import fc from 'fast-check'
import { initialState, type Target } from '../../src/index.js'
import { milestones, streaks } from '../../src/testing/index.js'
import { commandsFor, type Real } from './commands.js'
import { ReferenceModel } from './reference.js'

export interface SoakOptions {
  readonly stories: number
  readonly seed: number
  /** Stories per batch; each batch has its own seed and alternates milestones and streaks. */
  readonly batch: number
  /** Every third batch has this many customers (above 16 a story crosses the map's recent records). */
  readonly crowd: number
  /** Called with each failing batch's report. */
  readonly onViolation?: (report: string) => void
}

export interface SoakReport {
  readonly stories: number
  readonly steps: number
  readonly violations: number
  /** How often each event type, warning code and error code was seen. */
  readonly seen: ReadonlyMap<string, number>
}

export const soak = (options: SoakOptions): SoakReport => {
  const seen = new Map<string, number>()
  let steps = 0
  let violations = 0
  for (let done = 0, b = 0; done < options.stories; done += options.batch, b++) {
    const targets: fc.Arbitrary<Target> = b % 2 === 0 ? milestones() : streaks()
    const customers = b % 3 === 2 ? options.crowd : 2
    const result = fc.check(
      fc.property(
        targets.chain((target) =>
          fc.tuple(
            fc.constant(target),
            fc.commands([...commandsFor(target, customers)], {
              maxCommands: customers > 2 ? 200 : 40,
              size: 'max',
            }),
          ),
        ),
        ([target, commands]) => {
          const real: Real = { state: initialState(target), steps: 0, seen }
          try {
            fc.modelRun(() => ({ model: new ReferenceModel(target), real }), commands)
          } finally {
            steps += real.steps
          }
        },
      ),
      { numRuns: Math.min(options.batch, options.stories - done), seed: options.seed + b },
    )
    if (result.failed) {
      violations++
      options.onViolation?.(
        `batch ${b} (seed ${options.seed + b}):\n${fc.defaultReportMessage(result) ?? ''}\n${String(result.errorInstance)}`,
      )
    }
  }
  return { stories: options.stories, steps, violations, seen }
}
