// The floor: a minimal mutable implementation of the same rules for the benchmark's workload
// (enrol, COUNT activities, unenrol, re-enrol without reset, advance) on a PERIOD_END milestone, the
// watermark moved by advance only —
// one Map of plain records, fields written in place, no events but the rewards. The benchmark
// checks that it pays exactly the rewards the library pays.
import type { Target } from '../src/index.js'

interface Record {
  enrolled: boolean
  since: number
  startCycle: number
  settledAt: number
  settledCycles: number
  /** The open cycle with progress, its value and whether it reached the goal (0: none). */
  cycle: number
  value: number
  achieved: boolean
}

/** A reward as both implementations report it: `customer/cycle/type/at`. */
export type RewardLine = string

export class MutableFloor {
  private watermark = Number.NEGATIVE_INFINITY
  private readonly customers = new Map<number, Record>()
  private readonly starts: Float64Array
  private readonly ends: Float64Array
  readonly rewards: Array<RewardLine> = []

  constructor(private readonly target: Target) {
    this.starts = Float64Array.from(target.cycles, (c) => c.start.getTime())
    this.ends = Float64Array.from(target.cycles, (c) => c.end.getTime())
  }

  /** Cycles ended at t (binary search). */
  private endedBy(t: number): number {
    let low = 0
    let high = this.ends.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if ((this.ends[mid] as number) <= t) low = mid + 1
      else high = mid
    }
    return low
  }

  private settle(id: number, r: Record, t: number): void {
    const ended = this.endedBy(t)
    for (let i = r.settledCycles; i < ended; i++) {
      const cycle = i + 1
      if (r.cycle === cycle) {
        if (r.achieved)
          this.rewards.push(
            `${id}/${cycle}/${r.enrolled && cycle >= r.startCycle ? 'REWARD_ISSUED' : 'REWARD_FORFEITED'}/${this.ends[i]}`,
          )
        r.cycle = 0
        r.value = 0
        r.achieved = false
      }
    }
    if (ended > r.settledCycles) r.settledCycles = ended
  }

  private current(t: number): number {
    const i = this.endedBy(t)
    return i < this.ends.length ? i + 1 : 0
  }

  enroll(id: number, now: number): boolean {
    if (now < this.watermark || this.customers.has(id)) return false
    const start = this.current(now)
    if (start === 0) return false
    this.customers.set(id, {
      enrolled: true,
      since: now,
      startCycle: start,
      settledAt: now,
      settledCycles: this.endedBy(now),
      cycle: 0,
      value: 0,
      achieved: false,
    })
    return true
  }

  unenroll(id: number, now: number): boolean {
    const r = this.customers.get(id)
    if (now < this.watermark || r === undefined || !r.enrolled || now < r.settledAt) return false
    const k = this.current(now)
    if (k === 0) return false
    this.settle(id, r, now)
    if (r.cycle > k) {
      r.cycle = 0
      r.value = 0
      r.achieved = false
    }
    r.enrolled = false
    r.since = now
    r.settledAt = now
    return true
  }

  reenroll(id: number, now: number): boolean {
    const r = this.customers.get(id)
    if (now < this.watermark || r === undefined || r.enrolled || now < r.settledAt) return false
    const start = this.current(now)
    if (start === 0) return false
    this.settle(id, r, now)
    r.enrolled = true
    r.startCycle = start
    r.since = now
    r.settledAt = now
    return true
  }

  activity(id: number, at: number): boolean {
    const r = this.customers.get(id)
    if (r === undefined || !r.enrolled || at < r.since) return false
    const i = this.endedBy(at)
    if (i >= this.starts.length || (this.starts[i] as number) > at) return false
    const cycle = i + 1
    const end = this.ends[i] as number
    if (cycle < r.startCycle || end <= r.settledAt || end <= this.watermark) return false
    this.settle(id, r, at)
    if (r.cycle !== cycle) {
      r.cycle = cycle
      r.value = 0
      r.achieved = false
    }
    r.value += 1
    if (!r.achieved && r.value >= this.target.goal) r.achieved = true
    if (at > r.settledAt) r.settledAt = at
    return true
  }

  advance(now: number): boolean {
    if (now < this.watermark) return false
    this.watermark = now
    for (const [id, r] of this.customers) this.settle(id, r, now)
    return true
  }
}
