// What every record the operations can produce satisfies (rule codec.refuses): a record that breaks
// one of these could not have come from any sequence of operations. The codec refuses such records
// whole, and the tests check every state they build against the same list.
import type { Target } from '../model/target.js'
import { closeAt, goalOf, type Context } from './context.js'
import type { Customer, Instant, Progress } from './customer.js'
import { nextSettlement } from './settle.js'

// model

/** The first way a record breaks an invariant: the path of the field, and the rule it breaks. */
export interface Violation {
  readonly path: string
  readonly message: string
}

// operations

const isWhole = (n: number, min: number): boolean => Number.isSafeInteger(n) && n >= min

const ascendingUnique = (list: ReadonlyArray<number>): number => {
  for (let i = 1; i < list.length; i++) if ((list[i] as number) <= (list[i - 1] as number)) return i
  return -1
}

/**
 * rule visit.local-date: the first and last local dates a visit of the customer's `cycle` can fall
 * on before `until` — its start's, and its last instant's before `until`. (A zone whose local date
 * went backwards inside a cycle, as Alaska's did in 1867, is read as if it had not.)
 */
const visitDates = (
  context: Context,
  customer: Customer,
  cycle: number,
  until: Instant,
): { readonly first: number; readonly last: number } => ({
  first: context.localDay(context.window.start(customer, cycle)),
  last: context.localDay(Math.min(context.window.end(customer, cycle), until) - 1),
})

/** A list's bound for a cycle the customer does not have: the record check then names the cycle. */
const ANY_CYCLE_VISITS = 400

/**
 * rule codec.refuses: how many visits the customer's `cycle` can list, one a local date it holds
 * (an open `PERIOD_AGNOSTIC` cycle: up to the settled instant), so that the codec refuses an absurd
 * list before it reads each date; the checks below then hold the dates themselves. Reads only the
 * customer's anchor, cycle ends and settled instant.
 */
export const mostVisits = (context: Context, customer: Customer, cycle: number): number => {
  const open = context.window.end(customer, cycle) === Number.POSITIVE_INFINITY
  const until = open ? customer.settledAt + 1 : Number.POSITIVE_INFINITY
  const { first, last } = visitDates(context, customer, cycle, until)
  if (!Number.isFinite(first) || !Number.isFinite(last)) return ANY_CYCLE_VISITS
  return last >= first ? last - first + 1 : 0
}

/**
 * rule unenroll.freezes: after an unenrolment nothing achieves, anchors or ends a cycle of the
 * customer (settlement goes on, but only closes cycles), so no such instant is after it.
 */
const frozenAfter = (customer: Customer): Instant =>
  customer.status === 'UNENROLLED' ? customer.since : Number.POSITIVE_INFINITY

/** The first problem of one progress entry, if any. */
const progressViolation = (
  context: Context,
  customer: Customer,
  p: Progress,
  path: string,
): Violation | undefined => {
  const { target, window } = context
  const count = window.count(customer)
  if (!isWhole(p.cycle, 1) || p.cycle > count)
    return { path: `${path}.cycle`, message: `must be a cycle of the customer (1 to ${count})` }
  if (p.cycle <= customer.closedCycles)
    return {
      path: `${path}.cycle`,
      message: 'is a cycle already closed: its progress is dropped at its close',
    }
  if (customer.status === 'UNENROLLED' && p.cycle > customer.fromCycle)
    return {
      path: `${path}.cycle`,
      message: 'is after the unenrolment cycle: an unenrolment drops the progress of later cycles',
    }
  if (!Number.isFinite(p.value) || p.value < 0)
    return { path: `${path}.value`, message: 'must be a finite number ≥ 0' }
  if (target.metric !== 'SUM' && !Number.isInteger(p.value))
    return {
      path: `${path}.value`,
      message: `must be a whole number (a ${target.metric} progress)`,
    }
  if (target.metric !== 'VISIT' && p.visits.length > 0)
    return { path: `${path}.visits`, message: 'must be empty: only VISIT targets count visits' }
  if (ascendingUnique(p.visits) >= 0 || p.visits.some((d) => !Number.isSafeInteger(d)))
    return { path: `${path}.visits`, message: 'must be distinct local dates, in order' }
  if (p.value < p.visits.length)
    return { path: `${path}.value`, message: 'must count every visit it lists' }
  const goal = goalOf(context, p.cycle)
  const start = window.start(customer, p.cycle)
  const end = window.end(customer, p.cycle)
  // rule visit.local-date: a visit is the local date of an activity counted in the cycle by now.
  if (p.visits.length > 0 && start <= customer.settledAt) {
    const { first, last } = visitDates(context, customer, p.cycle, customer.settledAt + 1)
    if (p.visits.some((d) => d < first || d > last))
      return {
        path: `${path}.visits`,
        message: 'must be local dates of its cycle, none after the settled instant',
      }
  }
  if (p.achievedAt !== undefined) {
    if (p.value < goal)
      return {
        path: `${path}.achievedAt`,
        message: `is set, but the progress is below the goal (${goal})`,
      }
    if (p.achievedAt < start || p.achievedAt >= end || p.achievedAt > customer.settledAt)
      return {
        path: `${path}.achievedAt`,
        message: "must fall within its cycle, and not after the customer's settled instant",
      }
    // rule unenroll.freezes: a frozen cycle is achieved, if at all, before the unenrolment.
    if (p.achievedAt > frozenAfter(customer))
      return {
        path: `${path}.achievedAt`,
        message: 'must not be after the unenrolment: an unenrolment freezes the progress',
      }
    if (target.kind === 'STREAK' || target.allocation === 'IMMEDIATE') {
      if (!p.rewarded)
        return {
          path: `${path}.rewarded`,
          message: 'must be true: an achievement is rewarded (or counted into the streak) at once',
        }
    }
  }
  if (p.reversed) {
    if (!target.allowReturns)
      return { path: `${path}.reversed`, message: 'must be false: the target takes no returns' }
    if (p.achievedAt !== undefined || p.value >= goal)
      return { path: `${path}.reversed`, message: 'means below the goal after a return' }
  }
  // An enrolled customer's begun cycle achieves as its progress reaches the goal (rule
  // activity.achieves); only a balance given before its cycle began waits (rule enroll.5).
  if (
    customer.status === 'ENROLLED' &&
    p.cycle >= customer.startCycle &&
    start <= customer.settledAt &&
    p.value >= goal &&
    p.achievedAt === undefined
  )
    return {
      path: `${path}.achievedAt`,
      message: `must be set: the progress reached the goal (${goal}) in a cycle the customer is in`,
    }
  if (p.rewarded && target.kind === 'MILESTONE' && target.allocation === 'PERIOD_END')
    return {
      path: `${path}.rewarded`,
      message: 'must be false: a PERIOD_END reward is paid at the close, not marked',
    }
  const names = target.subTargets.map((s) => s.name)
  const seen = new Set<string>()
  for (const [i, name] of p.subTargets.entries()) {
    if (!names.includes(name) || seen.has(name))
      return {
        path: `${path}.subTargets[${i}]`,
        message: 'must name a sub-target of the target, once',
      }
    seen.add(name)
  }
  // A cycle that has not begun can only hold a balance given before it (rule enroll.5).
  if (
    start > customer.settledAt &&
    (p.achievedAt !== undefined ||
      p.rewarded ||
      p.reversed ||
      p.subTargets.length > 0 ||
      p.visits.length > 0)
  )
    return {
      path: path,
      message: 'is the progress of a cycle not begun: it can only hold a balance waiting for it',
    }
  if (window.type === 'PERIOD_AGNOSTIC' && p.achievedAt !== undefined)
    return {
      path: `${path}.achievedAt`,
      message: 'must be unset: an achieved PERIOD_AGNOSTIC cycle ends',
    }
  return undefined
}

/** The first problem of a streak record, if any; `begun` cycles have begun by its settled instant. */
const streakViolation = (
  target: Target,
  customer: Customer,
  graceDays: number,
  begun: number,
): Violation | undefined => {
  const s = customer.streak
  if (s === undefined || target.kind !== 'STREAK') return undefined
  if (!isWhole(s.epoch, 1)) return { path: 'streak.epoch', message: 'must be an integer ≥ 1' }
  if (!isWhole(s.count, 0)) return { path: 'streak.count', message: 'must be an integer ≥ 0' }
  // rule activity.streak-credit: one credit per achieved cycle, and a cycle achieves once begun.
  if (s.count > begun)
    return {
      path: 'streak.count',
      message: `must not exceed the cycles begun by the settled instant (${begun})`,
    }
  const at = ascendingUnique(s.achievedLevels)
  if (at >= 0)
    return { path: `streak.achievedLevels[${at}]`, message: 'must be ascending, each once' }
  for (const [i, level] of s.achievedLevels.entries())
    if (!target.levels.includes(level))
      return { path: `streak.achievedLevels[${i}]`, message: 'is not a level of the target' }
  // The count rises one at a time within an epoch, so every level up to it was reached on the way,
  // and every level below the highest reached (rule activity.streak-levels).
  const highest = Math.max(s.count, s.achievedLevels.at(-1) ?? 0)
  const missing = target.levels.find((l) => l <= highest && !s.achievedLevels.includes(l))
  if (missing !== undefined)
    return {
      path: 'streak.achievedLevels',
      message:
        highest === s.count
          ? `must hold level ${missing}: the count (${s.count}) passed it in this epoch`
          : `must hold level ${missing}: the count passed it on its way to level ${highest} in this epoch`,
    }
  // Only a CONTINUOUS streak's count goes down within an epoch (rule settle.continuous-break).
  if (target.streakType === 'NON_CONTINUOUS' && highest > s.count)
    return {
      path: 'streak.count',
      message: `must be at least ${highest}: a NON_CONTINUOUS count never goes down within an epoch`,
    }
  if (s.waiting.length > 0 && (target.streakType !== 'CONTINUOUS' || graceDays === 0))
    return {
      path: 'streak.waiting',
      message: 'must be empty: only CONTINUOUS streaks with grace days wait',
    }
  const w = ascendingUnique(s.waiting.map((x) => x.cycle))
  if (w >= 0) return { path: `streak.waiting[${w}].cycle`, message: 'must be ascending, each once' }
  for (const [i, waiting] of s.waiting.entries()) {
    const p = customer.progress.find((x) => x.cycle === waiting.cycle)
    if (p?.rewarded !== true || waiting.achievedAt > customer.settledAt)
      return {
        path: `streak.waiting[${i}]`,
        message: 'must be an achieved cycle not closed, waiting since an instant already applied',
      }
  }
  return undefined
}

/**
 * rule grace.streak-order: a streak's `heldUntil` is the close of a cycle the customer was in that
 * closed unachieved, so one already closed (at or before the settled instant); only a `CONTINUOUS`
 * streak with grace days keeps one.
 */
const heldViolation = (context: Context, customer: Customer): Violation | undefined => {
  const held = customer.streak?.heldUntil
  if (held === undefined) return undefined
  const { target } = context
  if (target.kind !== 'STREAK' || target.streakType !== 'CONTINUOUS' || context.grace === 0)
    return {
      path: 'streak.heldUntil',
      message: 'must be null: only CONTINUOUS streaks with grace days hold a credit back',
    }
  for (let cycle = 1; cycle <= customer.closedCycles; cycle++)
    if (closeAt(context, customer, cycle) === held) return undefined
  return { path: 'streak.heldUntil', message: 'must be the close of a cycle already closed' }
}

/**
 * rule advance.settles-all: `advance` settles every customer up to the watermark, so no boundary
 * of a customer falls at or before it unsettled.
 */
const watermarkViolation = (
  context: Context,
  customer: Customer,
  watermark: Instant,
): Violation | undefined => {
  if (nextSettlement(context, customer) > watermark) return undefined
  const closing = customer.closedCycles + 1
  const message = 'advance settled every customer up to the watermark'
  if (closing <= customer.endedCycles && closeAt(context, customer, closing) <= watermark)
    return {
      path: 'closedCycles',
      message: `must count cycle ${closing}: it closed by the watermark, and ${message}`,
    }
  if (context.window.endedBy(customer, watermark) > customer.endedCycles)
    return {
      path: 'endedCycles',
      message: `must count every cycle that ended by the watermark: ${message}`,
    }
  return {
    path: 'progress',
    message: `holds a balance whose cycle began by the watermark, not yet in effect: ${message}`,
  }
}

/**
 * The first way `customer` breaks what the operations guarantee, or undefined. Each check follows
 * from what an operation can do; a record an operation produced passes them all. `watermark` is the
 * state's (−∞ before the first `advance`).
 */
export const violation = (
  context: Context,
  customer: Customer,
  watermark: Instant,
): Violation | undefined => {
  const { target, window } = context
  if (!isWhole(customer.customerId, 1))
    return { path: 'customerId', message: 'must be a positive safe integer' }
  if (!isWhole(customer.version, 1)) return { path: 'version', message: 'must be an integer ≥ 1' }
  if (customer.since > customer.settledAt)
    return { path: 'since', message: 'must not be after the settled instant' }
  if (customer.streak !== undefined && target.kind !== 'STREAK')
    return { path: 'streak', message: 'must be absent for a milestone' }
  if (
    window.type === 'FIXED' ? customer.anchor !== undefined || customer.cycleEnds.length > 0 : false
  )
    return { path: 'anchor', message: 'must be absent: a FIXED window has no anchor' }
  if (window.type !== 'PERIOD_AGNOSTIC' && customer.cycleEnds.length > 0)
    return {
      path: 'cycleEnds',
      message: 'must be empty: only PERIOD_AGNOSTIC cycles end at their goal',
    }
  if (customer.anchor !== undefined) {
    if (customer.anchor > customer.settledAt)
      return {
        path: 'anchor',
        message: 'must not be after the settled instant (an activity anchors it)',
      }
    // rule unenroll.freezes: an unenrolled customer's activity anchors nothing.
    if (customer.anchor > frozenAfter(customer))
      return {
        path: 'anchor',
        message:
          'must not be after the unenrolment (an activity of an enrolled customer anchors it)',
      }
    if (window.type === 'CYCLIC' && window.anchorFor(customer.anchor) !== customer.anchor)
      return { path: 'anchor', message: 'must be the first instant of a local day' }
  }
  if (window.type === 'PERIOD_AGNOSTIC') {
    const max = target.window.type === 'PERIOD_AGNOSTIC' ? target.window.maxCycles : 0
    if (customer.cycleEnds.length > max)
      return { path: 'cycleEnds', message: `must hold at most ${max} cycles` }
    let previous = customer.anchor ?? Number.NaN
    for (const [i, end] of customer.cycleEnds.entries()) {
      if (!(end >= previous) || end > customer.settledAt)
        return {
          path: `cycleEnds[${i}]`,
          message: 'must not be before the cycle before it, nor after the settled instant',
        }
      // rule unenroll.freezes: an unenrolled customer's activity ends no cycle.
      if (end > frozenAfter(customer))
        return {
          path: `cycleEnds[${i}]`,
          message:
            'must not be after the unenrolment (an activity of an enrolled customer ends it)',
        }
      previous = end
    }
  }
  const count = window.count(customer)
  if (customer.anchor === undefined && window.type !== 'FIXED') {
    if (customer.startCycle !== 1 || (customer.status === 'UNENROLLED' && customer.fromCycle !== 1))
      return { path: 'startCycle', message: 'must be 1 before the customer is anchored' }
    if (customer.progress.length > 0 || customer.endedCycles > 0)
      return { path: 'progress', message: 'must be empty before the customer is anchored' }
  } else {
    if (!isWhole(customer.startCycle, 1) || customer.startCycle > Math.max(count, 1))
      return { path: 'startCycle', message: `must be a cycle of the customer (1 to ${count})` }
    if (
      customer.status === 'UNENROLLED' &&
      (!isWhole(customer.fromCycle, 1) || customer.fromCycle > Math.max(count, 1))
    )
      return { path: 'fromCycle', message: `must be a cycle of the customer (1 to ${count})` }
  }
  // rules enroll.3, reenroll.2, unenroll.3: the start cycle of an enrolment, and the cycle k of an
  // unenrolment, had not ended at its instant (a PERIOD_AGNOSTIC cycle may end at that instant,
  // by an activity there).
  const held = customer.status === 'ENROLLED' ? customer.startCycle : customer.fromCycle
  const heldEnd = window.end(customer, held)
  if (heldEnd < customer.since || (heldEnd === customer.since && window.type !== 'PERIOD_AGNOSTIC'))
    return customer.status === 'ENROLLED'
      ? {
          path: 'startCycle',
          message: 'must be a cycle that had not ended when the customer (re-)enrolled',
        }
      : {
          path: 'fromCycle',
          message: 'must be a cycle that had not ended when the customer unenrolled',
        }
  const graceDays = target.graceDays
  const endedBySettled = window.endedBy(customer, customer.settledAt)
  if (!isWhole(customer.closedCycles, 0) || !isWhole(customer.endedCycles, 0))
    return { path: 'endedCycles', message: 'must be integers ≥ 0' }
  if (customer.endedCycles > endedBySettled || customer.endedCycles > count)
    return {
      path: 'endedCycles',
      message: `must not count a cycle that has not ended by the settled instant (${endedBySettled} have)`,
    }
  if (customer.closedCycles > customer.endedCycles)
    return { path: 'closedCycles', message: 'must not exceed the cycles that have ended' }
  if (graceDays === 0 && customer.closedCycles !== customer.endedCycles)
    return {
      path: 'closedCycles',
      message: 'must equal the ended cycles: without grace a cycle closes as it ends',
    }
  if (
    window.type !== 'PERIOD_AGNOSTIC' &&
    customer.endedCycles < window.endedBy(customer, customer.since)
  )
    return {
      path: 'endedCycles',
      message:
        'must count every cycle that had ended by the latest enrolment change (it settled them)',
    }
  const g = ascendingUnique(customer.graceCycles)
  if (
    g >= 0 ||
    customer.graceCycles.some((c) => c <= customer.closedCycles || c > customer.endedCycles)
  )
    return { path: 'graceCycles', message: 'must be cycles in grace (ended, not closed), in order' }
  const p = ascendingUnique(customer.progress.map((x) => x.cycle))
  if (p >= 0)
    return {
      path: `progress[${p}].cycle`,
      message: 'must be above the one before it (in order, each once)',
    }
  for (const [i, progress] of customer.progress.entries()) {
    const problem = progressViolation(context, customer, progress, `progress[${i}]`)
    if (problem !== undefined) return problem
  }
  const begun =
    endedBySettled < count && window.start(customer, endedBySettled + 1) <= customer.settledAt
      ? endedBySettled + 1
      : endedBySettled
  return (
    streakViolation(target, customer, graceDays, begun) ??
    heldViolation(context, customer) ??
    watermarkViolation(context, customer, watermark)
  )
}
