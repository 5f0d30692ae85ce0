// The library as a service runs it: the built package (`dist`), typed as the source it is built
// from. BENCH_DIST names another build's `dist` folder, to measure it on the same workloads
// (`bench/compare.ts` runs an earlier commit's side by side with this one).
import { pathToFileURL } from 'node:url'
import type * as Library from '../../src/index.js'

const dist =
  process.env.BENCH_DIST === undefined
    ? new URL('../../dist/index.js', import.meta.url)
    : pathToFileURL(`${process.env.BENCH_DIST}/index.js`)

export const library = (await import(dist.href)) as typeof Library
