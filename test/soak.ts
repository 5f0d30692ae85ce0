// `npm run soak`: the model-based lifecycle test for as long as you like. SOAK_RUNS stories (default
// 55,000, over a million steps), in batches with their own seeds; prints steps and violations and
// exits non-zero if any story disagreed with the reference model.
import fc from 'fast-check'
import { initialState, type Target } from '../src/index.js'
import { milestones, streaks } from '../src/testing/index.js'
import { commandsFor, type Real } from './model/commands.js'
import { ReferenceModel } from './model/reference.js'

const runs = Number(process.env.SOAK_RUNS ?? 55_000)
const batch = 1_000
const seed = Number(process.env.SOAK_SEED ?? 20261126)
/** Customers per story: above 16, stories cross the map's recent records (see customerMap.ts). */
const customers = Number(process.env.SOAK_CUSTOMERS ?? 2)
let steps = 0
let violations = 0
const seen = new Map<string, number>()
const started = process.hrtime.bigint()

for (let done = 0, b = 0; done < runs; done += batch, b++) {
  const targets: fc.Arbitrary<Target> = b % 2 === 0 ? milestones() : streaks()
  const result = fc.check(
    fc.property(
      targets.chain((target) =>
        fc.tuple(
          fc.constant(target),
          fc.commands([...commandsFor(target, customers)], {
            maxCommands: customers > 2 ? 300 : 40,
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
    { numRuns: Math.min(batch, runs - done), seed: seed + b },
  )
  if (result.failed) {
    violations++
    console.error(
      `violation in batch ${b} (seed ${seed + b}):\n${fc.defaultReportMessage(result) ?? ''}`,
    )
  }
}

const seconds = Number(process.hrtime.bigint() - started) / 1e9
console.log(
  `soak: ${runs} stories, ${steps} steps, ${violations} violations in ${seconds.toFixed(1)} s`,
)
console.log(`events and warnings seen: ${JSON.stringify(Object.fromEntries([...seen].sort()))}`)
process.exitCode = violations === 0 ? 0 : 1
