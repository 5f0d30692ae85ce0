import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.js'

// Mutation testing re-runs the tests once per mutant: the service's tests (they start PostgreSQL in
// WASM, seconds each time) and the simulator's command-line tests (they spawn processes) check what
// is built around the library, not its rules, and stay out of it. So does the host-zone test: Stryker
// runs the tests in worker threads, where setting process.env.TZ cannot change the zone.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      isolate: false,
      exclude: [
        'test/package/**',
        'test/service*.test.ts',
        'test/simulateCli.test.ts',
        'test/calendarHostZone.test.ts',
      ],
    },
  }),
)
