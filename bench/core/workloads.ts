// The targets and workloads the measures share, built the same way in every process.
import type { EnrolmentState, MilestoneTarget, Operation, Target } from '../../src/index.js'
import { DAY, HOUR, orFail, prng, step } from './harness.js'
import { library } from './library.js'

const { calendarCycles, defineMilestone, initialState, openSession } = library

/** 30 weekly cycles, 2 activities to achieve one, rewarded at the end: the floor's rules. */
export const weekly = (graceDays = 0): MilestoneTarget =>
  orFail(
    defineMilestone({
      targetGroupId: 1,
      targetId: 1,
      metric: 'COUNT',
      goal: 2,
      allocation: 'PERIOD_END',
      // Given only when there are some: an earlier build (bench/compare.ts) may not know the field.
      ...(graceDays > 0 ? { graceDays } : {}),
      cycles: orFail(
        calendarCycles({ start: '2026-01-01', frequency: 'WEEKLY', count: 30, timeZone: 'UTC' }),
      ),
    }),
  )

/** Each customer's own 12 cycles of 30 days, from the day of their first activity. */
export const cyclic = (): MilestoneTarget =>
  orFail(
    defineMilestone({
      targetGroupId: 1,
      targetId: 2,
      metric: 'COUNT',
      goal: 2,
      allocation: 'PERIOD_END',
      window: { type: 'CYCLIC', frequency: { everyDays: 30 }, count: 12 },
      timeZone: 'Europe/Paris',
    }),
  )

/** Where a target's stories begin. */
export const origin = (target: Target): number =>
  target.cycles[0]?.start.getTime() ?? Date.UTC(2026, 0, 1)

/** One of the benchmark's operations, as plain numbers: built before timing, as the floor's are. */
export type Op =
  | { readonly kind: 'enroll' | 'unenroll' | 'reenroll'; readonly id: number; readonly t: number }
  | { readonly kind: 'activity'; readonly id: number; readonly t: number }
  | { readonly kind: 'advance'; readonly t: number }

/**
 * Enrol everyone, then each of 30 cycles: activities, some unenrolments and re-enrolments, advance.
 * Yielded a chunk at a time (the enrolments, then one cycle's operations), as a service receives
 * them: nobody holds a season of transactions in memory, and neither does the benchmark.
 */
export function* stream(target: MilestoneTarget, customers: number): Generator<ReadonlyArray<Op>> {
  const random = prng(42)
  const start = origin(target)
  yield Array.from({ length: customers }, (_, i): Op => ({ kind: 'enroll', id: i + 1, t: start }))
  const out = new Set<number>()
  for (const c of target.cycles) {
    const ops: Array<Op> = []
    const from = c.start.getTime()
    const half = (c.end.getTime() - from) / 2
    for (let id = 1; id <= customers; id++) {
      if (random() < 0.4) continue
      const n = 1 + Math.floor(random() * 3)
      for (let k = 0; k < n; k++)
        ops.push({ kind: 'activity', id, t: from + Math.floor(random() * half) })
    }
    const leaving = Array.from(
      { length: Math.floor(customers / 50) },
      () => 1 + Math.floor(random() * customers),
    )
    for (const id of leaving)
      if (!out.has(id)) {
        out.add(id)
        ops.push({ kind: 'unenroll', id, t: from + half })
      }
    for (const id of [...out].filter(() => random() < 0.5)) {
      out.delete(id)
      ops.push({ kind: 'reenroll', id, t: from + half + HOUR })
    }
    ops.push({
      kind: 'advance',
      t: c.end.getTime() + (target.graceDays > 0 ? target.graceDays * DAY : 0),
    })
    yield ops
  }
}

/** A chunk as the library's operations. */
export const asOperations = (ops: ReadonlyArray<Op>): ReadonlyArray<Operation> =>
  ops.map((op): Operation => {
    const now = new Date(op.t)
    switch (op.kind) {
      case 'advance':
        return { kind: 'advance', now }
      case 'activity':
        return { kind: 'activity', customerId: op.id, activity: { at: now } }
      default:
        return { kind: op.kind, customerId: op.id, now }
    }
  })

/**
 * A state of `customers` enrolled in `target` and, with a per-customer window, anchored by one
 * activity each (their first days spread over a month); then one `advance` inside every cycle, so
 * that later advances with no boundary crossed are idle.
 */
export const stateOf = (target: Target, customers: number): EnrolmentState => {
  const session = openSession(initialState(target))
  const now = new Date(origin(target))
  for (let customerId = 1; customerId <= customers; customerId++)
    step(session.apply({ kind: 'enroll', customerId, now }))
  // An earlier build's target has no window: it is FIXED (bench/compare.ts).
  const window = target.window as Target['window'] | undefined
  if (window !== undefined && window.type !== 'FIXED')
    for (let customerId = 1; customerId <= customers; customerId++)
      step(
        session.apply({
          kind: 'activity',
          customerId,
          activity: { at: new Date(now.getTime() + (customerId % 30) * DAY + HOUR) },
        }),
      )
  step(session.apply({ kind: 'advance', now: new Date(now.getTime() + 30 * DAY + HOUR) }))
  return session.state()
}

/** An instant every customer of a `stateOf` state is inside a cycle at, with none ending soon. */
export const quietInstant = (target: Target): Date => new Date(origin(target) + 30 * DAY + 2 * HOUR)
