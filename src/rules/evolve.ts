// The one function that writes a customer record: what each fact does to it.
import { absurd } from '../internal/absurd.js'
import {
  empty,
  newCustomer,
  noProgress,
  streakOf,
  type Customer,
  type Progress,
  type Streak,
} from './customer.js'
import type { Fact } from './fact.js'

// operations

/** The record with the progress of `cycle` changed by `change` (created at 0 if there is none). */
const withProgress = (
  customer: Customer,
  cycle: number,
  change: (progress: Progress) => Progress,
): Customer => {
  const list = customer.progress
  const at = list.findIndex((p) => p.cycle === cycle)
  if (at >= 0) return { ...customer, progress: list.map((p, i) => (i === at ? change(p) : p)) }
  const after = list.findIndex((p) => p.cycle > cycle)
  const fresh = change(noProgress(cycle))
  return {
    ...customer,
    progress: after < 0 ? [...list, fresh] : [...list.slice(0, after), fresh, ...list.slice(after)],
  }
}

/** The record with the progress of `cycle` dropped: its cycle closed, or the customer left it. */
const withoutProgress = (customer: Customer, keep: (progress: Progress) => boolean): Customer => {
  const kept = customer.progress.filter(keep)
  return kept.length === customer.progress.length
    ? customer
    : { ...customer, progress: kept.length === 0 ? empty : kept }
}

const withStreak = (customer: Customer, change: (streak: Streak) => Streak): Customer => ({
  ...customer,
  streak: change(streakOf(customer)),
})

const without = <A>(list: ReadonlyArray<A>, drop: (a: A) => boolean): ReadonlyArray<A> => {
  const kept = list.filter((a) => !drop(a))
  return kept.length === 0 ? empty : kept
}

/**
 * The record after `fact`. Only `ENROLLED` applies to no record (a new customer); every other fact
 * applies to the record it was decided on.
 */
export const evolve = (customer: Customer | undefined, fact: Fact): Customer => {
  if (customer === undefined) {
    if (fact.type !== 'ENROLLED') throw new Error(`${fact.type} needs a customer record`)
    return newCustomer(fact.customerId, fact.cycle, fact.at.getTime())
  }
  switch (fact.type) {
    case 'ENROLLED':
    case 'REWARD_FORFEITED':
      return customer
    case 'CYCLES_PASSED':
      return { ...customer, endedCycles: fact.cycles, closedCycles: fact.cycles }
    case 'ANCHORED':
      return { ...customer, anchor: fact.anchor }
    case 'UNENROLLED': {
      const at = fact.at.getTime()
      const { status: _, ...rest } = customer
      // rule unenroll.4: cycle k's progress is kept, frozen; a later cycle's (a balance) is dropped.
      return withoutProgress(
        { ...rest, status: 'UNENROLLED', fromCycle: fact.cycle, since: at, settledAt: at },
        (p) => p.cycle <= fact.cycle,
      )
    }
    case 'REENROLLED': {
      const at = fact.at.getTime()
      if (customer.status === 'ENROLLED') return customer
      const { status: _, fromCycle: __, ...rest } = customer
      return { ...rest, status: 'ENROLLED', startCycle: fact.cycle, since: at, settledAt: at }
    }
    case 'STREAK_RESET':
      // rule reenroll.5: a new epoch, in which every level can be earned again.
      return {
        ...customer,
        streak: { epoch: fact.epoch, count: 0, achievedLevels: empty, waiting: empty },
      }
    case 'ACTIVITY_COUNTED':
      return {
        ...withProgress(customer, fact.cycle, (p) => ({
          ...p,
          value: fact.value,
          visits:
            fact.visit === undefined ? p.visits : [...p.visits, fact.visit].sort((a, b) => a - b),
        })),
        settledAt: Math.max(customer.settledAt, fact.at),
      }
    case 'BALANCE_SET':
      return withProgress(customer, fact.cycle, (p) => ({
        ...p,
        value: fact.value,
        visits: empty,
        achievedAt: fact.belowGoal ? undefined : p.achievedAt,
        reversed: false,
      }))
    case 'CYCLE_ACHIEVED':
      return withProgress(customer, fact.cycle, (p) => ({
        ...p,
        achievedAt: fact.at.getTime(),
        reversed: false,
      }))
    case 'ACHIEVEMENT_REVERSED':
      return withProgress(customer, fact.cycle, (p) => ({
        ...p,
        achievedAt: undefined,
        reversed: true,
      }))
    case 'REWARD_ISSUED':
      // An IMMEDIATE cycle reward is issued once ever (rule activity.cycle-once); the others leave no mark.
      return fact.allocation === 'IMMEDIATE' && fact.level === undefined
        ? withProgress(customer, fact.cycle, (p) => ({ ...p, rewarded: true }))
        : customer
    case 'SUB_TARGET_REACHED':
      return withProgress(customer, fact.cycle, (p) => ({
        ...p,
        subTargets: [...p.subTargets, fact.subTarget],
      }))
    case 'STREAK_LEVEL_ACHIEVED':
      return withStreak(customer, (s) => ({
        ...s,
        achievedLevels: [...s.achievedLevels, fact.level].sort((a, b) => a - b),
      }))
    case 'STREAK_BROKEN':
      return withStreak(customer, (s) => ({ ...s, count: 0 }))
    case 'STREAK_CREDITED': {
      const credited = withStreak(customer, (s) => ({
        ...s,
        count: s.count + 1,
        waiting: without(s.waiting, (w) => w.cycle === fact.cycle),
      }))
      return credited.progress.some((p) => p.cycle === fact.cycle)
        ? withProgress(credited, fact.cycle, (p) => ({ ...p, rewarded: true }))
        : credited
    }
    case 'CREDIT_WAITING':
      return withProgress(
        withStreak(customer, (s) => ({
          ...s,
          waiting: [...s.waiting, { cycle: fact.cycle, achievedAt: fact.achievedAt }].sort(
            (a, b) => a.cycle - b.cycle,
          ),
        })),
        fact.cycle,
        (p) => ({ ...p, rewarded: true }),
      )
    case 'CYCLE_ENDED':
      return {
        ...customer,
        endedCycles: fact.cycle,
        graceCycles: fact.member ? [...customer.graceCycles, fact.cycle] : customer.graceCycles,
      }
    case 'CYCLE_CLOSED':
      return withoutProgress(
        {
          ...customer,
          endedCycles: Math.max(customer.endedCycles, fact.cycle),
          closedCycles: fact.cycle,
          graceCycles: without(customer.graceCycles, (c) => c === fact.cycle),
        },
        (p) => p.cycle !== fact.cycle,
      )
    case 'CYCLE_COMPLETED':
      return withoutProgress(
        { ...customer, cycleEnds: [...customer.cycleEnds, fact.at] },
        (p) => p.cycle !== fact.cycle,
      )
    case 'SETTLED_UNTIL':
      return { ...customer, settledAt: Math.max(customer.settledAt, fact.at) }
    default:
      return absurd(fact)
  }
}
