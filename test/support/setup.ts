// Test-run settings: PROPERTY_RUNS (set by `npm run mutate`) lowers the runs of every property, so
// that mutation testing, which re-runs the tests once per mutant, finishes in minutes.
import fc from 'fast-check'

if (process.env.PROPERTY_RUNS !== undefined)
  fc.configureGlobal({ numRuns: Number(process.env.PROPERTY_RUNS) })
