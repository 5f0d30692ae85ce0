// What every measure of `npm run bench` shares: a seeded PRNG, timing that keeps the harness's own
// garbage out, alternating slices, medians, and a child process per measure.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'

export const HOUR = 3_600_000
export const DAY = 24 * HOUR

/** A quick run: smaller sizes, one round, results.json not written. */
export const quick = process.env.BENCH_QUICK === '1'

export const log = (line: string): void => {
  console.log(line)
}

const gcOrFail = (): (() => void) => {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc === undefined) throw new Error('run with node --expose-gc (npm run bench does)')
  return gc
}

/** A full collection: the harness's garbage paid before the measure, not during it. */
export const collect = (): void => {
  const gc = gcOrFail()
  gc()
  gc()
}

export const orFail = <A>(r: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}

/** The value of an accepted operation; a refusal is a bug of the workload. */
export const step = <A>(r: E.Either<{ readonly code: number; readonly message: string }, A>): A => {
  if (E.isLeft(r)) throw new Error(`${r.left.code} ${r.left.message}`)
  return r.right
}

/** A seeded PRNG (mulberry32): the same workload on every run, no Math.random. */
export const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/** Nanoseconds `run` took, after a full collection. */
export const timed = (run: () => void): number => {
  collect()
  const begin = process.hrtime.bigint()
  run()
  return Number(process.hrtime.bigint() - begin)
}

/**
 * Nanoseconds each slice took in all, run as alternating slices (the first slice, the second, …,
 * then again; one untimed round first, `rounds` timed): this host drifts by tens of per cent within
 * a minute, and alternating puts the drift on every slice alike instead of on whichever ran last.
 */
export const alternating = (rounds: number, slices: ReadonlyArray<() => void>): Array<number> => {
  const totals = slices.map(() => 0)
  for (let round = -1; round < rounds; round++)
    slices.forEach((slice, i) => {
      const begin = process.hrtime.bigint()
      slice()
      if (round >= 0) totals[i] = (totals[i] as number) + Number(process.hrtime.bigint() - begin)
    })
  return totals
}

export const median = (xs: ReadonlyArray<number>): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

/** The run whose `key` is the median of all runs' (its other figures come with it). */
export const medianRun = <F extends Record<K, number>, K extends string>(
  runs: ReadonlyArray<F>,
  key: K,
): F => {
  const m = median(runs.map((r) => r[key]))
  return runs.find((r) => r[key] === m) as F
}

const RESULT = 'RESULT '

/** In a child: prints the figures as the last line, for `inProcess` to read. */
export const report = (figures: unknown): void => {
  log(`${RESULT}${JSON.stringify(figures)}`)
}

/**
 * Runs `script` in a fresh process of its own (`--expose-gc`, with tsx) and returns the figures it
 * reported; its other lines are logged with `label`. A fresh process per measure: one process is a
 * lottery on this host, and two measures in one pay for each other's heap at every collection.
 */
export const inProcess = (
  script: URL,
  label: string,
  env: Readonly<Record<string, string>> = {},
): unknown => {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
  })
  const lines = r.stdout.toString().trimEnd().split('\n')
  const last = lines.pop() ?? ''
  if (r.status !== 0 || !last.startsWith(RESULT))
    throw new Error(`the ${label} measure failed (exit ${String(r.status)})`)
  for (const line of lines) log(`[${label}] ${line}`)
  return JSON.parse(last.slice(RESULT.length)) as unknown
}
