// A small reference model of SPEC §2–§5, written from the spec and not from src: mutable records in
// a Map, instants as milliseconds, every cycle boundary (starts and ends) walked one by one. It says,
// for each call, the error code or the exact events and warnings the library must return.
import type { EnrolmentEvent, Target } from '../../src/index.js'

/** What the model expects of one call. */
export type Expected =
  | { readonly error: number }
  | { readonly events: ReadonlyArray<EnrolmentEvent>; readonly warnings: ReadonlyArray<string> }

interface Progress {
  value: number
  achievedAt: number | null
}

interface Customer {
  enrolled: boolean
  since: number
  startCycle: number
  fromCycle: number
  settledAt: number
  /** The next boundary to walk: boundary 2(i-1) is the start of ci, 2(i-1)+1 its end. */
  nextBoundary: number
  progress: Map<number, Progress>
  paidCycles: Set<number>
  epoch: number
  count: number
  levels: Set<number>
  /** Cycles already counted into the streak, in any epoch: a cycle counts once, ever. */
  countedCycles: Set<number>
}

const isId = (id: number) => Number.isSafeInteger(id) && id > 0

export class ReferenceModel {
  watermark: number | null = null
  /** The latest `now` of an accepted operation: where the story's clock stands (not a rule). */
  clock: number | null = null
  readonly customers = new Map<number, Customer>()
  private readonly starts: ReadonlyArray<number>
  private readonly ends: ReadonlyArray<number>

  constructor(readonly target: Target) {
    this.starts = target.cycles.map((c) => c.start.getTime())
    this.ends = target.cycles.map((c) => c.end.getTime())
  }

  // ── time and lookups ───────────────────────────────────────────────────────────────────────

  /** 1-based index of the cycle holding t, or 0. */
  private cycleAt(t: number): number {
    for (let i = 0; i < this.starts.length; i++)
      if ((this.starts[i] as number) <= t && t < (this.ends[i] as number)) return i + 1
    return 0
  }

  /** The cycle holding t, else the next to start, or 0. */
  private currentOrNext(t: number): number {
    for (let i = 0; i < this.ends.length; i++) if ((this.ends[i] as number) > t) return i + 1
    return 0
  }

  private goal(cycle: number): number {
    return this.target.cycles[cycle - 1]?.goal ?? this.target.goal
  }

  private boundaryInstant(b: number): number {
    const cycle = Math.floor(b / 2)
    return (b % 2 === 0 ? this.starts[cycle] : this.ends[cycle]) as number
  }

  private firstBoundaryAfter(t: number): number {
    let b = 0
    while (b < 2 * this.starts.length && this.boundaryInstant(b) <= t) b++
    return b
  }

  // ── events ─────────────────────────────────────────────────────────────────────────────────

  private base(id: number, at: number) {
    return {
      customerId: id,
      targetGroupId: this.target.targetGroupId,
      targetId: this.target.targetId,
      at: new Date(at),
    }
  }

  private cycleKey(id: number, cycle: number) {
    return `tg${this.target.targetGroupId}/t${this.target.targetId}/cust${id}/cycle${cycle}`
  }

  private achieve(id: number, c: Customer, cycle: number, at: number, out: Array<EnrolmentEvent>) {
    const p = c.progress.get(cycle) ?? { value: 0, achievedAt: null }
    p.achievedAt = at
    c.progress.set(cycle, p)
    out.push({ type: 'CYCLE_ACHIEVED', ...this.base(id, at), cycle })
    const target = this.target
    if (target.kind === 'MILESTONE') {
      if (target.allocation === 'IMMEDIATE' && !c.paidCycles.has(cycle)) {
        c.paidCycles.add(cycle)
        out.push({
          type: 'REWARD_ISSUED',
          ...this.base(id, at),
          cycle,
          allocation: 'IMMEDIATE',
          idempotencyKey: this.cycleKey(id, cycle),
        })
      }
      return
    }
    if (c.countedCycles.has(cycle)) return
    c.countedCycles.add(cycle)
    c.count += 1
    for (const level of target.levels) {
      if (level > c.count || c.levels.has(level)) continue
      c.levels.add(level)
      out.push({
        type: 'STREAK_LEVEL_ACHIEVED',
        ...this.base(id, at),
        cycle,
        level,
        epoch: c.epoch,
      })
      out.push({
        type: 'REWARD_ISSUED',
        ...this.base(id, at),
        cycle,
        allocation: 'IMMEDIATE',
        level,
        epoch: c.epoch,
        idempotencyKey: `tg${target.targetGroupId}/t${target.targetId}/cust${id}/epoch${c.epoch}/level${level}`,
      })
    }
  }

  /** Walks every boundary ≤ t not walked yet, in time order (SPEC §5, and deferred balances). */
  private settle(id: number, c: Customer, t: number, out: Array<EnrolmentEvent>) {
    while (c.nextBoundary < 2 * this.starts.length && this.boundaryInstant(c.nextBoundary) <= t) {
      const b = c.nextBoundary
      const cycle = Math.floor(b / 2) + 1
      const at = this.boundaryInstant(b)
      c.nextBoundary++
      const takesPart = c.enrolled && cycle >= c.startCycle
      const p = c.progress.get(cycle)
      if (b % 2 === 0) {
        // A balance given before its cycle began achieves the cycle at its start.
        if (takesPart && p && p.achievedAt === null && p.value >= this.goal(cycle))
          this.achieve(id, c, cycle, at, out)
        continue
      }
      const achieved = p !== undefined && p.achievedAt !== null
      const target = this.target
      if (target.kind === 'MILESTONE' && target.allocation === 'PERIOD_END' && achieved) {
        const reward = {
          ...this.base(id, at),
          cycle,
          allocation: 'PERIOD_END' as const,
          idempotencyKey: this.cycleKey(id, cycle),
        }
        out.push(
          takesPart
            ? { type: 'REWARD_ISSUED', ...reward }
            : { type: 'REWARD_FORFEITED', ...reward, reason: 'UNENROLLED' },
        )
      }
      if (
        target.kind === 'STREAK' &&
        target.streakType === 'CONTINUOUS' &&
        takesPart &&
        !achieved &&
        c.count > 0
      ) {
        out.push({ type: 'STREAK_BROKEN', ...this.base(id, at), cycle, count: c.count })
        c.count = 0
      }
      c.progress.delete(cycle)
    }
  }

  private sorted(events: Array<EnrolmentEvent>): ReadonlyArray<EnrolmentEvent> {
    return events
      .map((e, i) => [e, i] as const)
      .sort((a, b) => a[0].at.getTime() - b[0].at.getTime() || a[1] - b[1])
      .map(([e]) => e)
  }

  /** Sets a start cycle's progress to a balance given at `now`. */
  private setBalance(
    id: number,
    c: Customer,
    cycle: number,
    value: number,
    now: number,
    out: Array<EnrolmentEvent>,
  ) {
    const p = c.progress.get(cycle) ?? { value: 0, achievedAt: null }
    p.value = value
    c.progress.set(cycle, p)
    if (value < this.goal(cycle)) p.achievedAt = null
    else if (p.achievedAt === null && (this.starts[cycle - 1] as number) <= now)
      this.achieve(id, c, cycle, now, out)
  }

  // ── operations ─────────────────────────────────────────────────────────────────────────────

  private clockError(now: number): number | null {
    if (Number.isNaN(now)) return 300004
    if (this.watermark !== null && now < this.watermark) return 300004
    return null
  }

  private startCycle(now: number, period: string | undefined): number {
    if (period === undefined) return this.currentOrNext(now)
    const i = this.target.cycles.findIndex((c) => c.refCode === period)
    return i >= 0 && (this.ends[i] as number) > now ? i + 1 : 0
  }

  enroll(
    id: number,
    nowDate: Date,
    options: { period?: string | undefined; initialBalance?: number | undefined } = {},
  ): Expected {
    if (!isId(id)) return { error: 310011 }
    const now = nowDate.getTime()
    const clock = this.clockError(now)
    if (clock !== null) return { error: clock }
    const c = this.customers.get(id)
    if (c) {
      if (now < c.settledAt) return { error: 300004 }
      if (c.enrolled) return { error: 310119 }
      return this.reenrollUnenrolled(id, c, now, { ...options, resetStreakStatus: false })
    }
    const start = this.startCycle(now, options.period)
    if (start === 0) return { error: 310019 }
    const fresh: Customer = {
      enrolled: true,
      since: now,
      startCycle: start,
      fromCycle: 0,
      settledAt: now,
      nextBoundary: this.firstBoundaryAfter(now),
      progress: new Map(),
      paidCycles: new Set(),
      epoch: 1,
      count: 0,
      levels: new Set(),
      countedCycles: new Set(),
    }
    this.customers.set(id, fresh)
    this.clock = Math.max(this.clock ?? now, now)
    const out: Array<EnrolmentEvent> = [{ type: 'ENROLLED', ...this.base(id, now), cycle: start }]
    const warnings: Array<string> = []
    if (options.initialBalance !== undefined) {
      if (this.target.kind === 'STREAK') warnings.push('INITIAL_BALANCE_IGNORED')
      else this.setBalance(id, fresh, start, options.initialBalance, now, out)
    }
    return { events: this.sorted(out), warnings }
  }

  unenroll(id: number, nowDate: Date): Expected {
    if (!isId(id)) return { error: 310011 }
    const now = nowDate.getTime()
    const clock = this.clockError(now)
    if (clock !== null) return { error: clock }
    const c = this.customers.get(id)
    if (!c) return { error: 310126 }
    if (now < c.settledAt) return { error: 300004 }
    if (!c.enrolled) return { error: 310126 }
    const k = this.currentOrNext(now)
    if (k === 0) return { error: 310019 }
    const out: Array<EnrolmentEvent> = []
    this.settle(id, c, now, out)
    for (const cycle of [...c.progress.keys()]) if (cycle !== k) c.progress.delete(cycle)
    c.enrolled = false
    c.fromCycle = k
    c.since = now
    c.settledAt = now
    this.clock = Math.max(this.clock ?? now, now)
    out.push({ type: 'UNENROLLED', ...this.base(id, now), cycle: k })
    return { events: this.sorted(out), warnings: [] }
  }

  reenroll(
    id: number,
    nowDate: Date,
    options: {
      period?: string | undefined
      initialBalance?: number | undefined
      resetStreakStatus?: boolean | undefined
    } = {},
  ): Expected {
    if (!isId(id)) return { error: 310011 }
    const now = nowDate.getTime()
    const clock = this.clockError(now)
    if (clock !== null) return { error: clock }
    const c = this.customers.get(id)
    if (!c) return { error: 310126 }
    if (now < c.settledAt) return { error: 300004 }
    if (c.enrolled) return { error: 310119 }
    return this.reenrollUnenrolled(id, c, now, options)
  }

  private reenrollUnenrolled(
    id: number,
    c: Customer,
    now: number,
    options: {
      period?: string | undefined
      initialBalance?: number | undefined
      resetStreakStatus?: boolean | undefined
    },
  ): Expected {
    const start = this.startCycle(now, options.period)
    if (start === 0) return { error: 310019 }
    const out: Array<EnrolmentEvent> = []
    const warnings: Array<string> = []
    this.settle(id, c, now, out)
    const target = this.target
    c.enrolled = true
    c.startCycle = start
    c.since = now
    c.settledAt = now
    this.clock = Math.max(this.clock ?? now, now)
    out.push({ type: 'REENROLLED', ...this.base(id, now), cycle: start })
    if (options.resetStreakStatus === true) {
      if (target.kind === 'STREAK') {
        c.epoch += 1
        c.count = 0
        c.levels.clear()
        out.push({ type: 'STREAK_RESET', ...this.base(id, now), cycle: start, epoch: c.epoch })
      } else warnings.push('RESET_STREAK_STATUS_IGNORED')
    }
    if (options.initialBalance !== undefined && target.kind === 'STREAK')
      warnings.push('INITIAL_BALANCE_IGNORED')
    const balance =
      options.initialBalance !== undefined && target.kind === 'MILESTONE'
        ? options.initialBalance
        : c.progress.get(start)?.value
    if (balance !== undefined) this.setBalance(id, c, start, balance, now, out)
    return { events: this.sorted(out), warnings }
  }

  activity(id: number, activity: { at: Date; value?: number | undefined }): Expected {
    if (!isId(id)) return { error: 310011 }
    const at = activity.at.getTime()
    if (Number.isNaN(at)) return { error: 300004 }
    const amount = this.target.metric === 'SUM' ? (activity.value ?? 0) : 1
    if (this.target.metric === 'SUM' && !(amount > 0)) return { error: 300004 }
    const c = this.customers.get(id)
    const warn = (code: string): Expected => ({ events: [], warnings: [code] })
    if (!c || !c.enrolled || at < c.since) return warn('NOT_ENROLLED')
    const cycle = this.cycleAt(at)
    if (cycle === 0) return warn('OUTSIDE_CYCLES')
    if (cycle < c.startCycle) return warn('NOT_ENROLLED')
    const end = this.ends[cycle - 1] as number
    if (end <= c.settledAt || (this.watermark !== null && end <= this.watermark))
      return warn('CYCLE_CLOSED')
    const out: Array<EnrolmentEvent> = []
    this.settle(id, c, at, out)
    const p = c.progress.get(cycle) ?? { value: 0, achievedAt: null }
    p.value += amount
    c.progress.set(cycle, p)
    if (p.achievedAt === null && p.value >= this.goal(cycle)) this.achieve(id, c, cycle, at, out)
    c.settledAt = Math.max(c.settledAt, at)
    return { events: this.sorted(out), warnings: [] }
  }

  advance(nowDate: Date): Expected {
    const now = nowDate.getTime()
    const clock = this.clockError(now)
    if (clock !== null) return { error: clock }
    this.watermark = now
    this.clock = Math.max(this.clock ?? now, now)
    const out: Array<EnrolmentEvent> = []
    for (const id of [...this.customers.keys()].sort((a, b) => a - b))
      this.settle(id, this.customers.get(id) as Customer, now, out)
    return { events: this.sorted(out), warnings: [] }
  }

  /** Ids of the customers enrolled now, ascending. */
  enrolledCustomers(): ReadonlyArray<number> {
    return [...this.customers]
      .filter(([, c]) => c.enrolled)
      .map(([id]) => id)
      .sort((a, b) => a - b)
  }

  /** What the model says of a customer's status, for comparison with `enrolmentOf`. */
  summary(id: number) {
    const c = this.customers.get(id)
    if (!c) return null
    return {
      status: c.enrolled ? 'ENROLLED' : 'UNENROLLED',
      startCycle: c.startCycle,
      ...(c.enrolled ? {} : { fromCycle: c.fromCycle }),
      streak:
        this.target.kind === 'STREAK'
          ? { epoch: c.epoch, count: c.count, achievedLevels: [...c.levels].sort((a, b) => a - b) }
          : null,
    }
  }
}
