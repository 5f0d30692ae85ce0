// What a service pays before any customer: the cycle search at 10,000 cycles against 10
// (cycleLookupRatio), the bundle of `{ unenroll }` (gzBytesUnenroll) and a cold start
// (coldImportMs).
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { Bench } from 'tinybench'
import type { Cycle, MilestoneTarget } from '../../src/index.js'
import { cycleHolding, fixedWindow } from '../../src/rules/window.js'
import { gzBytes } from '../size.mjs'
import { collect, DAY, median, prng, quick } from './harness.js'

const dailyCycles = (count: number): ReadonlyArray<Cycle> =>
  Array.from({ length: count }, (_, i) => ({
    index: i + 1,
    refCode: `d${i + 1}`,
    start: new Date(Date.UTC(2026, 0, 1 + i)),
    end: new Date(Date.UTC(2026, 0, 2 + i)),
  }))

/** The median time of one search for the cycle holding a random instant, among `count` cycles. */
const lookup = async (count: number): Promise<number> => {
  const window = fixedWindow({ cycles: dailyCycles(count) } as unknown as MilestoneTarget)
  const random = prng(3)
  const span = count * DAY
  const from = Date.UTC(2026, 0, 1)
  const bench = new Bench({ time: quick ? 200 : 1_000, warmup: true })
  let found = 0
  bench.add('lookup', () => {
    if (cycleHolding(window, undefined, from + Math.floor(random() * span)) !== 0) found++
  })
  await bench.run()
  const r = bench.getTask('lookup')?.result
  if (r === undefined || !('latency' in r) || found === 0) throw new Error('lookup bench failed')
  // The median: a search allocates nothing, so a mean would only add the host's hiccups.
  return r.latency.p50
}

export const cycleLookupRatio = async (): Promise<number> =>
  (await lookup(10_000)) / (await lookup(10))

export const gzBytesUnenroll = (): Promise<number> => gzBytes(['unenroll'])

const timeNode = (args: ReadonlyArray<string>): number => {
  const begin = process.hrtime.bigint()
  const r = spawnSync(process.execPath, args, { stdio: 'pipe' })
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr.toString()}`)
  return Number(process.hrtime.bigint() - begin) / 1e6
}

/** A fresh `node` importing the built package and running one unenroll, less one importing nothing. */
export const coldImportMs = (): number => {
  const cold = fileURLToPath(new URL('../cold.mjs', import.meta.url))
  const bare = fileURLToPath(new URL('../bare.mjs', import.meta.url))
  // A full collection first, so no concurrent marking of this process competes with the children.
  collect()
  const runs = quick ? 5 : 21
  const withImport: Array<number> = []
  const without: Array<number> = []
  for (let i = 0; i < runs; i++) {
    withImport.push(timeNode([cold]))
    without.push(timeNode([bare]))
  }
  return median(withImport) - median(without)
}
