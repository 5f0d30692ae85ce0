// The sweep on a real database: PERIOD_END rewards and broken streaks reach the outbox at the
// cycle's end, a little behind the clock; workers on disjoint ranges of customer ids share it.
import { expect, it } from 'vitest'
import type { Database } from '../examples/service/database.js'
import { sweep } from '../examples/service/sweep.js'
import { startSweepLoop } from '../examples/service/sweepLoop.js'
import { TargetCatalog } from '../examples/service/targetStore.js'
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
const lag = 60_000
const after = (instant: Date, ms: number): Date => new Date(instant.getTime() + ms)

const watermarkOf = async (db: Database): Promise<string | undefined> =>
  (
    await db.query<{ watermark: Date | null }>(
      'select watermark from targets order by target_id limit 1',
    )
  )[0]?.watermark?.toISOString()

onEachDatabase('service sweep', (harness) => {
  it('issues a PERIOD_END reward at the cycle end, once the clock is a lag past it', async () => {
    const target = abc('PERIOD_END')
    await store(harness.db, target)
    const clock = testClock(into(target, 1, 1))
    const app = serviceOn(harness.db, clock)
    await send(app, 'POST', route(target, 'enroll'), [{ customerId: customer, initialBalance: 5 }])
    const row = async () =>
      (
        await harness.db.query<{ next_due_at: Date | null; version: number }>(
          'select next_due_at, version from customers',
        )
      )[0]
    expect((await row())?.next_due_at?.toISOString()).toBe(endOf(target, 1).toISOString())

    // The cycle has ended, but not a lag ago: requests still in flight may carry earlier instants.
    clock.set(after(endOf(target, 1), lag - 1))
    expect((await send(app, 'POST', '/sweep')).body.data).toMatchObject({ settled: 0, events: 0 })
    expect((await outboxOf(harness.db, customer)).map((e) => e.type)).toEqual([
      'ENROLLED',
      'CYCLE_ACHIEVED',
    ])

    clock.set(after(endOf(target, 1), lag))
    const swept = await send(app, 'POST', '/sweep')
    expect(swept.body.data).toEqual({
      until: endOf(target, 1).toISOString(),
      targets: 1,
      settled: 1,
      events: 1,
      conflicts: 0,
    })
    const events = await outboxOf(harness.db, customer)
    expect(events.at(-1)).toMatchObject({
      type: 'REWARD_ISSUED',
      cycle: 1,
      allocation: 'PERIOD_END',
      at: endOf(target, 1).toISOString(),
    })
    // Nothing more can come without new input: the row leaves the sweep's selection.
    expect(await row()).toEqual({ next_due_at: null, version: 2 })
    expect(await watermarkOf(harness.db)).toBe(endOf(target, 1).toISOString())
    expect((await send(app, 'POST', '/sweep')).body.data).toMatchObject({ settled: 0 })
  })

  it('breaks a CONTINUOUS streak at the end of a cycle missed', async () => {
    const target = xyz()
    await store(harness.db, target)
    const clock = testClock(into(target, 1, 1))
    const app = serviceOn(harness.db, clock)
    await send(app, 'POST', route(target, 'enroll'), [{ customerId: customer }])
    await send(app, 'POST', route(target, 'activity'), [{ customerId: customer }])
    clock.set(after(endOf(target, 2), lag))
    expect((await send(app, 'POST', '/sweep')).body.data).toMatchObject({ settled: 1, events: 1 })
    expect((await outboxOf(harness.db, customer)).at(-1)).toMatchObject({
      type: 'STREAK_BROKEN',
      cycle: 2,
      count: 1,
      at: endOf(target, 2).toISOString(),
    })
  })

  it('two sweepers on disjoint ranges of customer ids share the customers: each settled once', async () => {
    const target = abc('PERIOD_END')
    await store(harness.db, target)
    const clock = testClock(into(target, 1, 1))
    const app = serviceOn(harness.db, clock)
    for (let id = 1; id <= 20; id++)
      await send(app, 'POST', route(target, 'enroll'), [{ customerId: id, initialBalance: 5 }])
    const until = endOf(target, 1)
    const [low, high] = await Promise.all([
      sweep(harness.db, new TargetCatalog(), {
        until,
        fromCustomerId: 1,
        toCustomerId: 11,
        pageSize: 3,
      }),
      sweep(harness.db, new TargetCatalog(), { until, fromCustomerId: 11, pageSize: 3 }),
    ])
    expect([low.settled, low.conflicts, high.settled, high.conflicts]).toEqual([10, 0, 10, 0])
    const issued = await harness.db.query<{ customer_id: number; n: number }>(
      `select customer_id, count(*)::int as n from outbox where type = 'REWARD_ISSUED'
       group by customer_id order by customer_id`,
    )
    expect(issued).toEqual(Array.from({ length: 20 }, (_, i) => ({ customer_id: i + 1, n: 1 })))
  })

  it('two sweepers on the same customers still write every reward once', async () => {
    const target = abc('PERIOD_END')
    await store(harness.db, target)
    const app = serviceOn(harness.db, testClock(into(target, 1, 1)))
    for (let id = 1; id <= 20; id++)
      await send(app, 'POST', route(target, 'enroll'), [{ customerId: id, initialBalance: 5 }])
    const until = endOf(target, 1)
    const reports = await Promise.all([
      sweep(harness.db, new TargetCatalog(), { until, pageSize: 4 }),
      sweep(harness.db, new TargetCatalog(), { until, pageSize: 4 }),
    ])
    expect(reports.reduce((n, r) => n + r.settled, 0)).toBe(20)
    const [count] = await harness.db.query<{ n: number }>(
      "select count(*)::int as n from outbox where type = 'REWARD_ISSUED'",
    )
    expect(count?.n).toBe(20)
  })

  it('never moves the watermark back, and never takes its instant from the caller', async () => {
    const target = abc('PERIOD_END')
    await store(harness.db, target)
    const clock = testClock(into(target, 2))
    const app = serviceOn(harness.db, clock)
    await send(app, 'POST', '/sweep', { toCustomerId: 100 })
    const first = await watermarkOf(harness.db)
    expect(first).toBe(after(into(target, 2), -lag).toISOString())
    clock.set(into(target, 1))
    await send(app, 'POST', '/sweep')
    expect(await watermarkOf(harness.db)).toBe(first)
    const refused = await send(app, 'POST', '/sweep', { fromCustomerId: 0 })
    expect([refused.status, refused.body.errors?.[0]?.code]).toEqual([400, 300004])
  })

  it('asks a scheduler for the sweep token when one is set', async () => {
    const app = serviceOn(harness.db, testClock(new Date('2026-02-01T00:00:00Z')), {
      sweepToken: 's3cret',
    })
    expect((await send(app, 'POST', '/sweep')).status).toBe(401)
    expect(
      (await send(app, 'POST', '/sweep', undefined, { authorization: 'Bearer s3cret' })).status,
    ).toBe(200)
  })

  it('sweeps on a timer inside the service process', async () => {
    const target = abc('PERIOD_END')
    await store(harness.db, target)
    const clock = testClock(into(target, 1, 1))
    await send(serviceOn(harness.db, clock), 'POST', route(target, 'enroll'), [
      { customerId: customer, initialBalance: 5 },
    ])
    clock.set(after(endOf(target, 1), lag))
    const reports: Array<number> = []
    const stop = startSweepLoop(harness.db, new TargetCatalog(), {
      everyMs: 5,
      lagMs: lag,
      clock: clock.now,
      report: (report) => reports.push(report.settled),
      log: () => undefined,
    })
    while (!reports.includes(1)) await new Promise((resolve) => setTimeout(resolve, 5))
    await stop()
    expect((await outboxOf(harness.db, customer)).at(-1)).toMatchObject({ type: 'REWARD_ISSUED' })
  })
})
