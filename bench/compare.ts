// `node --expose-gc --import tsx bench/compare.ts <other dist folder>`: this build and another (an
// earlier commit's `dist`, built there) side by side on floorRatio and scaleRatio, alternating one
// round of each, three rounds each, and both medians. Nothing is written: the figures are printed.
import { inProcess, log, median } from './core/harness.js'
import { measureStream } from './core/stream.js'

const other = process.argv[2]
if (other === undefined) throw new Error('usage: bench/compare.ts <the other build’s dist folder>')
const rounds = Number(process.env.COMPARE_ROUNDS ?? 3)
const scaleScript = new URL('./core/scale.ts', import.meta.url)
const builds = { this: undefined, other } as const
const figures = {
  this: { floorRatio: [] as Array<number>, scaleRatio: [] as Array<number> },
  other: { floorRatio: [] as Array<number>, scaleRatio: [] as Array<number> },
}

const as = async (build: keyof typeof builds, round: number): Promise<void> => {
  const dist = builds[build]
  if (dist === undefined) delete process.env.BENCH_DIST
  else process.env.BENCH_DIST = dist
  log(`— ${build} build, round ${round}`)
  figures[build].floorRatio.push((await measureStream(round, rounds)).floorRatio)
  const scale = inProcess(scaleScript, `${build} scale ${round}`, { BENCH_TARGET: 'weekly' }) as {
    readonly scaleRatio: number
  }
  figures[build].scaleRatio.push(scale.scaleRatio)
}

for (let round = 1; round <= rounds; round++) {
  // Which build goes first alternates, so that a drift of the host falls on both alike.
  const order = round % 2 === 1 ? (['other', 'this'] as const) : (['this', 'other'] as const)
  for (const build of order) await as(build, round)
}
const row = (build: keyof typeof figures) => ({
  floorRatio: median(figures[build].floorRatio),
  floorRatioRuns: figures[build].floorRatio.map((x) => Number(x.toFixed(3))).join(', '),
  scaleRatio: median(figures[build].scaleRatio),
  scaleRatioRuns: figures[build].scaleRatio.map((x) => Number(x.toFixed(3))).join(', '),
})
console.table({ this: row('this'), [other]: row('other') })
