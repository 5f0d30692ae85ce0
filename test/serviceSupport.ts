// Support for the service's tests: the same suite on PGlite and on a PostgreSQL server (a fresh
// database per test file on DATABASE_URL), a clock the test moves, requests through app.request,
// and the seed's target groups: milestone 'ABC' (5 monthly cycles from January 2026 in UTC, goal 5
// transactions; target 1 IMMEDIATE, target 2 PERIOD_END) and streak 'XYZ' (30 weekly cycles from
// Monday 5 January 2026, levels 4, 8, 12, one transaction a week).
import * as E from 'fp-ts/lib/Either.js'
import type { Hono } from 'hono'
import {
  calendarCycles,
  defineMilestone,
  defineStreak,
  type Cycle,
  type RewardAllocationType,
  type Target,
} from 'loyalty-streaks'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest'
import { createApp, type ServiceOptions } from '../examples/service/app.js'
import type { Database } from '../examples/service/database.js'
import { migrate } from '../examples/service/migrate.js'
import { openPglite } from '../examples/service/pgliteDatabase.js'
import { openPostgres } from '../examples/service/postgresDatabase.js'
import { defineTarget } from '../examples/service/targetStore.js'

/** A database for one test file, emptied before each test. */
export interface Harness {
  readonly db: Database
}

// Deleting the few rows a test wrote is much faster than a TRUNCATE on a server.
const EMPTY = ['outbox', 'request_keys', 'transactions', 'customers', 'targets']
  .map((table) => `delete from ${table};`)
  .join('\n')

/** A new database on the server of `url`, and how to drop it. */
const freshServerDatabase = async (
  url: string,
): Promise<{ readonly db: Database; readonly drop: () => Promise<void> }> => {
  const name = `service_test_${process.pid}_${Math.floor(Math.random() * 1e9)}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const address = new URL(url)
  address.pathname = `/${name}`
  const db = openPostgres(address.toString())
  return {
    db,
    drop: async () => {
      await db.close()
      const cleanup = new pg.Client({ connectionString: url })
      await cleanup.connect()
      await cleanup.query(`drop database if exists ${name} with (force)`)
      await cleanup.end()
    },
  }
}

const harnessOf = (
  open: () => Promise<{ readonly db: Database; readonly drop: () => Promise<void> }>,
): Harness => {
  let opened: { readonly db: Database; readonly drop: () => Promise<void> } | undefined
  beforeAll(async () => {
    opened = await open()
    await migrate(opened.db)
  }, 60_000)
  afterAll(async () => {
    await opened?.drop()
  })
  beforeEach(async () => {
    await opened?.db.exec(EMPTY)
  })
  return {
    get db() {
      if (opened === undefined) throw new Error('the database is not open yet')
      return opened.db
    },
  }
}

/**
 * Runs `suite` on PGlite, and on PostgreSQL when DATABASE_URL names a server. Without one the
 * server's half is a skipped test that says so; with CI=true it is a failing one instead.
 */
export const onEachDatabase = (title: string, suite: (harness: Harness) => void): void => {
  describe(`${title} (PGlite)`, () => {
    suite(
      harnessOf(async () => {
        const db = await openPglite()
        return { db, drop: () => db.close() }
      }),
    )
  })
  const url = process.env.DATABASE_URL
  describe(`${title} (PostgreSQL)`, () => {
    if (url !== undefined && url !== '') suite(harnessOf(() => freshServerDatabase(url)))
    else if (process.env.CI === 'true')
      it('runs on a PostgreSQL server in CI', () => {
        throw new Error('CI=true but DATABASE_URL is not set: .ci/run starts a server and sets it')
      })
    else
      it.skip('SKIPPED on PostgreSQL: DATABASE_URL is not set (.ci/run sets it)', () => undefined)
  })
}

/** A clock the test sets. */
export interface TestClock {
  readonly now: () => Date
  set(instant: Date): void
}

export const testClock = (start: Date): TestClock => {
  let current = start
  return {
    now: () => current,
    set: (instant) => {
      current = instant
    },
  }
}

/** A seeded PRNG (mulberry32): jitter without chance. */
export const seeded = (seed: number) => (): number => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/** The service on `db` with the test's clock and no real waits. */
export const serviceOn = (
  db: Database,
  clock: TestClock,
  options: Partial<ServiceOptions> = {},
): Hono =>
  createApp({
    db,
    clock: clock.now,
    retry: { random: seeded(7), sleep: () => Promise.resolve() },
    log: () => undefined,
    ...options,
  })

/** An answer as a test reads it. */
export interface Reply {
  readonly status: number
  readonly body: {
    readonly data: unknown
    readonly errors: ReadonlyArray<{
      readonly code: number | string
      readonly message: string
    }> | null
    readonly warnings: ReadonlyArray<{
      readonly code: number | string
      readonly message: string
    }> | null
  }
  readonly headers: Headers
}

export const send = async (
  app: Hono,
  method: string,
  path: string,
  body?: unknown,
  headers: Readonly<Record<string, string>> = {},
): Promise<Reply> => {
  const response = await app.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
  return {
    status: response.status,
    body: (await response.json()) as Reply['body'],
    headers: response.headers,
  }
}

/** The outbox's events of a customer, in order. */
export const outboxOf = async (
  db: Database,
  customerId: number,
): Promise<ReadonlyArray<Readonly<Record<string, unknown>> & { readonly type: string }>> =>
  (
    await db.query<{ event: Record<string, unknown> & { type: string } }>(
      'select event from outbox where customer_id = $1 order by seq',
      [customerId],
    )
  ).map((row) => row.event)

// the seed's targets

const orFail = <A>(result: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(result)) throw new Error(result.left.message)
  return result.right
}

const cycles = (start: string, frequency: 'MONTHLY' | 'WEEKLY', count: number) =>
  orFail(calendarCycles({ start, frequency, count, timeZone: 'UTC' })).map((cycle): Cycle => ({
    ...cycle,
    refCode: `c${cycle.index}`,
  }))

export const abc = (
  allocation: RewardAllocationType,
  overrides: { readonly targetId?: number; readonly goal?: number } = {},
): Target =>
  orFail(
    defineMilestone({
      targetGroupId: 101,
      targetId: overrides.targetId ?? (allocation === 'IMMEDIATE' ? 1 : 2),
      name: 'ABC',
      metric: 'COUNT',
      goal: overrides.goal ?? 5,
      allocation,
      cycles: cycles('2026-01-01', 'MONTHLY', 5),
    }),
  )

export const xyz = (): Target =>
  orFail(
    defineStreak({
      targetGroupId: 202,
      targetId: 2,
      name: 'XYZ',
      metric: 'COUNT',
      goal: 1,
      streakType: 'CONTINUOUS',
      levels: [4, 8, 12],
      cycles: cycles('2026-01-05', 'WEEKLY', 30),
    }),
  )

/** Stores the targets; each is returned for its cycles. */
export const store = async (db: Database, ...targets: ReadonlyArray<Target>): Promise<void> => {
  for (const target of targets) await defineTarget(db, target)
}

/** An instant `hours` into cycle `index` of a target. */
export const into = (target: Target, index: number, hours = 0): Date => {
  const cycle = target.cycles[index - 1]
  if (cycle === undefined) throw new Error(`no cycle ${index}`)
  return new Date(cycle.start.getTime() + hours * 3_600_000)
}

/** The end of cycle `index` of a target. */
export const endOf = (target: Target, index: number): Date => {
  const cycle = target.cycles[index - 1]
  if (cycle === undefined) throw new Error(`no cycle ${index}`)
  return cycle.end
}

/** The route of a target's endpoint. */
export const route = (target: Target, endpoint: string): string =>
  `/targetGroups/${target.targetGroupId}/targets/${target.targetId}/${endpoint}`
