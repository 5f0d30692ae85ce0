// The README's API tour is the code of examples/quickstart.ts, and it runs as the README says.
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const quickstart = readFileSync(new URL('../examples/quickstart.ts', import.meta.url), 'utf8')

describe('README', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('shows the code of examples/quickstart.ts, importing the package by name', () => {
    const block = /<!-- quickstart[^>]*-->\n+```ts\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(block).toBe(quickstart.replace("'../src/index.js'", "'loyalty-streaks'"))
  })

  it('gives both commands', () => {
    expect(readme).toContain('npm ci && npm run demo')
    expect(readme).toContain('npm ci && npm test')
  })

  it('the quickstart prints what the README says it prints', async () => {
    const lines: Array<string> = []
    vi.spyOn(console, 'log').mockImplementation((...args: Array<unknown>) => {
      lines.push(args.join(' '))
    })
    await import('../examples/quickstart.js')
    expect(lines).toEqual([
      '2026-01-01T00:00:00.000Z ENROLLED c1',
      '2026-01-06T12:00:00.000Z CYCLE_ACHIEVED c1',
      '2026-01-15T00:00:00.000Z UNENROLLED c1',
      '2026-02-01T00:00:00.000Z REWARD_FORFEITED c1',
    ])
  })
})
