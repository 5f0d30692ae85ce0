// The one function that writes a customer record: what each fact does to it.
import { absurd } from '../internal/absurd.js'
import {
  customerWith,
  empty,
  enrolledFrom,
  newCustomer,
  noProgress,
  progressWith,
  streakOf,
  unenrolledFrom,
  type Customer,
  type Progress,
  type ProgressChange,
  type Streak,
} from './customer.js'
import type { Fact } from './fact.js'

// operations

/** The progress list with `cycle`'s progress changed (created at 0 if there is none), in cycle order. */
const progressChanged = (
  list: ReadonlyArray<Progress>,
  cycle: number,
  change: ProgressChange,
): ReadonlyArray<Progress> => {
  for (let i = 0; i < list.length; i++) {
    const p = list[i] as Progress
    if (p.cycle === cycle) {
      const out = list.slice()
      out[i] = progressWith(p, change)
      return out
    }
    if (p.cycle > cycle)
      return [...list.slice(0, i), progressWith(noProgress(cycle), change), ...list.slice(i)]
  }
  return [...list, progressWith(noProgress(cycle), change)]
}

/** The record with `cycle`'s progress changed. */
const withProgress = (customer: Customer, cycle: number, change: ProgressChange): Customer =>
  customerWith(customer, { progress: progressChanged(customer.progress, cycle, change) })

/** The progress list without the entries `drop` picks (the same list if none). */
const progressWithout = (
  list: ReadonlyArray<Progress>,
  drop: (progress: Progress) => boolean,
): ReadonlyArray<Progress> => {
  if (!list.some(drop)) return list
  const kept = list.filter((p) => !drop(p))
  return kept.length === 0 ? empty : kept
}

const streakWith = (streak: Streak, change: Partial<Streak>): Streak => ({
  epoch: change.epoch ?? streak.epoch,
  count: change.count ?? streak.count,
  achievedLevels: change.achievedLevels ?? streak.achievedLevels,
  waiting: change.waiting ?? streak.waiting,
})

const withStreak = (customer: Customer, change: Partial<Streak>): Customer =>
  customerWith(customer, { streak: streakWith(streakOf(customer), change) })

const without = <A>(list: ReadonlyArray<A>, drop: (a: A) => boolean): ReadonlyArray<A> => {
  if (!list.some(drop)) return list
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
      return customerWith(customer, { endedCycles: fact.cycles, closedCycles: fact.cycles })
    case 'ANCHORED':
      return customerWith(customer, { anchor: fact.anchor })
    case 'UNENROLLED':
      // rule unenroll.4: cycle k's progress is kept, frozen; a later cycle's (a balance) is dropped.
      return unenrolledFrom(
        customer,
        fact.cycle,
        fact.at.getTime(),
        progressWithout(customer.progress, (p) => p.cycle > fact.cycle),
      )
    case 'REENROLLED':
      return enrolledFrom(customer, fact.cycle, fact.at.getTime())
    case 'STREAK_RESET':
      // rule reenroll.5: a new epoch, in which every level can be earned again.
      return customerWith(customer, {
        streak: { epoch: fact.epoch, count: 0, achievedLevels: empty, waiting: empty },
      })
    case 'ACTIVITY_COUNTED': {
      const visits =
        fact.visit === undefined
          ? undefined
          : [...(customer.progress.find((p) => p.cycle === fact.cycle)?.visits ?? []), fact.visit].sort(
              (a, b) => a - b,
            )
      return customerWith(customer, {
        progress: progressChanged(customer.progress, fact.cycle, { value: fact.value, visits }),
        settledAt: Math.max(customer.settledAt, fact.at),
      })
    }
    case 'BALANCE_SET':
      return withProgress(customer, fact.cycle, {
        value: fact.value,
        visits: empty,
        reversed: false,
        achievedAt: fact.belowGoal ? null : undefined,
      })
    case 'CYCLE_ACHIEVED':
      return withProgress(customer, fact.cycle, { achievedAt: fact.at.getTime(), reversed: false })
    case 'ACHIEVEMENT_REVERSED':
      return withProgress(customer, fact.cycle, { achievedAt: null, reversed: true })
    case 'REWARD_ISSUED':
      // An IMMEDIATE cycle reward is issued once ever (rule activity.cycle-once); the others leave no mark.
      return fact.allocation === 'IMMEDIATE' && fact.level === undefined
        ? withProgress(customer, fact.cycle, { rewarded: true })
        : customer
    case 'SUB_TARGET_REACHED': {
      const reached = customer.progress.find((p) => p.cycle === fact.cycle)?.subTargets ?? empty
      return withProgress(customer, fact.cycle, { subTargets: [...reached, fact.subTarget] })
    }
    case 'STREAK_LEVEL_ACHIEVED':
      return withStreak(customer, {
        achievedLevels: [...streakOf(customer).achievedLevels, fact.level].sort((a, b) => a - b),
      })
    case 'STREAK_BROKEN':
      return withStreak(customer, { count: 0 })
    case 'STREAK_CREDITED': {
      const streak = streakOf(customer)
      const credited = customerWith(customer, {
        streak: streakWith(streak, {
          count: streak.count + 1,
          waiting: without(streak.waiting, (w) => w.cycle === fact.cycle),
        }),
      })
      return credited.progress.some((p) => p.cycle === fact.cycle)
        ? withProgress(credited, fact.cycle, { rewarded: true })
        : credited
    }
    case 'CREDIT_WAITING': {
      const streak = streakOf(customer)
      const waiting = [...streak.waiting, { cycle: fact.cycle, achievedAt: fact.achievedAt }].sort(
        (a, b) => a.cycle - b.cycle,
      )
      return customerWith(customer, {
        streak: streakWith(streak, { waiting }),
        progress: progressChanged(customer.progress, fact.cycle, { rewarded: true }),
      })
    }
    case 'CYCLE_ENDED':
      return customerWith(customer, {
        endedCycles: fact.cycle,
        graceCycles: fact.member ? [...customer.graceCycles, fact.cycle] : customer.graceCycles,
      })
    case 'CYCLE_CLOSED':
      return customerWith(customer, {
        endedCycles: Math.max(customer.endedCycles, fact.cycle),
        closedCycles: fact.cycle,
        graceCycles: without(customer.graceCycles, (c) => c === fact.cycle),
        progress: progressWithout(customer.progress, (p) => p.cycle === fact.cycle),
      })
    case 'CYCLE_COMPLETED':
      return customerWith(customer, {
        cycleEnds: [...customer.cycleEnds, fact.at],
        progress: progressWithout(customer.progress, (p) => p.cycle === fact.cycle),
      })
    case 'SETTLED_UNTIL':
      return customerWith(customer, { settledAt: Math.max(customer.settledAt, fact.at) })
    default:
      return absurd(fact)
  }
}
