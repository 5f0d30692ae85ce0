// Test-run settings: PROPERTY_RUNS sets the runs of every property — lowered by `npm run mutate`
// (which re-runs the tests once per mutant) and raised by `npm run soak`.
import fc from 'fast-check'

if (process.env.PROPERTY_RUNS !== undefined)
  fc.configureGlobal({ numRuns: Number(process.env.PROPERTY_RUNS) })
