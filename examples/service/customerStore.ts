// One row per customer of a target, written only by compare-and-set, in one transaction with the
// events it emitted (the outbox) and the answers kept for retried requests (rules service.*): the
// statement is built in changeStatement.ts.
import type { EncodedEnrolment, EnrolmentEvent } from 'loyalty-streaks'
import { ANSWER_KEYS, changeStatement } from './changeStatement.js'
import type { Database, Queryable } from './database.js'
import type { ServiceEnvelope } from './envelopes.js'
import type { TargetKey } from './targetStore.js'

/** A customer's row as read: what a compare-and-set must find again to write. */
export interface StoredCustomer {
  readonly customerId: number
  readonly incarnation: number
  readonly version: number
  readonly record: unknown
}

/** An answer kept for a retry: the request's digest, and the status and envelope first given. */
export interface StoredAnswer {
  readonly fingerprint: string
  readonly status: number
  readonly answer: ServiceEnvelope
}

/** What one request reads, in one statement. */
export interface RequestRead {
  /** Asked for only while the process has not decoded the target yet. */
  readonly definition: unknown
  readonly watermark: Date | null
  readonly customer: StoredCustomer | undefined
  /** The answer kept under the request's Idempotency-Key. */
  readonly keyAnswer: StoredAnswer | undefined
  /** The answer kept under the activity's transactionId. */
  readonly transactionAnswer: StoredAnswer | undefined
}

interface RequestRow {
  readonly definition: unknown
  readonly watermark: Date | null
  readonly incarnation: number | null
  readonly version: number | null
  readonly record: unknown
  readonly key_fingerprint: string | null
  readonly key_status: number | null
  readonly key_answer: ServiceEnvelope | null
  readonly txn_fingerprint: string | null
  readonly txn_status: number | null
  readonly txn_answer: ServiceEnvelope | null
}

const answerOf = (
  fingerprint: string | null,
  status: number | null,
  answer: ServiceEnvelope | null,
): StoredAnswer | undefined =>
  fingerprint === null || status === null || answer === null
    ? undefined
    : { fingerprint, status, answer }

/**
 * The target's watermark (and definition when asked), the customer's row and the answers kept for
 * the request's keys; undefined if the target does not exist.
 */
export const readForRequest = async (
  db: Queryable,
  target: TargetKey,
  lookup: {
    readonly customerId: number | undefined
    readonly idempotencyKey: string | undefined
    readonly transactionId: string | undefined
    readonly withDefinition: boolean
  },
): Promise<RequestRead | undefined> => {
  const [row] = await db.query<RequestRow>(
    `select case when $6 then t.definition end as definition, t.watermark,
            c.incarnation, c.version, c.record,
            k.fingerprint as key_fingerprint, k.status as key_status, k.answer as key_answer,
            x.fingerprint as txn_fingerprint, x.status as txn_status, x.answer as txn_answer
     from targets t
     left join customers c
       on c.target_group_id = t.target_group_id and c.target_id = t.target_id and c.customer_id = $3
     left join request_keys k on k.idempotency_key = $4
     left join transactions x
       on x.target_group_id = t.target_group_id and x.target_id = t.target_id
          and x.customer_id = $3 and x.transaction_id = $5
     where t.target_group_id = $1 and t.target_id = $2`,
    [
      target.targetGroupId,
      target.targetId,
      lookup.customerId ?? null,
      lookup.idempotencyKey ?? null,
      lookup.transactionId ?? null,
      lookup.withDefinition,
    ],
  )
  if (row === undefined) return undefined
  return {
    definition: row.definition,
    watermark: row.watermark,
    customer:
      lookup.customerId === undefined || row.incarnation === null || row.version === null
        ? undefined
        : {
            customerId: lookup.customerId,
            incarnation: row.incarnation,
            version: row.version,
            record: row.record,
          },
    keyAnswer: answerOf(row.key_fingerprint, row.key_status, row.key_answer),
    transactionAnswer: answerOf(row.txn_fingerprint, row.txn_status, row.txn_answer),
  }
}

/** A customer's new record, to write over the row as it was read (`expected`; none: no row yet). */
export interface RecordWrite {
  readonly customerId: number
  readonly expected: StoredCustomer | undefined
  readonly version: number
  readonly nextDueAt: Date | undefined
  readonly record: EncodedEnrolment
  readonly events: ReadonlyArray<EnrolmentEvent>
}

/** An answer to keep for a retry, under an Idempotency-Key or a transactionId. */
export interface AnswerWrite {
  readonly key: string
  readonly fingerprint: string
  readonly customerId: number | undefined
  readonly status: number
  readonly answer: ServiceEnvelope
}

/** Everything one request (or one customer of a sweep) writes, all or nothing. */
export interface Change {
  readonly target: TargetKey
  readonly record?: RecordWrite | undefined
  readonly keyAnswer?: AnswerWrite | undefined
  readonly transactionAnswer?: AnswerWrite | undefined
}

/** Whether a failed write is another request's answer kept under the same key first. */
const isKeyTaken = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  'code' in error &&
  error.code === '23505' &&
  'constraint' in error &&
  typeof error.constraint === 'string' &&
  ANSWER_KEYS.includes(error.constraint)

/**
 * Writes a change, all or nothing, in one statement: 'written', or 'conflict' (nothing written)
 * when the row or a key was written by someone else since it was read. Any other failure throws,
 * nothing written.
 */
export const writeChange = async (
  db: Queryable,
  change: Change,
): Promise<'written' | 'conflict'> => {
  const { text, params } = changeStatement(change)
  try {
    const [result] = await db.query<{ written: number }>(text, params)
    return result?.written === 1 ? 'written' : 'conflict'
  } catch (error) {
    if (isKeyTaken(error)) return 'conflict'
    throw error
  }
}

/** Customers whose next settlement is due by `until`, in id order from `after`, a page at a time. */
export const dueCustomers = async (
  db: Queryable,
  target: TargetKey,
  page: {
    readonly until: Date
    readonly after: number
    readonly below: number | undefined
    readonly limit: number
  },
): Promise<ReadonlyArray<StoredCustomer>> =>
  (
    await db.query<{
      customer_id: number
      incarnation: number
      version: number
      record: unknown
    }>(
      `select customer_id, incarnation, version, record from customers
       where target_group_id = $1 and target_id = $2 and next_due_at <= $3
         and customer_id > $4 and ($5::bigint is null or customer_id < $5)
       order by customer_id limit $6`,
      [
        target.targetGroupId,
        target.targetId,
        page.until.toISOString(),
        page.after,
        page.below ?? null,
        page.limit,
      ],
    )
  ).map((row) => ({
    customerId: row.customer_id,
    incarnation: row.incarnation,
    version: row.version,
    record: row.record,
  }))

/** A customer's row and reward events (oldest first), for reading; undefined without a row. */
export const readCustomer = async (
  db: Queryable,
  target: TargetKey,
  customerId: number,
): Promise<
  | {
      readonly customer: StoredCustomer
      readonly watermark: Date | null
      readonly nextDueAt: Date | null
      readonly rewards: ReadonlyArray<unknown>
    }
  | undefined
> => {
  const [row] = await db.query<{
    incarnation: number
    version: number
    watermark: Date | null
    next_due_at: Date | null
    record: unknown
    rewards: ReadonlyArray<unknown>
  }>(
    `select c.incarnation, c.version, t.watermark, c.next_due_at, c.record,
            coalesce((select json_agg(o.event order by o.seq) from outbox o
                      where o.target_group_id = c.target_group_id and o.target_id = c.target_id
                        and o.customer_id = c.customer_id and o.idempotency_key is not null),
                     '[]'::json) as rewards
     from customers c
     join targets t on t.target_group_id = c.target_group_id and t.target_id = c.target_id
     where c.target_group_id = $1 and c.target_id = $2 and c.customer_id = $3`,
    [target.targetGroupId, target.targetId, customerId],
  )
  return row === undefined
    ? undefined
    : {
        customer: {
          customerId,
          incarnation: row.incarnation,
          version: row.version,
          record: row.record,
        },
        watermark: row.watermark,
        nextDueAt: row.next_due_at,
        rewards: row.rewards,
      }
}

/**
 * Erasure (rule service.erasure): the customer's row, their events in the outbox and every answer
 * kept for their requests and transactions, in one transaction. Whether the service held anything.
 */
export const eraseCustomer = async (
  db: Database,
  target: TargetKey,
  customerId: number,
): Promise<boolean> =>
  db.transaction(async (tx) => {
    const ids = [target.targetGroupId, target.targetId, customerId]
    const where = 'where target_group_id = $1 and target_id = $2 and customer_id = $3'
    let held = 0
    for (const table of ['customers', 'outbox', 'request_keys', 'transactions'])
      held += (await tx.query(`delete from ${table} ${where} returning 1`, ids)).length
    return held > 0
  })
