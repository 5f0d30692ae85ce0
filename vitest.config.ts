import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  // Examples import the package by its name; on a fresh clone (no dist yet) that is the source.
  resolve: {
    alias: [
      { find: /^loyalty-streaks$/, replacement: source('./src/index.ts') },
      { find: /^loyalty-streaks\/testing$/, replacement: source('./src/testing/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/package/**'],
    setupFiles: ['test/support/setup.ts'],
  },
})
