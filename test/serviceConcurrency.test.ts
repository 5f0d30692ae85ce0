// Concurrent requests on a real database: every request is either applied or answered "try again"
// (390503), a re-sent request is applied once, no update is lost, every event is in the outbox once,
// and a failure between the decision and the commit leaves nothing half written.
import { describe, expect, it } from 'vitest'
import type { Database } from '../examples/service/database.js'
import { INTERNAL_ERROR, TRY_AGAIN } from '../examples/service/envelopes.js'
import {
  backoffDelay,
  conflict,
  done,
  withRetries,
  type RetryPolicy,
} from '../examples/service/retry.js'
import {
  abc,
  into,
  onEachDatabase,
  outboxOf,
  route,
  send,
  serviceOn,
  store,
  testClock,
  type Reply,
} from './serviceSupport.js'

const customer = 423789336

/** Checks every reply is applied (200) or "try again" (503, 390503, Retry-After). */
const appliedOrTryAgain = (replies: ReadonlyArray<Reply>): void => {
  for (const reply of replies)
    if (reply.status === 503) {
      expect(reply.body).toEqual({
        data: null,
        errors: [{ code: TRY_AGAIN, message: expect.any(String) as string }],
        warnings: null,
      })
      expect(reply.headers.get('retry-after')).toBe('1')
    } else expect(reply.status).toBe(200)
}

/** Sends each request until it is applied; returns how many "try again" answers came back. */
const untilApplied = async (
  requests: ReadonlyArray<(round: number) => Promise<Reply>>,
): Promise<number> => {
  let pending = requests
  let tryAgain = 0
  for (let round = 0; pending.length > 0; round++) {
    if (round === 100) throw new Error(`${pending.length} requests still not applied`)
    const replies = await Promise.all(pending.map((request) => request(round)))
    appliedOrTryAgain(replies)
    tryAgain += replies.filter((reply) => reply.status === 503).length
    pending = pending.filter((_, i) => replies[i]?.status === 503)
  }
  return tryAgain
}

/** Event types in the outbox of a customer, counted. */
const typesOf = async (db: Database, customerId: number): Promise<Record<string, number>> => {
  const counts: Record<string, number> = {}
  for (const event of await outboxOf(db, customerId))
    counts[event.type] = (counts[event.type] ?? 0) + 1
  return counts
}

/** The database with a network's latency on each read: reads of concurrent requests overlap. */
const distant = (db: Database, ms: number): Database => ({
  name: db.name,
  query: async <Row>(text: string, params?: ReadonlyArray<unknown>) => {
    const rows = await db.query<Row>(text, params)
    await new Promise((resolve) => setTimeout(resolve, ms))
    return rows
  },
  exec: (script) => db.exec(script),
  transaction: (work) => db.transaction(work),
  close: () => db.close(),
})

/** Makes every insert into `table` fail inside the database, until the returned undo runs. */
const failInserts = async (db: Database, table: string): Promise<() => Promise<void>> => {
  await db.exec(`
    create function inject_failure() returns trigger language plpgsql
      as $$ begin raise exception 'injected failure before the commit'; end $$;
    create trigger inject_failure before insert on ${table}
      for each row execute function inject_failure();`)
  return () => db.exec(`drop trigger inject_failure on ${table}; drop function inject_failure();`)
}

onEachDatabase('service under concurrency', (harness) => {
  it('50 concurrent activities on one customer: each applied or "try again"; re-sent, all applied once', async () => {
    const target = abc('IMMEDIATE', { goal: 50 })
    await store(harness.db, target)
    const clock = testClock(into(target, 1, 1))
    // First sent to a service that gives up soon (its reads slowed as by a network, so that they
    // overlap), then re-sent with their keys to one that retries as long as it takes.
    const impatient = serviceOn(distant(harness.db, 2), clock, { retry: { attempts: 2 } })
    const patient = serviceOn(harness.db, clock, { retry: { attempts: 1000 } })
    await send(patient, 'POST', route(target, 'enroll'), [{ customerId: customer }])
    const requests = Array.from(
      { length: 50 },
      (_, i) => (round: number) =>
        send(
          round === 0 ? impatient : patient,
          'POST',
          route(target, 'activity'),
          [{ customerId: customer, transactionId: `t-${i}` }],
          { 'idempotency-key': `k-${i}` },
        ),
    )
    const tryAgain = await untilApplied(requests)
    expect(tryAgain).toBeGreaterThan(0)

    // No lost update: 50 activities counted, one version per change.
    const read = await send(patient, 'GET', `/targetGroups/101/targets/1/customers/${customer}`)
    expect(read.body.data).toMatchObject({
      version: 51,
      enrolment: { progress: [{ cycle: 1, value: 50, rewarded: true }] },
    })
    expect(await typesOf(harness.db, customer)).toEqual({
      ENROLLED: 1,
      CYCLE_ACHIEVED: 1,
      REWARD_ISSUED: 1,
    })
    const [kept] = await harness.db.query<{ keys: number; transactions: number }>(
      `select (select count(*)::int from request_keys) as keys,
              (select count(*)::int from transactions) as transactions`,
    )
    expect(kept).toEqual({ keys: 50, transactions: 50 })
  }, 30_000)

  it('with enough retries, 50 concurrent activities on one customer are all applied at once', async () => {
    const target = abc('IMMEDIATE', { goal: 50 })
    await store(harness.db, target)
    const app = serviceOn(harness.db, testClock(into(target, 1, 1)), { retry: { attempts: 1000 } })
    await send(app, 'POST', route(target, 'enroll'), [{ customerId: customer }])
    const replies = await Promise.all(
      Array.from({ length: 50 }, () =>
        send(app, 'POST', route(target, 'activity'), [{ customerId: customer }]),
      ),
    )
    expect(replies.map((reply) => reply.status)).toEqual(Array.from({ length: 50 }, () => 200))
    const read = await send(app, 'GET', `/targetGroups/101/targets/1/customers/${customer}`)
    expect(read.body.data).toMatchObject({ version: 51, enrolment: { progress: [{ value: 50 }] } })
    expect(await typesOf(harness.db, customer)).toEqual({
      ENROLLED: 1,
      CYCLE_ACHIEVED: 1,
      REWARD_ISSUED: 1,
    })
  })

  it('50 concurrent requests on 50 customers: all applied, each customer its own row and events', async () => {
    const target = abc('IMMEDIATE', { goal: 1 })
    await store(harness.db, target)
    const app = serviceOn(harness.db, testClock(into(target, 1, 1)), { retry: { attempts: 2 } })
    const ids = Array.from({ length: 50 }, (_, i) => 1000 + i)
    for (const endpoint of ['enroll', 'activity'])
      await untilApplied(
        ids.map((id) => () => send(app, 'POST', route(target, endpoint), [{ customerId: id }])),
      )
    const rows = await harness.db.query<{ customer_id: number; version: number }>(
      'select customer_id, version from customers order by customer_id',
    )
    expect(rows).toEqual(ids.map((id) => ({ customer_id: id, version: 2 })))
    for (const id of [ids[0] ?? 0, ids[49] ?? 0])
      expect(await typesOf(harness.db, id)).toEqual({
        ENROLLED: 1,
        CYCLE_ACHIEVED: 1,
        REWARD_ISSUED: 1,
      })
    const [count] = await harness.db.query<{ n: number }>('select count(*)::int as n from outbox')
    expect(count?.n).toBe(150)
  })

  it('the same Idempotency-Key sent 10 times at once: applied once, every answer the first one', async () => {
    const target = abc('IMMEDIATE')
    await store(harness.db, target)
    const app = serviceOn(harness.db, testClock(into(target, 1, 1)), { retry: { attempts: 1000 } })
    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        send(app, 'POST', route(target, 'enroll'), [{ customerId: customer }], {
          'idempotency-key': 'same',
        }),
      ),
    )
    for (const reply of replies)
      expect(reply.body).toEqual({ data: customer, errors: null, warnings: null })
    expect(await typesOf(harness.db, customer)).toEqual({ ENROLLED: 1 })
  })

  for (const table of ['outbox', 'request_keys'])
    it(`a failure inside the write (an insert into ${table} fails) writes nothing; the retry applies once`, async () => {
      const target = abc('IMMEDIATE', { goal: 1 })
      await store(harness.db, target)
      const clock = testClock(into(target, 1, 1))
      const app = serviceOn(harness.db, clock)
      await send(app, 'POST', route(target, 'enroll'), [{ customerId: customer }])
      const request = [{ customerId: customer, transactionId: 'pos-1' }]
      const key = { 'idempotency-key': 'activity-1' }

      const undo = await failInserts(harness.db, table)
      const crashed = await send(app, 'POST', route(target, 'activity'), request, key).finally(undo)
      expect([crashed.status, crashed.body.errors?.[0]?.code]).toEqual([500, INTERNAL_ERROR])
      const [row] = await harness.db.query<{ version: number }>('select version from customers')
      expect(row?.version).toBe(1)
      expect(await typesOf(harness.db, customer)).toEqual({ ENROLLED: 1 })
      expect(
        await harness.db.query('select 1 from request_keys union all select 1 from transactions'),
      ).toEqual([])

      const retried = await send(app, 'POST', route(target, 'activity'), request, key)
      expect(retried.status).toBe(200)
      expect(await typesOf(harness.db, customer)).toEqual({
        ENROLLED: 1,
        CYCLE_ACHIEVED: 1,
        REWARD_ISSUED: 1,
      })
    })
})

describe('service: retries of a version conflict', () => {
  const policy = (random: number, slept: Array<number>): RetryPolicy => ({
    attempts: 6,
    baseDelayMs: 10,
    maxDelayMs: 100,
    random: () => random,
    sleep: (ms) => {
      slept.push(ms)
      return Promise.resolve()
    },
  })

  it('waits a jittered share of a ceiling that doubles from baseDelayMs up to maxDelayMs', () => {
    const highest = policy(0.999_999, [])
    expect([1, 2, 3, 4, 5].map((n) => Math.round(backoffDelay(highest, n)))).toEqual([
      10, 20, 40, 80, 100,
    ])
    expect(backoffDelay(policy(0, []), 3)).toBe(0)
    expect(backoffDelay(policy(0.5, []), 2)).toBe(10)
  })

  it('stops after its attempts with the conflict, having waited between them only', async () => {
    const slept: Array<number> = []
    let tries = 0
    const outcome = await withRetries(policy(0.5, slept), () => {
      tries++
      return Promise.resolve(conflict)
    })
    expect(outcome).toEqual(conflict)
    expect(tries).toBe(6)
    expect(slept).toEqual([5, 10, 20, 40, 50])
  })

  it('returns the first result that is not a conflict', async () => {
    const slept: Array<number> = []
    let tries = 0
    const outcome = await withRetries(policy(0.5, slept), () =>
      Promise.resolve(++tries < 3 ? conflict : done('applied')),
    )
    expect(outcome).toEqual(done('applied'))
    expect(slept).toEqual([5, 10])
  })
})
