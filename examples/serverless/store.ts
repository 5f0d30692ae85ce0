// A store of enrolments in PostgreSQL (here PGlite, Postgres compiled to WASM; the SQL runs
// unchanged on a Postgres server). One row per customer with its version; events go to an
// outbox keyed by a deterministic key, so an event is written once however often it is retried.
import type { EnrolmentEvent } from '../../src/index.js'

/** Running a query: PGlite's and node-postgres's `query` both fit. */
export interface Query {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the row type is the caller's claim, as in pg
  query<Row>(
    text: string,
    params?: ReadonlyArray<unknown>,
  ): Promise<{ readonly rows: ReadonlyArray<Row> }>
}

/** What the store needs of a database: queries, and transactions that roll back when they throw. */
export interface Sql extends Query {
  transaction<T>(work: (tx: Query) => Promise<T>): Promise<T>
}

/** Thrown inside a transaction to roll it back when the row's version moved. */
class VersionConflict extends Error {}

export const SCHEMA = `
  create table if not exists enrolments (
    target_group_id bigint not null,
    target_id bigint not null,
    customer_id bigint not null,
    version integer not null,
    record jsonb not null,
    primary key (target_group_id, target_id, customer_id)
  );
  create table if not exists target_clock (
    target_group_id bigint not null,
    target_id bigint not null,
    watermark timestamptz,
    primary key (target_group_id, target_id)
  );
  create table if not exists outbox (
    event_key text primary key,
    customer_id bigint not null,
    type text not null,
    at timestamptz not null,
    payload jsonb not null
  );
`

/** A stored customer: its encoded enrolment and the version the row holds. */
export interface StoredEnrolment {
  readonly version: number
  readonly record: Readonly<Record<string, unknown>>
}

/**
 * The outbox key of an event: a reward's idempotency key (the same reward is written once, however
 * it was reached); for other events, the change that emitted them (the enrolment's new version).
 */
export const eventKey = (e: EnrolmentEvent, version: number): string =>
  e.type === 'REWARD_ISSUED' || e.type === 'REWARD_FORFEITED'
    ? `${e.type}/${e.idempotencyKey}`
    : `${e.type}/tg${e.targetGroupId}/t${e.targetId}/cust${e.customerId}/v${version}`

export const loadEnrolment = async (
  sql: Sql,
  targetGroupId: number,
  targetId: number,
  customerId: number,
): Promise<StoredEnrolment | undefined> => {
  const { rows } = await sql.query<{ version: number; record: Record<string, unknown> }>(
    'select version, record from enrolments where target_group_id = $1 and target_id = $2 and customer_id = $3',
    [targetGroupId, targetId, customerId],
  )
  return rows[0]
}

export const loadWatermark = async (
  sql: Sql,
  targetGroupId: number,
  targetId: number,
): Promise<string | null> => {
  const { rows } = await sql.query<{ watermark: Date | null }>(
    'select watermark from target_clock where target_group_id = $1 and target_id = $2',
    [targetGroupId, targetId],
  )
  return rows[0]?.watermark?.toISOString() ?? null
}

/**
 * Writes a customer's new record if the row still holds `expected` (null: no row yet), with its
 * events, in one transaction. False when another request changed the customer first: re-read, retry.
 */
export const saveEnrolment = async (
  sql: Sql,
  key: { readonly targetGroupId: number; readonly targetId: number; readonly customerId: number },
  expected: number | null,
  next: StoredEnrolment,
  events: ReadonlyArray<EnrolmentEvent>,
  now: Date,
): Promise<boolean> => {
  try {
    await sql.transaction(async (tx) => {
      const { rows } =
        expected === null
          ? await tx.query<{ customer_id: number }>(
              `insert into enrolments (target_group_id, target_id, customer_id, version, record)
               values ($1, $2, $3, $4, $5) on conflict do nothing returning customer_id`,
              [
                key.targetGroupId,
                key.targetId,
                key.customerId,
                next.version,
                JSON.stringify(next.record),
              ],
            )
          : await tx.query<{ customer_id: number }>(
              `update enrolments set version = $4, record = $5
               where target_group_id = $1 and target_id = $2 and customer_id = $3 and version = $6
               returning customer_id`,
              [
                key.targetGroupId,
                key.targetId,
                key.customerId,
                next.version,
                JSON.stringify(next.record),
                expected,
              ],
            )
      if (rows.length === 0) throw new VersionConflict()
      for (const e of events)
        await tx.query(
          'insert into outbox (event_key, customer_id, type, at, payload) values ($1, $2, $3, $4, $5) on conflict do nothing',
          [eventKey(e, next.version), e.customerId, e.type, e.at.toISOString(), JSON.stringify(e)],
        )
      await tx.query(
        `insert into target_clock (target_group_id, target_id, watermark) values ($1, $2, $3)
         on conflict (target_group_id, target_id) do update set watermark = greatest(target_clock.watermark, excluded.watermark)`,
        [key.targetGroupId, key.targetId, now.toISOString()],
      )
    })
    return true
  } catch (error) {
    if (error instanceof VersionConflict) return false
    throw error
  }
}
