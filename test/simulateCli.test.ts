// Rules simulate.*: the command line as users run it — a generated stream replayed through the
// CLI gives exactly the events of applyAll; refusals, --strict, --workers, --shard and merge,
// --compare, stdin, usage errors, exit codes.
import { readFileSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { readTargetFile } from '../src/cli/targetFile.js'
import { applyAll, initialState, type Target } from '../src/index.js'
import { right } from './support/fixtures.js'
import { bundleCli, eventOfJson, fixture, operationsOf, type CliRun } from './simulateSupport.js'

// Each test runs the command line a few times, a fraction of a second each, more on a busy machine.
vi.setConfig({ testTimeout: 60_000 })

let cli: Awaited<ReturnType<typeof bundleCli>>
const run = (args: ReadonlyArray<string>, stdin?: string): Promise<CliRun> => cli.run(args, stdin)
const file = (name: string): string => path.join(cli.directory, name)
const targetOf = (name: string): Target =>
  right(readTargetFile(readFileSync(fixture(name), 'utf8')))

/** A stream written by `simulate generate`, saved as `name`. */
const generated = async (name: string, args: ReadonlyArray<string>): Promise<string> => {
  const result = await run(['simulate', 'generate', ...args])
  expect(result.code).toBe(0)
  await writeFile(file(name), result.stdout)
  return result.stdout
}

beforeAll(async () => {
  cli = await bundleCli()
  await generated('returns.ndjson', [
    '--customers',
    '250',
    '--days',
    '80',
    '--seed',
    '3',
    '--returns',
  ])
  await generated('visits.ndjson', ['--customers', '200', '--days', '100', '--seed', '4'])
}, 60_000)
afterAll(async () => {
  await cli.dispose()
})

describe('the events the CLI writes (rule simulate.events)', () => {
  for (const [target, stream] of [
    ['milestone-returns.json', 'returns.ndjson'],
    ['streak.encoded.json', 'visits.ndjson'],
    ['cyclic.json', 'visits.ndjson'],
    ['agnostic.json', 'returns.ndjson'],
  ] as const) {
    it(`replays a generated stream against ${target}: exactly the events of applyAll`, async () => {
      const result = await run([
        'simulate',
        '--target',
        fixture(target),
        '--events',
        file(stream),
        '--out',
        file(`${target}.events.ndjson`),
      ])
      expect(result.code).toBe(0)
      const written = (await readFile(file(`${target}.events.ndjson`), 'utf8'))
        .trimEnd()
        .split('\n')
        .map(eventOfJson)
      const batch = applyAll(
        initialState(targetOf(target)),
        operationsOf(await readFile(file(stream), 'utf8')),
      )
      expect(written.length).toBeGreaterThan(500)
      expect(written).toEqual(batch.events)
      // Each refusal of the batch is a line the CLI reported (line = index + 1: no blank lines).
      expect(result.stderr.split('\n').filter((l) => l !== '').length).toBe(batch.errors.length)
      expect(result.stderr.split('\n')[0] ?? '').toBe(
        batch.errors[0] === undefined
          ? ''
          : `line ${batch.errors[0].index + 1}: ${batch.errors[0].error.code} ${batch.errors[0].error.message}`,
      )
    })
  }
})

describe('refused lines (rule simulate.refused)', () => {
  it('are reported on stderr with their number, code and message; the replay goes on, exit code 0', async () => {
    const result = await run([
      'simulate',
      '--target',
      fixture('milestone.json'),
      '--events',
      fixture('ops.ndjson'),
    ])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe(
      [
        'line 8: 310126 customer 3 is not enrolled in target 1 (never enrolled)',
        'line 9: 300004 the line is not valid JSON',
        'line 16: 300004 now (2026-02-15T00:00:00.000Z) is earlier than the watermark, the latest advance (2026-03-01T00:00:00.000Z)',
        '',
      ].join('\n'),
    )
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([
      "target 11/1 'Spend 100 a month' (milestone, PERIOD_END): 2 customers, 9 operations and 3 advances accepted, 3 refused, 13 events",
      'cycle       enrolled  achieved  issued period-end   cost  forfeited period-end  saved  sub-targets  cost  total cost',
    ])
  })

  it('with --strict, stop the replay at the first, exit code 1, no summary', async () => {
    const result = await run([
      'simulate',
      '--strict',
      '--target',
      fixture('milestone.json'),
      '--events',
      fixture('ops.ndjson'),
      '--summary',
      file('strict.json'),
    ])
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'line 8: 310126 customer 3 is not enrolled in target 1 (never enrolled)\nstopped at line 8 (--strict)\n',
    })
  })

  it('read from stdin with --events -, with no progress bar when stderr is not a terminal', async () => {
    const piped = await run(
      ['simulate', '--target', fixture('milestone.json'), '--events', '-'],
      readFileSync(fixture('ops.ndjson'), 'utf8'),
    )
    const fromFile = await run([
      'simulate',
      '--target',
      fixture('milestone.json'),
      '--events',
      fixture('ops.ndjson'),
    ])
    expect(piped).toEqual(fromFile)
    expect(piped.stderr).not.toContain('\r')
  })
})

describe('one machine or many (rules simulate.workers, simulate.shard, simulate.merge)', () => {
  const whole = async (target: string, stream: string) => {
    const result = await run([
      'simulate',
      '--target',
      fixture(target),
      '--events',
      file(stream),
      '--out',
      file(`whole-${target}.ndjson`),
      '--summary',
      file(`whole-${target}.json`),
    ])
    expect(result.code).toBe(0)
    return result
  }

  for (const [target, stream] of [
    ['milestone-returns.json', 'returns.ndjson'],
    ['cyclic.json', 'visits.ndjson'],
  ] as const) {
    it(`--workers 3 writes the events, the summary and the report of one replay (${target})`, async () => {
      const one = await whole(target, stream)
      const three = await run([
        'simulate',
        '--workers',
        '3',
        '--target',
        fixture(target),
        '--events',
        file(stream),
        '--out',
        file(`workers-${target}.ndjson`),
        '--summary',
        file(`workers-${target}.json`),
      ])
      expect(three.code).toBe(0)
      expect(three.stdout).toBe(one.stdout)
      expect(await readFile(file(`workers-${target}.ndjson`), 'utf8')).toBe(
        await readFile(file(`whole-${target}.ndjson`), 'utf8'),
      )
      expect(await readFile(file(`workers-${target}.json`), 'utf8')).toBe(
        await readFile(file(`whole-${target}.json`), 'utf8'),
      )
      // Refusals come from the workers as they find them: the same lines, in another order.
      expect(three.stderr.split('\n').sort()).toEqual(one.stderr.split('\n').sort())
    })

    it(`--shard i/3 then simulate merge give the summary of one replay (${target})`, async () => {
      const one = await whole(target, stream)
      const summaries: Array<string> = []
      for (const i of [1, 2, 3]) {
        const shard = await run([
          'simulate',
          '--shard',
          `${i}/3`,
          '--target',
          fixture(target),
          '--events',
          file(stream),
          '--summary',
          file(`shard-${i}-${target}.json`),
        ])
        expect(shard.code).toBe(0)
        summaries.push(file(`shard-${i}-${target}.json`))
      }
      const merged = await run([
        'simulate',
        'merge',
        ...summaries.reverse(),
        '--summary',
        file(`merged-${target}.json`),
      ])
      expect(merged).toEqual({ code: 0, stdout: one.stdout, stderr: '' })
      expect(await readFile(file(`merged-${target}.json`), 'utf8')).toBe(
        await readFile(file(`whole-${target}.json`), 'utf8'),
      )
      const missing = await run(['simulate', 'merge', ...summaries.slice(1)])
      expect(missing).toEqual({
        code: 2,
        stdout: '',
        stderr: 'loyalty-streaks: shard 3 of 3 missing\n',
      })
    })
  }
})

describe('the what-if comparison (rule simulate.compare)', () => {
  it('prints both summaries and the difference in rewards issued', async () => {
    const result = await run([
      'simulate',
      '--target',
      fixture('milestone.json'),
      '--compare',
      fixture('milestone-120.json'),
      '--events',
      fixture('ops.ndjson'),
    ])
    expect(result.code).toBe(0)
    expect(result.stdout.trimEnd().split('\n').slice(-6)).toEqual([
      'cycle  A enrolled  A achieved  A issued  A cost  B enrolled  B achieved  B issued  B cost  Δ issued  Δ cost',
      'c1              2           2         1    8.00           2           1         0    3.00        -1   -5.00',
      'c2              2           1         1    6.50           2           0         0    1.50        -1   -5.00',
      'c3              2           0         0    0.00           2           0         0    0.00         0    0.00',
      'total                                 2   14.50                                 0    4.50        -2  -10.00',
      'rewards issued: A 2, B 0 (-2); cost: A 14.50, B 4.50 (-10.00)',
    ])
    expect(result.stderr.split('\n').slice(0, 2)).toEqual([
      'line 8 [A]: 310126 customer 3 is not enrolled in target 1 (never enrolled)',
      'line 8 [B]: 310126 customer 3 is not enrolled in target 1 (never enrolled)',
    ])
  })
})

describe('usage (rule simulate.usage)', () => {
  it('prints the usage with --help, exit code 0', async () => {
    const result = await run(['simulate', '--help'])
    expect(result.code).toBe(0)
    expect(result.stdout.split('\n')[1]).toBe(
      '  loyalty-streaks simulate --target target.json --events ops.ndjson [options]',
    )
  })

  it('names a usage problem or a bad file, exit code 2', async () => {
    const definition = JSON.parse(readFileSync(fixture('milestone.json'), 'utf8')) as object
    await writeFile(file('bad.json'), JSON.stringify({ ...definition, levels: [1], goal: 0 }))
    expect(
      await run(['simulate', '--target', file('bad.json'), '--events', fixture('ops.ndjson')]),
    ).toEqual({
      code: 2,
      stdout: '',
      stderr: `loyalty-streaks: ${file('bad.json')}: goal must be a finite number > 0\n`,
    })
    const missing = await run([
      'simulate',
      '--target',
      fixture('milestone.json'),
      '--events',
      file('nowhere.ndjson'),
    ])
    expect([missing.code, missing.stderr.split(':').slice(0, 3).join(':')]).toEqual([
      2,
      `loyalty-streaks: ${file('nowhere.ndjson')}: ENOENT`,
    ])
    const usage = await run(['simulate', '--target', fixture('milestone.json')])
    expect([usage.code, usage.stderr.split('\n')[0]]).toEqual([
      2,
      'loyalty-streaks: --events is required',
    ])
  })

  it('generate writes the same stream for the same seed', async () => {
    const a = await run([
      'simulate',
      'generate',
      '--customers',
      '50',
      '--days',
      '10',
      '--seed',
      '9',
    ])
    const b = await run([
      'simulate',
      'generate',
      '--customers',
      '50',
      '--days',
      '10',
      '--seed',
      '9',
    ])
    expect(a.code).toBe(0)
    expect(b.stdout).toBe(a.stdout)
    const cut = await run([
      'simulate',
      'generate',
      '--customers',
      '50',
      '--days',
      '10',
      '--seed',
      '9',
      '--operations',
      '25',
    ])
    expect(cut.stdout).toBe(`${a.stdout.split('\n').slice(0, 25).join('\n')}\n`)
    expect(E.isRight(readTargetFile(readFileSync(fixture('cyclic.json'), 'utf8')))).toBe(true)
  })
})
