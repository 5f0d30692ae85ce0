// The rules' context of a target, built once per target: its window, with the speed devices a
// window needs kept here, out of the rules (each measured in bench/FINDINGS.md).
import { cycleStartAfter } from '../calendar/frequency.js'
import { localDayNumber, localDayStart } from '../calendar/localTime.js'
import type { Target } from '../model/target.js'
import type { Context } from '../rules/context.js'
import type { Instant } from '../rules/customer.js'
import { agnosticWindow, cyclicWindow, fixedWindow, type CustomerWindow } from '../rules/window.js'

const DAY = 86_400_000

/**
 * How many anchors' cycle edges a `CYCLIC` target keeps: customers who first came on the same
 * local day share their cycles, so a few years of anchors cover most of a programme.
 */
const EDGES_KEPT = 4_096

/**
 * A `CYCLIC` window's cycle starts of an anchor, remembered: stepping 100 cycles in local time
 * costs far more than every operation that asks for them (a memo: it never changes a result).
 */
const rememberedEdges = (
  count: number,
  step: (anchor: Instant, periods: number) => Instant,
): ((anchor: Instant) => Float64Array) => {
  const kept = new Map<Instant, Float64Array>()
  return (anchor) => {
    const known = kept.get(anchor)
    if (known !== undefined) return known
    const edges = Float64Array.from({ length: count + 1 }, (_, i) => step(anchor, i))
    if (kept.size >= EDGES_KEPT) kept.delete(kept.keys().next().value as Instant)
    kept.set(anchor, edges)
    return edges
  }
}

const windowOf = (target: Target): CustomerWindow => {
  const window = target.window
  switch (window.type) {
    case 'FIXED':
      return fixedWindow(target)
    case 'CYCLIC': {
      const zone = target.timeZone ?? 'UTC'
      return cyclicWindow(
        window.count,
        (t) => localDayStart(t, zone),
        rememberedEdges(
          window.count,
          (anchor, periods) =>
            cycleStartAfter(anchor, window.frequency, periods, zone) ?? Number.NaN,
        ),
        target.graceDays * DAY,
      )
    }
    case 'PERIOD_AGNOSTIC':
      return agnosticWindow(window.maxCycles)
  }
}

const contexts = new WeakMap<Target, Context>()

/** The rules' context of `target` (built on first use, then shared: a target never changes). */
export const contextOf = (target: Target): Context => {
  const known = contexts.get(target)
  if (known !== undefined) return known
  const zone = target.timeZone ?? 'UTC'
  const context: Context = {
    target,
    window: windowOf(target),
    grace: target.graceDays * DAY,
    localDay: (t) => localDayNumber(t, zone),
  }
  contexts.set(target, context)
  return context
}
