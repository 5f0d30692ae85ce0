// rule time.half-open: the cycle holding an instant, `[start, end)`, an end belonging to the next
// cycle, in a FIXED window (rule window.fixed); these properties hold the search to a linear scan
// whatever the spacing.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Cycle, Target } from '../src/index.js'
import { cycleHolding as holdingIn, cycleHoldingOrNext, fixedWindow } from '../src/rules/window.js'

const DAY = 86_400_000
const origin = Date.UTC(2026, 0, 1)

/** Sorted, non-overlapping cycles from (gap before, length) pairs in ms: any spacing at all. */
const cyclesFrom = (spans: ReadonlyArray<readonly [number, number]>): ReadonlyArray<Cycle> => {
  let t = origin
  return spans.map(([gap, length], i) => {
    const start = t + gap
    t = start + length
    return { index: i + 1, refCode: `c${i + 1}`, start: new Date(start), end: new Date(t) }
  })
}

const spans = fc.array(
  fc.tuple(
    fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 * DAY })),
    fc.oneof(fc.constant(DAY), fc.integer({ min: 1, max: 400 * DAY })),
  ),
  { minLength: 1, maxLength: 60 },
)

/** Instants around every edge, and some anywhere from before the first to after the last. */
const instantsOf = (cycles: ReadonlyArray<Cycle>, extra: ReadonlyArray<number>): Array<Date> => {
  const edges = cycles.flatMap((c) => [c.start.getTime(), c.end.getTime()])
  const last = edges[edges.length - 1] as number
  return [
    ...edges.flatMap((e) => [e - 1, e, e + 1]),
    ...extra.map((x) => origin - DAY + Math.floor(x * (last - origin + 2 * DAY))),
  ].map((t) => new Date(t))
}

const linearHolding = (cycles: ReadonlyArray<Cycle>, t: Date) =>
  cycles.find((c) => c.start.getTime() <= t.getTime() && t.getTime() < c.end.getTime())

const windows = new WeakMap<ReadonlyArray<Cycle>, ReturnType<typeof fixedWindow>>()

/** The window of a target with these cycles (the window reads only its cycles), built once. */
const windowOf = (cycles: ReadonlyArray<Cycle>) => {
  const known = windows.get(cycles) ?? fixedWindow({ cycles } as unknown as Target)
  windows.set(cycles, known)
  return known
}

/** The cycle holding `t`, as a cycle, or undefined. */
const cycleHolding = (cycles: ReadonlyArray<Cycle>, t: Date): Cycle | undefined =>
  cycles[holdingIn(windowOf(cycles), undefined, t.getTime()) - 1]

const countEndedBy = (cycles: ReadonlyArray<Cycle>, t: Date): number =>
  windowOf(cycles).endedBy(undefined, t.getTime())

describe('cycle lookup', () => {
  it('finds the cycle a linear scan finds, and counts ended cycles as it does', () => {
    fc.assert(
      fc.property(spans, fc.array(fc.double({ min: 0, max: 1, noNaN: true })), (s, extra) => {
        const cycles = cyclesFrom(s)
        for (const t of instantsOf(cycles, extra)) {
          expect(cycleHolding(cycles, t)).toBe(linearHolding(cycles, t))
          expect(countEndedBy(cycles, t)).toBe(
            cycles.filter((c) => c.end.getTime() <= t.getTime()).length,
          )
          const next = cycles.find((c) => t.getTime() < c.end.getTime())
          expect(cycleHoldingOrNext(windowOf(cycles), undefined, t.getTime())).toBe(
            next?.index ?? 0,
          )
        }
      }),
    )
  })

  it('time.half-open: an end belongs to the next cycle; a gap and the time outside the cycles belong to none', () => {
    const cycles = cyclesFrom([
      [0, DAY],
      [0, DAY],
      [DAY, DAY],
    ])
    const [c1, c2, c3] = cycles
    expect(cycleHolding(cycles, new Date(origin))).toBe(c1)
    expect(cycleHolding(cycles, new Date(origin + DAY))).toBe(c2)
    expect(cycleHolding(cycles, new Date(origin + 2 * DAY))).toBeUndefined()
    expect(cycleHolding(cycles, new Date(origin + 3 * DAY))).toBe(c3)
    expect(cycleHolding(cycles, new Date(origin - 1))).toBeUndefined()
    expect(cycleHolding(cycles, new Date(origin + 4 * DAY))).toBeUndefined()
    expect(cycleHolding([], new Date(origin))).toBeUndefined()
    expect(countEndedBy([], new Date(origin))).toBe(0)
  })

  it('time.half-open: 10,000 cycles of very uneven lengths: every cycle is found at its start, middle and end', () => {
    // Lengths from one second to a year: the halving does the work.
    const cycles = cyclesFrom(
      Array.from({ length: 10_000 }, (_, i) => [0, i % 97 === 0 ? 365 * DAY : 1_000 + i] as const),
    )
    for (const [i, c] of cycles.entries()) {
      const mid = new Date((c.start.getTime() + c.end.getTime()) / 2)
      expect(cycleHolding(cycles, c.start)).toBe(c)
      expect(cycleHolding(cycles, mid)).toBe(c)
      expect(cycleHolding(cycles, c.end)).toBe(cycles[i + 1])
    }
  })
})
