// A small reference model of the rules, written from the rules and not from src: mutable records
// in a Map, instants as milliseconds, each customer's boundaries (cycle ends, closes, a waiting
// balance's start) walked one by one. It says, for each call, the error code or the exact events
// and warnings the library must return. Per-customer cycles come from `calendarCycles` (a CYCLIC
// customer's cycles are the calendar of their anchor's local date) and local dates from `Intl`.
import * as E from 'fp-ts/lib/Either.js'
import { calendarCycles, type EnrolmentEvent, type Target } from '../../src/index.js'

/** What the model expects of one call. */
export type Expected =
  | { readonly error: number }
  | { readonly events: ReadonlyArray<EnrolmentEvent>; readonly warnings: ReadonlyArray<string> }

interface Progress {
  value: number
  /** `VISIT`: the local dates counted, and the balance they add to. */
  days: Set<string>
  base: number
  achievedAt: number | null
  reversed: boolean
  /** The first achievement had its effect (an IMMEDIATE reward, or the streak's credit). */
  first: boolean
  subs: Set<string>
}

interface Customer {
  enrolled: boolean
  since: number
  startCycle: number
  fromCycle: number
  settledAt: number
  anchor: number | null
  /** PERIOD_AGNOSTIC: the end of each achieved cycle. */
  ends: Array<number>
  /** How many of the customer's cycles have ended, and closed. */
  ended: number
  closed: number
  /** Ended, unclosed cycles: was the customer in them at their end? */
  member: Map<number, boolean>
  progress: Map<number, Progress>
  epoch: number
  count: number
  levels: Set<number>
  waiting: Array<{ cycle: number; at: number }>
  /** The latest close of a cycle the customer was in that closed unachieved (grace days only). */
  heldUntil: number
}

interface Span {
  readonly start: number
  readonly end: number
}

const isId = (id: number) => Number.isSafeInteger(id) && id > 0
const DAY = 86_400_000

export class ReferenceModel {
  watermark: number | null = null
  /** The latest `now` of an accepted operation: where the story's clock stands (not a rule). */
  clock: number | null = null
  readonly customers = new Map<number, Customer>()
  private readonly fixed: ReadonlyArray<Span>
  private readonly grace: number
  private readonly calendars = new Map<number, ReadonlyArray<Span>>()

  constructor(readonly target: Target) {
    this.fixed = target.cycles.map((c) => ({ start: c.start.getTime(), end: c.end.getTime() }))
    this.grace = target.graceDays * DAY
  }

  // ── cycles ─────────────────────────────────────────────────────────────────────────────────

  private get zone(): string {
    return this.target.timeZone ?? 'UTC'
  }

  /** The local date of an instant in the target's zone, `YYYY-MM-DD`. */
  localDate(t: number): string {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: this.zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(new Date(t))
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
    return `${get('year')}-${get('month')}-${get('day')}`
  }

  private calendar(date: string, count: number): ReadonlyArray<Span> {
    const w = this.target.window
    const made = calendarCycles({
      start: date,
      frequency: w.type === 'CYCLIC' ? w.frequency : 'DAILY',
      count,
      timeZone: this.zone,
    })
    if (E.isLeft(made)) throw new Error(`the model's calendar failed: ${made.left.message}`)
    return made.right.map((c) => ({ start: c.start.getTime(), end: c.end.getTime() }))
  }

  /** Where cycle 1 of a customer anchored by an activity at `t` starts. */
  private anchorFor(t: number): number {
    if (this.target.window.type === 'PERIOD_AGNOSTIC') return t
    return (this.calendar(this.localDate(t), 1)[0] as Span).start
  }

  /** The customer's cycles as known now. */
  spans(
    c: { anchor: number | null; ends: ReadonlyArray<number> } | undefined,
  ): ReadonlyArray<Span> {
    const w = this.target.window
    if (w.type === 'FIXED') return this.fixed
    if (c === undefined || c.anchor === null) return []
    if (w.type === 'CYCLIC') {
      const known = this.calendars.get(c.anchor)
      if (known !== undefined) return known
      const made = this.calendar(this.localDate(c.anchor), w.count)
      this.calendars.set(c.anchor, made)
      return made
    }
    const starts = [c.anchor, ...c.ends]
    const spans = starts.map((start, i) => ({ start, end: c.ends[i] ?? Infinity }))
    return spans.slice(0, w.maxCycles)
  }

  private holding(spans: ReadonlyArray<Span>, t: number): number {
    // The last cycle that has started by t and not ended (zero-length cycles hold nothing).
    for (let i = spans.length - 1; i >= 0; i--) {
      const s = spans[i] as Span
      if (s.start <= t && t < s.end) return i + 1
    }
    return 0
  }

  private currentOrNext(spans: ReadonlyArray<Span>, t: number): number {
    const i = spans.findIndex((s) => s.end > t)
    return i + 1
  }

  private goal(cycle: number): number {
    return this.target.window.type === 'FIXED'
      ? (this.target.cycles[cycle - 1]?.goal ?? this.target.goal)
      : this.target.goal
  }

  private closeAt(c: Customer, cycle: number): number {
    return (this.spans(c)[cycle - 1] as Span).end + this.grace
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

  private key(id: number, cycle: number) {
    return `tg${this.target.targetGroupId}/t${this.target.targetId}/cust${id}/cycle${cycle}`
  }

  private withReward<E extends object>(event: E, reward: unknown): E {
    return reward === undefined ? event : { ...event, reward }
  }

  private cycleReward(id: number, cycle: number, at: number): EnrolmentEvent {
    const t = this.target
    const reward = (t.window.type === 'FIXED' ? t.cycles[cycle - 1]?.reward : undefined) ?? t.reward
    return this.withReward(
      {
        type: 'REWARD_ISSUED',
        ...this.base(id, at),
        cycle,
        allocation: t.allocation,
        idempotencyKey: this.key(id, cycle),
      },
      reward,
    )
  }

  private forfeit(id: number, cycle: number, at: number, reason: 'UNENROLLED' | 'RETURNED') {
    return {
      ...this.cycleReward(id, cycle, at),
      type: 'REWARD_FORFEITED',
      reason,
    } as EnrolmentEvent
  }

  // ── reaching thresholds ────────────────────────────────────────────────────────────────────

  private progressOf(c: Customer, cycle: number): Progress {
    const known = c.progress.get(cycle)
    if (known) return known
    const fresh: Progress = {
      value: 0,
      days: new Set(),
      base: 0,
      achievedAt: null,
      reversed: false,
      first: false,
      subs: new Set(),
    }
    c.progress.set(cycle, fresh)
    return fresh
  }

  private threshold(s: Target['subTargets'][number], cycle: number): number {
    // As a person computes it: the binary noise of the product dropped (2.2% of 1500 is 33).
    return s.trigger === 'ABSOLUTE'
      ? s.value
      : Math.min(Number(((s.value * this.goal(cycle)) / 100).toPrecision(15)), this.goal(cycle))
  }

  private waits(c: Customer, cycle: number): boolean {
    const t = this.target
    if (t.kind !== 'STREAK' || t.streakType !== 'CONTINUOUS') return false
    if (c.waiting.some((w) => w.cycle < cycle)) return true
    for (const [e, member] of c.member)
      if (e < cycle && member && c.progress.get(e)?.first !== true) return true
    return false
  }

  private credit(
    id: number,
    c: Customer,
    cycle: number,
    achievedAt: number,
    out: Array<EnrolmentEvent>,
  ) {
    const t = this.target
    if (t.kind !== 'STREAK') return
    const at = Math.max(achievedAt, c.heldUntil)
    c.count += 1
    for (const level of t.levels) {
      if (level > c.count || c.levels.has(level)) continue
      c.levels.add(level)
      out.push({
        type: 'STREAK_LEVEL_ACHIEVED',
        ...this.base(id, at),
        cycle,
        level,
        epoch: c.epoch,
      })
      const reward = t.levelRewards.find((r) => r.level === level)?.reward ?? t.reward
      out.push(
        this.withReward(
          {
            type: 'REWARD_ISSUED',
            ...this.base(id, at),
            cycle,
            allocation: 'IMMEDIATE',
            level,
            epoch: c.epoch,
            idempotencyKey: `tg${t.targetGroupId}/t${t.targetId}/cust${id}/epoch${c.epoch}/level${level}`,
          },
          reward,
        ),
      )
    }
  }

  private release(id: number, c: Customer, at: number, out: Array<EnrolmentEvent>) {
    while (c.waiting.length > 0) {
      const next = c.waiting[0] as { cycle: number; at: number }
      if (this.waits(c, next.cycle)) return
      c.waiting.shift()
      this.credit(id, c, next.cycle, Math.max(next.at, at), out)
    }
  }

  private achieve(id: number, c: Customer, cycle: number, at: number, out: Array<EnrolmentEvent>) {
    const p = this.progressOf(c, cycle)
    p.achievedAt = at
    p.reversed = false
    out.push({ type: 'CYCLE_ACHIEVED', ...this.base(id, at), cycle })
    const t = this.target
    if (!p.first) {
      p.first = true
      if (t.kind === 'MILESTONE') {
        if (t.allocation === 'IMMEDIATE') out.push(this.cycleReward(id, cycle, at))
      } else if (this.waits(c, cycle)) {
        c.waiting.push({ cycle, at })
        c.waiting.sort((a, b) => a.cycle - b.cycle)
      } else {
        this.credit(id, c, cycle, at, out)
        this.release(id, c, at, out)
      }
    }
    if (t.window.type === 'PERIOD_AGNOSTIC') {
      c.ends.push(at)
      c.progress.delete(cycle)
    }
  }

  /** After the progress of `cycle` changed at `at`: its sub-targets, then its achievement or reversal. */
  private reach(id: number, c: Customer, cycle: number, at: number, out: Array<EnrolmentEvent>) {
    const p = c.progress.get(cycle)
    if (!p) return
    const reached = this.target.subTargets
      .map((s, order) => ({ s, order, threshold: this.threshold(s, cycle) }))
      .filter((x) => x.threshold <= p.value && !p.subs.has(x.s.name))
      .sort((a, b) => a.threshold - b.threshold || a.order - b.order)
    for (const { s } of reached) {
      p.subs.add(s.name)
      out.push(
        this.withReward(
          {
            type: 'SUB_TARGET_REACHED',
            ...this.base(id, at),
            cycle,
            subTarget: s.name,
            idempotencyKey: `${this.key(id, cycle)}/sub/${encodeURIComponent(s.name)}`,
          },
          s.reward,
        ),
      )
    }
    const goal = this.goal(cycle)
    if (p.value >= goal && p.achievedAt === null) this.achieve(id, c, cycle, at, out)
    else if (p.value < goal && p.achievedAt !== null) {
      p.achievedAt = null
      p.reversed = true
      out.push({ type: 'ACHIEVEMENT_REVERSED', ...this.base(id, at), cycle })
    }
  }

  // ── settlement ─────────────────────────────────────────────────────────────────────────────

  /** The start cycle of an enrolled customer, if a balance given before it began waits for it. */
  private waitingBalance(c: Customer): number | null {
    if (!c.enrolled) return null
    const p = c.progress.get(c.startCycle)
    if (!p) return null
    const goal = this.goal(c.startCycle)
    const subs = this.target.subTargets.some(
      (s) => this.threshold(s, c.startCycle) <= p.value && !p.subs.has(s.name),
    )
    return (p.value >= goal && p.achievedAt === null) || subs ? c.startCycle : null
  }

  /** Walks every boundary of the customer up to `t`: ends, closes, a waiting balance's start. */
  private settle(id: number, c: Customer, t: number, out: Array<EnrolmentEvent>) {
    if (this.target.window.type === 'PERIOD_AGNOSTIC') return
    for (;;) {
      const spans = this.spans(c)
      const endAt = c.ended < spans.length ? (spans[c.ended] as Span).end : Infinity
      const closeAt = c.closed < c.ended ? this.closeAt(c, c.closed + 1) : Infinity
      const waiting = this.waitingBalance(c)
      const startAt = waiting === null ? Infinity : (spans[waiting - 1] as Span).start
      const next = Math.min(endAt, closeAt, startAt)
      if (next === Infinity || next > t) return
      if (endAt === next) {
        const cycle = c.ended + 1
        c.ended = cycle
        c.member.set(
          cycle,
          c.enrolled ? cycle >= c.startCycle : cycle >= c.startCycle && cycle < c.fromCycle,
        )
      } else if (closeAt === next) this.close(id, c, c.closed + 1, closeAt, out)
      else this.reach(id, c, waiting as number, startAt, out)
    }
  }

  private close(id: number, c: Customer, cycle: number, at: number, out: Array<EnrolmentEvent>) {
    const member = c.member.get(cycle) === true
    const p = c.progress.get(cycle)
    const t = this.target
    if (t.kind === 'MILESTONE' && t.allocation === 'PERIOD_END' && p) {
      if (!member && (p.achievedAt !== null || p.reversed))
        out.push(this.forfeit(id, cycle, at, 'UNENROLLED'))
      else if (p.achievedAt !== null) out.push(this.cycleReward(id, cycle, at))
      else if (p.reversed) out.push(this.forfeit(id, cycle, at, 'RETURNED'))
    }
    const missed =
      t.kind === 'STREAK' && t.streakType === 'CONTINUOUS' && member && p?.first !== true
    if (missed && c.count > 0) {
      out.push({ type: 'STREAK_BROKEN', ...this.base(id, at), cycle, count: c.count })
      c.count = 0
    }
    // A later cycle's credit is never dated before this close, whenever its activity arrives.
    if (missed && this.grace > 0) c.heldUntil = at
    c.progress.delete(cycle)
    c.member.delete(cycle)
    c.closed = cycle
    this.release(id, c, at, out)
  }

  private sorted(events: Array<EnrolmentEvent>): ReadonlyArray<EnrolmentEvent> {
    return events
      .map((e, i) => [e, i] as const)
      .sort((a, b) => a[0].at.getTime() - b[0].at.getTime() || a[1] - b[1])
      .map(([e]) => e)
  }

  // ── input ──────────────────────────────────────────────────────────────────────────────────

  private clockError(now: number): number | null {
    if (Number.isNaN(now)) return 300004
    if (this.watermark !== null && now < this.watermark) return 300004
    return null
  }

  private optionsError(options: {
    period?: string | undefined
    initialBalance?: number | undefined
  }): number | null {
    const { period, initialBalance: b } = options
    if (period !== undefined && (typeof period !== 'string' || period === '')) return 300004
    if (b !== undefined && !(Number.isFinite(b) && b >= 0)) return 300004
    if (b !== undefined && this.target.metric !== 'SUM' && !Number.isInteger(b)) return 300004
    return null
  }

  /** The start cycle of an enrolment or re-enrolment, or 0 (310019). */
  private startCycle(c: Customer | undefined, now: number, period: string | undefined): number {
    const w = this.target.window
    if (period !== undefined) {
      if (w.type !== 'FIXED') return 0
      const i = this.target.cycles.findIndex((cy) => cy.refCode === period)
      return i >= 0 && (this.fixed[i] as Span).end > now ? i + 1 : 0
    }
    if (w.type === 'FIXED') return this.currentOrNext(this.fixed, now)
    if (c === undefined || c.anchor === null) return 1
    if (w.type === 'PERIOD_AGNOSTIC') return c.ends.length < w.maxCycles ? c.ends.length + 1 : 0
    return this.currentOrNext(this.spans(c), now)
  }

  /** A start cycle's progress set to a balance given at `now` (and the customer anchored by it). */
  private setBalance(
    id: number,
    c: Customer,
    cycle: number,
    value: number,
    now: number,
    out: Array<EnrolmentEvent>,
  ) {
    if (this.target.window.type !== 'FIXED' && c.anchor === null) c.anchor = this.anchorFor(now)
    const p = this.progressOf(c, cycle)
    p.value = value
    p.base = value
    p.days = new Set()
    p.reversed = false
    if (value < this.goal(cycle)) p.achievedAt = null
    if ((this.spans(c)[cycle - 1] as Span).start <= now) this.reach(id, c, cycle, now, out)
  }

  // ── operations ─────────────────────────────────────────────────────────────────────────────

  enroll(
    id: number,
    nowDate: Date,
    options: { period?: string | undefined; initialBalance?: number | undefined } = {},
  ): Expected {
    if (!isId(id)) return { error: 310011 }
    const now = nowDate.getTime()
    const clock = this.clockError(now) ?? this.optionsError(options)
    if (clock !== null) return { error: clock }
    const c = this.customers.get(id)
    if (c) {
      if (now < c.settledAt) return { error: 300004 }
      if (c.enrolled) return { error: 310119 }
      return this.rejoin(id, c, now, { ...options, resetStreakStatus: false })
    }
    const start = this.startCycle(undefined, now, options.period)
    if (start === 0) return { error: 310019 }
    const passed =
      this.target.window.type === 'FIXED' ? this.fixed.filter((s) => s.end <= now).length : 0
    const fresh: Customer = {
      enrolled: true,
      since: now,
      startCycle: start,
      fromCycle: 0,
      settledAt: now,
      anchor: null,
      ends: [],
      ended: passed,
      closed: passed,
      member: new Map(),
      progress: new Map(),
      epoch: 1,
      count: 0,
      levels: new Set(),
      waiting: [],
      heldUntil: -Infinity,
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
    const w = this.target.window
    const k =
      w.type !== 'FIXED' && c.anchor === null
        ? 1
        : w.type === 'PERIOD_AGNOSTIC'
          ? c.ends.length < w.maxCycles
            ? c.ends.length + 1
            : 0
          : this.currentOrNext(this.spans(c), now)
    if (k === 0) return { error: 310019 }
    const out: Array<EnrolmentEvent> = []
    this.settle(id, c, now, out)
    for (const cycle of [...c.progress.keys()]) if (cycle > k) c.progress.delete(cycle)
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
    const clock = this.clockError(now) ?? this.optionsError(options)
    if (clock !== null) return { error: clock }
    const c = this.customers.get(id)
    if (!c) return { error: 310126 }
    if (now < c.settledAt) return { error: 300004 }
    if (c.enrolled) return { error: 310119 }
    return this.rejoin(id, c, now, options)
  }

  private rejoin(
    id: number,
    c: Customer,
    now: number,
    options: {
      period?: string | undefined
      initialBalance?: number | undefined
      resetStreakStatus?: boolean | undefined
    },
  ): Expected {
    const start = this.startCycle(c, now, options.period)
    if (start === 0) return { error: 310019 }
    const out: Array<EnrolmentEvent> = []
    const warnings: Array<string> = []
    this.settle(id, c, now, out)
    const t = this.target
    c.enrolled = true
    c.startCycle = start
    c.since = now
    c.settledAt = now
    this.clock = Math.max(this.clock ?? now, now)
    out.push({ type: 'REENROLLED', ...this.base(id, now), cycle: start })
    if (options.resetStreakStatus === true) {
      if (t.kind === 'STREAK') {
        c.epoch += 1
        c.count = 0
        c.levels.clear()
        out.push({ type: 'STREAK_RESET', ...this.base(id, now), cycle: start, epoch: c.epoch })
      } else warnings.push('RESET_STREAK_STATUS_IGNORED')
    }
    if (options.initialBalance !== undefined && t.kind === 'STREAK')
      warnings.push('INITIAL_BALANCE_IGNORED')
    if (options.initialBalance !== undefined && t.kind === 'MILESTONE')
      this.setBalance(id, c, start, options.initialBalance, now, out)
    else if (c.progress.has(start) && (this.spans(c)[start - 1] as Span).start <= now)
      this.reach(id, c, start, now, out)
    return { events: this.sorted(out), warnings }
  }

  activity(id: number, activity: { at: Date; value?: number | undefined }): Expected {
    if (!isId(id)) return { error: 310011 }
    const at = activity.at.getTime()
    if (Number.isNaN(at)) return { error: 300004 }
    const t = this.target
    const v = activity.value
    if (t.metric === 'SUM') {
      if (!(typeof v === 'number' && Number.isFinite(v) && (t.allowReturns ? v !== 0 : v > 0)))
        return { error: 300004 }
    } else if (v !== undefined && !(Number.isFinite(v) && v >= 0)) return { error: 300004 }
    const c = this.customers.get(id)
    const warn = (code: string): Expected => ({ events: [], warnings: [code] })
    if (!c || !c.enrolled || at < c.since) return warn('NOT_ENROLLED')
    const anchored =
      t.window.type !== 'FIXED' && c.anchor === null ? { anchor: this.anchorFor(at), ends: [] } : c
    const spans = this.spans(anchored)
    const cycle = this.holding(spans, at)
    if (cycle === 0) return warn('OUTSIDE_CYCLES')
    if (cycle < c.startCycle) return warn('NOT_ENROLLED')
    const closes = (spans[cycle - 1] as Span).end + this.grace
    if (closes <= Math.max(c.settledAt, this.watermark ?? -Infinity)) return warn('CYCLE_CLOSED')
    const before = c.progress.get(cycle)?.value ?? 0
    if (t.metric === 'SUM' && !Number.isFinite(before + (v as number))) return { error: 300004 }
    const out: Array<EnrolmentEvent> = []
    if (t.window.type !== 'FIXED' && c.anchor === null) c.anchor = anchored.anchor
    this.settle(id, c, at, out)
    const p = this.progressOf(c, cycle)
    if (t.metric === 'VISIT') {
      const day = this.localDate(at)
      if (!p.days.has(day)) {
        p.days.add(day)
        p.value = p.base + p.days.size
      }
    } else {
      const next = Math.max(0, p.value + (t.metric === 'SUM' ? (v as number) : 1))
      p.value = t.window.type === 'PERIOD_AGNOSTIC' ? Math.min(next, this.goal(cycle)) : next
    }
    c.settledAt = Math.max(c.settledAt, at)
    this.reach(id, c, cycle, at, out)
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

  // ── what the tests compare ─────────────────────────────────────────────────────────────────

  /** Ids of the customers enrolled now, ascending. */
  enrolledCustomers(): ReadonlyArray<number> {
    return [...this.customers]
      .filter(([, c]) => c.enrolled)
      .map(([id]) => id)
      .sort((a, b) => a - b)
  }

  /** Every boundary instant the model knows of, for stories that walk through them. */
  boundaries(): ReadonlyArray<number> {
    const all = new Set<number>()
    for (const s of this.fixed) all.add(s.start).add(s.end)
    for (const c of this.customers.values())
      for (const s of this.spans(c)) {
        all.add(s.start)
        if (Number.isFinite(s.end)) all.add(s.end).add(s.end + this.grace)
      }
    return [...all].sort((a, b) => a - b)
  }

  /** What the model says of a customer, for comparison with `enrolmentOf`. */
  summary(id: number) {
    const c = this.customers.get(id)
    if (!c) return null
    const t = this.target
    return {
      status: c.enrolled ? 'ENROLLED' : 'UNENROLLED',
      startCycle: c.startCycle,
      ...(c.enrolled ? {} : { fromCycle: c.fromCycle }),
      progress: [...c.progress]
        .sort((a, b) => a[0] - b[0])
        .map(([cycle, p]) => [cycle, p.value, p.achievedAt]),
      streak:
        t.kind === 'STREAK'
          ? {
              epoch: c.epoch,
              count: c.count,
              achievedLevels: [...c.levels].sort((a, b) => a - b),
              ...(t.streakType === 'CONTINUOUS' && t.graceDays > 0
                ? {
                    waiting: c.waiting.map((w) => ({ cycle: w.cycle, achievedAt: new Date(w.at) })),
                  }
                : {}),
            }
          : null,
    }
  }
}
