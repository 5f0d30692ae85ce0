// Whose cycles, and when (rules window.*): the one interface the rules ask about a customer's
// cycles, and its three implementations — the definition's calendar (FIXED), each customer's own
// calendar from their anchor (CYCLIC), and cycles that end at the activity reaching the goal
// (PERIOD_AGNOSTIC).
import type { Target } from '../model/target.js'
import { fitsDate } from '../internal/guards.js'
import type { Customer, Instant } from './customer.js'

// model

/** The cycles of one customer of a target. Cycle numbers are the customer's own, 1-based. */
export interface CustomerWindow {
  readonly type: Target['window']['type']
  /** How many cycles the customer has, as far as they are known now (0 before anchoring). */
  readonly count: (customer: Customer | undefined) => number
  /** When `cycle` starts. */
  readonly start: (customer: Customer | undefined, cycle: number) => Instant
  /** When `cycle` ends; `Infinity` while a `PERIOD_AGNOSTIC` cycle is open. */
  readonly end: (customer: Customer | undefined, cycle: number) => Instant
  /** How many of the customer's cycles have ended at `t` (an end belongs to the next cycle). */
  readonly endedBy: (customer: Customer | undefined, t: Instant) => number
  /**
   * Where cycle 1 of a customer not yet anchored would start, for an activity at `t`; `NaN` when
   * no such cycles can be (one would start on a date the zone skips, or beyond the calendar).
   */
  readonly anchorFor: (t: Instant) => Instant
  /** `FIXED`: the cycle named `refCode`, or 0. */
  readonly named: (refCode: string) => number
}

/** The instants a customer's `CYCLIC` cycles start at, from their anchor: `count + 1` of them. */
export type CycleEdgesFrom = (anchor: Instant) => ArrayLike<Instant>

// operations

/**
 * How many of the ascending `edges` from `from` on are ≤ `t`, by halving: cycles are at most 100,
 * and the search touches no object but the array.
 */
const countUpTo = (edges: ArrayLike<number>, from: number, t: Instant): number => {
  let low = from
  let high = edges.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if ((edges[mid] as number) <= t) low = mid + 1
    else high = mid
  }
  return low - from
}

/** rule window.fixed: the definition's cycles, shared by every customer. */
export const fixedWindow = (target: Target): CustomerWindow => {
  const starts = Float64Array.from(target.cycles, (c) => c.start.getTime())
  const ends = Float64Array.from(target.cycles, (c) => c.end.getTime())
  const indexOf = new Map(target.cycles.map((c) => [c.refCode, c.index]))
  return {
    type: 'FIXED',
    count: () => ends.length,
    start: (_, cycle) => starts[cycle - 1] as number,
    end: (_, cycle) => ends[cycle - 1] as number,
    endedBy: (_, t) => countUpTo(ends, 0, t),
    anchorFor: (t) => t,
    named: (refCode) => indexOf.get(refCode) ?? 0,
  }
}

/**
 * rule window.cyclic: each customer's own `count` cycles, stepped in local time from the start of
 * the local day of their anchoring activity. `edgesFrom` gives the cycle starts of an anchor;
 * `grace` is how long after its end a cycle closes.
 */
export const cyclicWindow = (
  count: number,
  dayStart: (t: Instant) => Instant,
  edgesFrom: CycleEdgesFrom,
  grace: number,
): CustomerWindow => {
  const edgesOf = (customer: Customer | undefined): ArrayLike<Instant> | undefined =>
    customer?.anchor === undefined ? undefined : edgesFrom(customer.anchor)
  return {
    type: 'CYCLIC',
    count: (customer) => (customer?.anchor === undefined ? 0 : count),
    start: (customer, cycle) => edgesOf(customer)?.[cycle - 1] ?? Number.NaN,
    end: (customer, cycle) => edgesOf(customer)?.[cycle] ?? Number.NaN,
    endedBy: (customer, t) => {
      const edges = edgesOf(customer)
      return edges === undefined ? 0 : countUpTo(edges, 1, t)
    },
    // rule window.anchor-valid: an anchor is one every cycle can be stepped to, and closed at, from.
    anchorFor: (t) => {
      const anchor = dayStart(t)
      const edges = edgesFrom(anchor)
      for (let i = 0; i < edges.length; i++) if (!Number.isFinite(edges[i])) return Number.NaN
      return fitsDate((edges[edges.length - 1] as number) + grace) ? anchor : Number.NaN
    },
    named: () => 0,
  }
}

/**
 * rule window.agnostic: each customer's own cycles: cycle 1 starts at the anchoring activity, and
 * each cycle ends at the activity that reaches its goal, where the next begins; `maxCycles` at most.
 */
export const agnosticWindow = (maxCycles: number): CustomerWindow => ({
  type: 'PERIOD_AGNOSTIC',
  count: (customer) =>
    customer?.anchor === undefined ? 0 : Math.min(customer.cycleEnds.length + 1, maxCycles),
  start: (customer, cycle) =>
    cycle === 1 ? (customer?.anchor ?? Number.NaN) : (customer?.cycleEnds[cycle - 2] ?? Number.NaN),
  end: (customer, cycle) => customer?.cycleEnds[cycle - 1] ?? Number.POSITIVE_INFINITY,
  endedBy: (customer, t) => (customer === undefined ? 0 : countUpTo(customer.cycleEnds, 0, t)),
  anchorFor: (t) => t,
  named: () => 0,
})

/** The cycle of the customer holding `t` (half-open: rule time.half-open), or 0. */
export const cycleHolding = (
  window: CustomerWindow,
  customer: Customer | undefined,
  t: Instant,
): number => {
  const next = window.endedBy(customer, t) + 1
  return next <= window.count(customer) && window.start(customer, next) <= t ? next : 0
}

/** The cycle holding `t`, else the next to start, or 0 after the customer's last cycle. */
export const cycleHoldingOrNext = (
  window: CustomerWindow,
  customer: Customer | undefined,
  t: Instant,
): number => {
  const next = window.endedBy(customer, t) + 1
  return next <= window.count(customer) ? next : 0
}
