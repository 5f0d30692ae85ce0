import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.js'

// Mutation testing re-runs the tests once per mutant: the serverless example's test (it starts a
// PostgreSQL in WASM, seconds each time) checks the example, not src, and stays out of it.
export default mergeConfig(
  base,
  defineConfig({ test: { exclude: ['test/package/**', 'test/serverless.test.ts'] } }),
)
