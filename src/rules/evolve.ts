// What each fact does to a customer's record: `write` is the one place a record changes.
import { absurd } from '../internal/absurd.js'
import {
  draftOf,
  empty,
  newCustomer,
  noProgress,
  recordOf,
  streakOf,
  type Customer,
  type Draft,
  type DraftProgress,
  type Streak,
} from './customer.js'
import type { Fact } from './fact.js'

// operations

/**
 * The draft's progress of `cycle`, created at 0 (in cycle order) if it has none. The list is
 * replaced, never grown in place: each holds exactly its entries, and most hold one or none.
 */
const progressFor = (draft: Draft, cycle: number): DraftProgress => {
  const list = draft.progress
  let at = 0
  while (at < list.length && (list[at] as DraftProgress).cycle < cycle) at++
  const found = list[at]
  if (found?.cycle === cycle) return found
  const fresh = noProgress(cycle)
  draft.progress = list.length === 0 ? [fresh] : [...list.slice(0, at), fresh, ...list.slice(at)]
  return fresh
}

/** Drops the progress of cycles `first` to `last`: they closed, or the customer left them. */
const dropProgress = (draft: Draft, first: number, last: number): void => {
  const kept = draft.progress.filter((p) => p.cycle < first || p.cycle > last)
  draft.progress = kept.length === 0 ? empty : kept
}

const withStreak = (draft: Draft, change: Partial<Streak>): void => {
  const s = streakOf(recordOf(draft))
  draft.streak = {
    epoch: change.epoch ?? s.epoch,
    count: change.count ?? s.count,
    achievedLevels: change.achievedLevels ?? s.achievedLevels,
    waiting: change.waiting ?? s.waiting,
    heldUntil: change.heldUntil ?? s.heldUntil,
  }
}

const without = <A>(list: ReadonlyArray<A>, drop: (a: A) => boolean): ReadonlyArray<A> => {
  const kept = list.filter((a) => !drop(a))
  return kept.length === 0 ? empty : kept
}

/** Writes what `fact` does into `draft`, a record nobody else holds yet. */
export const write = (draft: Draft, fact: Fact): void => {
  switch (fact.type) {
    case 'ENROLLED':
    case 'REWARD_FORFEITED':
      return
    case 'CYCLES_PASSED':
      draft.endedCycles = fact.cycles
      draft.closedCycles = fact.cycles
      return
    case 'ANCHORED':
      draft.anchor = fact.anchor
      return
    case 'UNENROLLED':
      draft.status = 'UNENROLLED'
      draft.fromCycle = fact.cycle
      draft.since = fact.at.getTime()
      draft.settledAt = draft.since
      // rule unenroll.4: cycle k's progress is kept, frozen; a later cycle's (a balance) is dropped.
      dropProgress(draft, fact.cycle + 1, Number.POSITIVE_INFINITY)
      return
    case 'REENROLLED':
      draft.status = 'ENROLLED'
      draft.fromCycle = undefined
      draft.startCycle = fact.cycle
      draft.since = fact.at.getTime()
      draft.settledAt = draft.since
      return
    case 'STREAK_RESET':
      // rule reenroll.5: a new epoch, in which every level can be earned again; a credit still
      // waiting for an earlier cycle's close is credited in its turn, in this epoch (rule grace.streak-order).
      draft.streak = {
        ...streakOf(recordOf(draft)),
        epoch: fact.epoch,
        count: 0,
        achievedLevels: empty,
      }
      return
    case 'ACTIVITY_COUNTED': {
      const progress = progressFor(draft, fact.cycle)
      progress.value = fact.value
      if (fact.visit !== undefined)
        progress.visits = [...progress.visits, fact.visit].sort((a, b) => a - b)
      if (fact.at > draft.settledAt) draft.settledAt = fact.at
      return
    }
    case 'BALANCE_SET': {
      const progress = progressFor(draft, fact.cycle)
      progress.value = fact.value
      progress.visits = empty
      progress.reversed = false
      // rule reenroll.3: below the goal, the cycle is simply no longer achieved.
      if (fact.belowGoal) progress.achievedAt = undefined
      return
    }
    case 'CYCLE_ACHIEVED': {
      const progress = progressFor(draft, fact.cycle)
      progress.achievedAt = fact.at.getTime()
      progress.reversed = false
      return
    }
    case 'ACHIEVEMENT_REVERSED': {
      const progress = progressFor(draft, fact.cycle)
      progress.achievedAt = undefined
      progress.reversed = true
      return
    }
    case 'REWARD_ISSUED':
      // An IMMEDIATE cycle reward is issued once ever (rule activity.cycle-once); the others leave no mark.
      if (fact.allocation === 'IMMEDIATE' && fact.level === undefined)
        progressFor(draft, fact.cycle).rewarded = true
      return
    case 'SUB_TARGET_REACHED': {
      const progress = progressFor(draft, fact.cycle)
      progress.subTargets = [...progress.subTargets, fact.subTarget]
      return
    }
    case 'STREAK_LEVEL_ACHIEVED':
      withStreak(draft, {
        achievedLevels: [...streakOf(recordOf(draft)).achievedLevels, fact.level].sort(
          (a, b) => a - b,
        ),
      })
      return
    case 'STREAK_BROKEN':
      withStreak(draft, { count: 0 })
      return
    case 'STREAK_CREDITED': {
      const streak = streakOf(recordOf(draft))
      withStreak(draft, {
        count: streak.count + 1,
        waiting: without(streak.waiting, (w) => w.cycle === fact.cycle),
      })
      const progress = draft.progress.find((p) => p.cycle === fact.cycle)
      if (progress !== undefined) progress.rewarded = true
      return
    }
    case 'CREDIT_WAITING':
      withStreak(draft, {
        waiting: [
          ...streakOf(recordOf(draft)).waiting,
          { cycle: fact.cycle, achievedAt: fact.achievedAt },
        ].sort((a, b) => a.cycle - b.cycle),
      })
      progressFor(draft, fact.cycle).rewarded = true
      return
    case 'CYCLE_ENDED':
      draft.endedCycles = fact.cycle
      if (fact.member) draft.graceCycles = [...draft.graceCycles, fact.cycle]
      return
    case 'CYCLE_CLOSED':
      draft.endedCycles = Math.max(draft.endedCycles, fact.cycle)
      draft.closedCycles = fact.cycle
      if (draft.graceCycles.includes(fact.cycle))
        draft.graceCycles = without(draft.graceCycles, (c) => c === fact.cycle)
      dropProgress(draft, fact.cycle, fact.cycle)
      if (fact.heldUntil !== undefined) withStreak(draft, { heldUntil: fact.heldUntil })
      return
    case 'CYCLE_COMPLETED':
      draft.cycleEnds = [...draft.cycleEnds, fact.at]
      dropProgress(draft, fact.cycle, fact.cycle)
      return
    case 'SETTLED_UNTIL':
      if (fact.at > draft.settledAt) draft.settledAt = fact.at
      return
    default:
      absurd(fact)
  }
}

/**
 * The record after `fact`: a copy of `customer` (none for a new customer's `ENROLLED`) with the
 * fact written into it. The given record is never changed.
 */
export const evolve = (customer: Customer | undefined, fact: Fact): Customer => {
  if (customer === undefined) {
    if (fact.type !== 'ENROLLED') throw new Error(`${fact.type} needs a customer record`)
    return recordOf(newCustomer(fact.customerId, fact.cycle, fact.at.getTime()))
  }
  const draft = draftOf(customer)
  write(draft, fact)
  return recordOf(draft)
}
