// `npm run bench:simulate`: the simulator's figures, merged into bench/results.json.
//   simulateRatio     = the CLI's end-to-end time (reading the NDJSON, writing the events with --out)
//                       on a generated stream of 2,000,000 operations over 100,000 customers
//                       ÷ applyAll of the same operations, already parsed in memory, collecting the
//                       events (goal ≤ 2: parsing and writing cost no more than the rules).
//   simulateRssGrowth = the CLI's peak RSS on a stream ten times longer with the same customers
//                       ÷ its peak RSS on the base stream (goal ≤ 1.1: memory grows with the
//                       customers, not with the stream).
// Everything runs the built package (`dist`): the bin as a user runs it, applyAll in a fresh child
// process of its own, each contender three times in alternation; each time is the median.
// BENCH_QUICK=1 runs one round on streams a tenth as long (a smoke test of the bench itself).
import { execFileSync, spawn } from 'node:child_process'
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type * as Library from '../src/index.js'
import type { Operation } from '../src/index.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const cli = path.join(root, 'dist/cli.js')
const quick = process.env.BENCH_QUICK === '1'
const rounds = quick ? 1 : 3
const customers = quick ? 10_000 : 100_000
const operations = quick ? 200_000 : 2_000_000
const log = (line: string): void => {
  console.log(line)
}

/** A milestone over 24 calendar months: SUM of purchases, goal 100, a 5-unit voucher at each month's end. */
const targetDefinition = {
  kind: 'MILESTONE',
  targetGroupId: 1,
  targetId: 1,
  name: 'Spend 100 a month',
  metric: 'SUM',
  goal: 100,
  allocation: 'PERIOD_END',
  reward: { sku: 'voucher-5', value: 5 },
  subTargets: [{ name: 'halfway', trigger: 'PERCENTAGE', value: 50 }],
  cycles: Array.from({ length: 24 }, (_, i) => ({
    refCode: `c${i + 1}`,
    start: new Date(Date.UTC(2026, i, 1)).toISOString(),
    end: new Date(Date.UTC(2026, i + 1, 1)).toISOString(),
  })),
}

/** The operations of a generated stream, as the library takes them. */
const parse = (text: string): Array<Operation> =>
  text
    .trimEnd()
    .split('\n')
    .map((line): Operation => {
      const o = JSON.parse(line) as {
        kind: Operation['kind']
        customerId: number
        now: string
        at: string
        value?: number
        options?: { resetStreakStatus?: boolean }
      }
      if (o.kind === 'advance') return { kind: 'advance', now: new Date(o.now) }
      if (o.kind === 'activity')
        return {
          kind: 'activity',
          customerId: o.customerId,
          activity:
            o.value === undefined ? { at: new Date(o.at) } : { at: new Date(o.at), value: o.value },
        }
      if (o.kind === 'unenroll')
        return { kind: 'unenroll', customerId: o.customerId, now: new Date(o.now) }
      return {
        kind: o.kind,
        customerId: o.customerId,
        now: new Date(o.now),
        options: o.options,
      } as Operation
    })

// The applyAll contender, in a child process of its own: parse (not timed), then time applyAll.
if (process.env.BENCH_PART === 'applyAll') {
  const library = (await import(
    new URL('../dist/index.js', import.meta.url).href
  )) as typeof Library
  const definition = {
    ...targetDefinition,
    cycles: targetDefinition.cycles.map((c) => ({
      ...c,
      start: new Date(c.start),
      end: new Date(c.end),
    })),
  }
  const target = library.defineMilestone(definition as unknown as Library.MilestoneInput)
  if (target._tag === 'Left') throw new Error(target.left.message)
  const ops = parse(readFileSync(process.env.BENCH_STREAM ?? '', 'utf8'))
  const started = performance.now()
  const { events } = library.applyAll(library.initialState(target.right), ops)
  const ms = performance.now() - started
  process.stdout.write(JSON.stringify({ ms, events: events.length, operations: ops.length }))
  process.exit(0)
}

/** Runs a command to completion; resolves to its wall time and peak RSS (KiB), or fails. */
const timed = (
  args: ReadonlyArray<string>,
  options: { readonly env?: NodeJS.ProcessEnv; readonly stdout?: string } = {},
): Promise<{ readonly ms: number; readonly rssKiB: number; readonly stdout: string }> =>
  new Promise((resolve, reject) => {
    const rssFile = path.join(work, `rss-${process.hrtime.bigint()}`)
    const started = performance.now()
    const child = spawn(
      process.execPath,
      [
        // Reports the process's peak RSS as it exits: the operating system's own count.
        '--import',
        'data:text/javascript,import{writeFileSync}from"node:fs";process.on("exit",()=>writeFileSync(process.env.RSS_FILE,String(process.resourceUsage().maxRSS)))',
        ...args,
      ],
      {
        env: { ...process.env, ...options.env, RSS_FILE: rssFile },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    let stdout = ''
    if (options.stdout === undefined)
      child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s))
    else child.stdout.pipe(createWriteStream(options.stdout))
    child.on('error', reject)
    child.on('close', (code) => {
      const ms = performance.now() - started
      if (code !== 0) reject(new Error(`${args.join(' ')} exited with ${code}`))
      else resolve({ ms, rssKiB: Number(readFileSync(rssFile, 'utf8')), stdout })
    })
  })

const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}
const round3 = (n: number): number => Math.round(n * 1000) / 1000

const work = mkdtempSync(path.join(os.tmpdir(), 'bench-simulate-'))
try {
  execFileSync(process.execPath, [cli, '--help'], { stdio: 'ignore' })
  const targetFile = path.join(work, 'target.json')
  writeFileSync(targetFile, JSON.stringify(targetDefinition))
  const base = path.join(work, 'base.ndjson')
  const long = path.join(work, 'long.ndjson')
  const generate = (file: string, count: number, days: number) =>
    timed(
      [
        cli,
        'simulate',
        'generate',
        '--customers',
        `${customers}`,
        '--days',
        `${days}`,
        '--seed',
        '1',
        '--operations',
        `${count}`,
      ],
      { stdout: file },
    )
  log(
    `generating ${operations.toLocaleString('en-US')} operations over ${customers.toLocaleString('en-US')} customers…`,
  )
  await generate(base, operations, 700)
  const simulate = (stream: string) =>
    timed([
      cli,
      'simulate',
      '--target',
      targetFile,
      '--events',
      stream,
      '--out',
      path.join(work, 'events.ndjson'),
      '--no-progress',
    ])
  const cliRuns: Array<{ ms: number; rssKiB: number }> = []
  const applyAllRuns: Array<number> = []
  let events = 0
  for (let round = 1; round <= rounds; round++) {
    const c = await simulate(base)
    cliRuns.push(c)
    const a = await timed(
      [fileURLToPath(import.meta.url)].flatMap((f) => ['--import', 'tsx', f]),
      {
        env: { BENCH_PART: 'applyAll', BENCH_STREAM: base },
      },
    )
    const measured = JSON.parse(a.stdout) as { ms: number; events: number; operations: number }
    applyAllRuns.push(measured.ms)
    events = measured.events
    log(
      `round ${round}: CLI ${Math.round(c.ms)} ms (peak RSS ${Math.round(c.rssKiB / 1024)} MiB), applyAll ${Math.round(measured.ms)} ms, ${measured.events.toLocaleString('en-US')} events`,
    )
  }
  const written = readFileSync(path.join(work, 'events.ndjson'), 'utf8').split('\n').length - 1
  if (written !== events)
    throw new Error(`the CLI wrote ${written} events, applyAll emitted ${events}`)
  const simulateRatio = round3(median(cliRuns.map((r) => r.ms)) / median(applyAllRuns))

  log(`generating ${(operations * 10).toLocaleString('en-US')} operations over the same customers…`)
  await generate(long, operations * 10, 7000)
  rmSync(path.join(work, 'events.ndjson'), { force: true })
  const longRun = await simulate(long)
  const baseRss = median(cliRuns.map((r) => r.rssKiB))
  const simulateRssGrowth = round3(longRun.rssKiB / baseRss)
  log(
    `long stream: CLI ${Math.round(longRun.ms)} ms, peak RSS ${Math.round(longRun.rssKiB / 1024)} MiB against ${Math.round(baseRss / 1024)} MiB`,
  )
  log(
    `simulateRatio ${simulateRatio} (goal ≤ 2), simulateRssGrowth ${simulateRssGrowth} (goal ≤ 1.1)`,
  )

  // A quick run only checks the bench itself: its figures are not the workload's.
  if (!quick) {
    // Merged into what is there: the other benches' figures stay as they are.
    const resultsFile = path.join(root, 'bench/results.json')
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<
      string,
      Record<string, unknown>
    >
    results.figures = { ...results.figures, simulateRatio, simulateRssGrowth }
    results.goals = { ...results.goals, simulateRatio: 2, simulateRssGrowth: 1.1 }
    results.context = {
      ...results.context,
      simulate: {
        measuredAt: new Date().toISOString(),
        operations,
        customers,
        events,
        cliMs: cliRuns.map((r) => Math.round(r.ms)),
        applyAllMs: applyAllRuns.map((ms) => Math.round(ms)),
        peakRssMiB: { base: Math.round(baseRss / 1024), long: Math.round(longRun.rssKiB / 1024) },
        longCliMs: Math.round(longRun.ms),
      },
    }
    writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`)
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
