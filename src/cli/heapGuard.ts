/**
 * A bound on the simulator's heap: a full collection whenever the heap has grown well past the
 * data that was live after the last one (rule simulate.streamed).
 *
 * @since 0.2.0
 */
import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'

// operations

/** Growth of the heap over the live data that triggers a collection, at least. */
const SLACK = 64 * 1024 * 1024

const used = (): number => v8.getHeapStatistics().used_heap_size

/**
 * A check to call between chunks of a replay. The engine replaces a customer's record with every
 * operation on them, so a long replay makes old records die in the old generation, and V8 lets
 * that generation grow to several times the live data — the longer the stream, the higher the
 * peak (measured: 268 MB on 2 million operations over 100,000 customers, 357 MB on 10 million,
 * with some 55 MB live). Collecting whenever the heap reaches twice the live data (and 64 MB more)
 * keeps the peak a function of the customers, for a few tens of milliseconds per collection.
 * Without a way to collect (another engine than V8), the check does nothing.
 *
 * @example
 * import { heapGuard } from './heapGuard.js'
 * const guard = heapGuard()
 * guard() // after each chunk
 */
export const heapGuard = (): (() => void) => {
  // The collector is reachable only with --expose-gc; set now, it shows in a new context.
  v8.setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as unknown
  if (typeof gc !== 'function') return () => undefined
  const collect = gc as () => void
  let live = used()
  return () => {
    const now = used()
    if (now < Math.max(2 * live, live + SLACK)) return
    collect()
    live = used()
  }
}
