// The figures of `npm run bench` with their goals, printed and written to bench/results.json. The
// file is shared: other benches (the service's, the simulator's) add their figures to it, so a run
// replaces only the figures it measured.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { log, quick } from './harness.js'

/** A figure: its value, and the bound it must stay within. */
export interface Figure {
  readonly value: number
  readonly goal: number
  readonly better: 'lower' | 'higher'
}

const file = new URL('../results.json', import.meta.url)

const met = (f: Figure): boolean => (f.better === 'lower' ? f.value <= f.goal : f.value >= f.goal)

/** Prints the figures and, unless the run is quick, writes them beside those already there. */
export const record = (
  figures: Readonly<Record<string, Figure>>,
  extra: Readonly<{
    quick: boolean
    workload: unknown
    context: Readonly<Record<string, unknown>>
  }>,
): void => {
  console.table(
    Object.fromEntries(
      Object.entries(figures).map(([name, f]) => [
        name,
        {
          value: Number(f.value.toFixed(3)),
          goal: `${f.better === 'lower' ? '≤' : '≥'} ${f.goal}`,
          met: met(f),
        },
      ]),
    ),
  )
  if (quick) {
    log('quick run: bench/results.json not written')
    return
  }
  const before = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as {
        figures?: Record<string, number>
        goals?: Record<string, number>
        context?: Record<string, unknown>
        goalKinds?: Record<string, 'at most' | 'at least'>
      })
    : {}
  const allFigures = {
    ...(before.figures ?? {}),
    ...Object.fromEntries(Object.entries(figures).map(([n, f]) => [n, Number(f.value.toFixed(3))])),
  }
  const goals = {
    ...(before.goals ?? {}),
    ...Object.fromEntries(Object.entries(figures).map(([n, f]) => [n, f.goal])),
  }
  // Every goal is a bound a figure stays at most at, unless its kind says "at least" (a rate).
  const goalKinds = {
    ...(before.goalKinds ?? {}),
    ...Object.fromEntries(
      Object.entries(figures).map(([n, f]) => [n, f.better === 'lower' ? 'at most' : 'at least']),
    ),
  }
  const allMet = Object.entries(goals).every(([name, goal]) => {
    const value = allFigures[name]
    if (value === undefined) return true
    return goalKinds[name] === 'at least' ? value >= goal : value <= goal
  })
  const results = {
    ...before,
    measuredAt: new Date().toISOString(),
    machine: {
      node: process.version,
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    },
    quick: extra.quick,
    workload: extra.workload,
    // The other benches' context (the service's, the simulator's) stays beside this run's.
    context: { ...(before.context ?? {}), ...extra.context },
    figures: allFigures,
    goals,
    goalKinds,
    allMet,
  }
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
  log('written: bench/results.json')
}
