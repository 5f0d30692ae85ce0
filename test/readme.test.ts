// The README is a front door: short, with Install, a quickstart that runs as it says (the code of
// examples/quickstart.ts), the two commands, and links that lead somewhere inside the repository.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8')
const readme = read('README.md')
const quickstart = read('examples/quickstart.ts')

/** The documents a user reads: the README, the changelog and every page of docs/ but the API reference. */
const documents = [
  'README.md',
  'CHANGELOG.md',
  ...readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
]

/** Every Markdown link target of a document (inline links; images included). */
const linksOf = (text: string): ReadonlyArray<string> =>
  [...text.replace(/```[\s\S]*?```/g, '').matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map(
    (m) => m[1] ?? '',
  )

describe('README', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('is at most 200 lines, with an Install section', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(200)
    expect(readme).toMatch(/^## Install\n\n```sh\nnpm install loyalty-streaks\n```/m)
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

describe('documents', () => {
  it.each(documents)('%s links only to files of this repository that exist', (file) => {
    const broken = linksOf(read(file)).filter((link) => {
      if (link.startsWith('#')) return false
      if (/^[a-z][a-z0-9+.-]*:/i.test(link)) return true // http:, https:, mailto:, file: …
      const target = path.resolve(path.dirname(path.join(root, file)), link.split('#')[0] ?? '')
      return !target.startsWith(root) || !existsSync(target)
    })
    expect(broken).toEqual([])
  })

  it.each(documents)('%s cites rule IDs, never sections or issue numbers', (file) => {
    expect(read(file)).not.toMatch(/SPEC|§|\b[Ii]ssue #?\d|\.\.\/shared/)
  })

  it.each(documents.filter((f) => f !== 'docs/rules.md'))(
    '%s cites only rule IDs that docs/rules.md defines',
    (file) => {
      const defined = [...read('docs/rules.md').matchAll(/^- \*\*([a-z-]+\.[a-z0-9-]+)\*\*/gm)].map(
        (m) => m[1] ?? '',
      )
      const cited = [
        ...read(file).matchAll(/\brules?\s+((?:[a-z-]+\.[a-z0-9\\*-]+(?:,\s+|\s+and\s+)?)+)/g),
      ].flatMap((m) => (m[1] ?? '').split(/,\s+|\s+and\s+/))
      const unknown = cited.filter((id) =>
        id.endsWith('\\*')
          ? !defined.some((d) => d.startsWith(id.slice(0, -2)))
          : !defined.includes(id),
      )
      expect(unknown).toEqual([])
    },
  )
})

describe('the code', () => {
  /** Every file of these folders, as paths from the repository's root. */
  const filesUnder = (folder: string): ReadonlyArray<string> =>
    readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(ts|mjs|cjs|js|md)$/.test(entry.name))
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))

  const files = ['src', 'test', 'examples', 'bench', '.ci']
    .flatMap(filesUnder)
    .filter((file) => file !== path.join('test', 'readme.test.ts'))

  it('cites rule IDs, never sections of a document users cannot see or issue numbers', () => {
    expect(files).toContain(path.join('src', 'index.ts'))
    const offenders = files.filter((file) => /SPEC|§|\b[Ii]ssue #?\d|\.\.\/shared/.test(read(file)))
    expect(offenders).toEqual([])
  })
})
