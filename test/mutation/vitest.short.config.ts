import { defineConfig } from 'vitest/config'
import base from '../../vitest.config.js'

// The short mutation run of `npm test`: the rule tests that specify what reaching a goal does
// (sub-targets, the achievement and its rewards, streak levels, returns), and nothing slower.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    isolate: false,
    include: [
      'test/recordActivity.test.ts',
      'test/subTargets.test.ts',
      'test/returns.test.ts',
      'test/grace.test.ts',
    ],
  },
})
