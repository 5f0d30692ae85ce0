/**
 * A cycle: one target period of a target group (SPEC §1).
 *
 * @since 0.1.0
 */
import * as O from 'fp-ts/lib/Option.js'

// model

/**
 * One target period `[start, end)`, with a 1-based `index` and its name, `refCode`.
 * `goal` is set only where this cycle's goal differs from the target's.
 *
 * @example
 * import type { Cycle } from 'loyalty-streaks'
 * const c1: Cycle = { index: 1, refCode: 'c1', start: new Date('2026-01-01'), end: new Date('2026-02-01') }
 */
export interface Cycle {
  readonly index: number
  readonly refCode: string
  readonly start: Date
  readonly end: Date
  readonly goal?: number
}

// operations

/** The starts and ends of a target's cycles as milliseconds, side by side in memory. */
interface Edges {
  readonly starts: Float64Array
  readonly ends: Float64Array
}

// A target's cycles never change (they are copied when the target is defined), so their edges are
// computed once per cycles array and searched as plain numbers: with thousands of cycles, a search
// through Cycle and Date objects spends its time on cache misses, not comparisons. The cache holds
// no cycles alive (WeakMap) and never changes a result: it is a memo, not state.
const edgesOf = new WeakMap<ReadonlyArray<Cycle>, Edges>()

// The cycles searched last, and their edges: a service works on one target at a time, so most
// searches skip even the WeakMap lookup.
let lastCycles: ReadonlyArray<Cycle> | undefined
let lastEdges: Edges = { starts: new Float64Array(0), ends: new Float64Array(0) }

const edges = (cycles: ReadonlyArray<Cycle>): Edges => {
  if (cycles === lastCycles) return lastEdges
  const known = edgesOf.get(cycles) ?? computeEdges(cycles)
  lastCycles = cycles
  lastEdges = known
  return known
}

const computeEdges = (cycles: ReadonlyArray<Cycle>): Edges => {
  const computed: Edges = {
    starts: Float64Array.from(cycles, (cycle) => cycle.start.getTime()),
    ends: Float64Array.from(cycles, (cycle) => cycle.end.getTime()),
  }
  edgesOf.set(cycles, computed)
  return computed
}

/**
 * How many of the ascending `times` are ≤ `t`. The search starts where `t` would fall if the times
 * were evenly spaced, then gallops outwards and halves: calendar cycles nearly are evenly spaced
 * (a day, a week, 28 to 31 days), so the first probe or its neighbour answers whatever the number
 * of cycles, and no spacing makes it worse than O(log n).
 */
const countUpTo = (times: Float64Array, t: number): number => {
  const n = times.length
  if (n === 0 || t < (times[0] as number)) return 0
  const first = times[0] as number
  const last = times[n - 1] as number
  if (t >= last) return n
  // Now times[0] ≤ t < times[n - 1]: the answer is in [1, n - 1]. Keep times[low] ≤ t < times[high].
  const guess = Math.floor(((t - first) / (last - first)) * (n - 1))
  let low: number
  let high: number
  if ((times[guess] as number) <= t) {
    low = guess
    high = guess + 1
    for (let step = 2; (times[high] as number) <= t; step *= 2) {
      low = high
      high = Math.min(guess + step, n - 1)
    }
  } else {
    high = guess
    low = guess - 1
    for (let step = 2; (times[low] as number) > t; step *= 2) {
      high = low
      low = Math.max(guess - step, 0)
    }
  }
  while (high - low > 1) {
    const mid = (low + high) >>> 1
    if ((times[mid] as number) <= t) low = mid
    else high = mid
  }
  return high
}

/**
 * How many cycles have ended at `instant` (their `end` ≤ `instant`). Cycles are sorted and do not
 * overlap, so their ends ascend and `countUpTo` answers in O(log n) at worst.
 */
export const countEndedBy = (cycles: ReadonlyArray<Cycle>, instant: Date): number =>
  countUpTo(edges(cycles).ends, instant.getTime())

/** How many cycles have started at `instant` (their `start` ≤ `instant`), in O(log n) at worst. */
export const countStartedBy = (cycles: ReadonlyArray<Cycle>, instant: Date): number =>
  countUpTo(edges(cycles).starts, instant.getTime())

/** The cycle whose half-open interval holds `instant` (SPEC §2: an `end` belongs to the next cycle). */
export const cycleHolding = (cycles: ReadonlyArray<Cycle>, instant: Date): Cycle | undefined => {
  const { starts, ends } = edges(cycles)
  const t = instant.getTime()
  const ended = countUpTo(ends, t)
  // The start is read from the edges, not from the cycle: one cache line instead of two objects.
  return ended < starts.length && (starts[ended] as number) <= t ? cycles[ended] : undefined
}

/** The cycle holding `instant`, else the next one to start (before the first cycle or in a gap). */
export const currentOrNextCycle = (cycles: ReadonlyArray<Cycle>, instant: Date): O.Option<Cycle> =>
  O.fromNullable(cycles[countEndedBy(cycles, instant)])

/** The cycle with this 1-based index. */
export const cycleAt = (cycles: ReadonlyArray<Cycle>, index: number): Cycle =>
  cycles[index - 1] as Cycle
