/**
 * Realistic operation streams for trying the simulator at scale without data of one's own (rule
 * simulate.generate).
 *
 * @since 0.2.0
 */
import type { TextWriter } from './textWriter.js'

// model

/** What to generate. */
export interface GenerateOptions {
  readonly customers: number
  readonly days: number
  /** The same seed gives the same stream, byte for byte. */
  readonly seed: number
  /** Midnight UTC of the first day. */
  readonly start: Date
  /** Some purchases are refunded days later: activities with a negative value. */
  readonly returns: boolean
  /** Stop after this many lines. */
  readonly operations?: number | undefined
}

// operations

const DAY = 86_400_000

/** A seeded PRNG (mulberry32): uniform in [0, 1). */
export const prng = (seed: number): (() => number) => {
  let s = seed | 0
  return () => {
    s = (s + 0x6d2b79f5) | 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A standard normal draw (Box–Muller). */
const normal = (random: () => number): number =>
  Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())

/** A Poisson draw (Knuth): the number of purchases in a day at `rate` a day. */
const poisson = (random: () => number, rate: number): number => {
  const limit = Math.exp(-rate)
  let k = 0
  let p = random()
  while (p > limit) {
    k++
    p *= random()
  }
  return k
}

/** A purchase amount: log-normal around 25, in cents. */
const amount = (random: () => number): number =>
  Math.max(0.5, Math.round(Math.exp(Math.log(25) + 0.6 * normal(random)) * 100) / 100)

const iso = (t: number): string => new Date(t).toISOString()

/**
 * Writes a stream day by day: an `advance` at each midnight (UTC), then the day's operations in
 * time order. Each customer enrols in the first four weeks (most early), buys at a rate of their
 * own (a few heavy buyers, many light ones; amounts around 25), and some unenrol, half of those
 * re-enrolling weeks later (with or without a streak reset); with `returns`, about 3% of
 * purchases are refunded one to ten days later. Customer ids are 100001, 100002, ….
 * Resolves to the number of lines written.
 *
 * @example
 * import { generate } from './generate.js'
 * import { textWriter } from './textWriter.js'
 * const out = textWriter(process.stdout, false)
 * const lines = await generate(
 *   { customers: 100, days: 30, seed: 1, start: new Date('2026-01-01T00:00:00Z'), returns: false },
 *   out,
 * )
 * await out.close()
 */
export const generate = async (options: GenerateOptions, out: TextWriter): Promise<number> => {
  const { customers, days, returns } = options
  const limit = options.operations ?? Number.POSITIVE_INFINITY
  const random = prng(options.seed)
  const enrolDay = new Int32Array(customers)
  const unenrolDay = new Int32Array(customers).fill(-1)
  const reenrolDay = new Int32Array(customers).fill(-1)
  const reset = new Uint8Array(customers)
  const rate = new Float64Array(customers)
  const enrolWithin = Math.min(days, 28)
  for (let i = 0; i < customers; i++) {
    enrolDay[i] = Math.floor(random() * random() * enrolWithin)
    rate[i] = Math.min(4, 0.35 * Math.exp(0.8 * normal(random)))
    if (random() < 0.08) {
      const leave = (enrolDay[i] ?? 0) + 1 + Math.floor(random() * days)
      unenrolDay[i] = leave
      if (random() < 0.5) reenrolDay[i] = leave + 1 + Math.floor(random() * 30)
      reset[i] = random() < 0.5 ? 1 : 0
    }
  }
  /** Refunds due, by day: customer index and amount. */
  const refunds = new Map<number, Array<{ readonly customer: number; readonly value: number }>>()
  let written = 0
  const emit = (text: string): boolean => {
    if (written >= limit) return false
    out.write(`${text}\n`)
    written++
    return true
  }
  for (let d = 0; d < days; d++) {
    const midnight = options.start.getTime() + d * DAY
    if (!emit(`{"kind":"advance","now":"${iso(midnight)}"}`)) break
    const day: Array<{ readonly t: number; readonly text: string }> = []
    const at = (): number => midnight + Math.floor(random() * DAY)
    for (let i = 0; i < customers; i++) {
      if (d < (enrolDay[i] ?? 0)) continue
      const id = 100_001 + i
      if (d === enrolDay[i]) {
        const t = at()
        day.push({ t, text: `{"kind":"enroll","customerId":${id},"now":"${iso(t)}"}` })
      }
      if (d === unenrolDay[i]) {
        const t = at()
        day.push({ t, text: `{"kind":"unenroll","customerId":${id},"now":"${iso(t)}"}` })
      }
      if (d === reenrolDay[i]) {
        const t = at()
        day.push({
          t,
          text: `{"kind":"reenroll","customerId":${id},"now":"${iso(t)}","options":{"resetStreakStatus":${reset[i] === 1}}}`,
        })
      }
      for (let n = poisson(random, rate[i] ?? 0); n > 0; n--) {
        const t = at()
        const value = amount(random)
        day.push({
          t,
          text: `{"kind":"activity","customerId":${id},"at":"${iso(t)}","value":${value}}`,
        })
        if (returns && random() < 0.03) {
          const due = d + 1 + Math.floor(random() * 10)
          const list = refunds.get(due) ?? []
          list.push({ customer: i, value })
          refunds.set(due, list)
        }
      }
    }
    for (const refund of refunds.get(d) ?? []) {
      const t = at()
      day.push({
        t,
        text: `{"kind":"activity","customerId":${100_001 + refund.customer},"at":"${iso(t)}","value":${-refund.value}}`,
      })
    }
    refunds.delete(d)
    // Stable: operations at one instant keep the order they were drawn in.
    day.sort((a, b) => a.t - b.t)
    for (const op of day) if (!emit(op.text)) break
    await out.drain()
    if (written >= limit) break
  }
  return written
}
