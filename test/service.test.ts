// The service over HTTP (app.request, no port) on a real database: the seed's cases, the routes
// and their envelopes, idempotent requests, transactions counted once, and erasure.
import { describe, expect, it } from 'vitest'
import {
  abc,
  endOf,
  into,
  onEachDatabase,
  outboxOf,
  route,
  send,
  serviceOn,
  store,
  testClock,
  xyz,
} from './serviceSupport.js'

const customer = 423789336
const one = (fields: Readonly<Record<string, unknown>> = {}) => [
  { customerId: customer, ...fields },
]
const ok = { data: customer, errors: null, warnings: null }
const minute = 60_000

onEachDatabase('service over HTTP', (harness) => {
  describe('the seed cases', () => {
    it('milestone IMMEDIATE, unenrolled mid-c1: rewarded once at achievement, kept; out of c1…c5', async () => {
      const target = abc('IMMEDIATE')
      await store(harness.db, target)
      const clock = testClock(into(target, 1))
      const app = serviceOn(harness.db, clock)
      expect((await send(app, 'POST', route(target, 'enroll'), one())).body).toEqual(ok)
      for (let hour = 1; hour <= 5; hour++) {
        clock.set(into(target, 1, hour))
        expect((await send(app, 'POST', route(target, 'activity'), one())).body).toEqual(ok)
      }
      clock.set(into(target, 1, 24 * 14))
      expect((await send(app, 'POST', route(target, 'unEnroll'), one())).body).toEqual(ok)

      const events = await outboxOf(harness.db, customer)
      expect(events.map((e) => e.type)).toEqual([
        'ENROLLED',
        'CYCLE_ACHIEVED',
        'REWARD_ISSUED',
        'UNENROLLED',
      ])
      expect(events[2]).toMatchObject({
        cycle: 1,
        allocation: 'IMMEDIATE',
        at: into(target, 1, 5).toISOString(),
      })
      expect(events[3]).toMatchObject({ cycle: 1 })
      const read = await send(app, 'GET', `/targetGroups/101/targets/1/customers/${customer}`)
      expect(read.status).toBe(200)
      expect(read.body.data).toMatchObject({
        enrolment: { status: 'UNENROLLED', fromCycle: 1 },
        rewards: [{ type: 'REWARD_ISSUED', cycle: 1 }],
      })
    })

    it('milestone PERIOD_END, unenrolled mid-c1 after achieving it: no reward, forfeited at c1 end by the sweep', async () => {
      const target = abc('PERIOD_END')
      await store(harness.db, target)
      const clock = testClock(into(target, 1))
      const app = serviceOn(harness.db, clock)
      await send(app, 'POST', route(target, 'enroll'), one({ initialBalance: 5 }))
      clock.set(into(target, 1, 24 * 14))
      expect((await send(app, 'POST', route(target, 'unEnroll'), one())).body).toEqual(ok)
      // After c1's end and the sweep's lag, a scheduler's sweep forfeits the reward.
      clock.set(new Date(endOf(target, 1).getTime() + 2 * minute))
      const sweep = await send(app, 'POST', '/sweep')
      expect(sweep.body.data).toMatchObject({ settled: 1, events: 1, conflicts: 0 })
      const events = await outboxOf(harness.db, customer)
      expect(events.map((e) => e.type)).toEqual([
        'ENROLLED',
        'CYCLE_ACHIEVED',
        'UNENROLLED',
        'REWARD_FORFEITED',
      ])
      expect(events[3]).toMatchObject({
        cycle: 1,
        reason: 'UNENROLLED',
        at: endOf(target, 1).toISOString(),
      })
    })

    for (const allocation of ['IMMEDIATE', 'PERIOD_END'] as const)
      it(`milestone ${allocation}, unenrolled mid-c3: c1 and c2 were rewarded; out of c3…c5`, async () => {
        const target = abc(allocation)
        await store(harness.db, target)
        const clock = testClock(into(target, 1))
        const app = serviceOn(harness.db, clock)
        await send(app, 'POST', route(target, 'enroll'), one())
        for (const cycle of [1, 2])
          for (let hour = 1; hour <= 5; hour++) {
            clock.set(into(target, cycle, hour))
            await send(app, 'POST', route(target, 'activity'), one())
          }
        // No sweep ran: the unenrolment settles c1 and c2 first.
        clock.set(into(target, 3, 24 * 14))
        expect((await send(app, 'POST', route(target, 'unEnroll'), one())).body).toEqual(ok)
        const events = await outboxOf(harness.db, customer)
        const rewards = events.filter((e) => e.type === 'REWARD_ISSUED')
        expect(rewards.map((e) => e.cycle)).toEqual([1, 2])
        expect(events.at(-1)).toMatchObject({ type: 'UNENROLLED', cycle: 3 })
        clock.set(into(target, 3, 24 * 15))
        const late = await send(app, 'POST', route(target, 'activity'), one())
        expect(late.body.warnings).toEqual([expect.objectContaining({ code: 'NOT_ENROLLED' })])
      })

    for (const reset of [true, false])
      it(`streak XYZ: levels 4 and 8 rewarded, unenrolled in c13, re-enrolled with resetStreakStatus ${reset}`, async () => {
        const target = xyz()
        await store(harness.db, target)
        const clock = testClock(into(target, 5))
        const app = serviceOn(harness.db, clock)
        await send(app, 'POST', route(target, 'enroll'), one())
        for (let cycle = 5; cycle <= 12; cycle++) {
          clock.set(into(target, cycle, 24))
          await send(app, 'POST', route(target, 'activity'), one())
        }
        clock.set(into(target, 13, 24))
        expect((await send(app, 'POST', route(target, 'unEnroll'), one())).body).toEqual(ok)
        const levels = (await outboxOf(harness.db, customer)).filter(
          (e) => e.type === 'REWARD_ISSUED',
        )
        expect(levels.map((e) => [e.level, e.epoch])).toEqual([
          [4, 1],
          [8, 1],
        ])
        clock.set(into(target, 14, 1))
        const again = await send(
          app,
          'POST',
          route(target, 'enroll'),
          one({ resetStreakStatus: reset }),
        )
        expect(again.body).toEqual(ok)
        for (let cycle = 14; cycle <= 17; cycle++) {
          clock.set(into(target, cycle, 24))
          await send(app, 'POST', route(target, 'activity'), one())
        }
        const rewards = (await outboxOf(harness.db, customer)).filter(
          (e) => e.type === 'REWARD_ISSUED',
        )
        expect(rewards.map((e) => [e.level, e.epoch])).toEqual(
          reset
            ? [
                [4, 1],
                [8, 1],
                [4, 2],
              ]
            : [
                [4, 1],
                [8, 1],
                [12, 1],
              ],
        )
      })
  })

  describe('routes and envelopes', () => {
    it('answers the seed documented refusals: 310126, 310119, 310011, 310019', async () => {
      const target = abc('IMMEDIATE')
      await store(harness.db, target)
      const app = serviceOn(harness.db, testClock(into(target, 2)))
      const code = async (endpoint: string, body: unknown) => {
        const reply = await send(app, 'POST', route(target, endpoint), body)
        return [reply.status, reply.body.errors?.[0]?.code]
      }
      expect(await code('unEnroll', one())).toEqual([409, 310126])
      expect(await code('enroll', one())).toEqual([200, undefined])
      expect(await code('enroll', one())).toEqual([409, 310119])
      expect(await code('enroll', [{ customerId: 'abc' }])).toEqual([400, 310011])
      expect(await code('enroll', [{ customerId: 7, periodName: 'c1' }])).toEqual([404, 310019])
    })

    it('answers an unknown target group 310017, an unknown target 310018, both 404', async () => {
      await store(harness.db, abc('IMMEDIATE'))
      const app = serviceOn(harness.db, testClock(new Date('2026-02-01T00:00:00Z')))
      const group = await send(app, 'POST', '/targetGroups/999/targets/1/enroll', one())
      expect([group.status, group.body.errors?.[0]?.code]).toEqual([404, 310017])
      const target = await send(app, 'POST', '/targetGroups/101/targets/9/enroll', one())
      expect([target.status, target.body.errors?.[0]?.code]).toEqual([404, 310018])
      const malformed = await send(app, 'POST', '/targetGroups/x1/targets/1/enroll', one())
      expect([malformed.status, malformed.body.errors?.[0]?.code]).toEqual([404, 310017])
    })

    it('answers an unknown route 404 and a wrong method 405, both with 300004', async () => {
      const app = serviceOn(harness.db, testClock(new Date('2026-02-01T00:00:00Z')))
      const missing = await send(app, 'POST', '/targetGroups/101/targets/1/optIn', one())
      expect([missing.status, missing.body.errors?.[0]?.code]).toEqual([404, 300004])
      const method = await send(app, 'GET', '/targetGroups/101/targets/1/enroll')
      expect([method.status, method.body.errors?.[0]?.code]).toEqual([405, 300004])
    })

    it('serves every route under a base path, and none without it', async () => {
      const target = abc('IMMEDIATE')
      await store(harness.db, target)
      const app = serviceOn(harness.db, testClock(into(target, 1, 1)), { basePath: '/prod/' })
      expect((await send(app, 'POST', `/prod${route(target, 'enroll')}`, one())).body).toEqual(ok)
      expect(
        (await send(app, 'GET', `/prod/targetGroups/101/targets/1/customers/${customer}`)).status,
      ).toBe(200)
      expect((await send(app, 'POST', route(target, 'enroll'), one())).status).toBe(404)
    })

    it('refuses a body over the size limit with 300004 and writes nothing', async () => {
      const target = abc('IMMEDIATE')
      await store(harness.db, target)
      const app = serviceOn(harness.db, testClock(into(target, 1, 1)), { maxBodyBytes: 64 })
      const big = JSON.stringify(one({ periodName: 'x'.repeat(100) }))
      const reply = await send(app, 'POST', route(target, 'enroll'), big)
      expect([reply.status, reply.body.errors?.[0]?.code]).toEqual([400, 300004])
      expect(reply.body.errors?.[0]?.message).toMatch(/larger than 64 bytes/)
      expect(await harness.db.query('select 1 from customers')).toEqual([])
    })

    it('GET of a customer never enrolled is 404 with 310126; a bad id is 400 with 310011', async () => {
      await store(harness.db, abc('IMMEDIATE'))
      const app = serviceOn(harness.db, testClock(new Date('2026-02-01T00:00:00Z')))
      const none = await send(app, 'GET', '/targetGroups/101/targets/1/customers/5')
      expect([none.status, none.body.errors?.[0]?.code]).toEqual([404, 310126])
      const bad = await send(app, 'GET', '/targetGroups/101/targets/1/customers/0x1')
      expect([bad.status, bad.body.errors?.[0]?.code]).toEqual([400, 310011])
    })

    it('GET shows where the customer stands now: a PERIOD_END cycle achieved before the sweep wrote it', async () => {
      const target = abc('PERIOD_END')
      await store(harness.db, target)
      const clock = testClock(into(target, 1))
      const app = serviceOn(harness.db, clock)
      await send(app, 'POST', route(target, 'enroll'), one({ initialBalance: 5 }))
      clock.set(into(target, 2, 1))
      const read = await send(app, 'GET', `/targetGroups/101/targets/2/customers/${customer}`)
      expect(read.body.data).toMatchObject({
        version: 1,
        nextDueAt: endOf(target, 1).toISOString(),
        standing: { status: 'ENROLLED', cycle: { index: 2 }, progress: 0, goal: 5 },
        rewards: [],
      })
    })
  })

  describe('retried requests', () => {
    it('answers a retried request with the same Idempotency-Key with the first answer, applied once', async () => {
      const target = abc('IMMEDIATE')
      await store(harness.db, target)
      const app = serviceOn(harness.db, testClock(into(target, 1, 1)))
      const key = { 'idempotency-key': 'enrol-423789336-1' }
      const first = await send(app, 'POST', route(target, 'enroll'), one(), key)
      const retry = await send(app, 'POST', route(target, 'enroll'), one(), key)
      expect(first.body).toEqual(ok)
      expect(retry.body).toEqual(ok)
      expect(retry.headers.get('idempotent-replayed')).toBe('true')
      // Without the key, the same request is a second enrolment, refused.
      expect((await send(app, 'POST', route(target, 'enroll'), one())).body.errors?.[0]?.code).toBe(
        310119,
      )
      expect((await outboxOf(harness.db, customer)).map((e) => e.type)).toEqual(['ENROLLED'])
    })

    it('keeps a refusal under its key too, and refuses a key reused for another request (422)', async () => {
      const target = abc('IMMEDIATE')
      await store(harness.db, target)
      const app = serviceOn(harness.db, testClock(into(target, 1, 1)))
      const key = { 'idempotency-key': 'k-1' }
      const refused = await send(app, 'POST', route(target, 'unEnroll'), one(), key)
      expect(refused.body.errors?.[0]?.code).toBe(310126)
      await send(app, 'POST', route(target, 'enroll'), one())
      const replay = await send(app, 'POST', route(target, 'unEnroll'), one(), key)
      expect([replay.status, replay.body.errors?.[0]?.code]).toEqual([409, 310126])
      const reused = await send(app, 'POST', route(target, 'enroll'), one(), key)
      expect([reused.status, reused.body.errors?.[0]?.code]).toEqual([422, 300004])
      const malformed = await send(app, 'POST', route(target, 'enroll'), one(), {
        'idempotency-key': '',
      })
      expect([malformed.status, malformed.body.errors?.[0]?.code]).toEqual([400, 300004])
    })

    it('counts a re-sent transaction once: the same envelope, no new events', async () => {
      const target = abc('IMMEDIATE', { goal: 2 })
      await store(harness.db, target)
      const clock = testClock(into(target, 1, 1))
      const app = serviceOn(harness.db, clock)
      await send(app, 'POST', route(target, 'enroll'), one())
      const activity = one({ transactionId: 'pos-7', value: 12 })
      const first = await send(app, 'POST', route(target, 'activity'), activity)
      const before = await outboxOf(harness.db, customer)
      clock.set(into(target, 1, 2))
      const again = await send(app, 'POST', route(target, 'activity'), activity)
      expect(again.body).toEqual(first.body)
      expect(again.headers.get('idempotent-replayed')).toBe('true')
      expect(await outboxOf(harness.db, customer)).toEqual(before)
      const read = await send(app, 'GET', `/targetGroups/101/targets/1/customers/${customer}`)
      expect(read.body.data).toMatchObject({ enrolment: { progress: [{ cycle: 1, value: 1 }] } })
      // Another transaction counts; the same id with another activity is refused.
      await send(app, 'POST', route(target, 'activity'), one({ transactionId: 'pos-8' }))
      const other = await send(
        app,
        'POST',
        route(target, 'activity'),
        one({ transactionId: 'pos-8', value: 3 }),
      )
      expect([other.status, other.body.errors?.[0]?.code]).toEqual([422, 300004])
      expect((await outboxOf(harness.db, customer)).map((e) => e.type)).toEqual([
        'ENROLLED',
        'CYCLE_ACHIEVED',
        'REWARD_ISSUED',
      ])
    })

    it('refuses a malformed transactionId with 300004 naming it', async () => {
      const target = abc('IMMEDIATE')
      await store(harness.db, target)
      const app = serviceOn(harness.db, testClock(into(target, 1, 1)))
      const reply = await send(app, 'POST', route(target, 'activity'), one({ transactionId: '' }))
      expect([reply.status, reply.body.errors?.[0]?.code]).toEqual([400, 300004])
      expect(reply.body.errors?.[0]?.message).toMatch(/transactionId/)
    })
  })

  describe('erasure', () => {
    it('DELETE forgets the customer: row, outbox events and kept answers; a new enrolment is a new customer', async () => {
      const target = abc('IMMEDIATE', { goal: 1 })
      await store(harness.db, target)
      const clock = testClock(into(target, 1, 1))
      const app = serviceOn(harness.db, clock)
      await send(app, 'POST', route(target, 'enroll'), one(), { 'idempotency-key': 'e-1' })
      await send(app, 'POST', route(target, 'activity'), one({ transactionId: 't-1' }))
      await send(app, 'POST', route(target, 'enroll'), [{ customerId: 77 }])
      const erased = await send(app, 'DELETE', `/targetGroups/101/targets/1/customers/${customer}`)
      expect(erased.body).toEqual(ok)
      for (const table of ['customers', 'outbox', 'request_keys', 'transactions'])
        expect(
          await harness.db.query(`select 1 from ${table} where customer_id = $1`, [customer]),
        ).toEqual([])
      expect(await outboxOf(harness.db, 77)).toHaveLength(1)
      const again = await send(app, 'DELETE', `/targetGroups/101/targets/1/customers/${customer}`)
      expect(again.body.warnings).toEqual([expect.objectContaining({ code: 'NOTHING_HELD' })])
      clock.set(into(target, 1, 2))
      expect(
        (await send(app, 'POST', route(target, 'enroll'), one(), { 'idempotency-key': 'e-1' }))
          .body,
      ).toEqual(ok)
      expect((await outboxOf(harness.db, customer)).map((e) => [e.type, e.at])).toEqual([
        ['ENROLLED', into(target, 1, 2).toISOString()],
      ])
    })
  })
})

describe('service: the try-again code', () => {
  it('is distinct from every code of the rules', async () => {
    const { TRY_AGAIN, INTERNAL_ERROR } = await import('../examples/service/envelopes.js')
    const { ErrorCode } = await import('loyalty-streaks')
    expect(Object.values(ErrorCode)).not.toContain(TRY_AGAIN)
    expect(Object.values(ErrorCode)).not.toContain(INTERNAL_ERROR)
    expect(TRY_AGAIN).toBe(390503)
  })
})
