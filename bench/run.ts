// `npm run bench`: the library's performance and footprint figures, each a ratio or a count from one
// run, written to bench/results.json (see bench/README.md). Everything runs the built package
// (`dist`), as a service would. The stream and scale measures run in fresh processes, three rounds
// each (one in a quick run), and each figure is their median.
import { inProcess, log, median, medianRun, quick } from './core/harness.js'
import { coldImportMs, cycleLookupRatio, gzBytesUnenroll } from './core/footprint.js'
import { record, type Figure } from './core/results.js'
import { floorCustomers, measureStream } from './core/stream.js'

interface ScaleFigures {
  readonly scaleRatio: number
  readonly idleAdvanceRatio: number
  readonly bytesPerCustomer: number
  readonly lookupNs: ReadonlyArray<number>
  readonly lookupOnlyScaleRatio: number
}

const rounds = quick ? 1 : 3
const scaleScript = new URL('./core/scale.ts', import.meta.url)
const floorScaleScript = new URL('./core/floorScale.ts', import.meta.url)
const floorScales: Array<{ readonly floorScaleRatio: number }> = []
const streams: Array<{ readonly floorRatio: number; readonly operations: number }> = []
const scales: Record<'weekly' | 'grace' | 'cyclic', Array<ScaleFigures>> = {
  weekly: [],
  grace: [],
  cyclic: [],
}
for (let round = 1; round <= rounds; round++) {
  streams.push(await measureStream(round, rounds))
  for (const target of ['weekly', 'grace', 'cyclic'] as const)
    scales[target].push(
      inProcess(scaleScript, `${target} ${round}/${rounds}`, {
        BENCH_TARGET: target,
      }) as ScaleFigures,
    )
  floorScales.push(
    inProcess(floorScaleScript, `floor scale ${round}/${rounds}`) as {
      readonly floorScaleRatio: number
    },
  )
}
const stream = medianRun(streams, 'floorRatio')
const weekly = medianRun(scales.weekly, 'scaleRatio')
const grace = medianRun(scales.grace, 'scaleRatio')
const cyclic = medianRun(scales.cyclic, 'scaleRatio')
const idle = (runs: ReadonlyArray<ScaleFigures>) => median(runs.map((r) => r.idleAdvanceRatio))

log('cycle lookup, bundle size and cold start…')
const lower = (value: number, goal: number): Figure => ({ value, goal, better: 'lower' })
const figures: Record<string, Figure> = {
  floorRatio: lower(stream.floorRatio, 3),
  scaleRatio: lower(weekly.scaleRatio, 1.5),
  idleAdvanceRatio: lower(idle(scales.weekly), 1.5),
  graceScaleRatio: lower(grace.scaleRatio, 1.5),
  graceIdleAdvanceRatio: lower(idle(scales.grace), 1.5),
  cyclicScaleRatio: lower(cyclic.scaleRatio, 1.5),
  cycleLookupRatio: lower(await cycleLookupRatio(), 3),
  bytesPerCustomer: lower(weekly.bytesPerCustomer, 400),
  cyclicBytesPerCustomer: lower(cyclic.bytesPerCustomer, 400),
  gzBytesUnenroll: lower(await gzBytesUnenroll(), 10_240),
  coldImportMs: lower(coldImportMs(), 20),
}
const three = (xs: ReadonlyArray<number>) => xs.map((x) => Number(x.toFixed(3)))
record(figures, {
  quick,
  workload: {
    floorCustomers,
    floorOperations: stream.operations,
    scaleCustomers: [1_000, quick ? 20_000 : 1_000_000],
    lookupCycles: [10, 10_000],
  },
  // Not goals: each round's figure (the figures above are their medians), and, from the weekly scale
  // process of median scaleRatio, a lookup of a random customer at each size and the scaleRatio of a
  // sample that gained only its two lookups' extra time.
  context: {
    runs: {
      floorRatio: three(streams.map((r) => r.floorRatio)),
      scaleRatio: three(scales.weekly.map((r) => r.scaleRatio)),
      idleAdvanceRatio: three(scales.weekly.map((r) => r.idleAdvanceRatio)),
      graceScaleRatio: three(scales.grace.map((r) => r.scaleRatio)),
      cyclicScaleRatio: three(scales.cyclic.map((r) => r.scaleRatio)),
    },
    // The floor's own scaleRatio: the same sample on one mutable Map of plain records.
    floorScaleRatio: Number(median(floorScales.map((r) => r.floorScaleRatio)).toFixed(3)),
    floorScaleRatios: three(floorScales.map((r) => r.floorScaleRatio)),
    lookupNs: weekly.lookupNs,
    lookupOnlyScaleRatio: Number(weekly.lookupOnlyScaleRatio.toFixed(3)),
  },
})
