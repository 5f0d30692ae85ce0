// The serverless example on a real database (PGlite): concurrent, conflicting requests for one
// customer lose no update and write no event twice.
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHandler, type ProxyEvent, type Telemetry } from '../examples/serverless/handler.js'
import { SCHEMA, loadEnrolment } from '../examples/serverless/store.js'
import { milestoneABC } from './support/fixtures.js'

const target = milestoneABC('IMMEDIATE', { goal: 5 })
const customer = 423789336
const firstStart = target.cycles[0]?.start ?? new Date(0)
const path = (endpoint: string) =>
  `/targetGroups/${target.targetGroupId}/targets/${target.targetId}/${endpoint}`
let db: PGlite

beforeAll(async () => {
  db = new PGlite()
  await db.exec(SCHEMA)
}, 60_000)

afterAll(async () => {
  await db.close()
})

describe('serverless example on PGlite', () => {
  it('concurrent enrol / unenrol requests for one customer: no lost update, every event written once', async () => {
    const telemetry: Telemetry = { conflicts: 0 }
    const now = new Date(firstStart.getTime() + 3_600_000)
    const handler = makeHandler(db, target, () => now, telemetry)
    // Enrolments carry a balance reaching the goal: the IMMEDIATE reward of c1 is earned at the
    // first (re-)enrolment and must be paid once, whatever the interleaving.
    const requests: ReadonlyArray<ProxyEvent> = Array.from({ length: 24 }, (_, i) =>
      i % 4 < 2
        ? {
            httpMethod: 'POST',
            path: path('enroll'),
            body: JSON.stringify([{ customerId: customer, initialBalance: 5 }]),
          }
        : {
            httpMethod: 'POST',
            path: path('unEnroll'),
            body: JSON.stringify([{ customerId: customer }]),
          },
    )
    // Waves of concurrent requests, two of each kind racing for the same customer.
    const responses = []
    for (let wave = 0; wave < requests.length; wave += 4)
      responses.push(...(await Promise.all(requests.slice(wave, wave + 4).map((r) => handler(r)))))
    const statuses = responses.map((r) => r.statusCode)
    const changes = statuses.filter((s) => s === 200).length
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true)

    const stored = await loadEnrolment(db, target.targetGroupId, target.targetId, customer)
    // Every accepted change is in the row: no update was lost.
    expect(stored?.version).toBe(changes)
    const { rows } = await db.query<{ type: string; n: number }>(
      'select type, count(*)::int as n from outbox group by type order by type',
    )
    const count = (type: string) => rows.find((r) => r.type === type)?.n ?? 0
    expect(count('REWARD_ISSUED')).toBe(1)
    expect(count('CYCLE_ACHIEVED')).toBe(1)
    expect(count('ENROLLED') + count('REENROLLED') + count('UNENROLLED')).toBe(changes)
    const { rows: keys } = await db.query<{ n: number; distinct_keys: number }>(
      'select count(*)::int as n, count(distinct event_key)::int as distinct_keys from outbox',
    )
    expect(keys[0]?.n).toBe(keys[0]?.distinct_keys)
    console.log(
      `serverless example: ${requests.length} requests, ${changes} changes, ${telemetry.conflicts} conflicts retried, ` +
        `${keys[0]?.n ?? 0} events written (each once)`,
    )
  }, 60_000)

  it('answers a malformed request with the envelope and writes nothing', async () => {
    const handler = makeHandler(db, target, () => new Date(firstStart.getTime() + 7_200_000))
    const before = await db.query<{ n: number }>('select count(*)::int as n from outbox')
    const response = await handler({
      httpMethod: 'POST',
      path: path('enroll'),
      body: '[{"customerId": "abc"}]',
    })
    expect(response.statusCode).toBe(400)
    expect(JSON.parse(response.body)).toMatchObject({ data: null, errors: [{ code: 310011 }] })
    const after = await db.query<{ n: number }>('select count(*)::int as n from outbox')
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n)
  })
})
