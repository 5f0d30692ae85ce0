import { defineConfig } from 'tsup'

export default defineConfig({
  // The main entry never loads fast-check; ./testing (arbitraries for property tests) does.
  entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  treeshake: true,
})
