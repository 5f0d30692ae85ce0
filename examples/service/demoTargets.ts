// The demo's targets, after the seed page: milestone 'ABC' (group 501; target 1 IMMEDIATE, target 2
// PERIOD_END; 5 cycles, goal 5 transactions) and streak 'XYZ' (group 502, target 1; 30 cycles,
// levels 4, 8, 12, one transaction a cycle). Their cycles are ten minutes long from the first
// start, so that a cycle's end, and what the sweep does there, can be watched by hand.
import * as E from 'fp-ts/lib/Either.js'
import {
  defineMilestone,
  defineStreak,
  decodeTarget,
  encodeTarget,
  type CycleInput,
  type RewardAllocationType,
  type Target,
} from 'loyalty-streaks'
import type { Database } from './database.js'
import { defineTarget } from './targetStore.js'

export const DEMO_CYCLE_MS = 10 * 60_000

const orFail = <A>(result: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(result)) throw new Error(result.left.message)
  return result.right
}

const cycles = (start: Date, count: number): ReadonlyArray<CycleInput> =>
  Array.from({ length: count }, (_, i) => ({
    refCode: `c${i + 1}`,
    start: new Date(start.getTime() + i * DEMO_CYCLE_MS),
    end: new Date(start.getTime() + (i + 1) * DEMO_CYCLE_MS),
  }))

const abc = (targetId: number, allocation: RewardAllocationType, start: Date): Target =>
  orFail(
    defineMilestone({
      targetGroupId: 501,
      targetId,
      name: `ABC (${allocation})`,
      metric: 'COUNT',
      goal: 5,
      allocation,
      cycles: cycles(start, 5),
    }),
  )

const xyz = (start: Date): Target =>
  orFail(
    defineStreak({
      targetGroupId: 502,
      targetId: 1,
      name: 'XYZ',
      metric: 'COUNT',
      goal: 1,
      streakType: 'CONTINUOUS',
      levels: [4, 8, 12],
      cycles: cycles(start, 30),
    }),
  )

/** The demo's targets with their first cycle starting at `start`. */
export const demoTargets = (start: Date): ReadonlyArray<Target> => [
  abc(1, 'IMMEDIATE', start),
  abc(2, 'PERIOD_END', start),
  xyz(start),
]

/**
 * Stores the demo targets, their cycles from the current minute. A demo target whose milestone
 * cycles have all ended is defined again from now, its customers and events dropped: only the demo
 * does this; a real target's definition never changes.
 */
export const seedDemoTargets = async (db: Database, now: Date): Promise<ReadonlyArray<Target>> => {
  const start = new Date(Math.floor(now.getTime() / 60_000) * 60_000)
  const [stored] = await db.query<{ definition: unknown }>(
    'select definition from targets where target_group_id = 501 and target_id = 1',
  )
  const lastEnd =
    stored === undefined ? undefined : orFail(decodeTarget(stored.definition)).cycles.at(-1)?.end
  const ended = lastEnd !== undefined && lastEnd <= now
  const targets = demoTargets(start)
  if (ended)
    await db.transaction(async (tx) => {
      for (const table of ['outbox', 'request_keys', 'transactions', 'customers'])
        await tx.query(`delete from ${table} where target_group_id in (501, 502)`)
      for (const target of targets)
        await tx.query(
          `update targets set definition = $3::jsonb, watermark = null
           where target_group_id = $1 and target_id = $2`,
          [target.targetGroupId, target.targetId, JSON.stringify(encodeTarget(target))],
        )
    })
  for (const target of targets) await defineTarget(db, target)
  return targets
}
