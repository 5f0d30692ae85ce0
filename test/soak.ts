// `npm run soak`, first part: the model-based lifecycle stories for as long as you like. SOAK_RUNS
// stories (default 40,000: over a million steps) of every kind of target, in batches with their own
// seeds; prints the steps, the violations and what was seen, and exits non-zero on any violation.
// The second part runs the never-throw, refusal and round-trip properties 5,000 times each.
import { soak } from './model/soak.js'

const started = process.hrtime.bigint()
const report = soak({
  stories: Number(process.env.SOAK_RUNS ?? 40_000),
  seed: Number(process.env.SOAK_SEED ?? 20261206),
  batch: 1_000,
  crowd: Number(process.env.SOAK_CUSTOMERS ?? 20),
  onViolation: (message) => {
    console.error(`violation in ${message}`)
  },
})
const seconds = Number(process.hrtime.bigint() - started) / 1e9
console.log(
  `soak: ${report.stories} stories, ${report.steps} steps, ${report.violations} violations in ${seconds.toFixed(1)} s`,
)
console.log(`seen: ${JSON.stringify(Object.fromEntries([...report.seen].sort()))}`)
process.exitCode = report.violations === 0 ? 0 : 1
