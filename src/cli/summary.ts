/**
 * What a replay cost, cycle by cycle: the summary the simulator prints, writes as JSON and merges
 * across shards (rules simulate.summary.*).
 *
 * @since 0.2.0
 */
import type { EnrolmentError } from '../model/error.js'
import type { EnrolmentEvent } from '../model/event.js'
import type { RewardDescriptor } from '../model/json.js'
import type { RewardAllocationType, Target } from '../model/target.js'
import { customers, cyclesOf, encodeTarget } from '../index.js'
import type { EnrolmentState } from '../runtime/state.js'
import type { Warning } from '../model/error.js'
import { fnv1a, type Shard } from './shard.js'

// model

/** How many, and what they cost (the sum of the descriptors' numeric `value`). */
export interface Tally {
  readonly count: number
  readonly cost: number
}

/** One cycle (the customers' own cycle `index` in per-customer windows). */
export interface CycleSummary {
  readonly cycle: number
  /** `FIXED` windows: the cycle's name. */
  readonly refCode?: string
  /** Customers who took part in the cycle (rule simulate.summary). */
  readonly enrolled: number
  /** Customers who reached the cycle's goal at least once. */
  readonly achieved: number
  readonly issued: Readonly<Record<RewardAllocationType, Tally>>
  readonly forfeited: Readonly<Record<RewardAllocationType, Tally>>
  /** Sub-targets reached, and their descriptors' cost. */
  readonly subTargets: Tally
}

/** A refused line: its 1-based number in the stream, and the engine's (or the reader's) answer. */
export interface Refusal {
  readonly line: number
  readonly code: number
  readonly message: string
}

/** One target's replay of the stream. */
export interface RunSummary {
  readonly target: {
    readonly targetGroupId: number
    readonly targetId: number
    readonly name: string
    readonly kind: Target['kind']
    readonly allocation: RewardAllocationType
    /** FNV-1a of the definition's JSON form: merged summaries must come from the same one. */
    readonly fingerprint: string
  }
  /** Operations on customers accepted. */
  readonly operations: number
  /** `advance` lines accepted. */
  readonly advances: number
  readonly refused: number
  /** The first refusals, by line (at most `REFUSALS_KEPT`). */
  readonly refusals: ReadonlyArray<Refusal>
  /** Warnings by code (activities that did not count, ignored options). */
  readonly warnings: Readonly<Record<string, number>>
  readonly customers: number
  readonly events: number
  readonly cycles: ReadonlyArray<CycleSummary>
}

/** What `--summary` writes and `simulate merge` reads. */
export interface SummaryDocument {
  readonly format: 'loyalty-streaks/simulate-summary'
  readonly version: 1
  /** Lines read (every shard reads every line). */
  readonly lines: number
  /** The shard this replay was, or null for a whole replay (and a merge of every shard). */
  readonly shard: Shard | null
  /** The target's replay, then the `--compare` target's, if any. */
  readonly runs: ReadonlyArray<RunSummary>
}

/** Refusals a summary keeps by line number (every one is counted, and reported as it happens). */
export const REFUSALS_KEPT = 1000

/** Costs are summed in millionths, as integers: the same total in any order, so shards merge exactly. */
const MICROS = 1_000_000

/** Cycle indexes are 1…100 (rule definition.cycles): 128 bits per customer and measure. */
const WORDS = 4

// operations

/** A descriptor's numeric `value`, in millionths; 0 for a descriptor without one. */
const costOf = (reward: RewardDescriptor | undefined): number => {
  if (typeof reward !== 'object' || reward === null || Array.isArray(reward)) return 0
  const value = (reward as Readonly<Record<string, unknown>>).value
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value * MICROS) : 0
}

/** A cost in millionths as a number of currency units. */
const units = (micros: number): number => micros / MICROS

/**
 * Folds one target's replay into a {@link RunSummary}: events as they come, then the final state.
 * Memory grows with customers (a few words each), never with the stream.
 */
export class SummaryBuilder {
  private operations = 0
  private advances = 0
  private refused = 0
  private readonly refusals: Array<Refusal> = []
  private readonly warnings = new Map<string, number>()
  private events = 0
  private readonly achieved = new Float64Array(101)
  /** [outcome][allocation] counts and costs by cycle; outcome 0 issued, 1 forfeited. */
  private readonly rewardCounts = [0, 1, 2, 3].map(() => new Float64Array(101))
  private readonly rewardCosts = [0, 1, 2, 3].map(() => new Float64Array(101))
  private readonly subTargetCounts = new Float64Array(101)
  private readonly subTargetCosts = new Float64Array(101)
  private readonly slots = new Map<number, number>()
  /** Per slot: WORDS words of cycles taken part in, then WORDS words of cycles achieved. */
  private bits = new Int32Array(2 * WORDS * 1024)
  /** Per slot: the start cycle of the open enrolment spell, 0 while out. */
  private from = new Int32Array(1024)
  /** Per slot with an unenrolment: [cycle k, latest unenrolment instant from k] pairs. */
  private readonly unenrolments = new Map<number, Array<number>>()

  constructor(private readonly target: Target) {}

  /** An accepted operation (`advance` or on a customer) and what it emitted. */
  accepted(
    kind: 'advance' | 'customer',
    events: ReadonlyArray<EnrolmentEvent>,
    warnings: ReadonlyArray<Warning>,
  ): void {
    if (kind === 'advance') this.advances++
    else this.operations++
    for (const w of warnings) this.warnings.set(w.code, (this.warnings.get(w.code) ?? 0) + 1)
    for (const e of events) this.event(e)
  }

  /** A refused line (counted; kept while fewer than `REFUSALS_KEPT` are). */
  refusedLine(line: number, error: EnrolmentError | { code: number; message: string }): void {
    this.refused++
    if (this.refusals.length < REFUSALS_KEPT)
      this.refusals.push({ line, code: error.code, message: error.message })
  }

  private slotOf(customerId: number): number {
    const known = this.slots.get(customerId)
    if (known !== undefined) return known
    const slot = this.slots.size
    this.slots.set(customerId, slot)
    if (slot >= this.from.length) {
      const from = new Int32Array(this.from.length * 2)
      from.set(this.from)
      this.from = from
      const bits = new Int32Array(this.bits.length * 2)
      bits.set(this.bits)
      this.bits = bits
    }
    return slot
  }

  /** Sets bit `cycle` of measure `measure` (0 took part, 1 achieved); true if it was not set. */
  private mark(slot: number, measure: 0 | 1, cycle: number): boolean {
    const word = slot * 2 * WORDS + measure * WORDS + ((cycle - 1) >>> 5)
    const bit = 1 << ((cycle - 1) & 31)
    const before = this.bits[word] ?? 0
    this.bits[word] = before | bit
    return (before & bit) === 0
  }

  private event(e: EnrolmentEvent): void {
    this.events++
    switch (e.type) {
      case 'ENROLLED':
      case 'REENROLLED':
        this.from[this.slotOf(e.customerId)] = e.cycle
        return
      case 'UNENROLLED': {
        // Rule simulate.summary: the cycles before k were taken part in; k itself only if
        // it had started at the unenrolment, which the final state's cycles tell.
        const slot = this.slotOf(e.customerId)
        const from = this.from[slot] ?? 0
        if (from > 0) for (let c = from; c < e.cycle; c++) this.mark(slot, 0, c)
        this.from[slot] = 0
        if (from > 0 && from <= e.cycle) {
          const pairs = this.unenrolments.get(slot) ?? []
          let i = 0
          while (i < pairs.length && pairs[i] !== e.cycle) i += 2
          // Only the latest unenrolment from k matters: k was taken part in if it started before.
          if (i < pairs.length) pairs[i + 1] = Math.max(pairs[i + 1] ?? 0, e.at.getTime())
          else pairs.push(e.cycle, e.at.getTime())
          this.unenrolments.set(slot, pairs)
        }
        return
      }
      case 'CYCLE_ACHIEVED':
        if (this.mark(this.slotOf(e.customerId), 1, e.cycle))
          this.achieved[e.cycle] = (this.achieved[e.cycle] ?? 0) + 1
        return
      case 'REWARD_ISSUED':
      case 'REWARD_FORFEITED': {
        const i = (e.type === 'REWARD_ISSUED' ? 0 : 2) + (e.allocation === 'IMMEDIATE' ? 0 : 1)
        const counts = this.rewardCounts[i]
        const costs = this.rewardCosts[i]
        if (counts === undefined || costs === undefined) return
        counts[e.cycle] = (counts[e.cycle] ?? 0) + 1
        costs[e.cycle] = (costs[e.cycle] ?? 0) + costOf(e.reward)
        return
      }
      case 'SUB_TARGET_REACHED':
        this.subTargetCounts[e.cycle] = (this.subTargetCounts[e.cycle] ?? 0) + 1
        this.subTargetCosts[e.cycle] = (this.subTargetCosts[e.cycle] ?? 0) + costOf(e.reward)
        return
      default:
        return
    }
  }

  /**
   * The summary, given the final state and watermark (the latest accepted `advance`). A customer
   * counts as enrolled in a cycle they took part in that started at or before the later of the
   * watermark and their own settled instant (rule simulate.summary).
   */
  finish(state: EnrolmentState, watermark: number): RunSummary {
    const enrolled = new Float64Array(101)
    const fixed = this.target.window.type === 'FIXED'
    const fixedStarts = this.target.cycles.map((c) => c.start.getTime())
    let customerCount = 0
    for (const enrolment of customers(state)) {
      customerCount++
      const slot = this.slots.get(enrolment.customerId)
      if (slot === undefined) continue
      const asOf = Math.max(watermark, enrolment.settledAt.getTime())
      const starts = fixed
        ? fixedStarts
        : cyclesOf(state, enrolment.customerId).map((c) => c.start.getTime())
      const from = this.from[slot] ?? 0
      if (from > 0)
        for (let c = from; c <= starts.length && (starts[c - 1] ?? Infinity) <= asOf; c++)
          this.mark(slot, 0, c)
      const pairs = this.unenrolments.get(slot) ?? []
      for (let i = 0; i < pairs.length; i += 2) {
        const k = pairs[i] ?? 0
        const at = pairs[i + 1] ?? 0
        if (k <= starts.length && (starts[k - 1] ?? Infinity) < at) this.mark(slot, 0, k)
      }
      for (let c = 1; c <= 100; c++) {
        const word = this.bits[slot * 2 * WORDS + ((c - 1) >>> 5)] ?? 0
        if ((word & (1 << ((c - 1) & 31))) !== 0) enrolled[c] = (enrolled[c] ?? 0) + 1
      }
    }
    const cycles: Array<CycleSummary> = []
    const last = lastUsed([enrolled, this.achieved, ...this.rewardCounts, this.subTargetCounts])
    for (let c = 1; c <= last; c++) {
      const tally = (i: number, allocation: number): Tally => ({
        count: this.rewardCounts[i + allocation]?.[c] ?? 0,
        cost: units(this.rewardCosts[i + allocation]?.[c] ?? 0),
      })
      const refCode = fixed ? this.target.cycles[c - 1]?.refCode : undefined
      cycles.push({
        cycle: c,
        ...(refCode === undefined ? {} : { refCode }),
        enrolled: enrolled[c] ?? 0,
        achieved: this.achieved[c] ?? 0,
        issued: { IMMEDIATE: tally(0, 0), PERIOD_END: tally(0, 1) },
        forfeited: { IMMEDIATE: tally(2, 0), PERIOD_END: tally(2, 1) },
        subTargets: {
          count: this.subTargetCounts[c] ?? 0,
          cost: units(this.subTargetCosts[c] ?? 0),
        },
      })
    }
    return {
      target: targetOf(this.target),
      operations: this.operations,
      advances: this.advances,
      refused: this.refused,
      refusals: this.refusals,
      warnings: Object.fromEntries([...this.warnings].sort(([a], [b]) => (a < b ? -1 : 1))),
      customers: customerCount,
      events: this.events,
      cycles,
    }
  }
}

/** The highest cycle with anything to show. */
const lastUsed = (series: ReadonlyArray<Float64Array>): number => {
  let last = 0
  for (const s of series)
    for (let c = 1; c < s.length; c++) if ((s[c] ?? 0) !== 0) last = Math.max(last, c)
  return last
}

/** The identity of a target, as a summary names it. */
const targetOf = (target: Target): RunSummary['target'] => ({
  targetGroupId: target.targetGroupId,
  targetId: target.targetId,
  name: target.name,
  kind: target.kind,
  allocation: target.allocation,
  fingerprint: fnv1a(JSON.stringify(encodeTarget(target)))
    .toString(16)
    .padStart(8, '0'),
})
