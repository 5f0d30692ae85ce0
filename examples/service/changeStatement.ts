// A change as one SQL statement: the record's compare-and-set, its events into the outbox, and the
// answers kept for retries, in data-modifying CTEs. One statement is one transaction and one round
// trip: it commits whole or not at all. Everything after the compare-and-set is conditioned on it,
// so a lost race writes nothing; the answers are inserted without ON CONFLICT, so a key another
// request has just used aborts the whole statement (unique violation) and the request retries.
import type { AnswerWrite, Change, RecordWrite } from './customerStore.js'
import type { TargetKey } from './targetStore.js'

/** The constraints whose violation means "another request with this key finished first". */
export const ANSWER_KEYS: ReadonlyArray<string> = ['request_keys_pkey', 'transactions_pkey']

/** A statement's text and parameters. */
export interface Statement {
  readonly text: string
  readonly params: ReadonlyArray<unknown>
}

/** Parameters numbered as they are used. */
class Params {
  readonly values: Array<unknown> = []
  add(value: unknown): string {
    this.values.push(value)
    return `$${this.values.length}`
  }
}

const recordCte = (p: Params, target: TargetKey, write: RecordWrite): string => {
  const key = `${p.add(target.targetGroupId)}, ${p.add(target.targetId)}, ${p.add(write.customerId)}`
  const version = p.add(write.version)
  const due = p.add(write.nextDueAt?.toISOString() ?? null)
  const record = p.add(JSON.stringify(write.record))
  // rule service.compare-and-set: written only if the row is still the one the decision read.
  return write.expected === undefined
    ? `record as (
         insert into customers (target_group_id, target_id, customer_id, version, next_due_at, record)
         values (${key}, ${version}, ${due}, ${record}::json)
         on conflict do nothing returning 1)`
    : `record as (
         update customers set version = ${version}, next_due_at = ${due}, record = ${record}::json,
                              updated_at = now()
         where (target_group_id, target_id, customer_id) = (${key})
           and incarnation = ${p.add(write.expected.incarnation)}
           and version = ${p.add(write.expected.version)}
         returning 1)`
}

// rule service.outbox: keyed by the change, rewards also by their idempotency key; a row already
// there is the same event.
const eventsCte = (p: Params, target: TargetKey, write: RecordWrite): string =>
  `events as (
     insert into outbox (target_group_id, target_id, customer_id, version, position, type, at,
                         idempotency_key, event)
     select ${p.add(target.targetGroupId)}::bigint, ${p.add(target.targetId)}::bigint,
            ${p.add(write.customerId)}::bigint, ${p.add(write.version)}::int, e.position - 1, e.event->>'type', (e.event->>'at')::timestamptz,
            e.event->>'idempotencyKey', e.event
     from json_array_elements(${p.add(JSON.stringify(write.events))}::json)
       with ordinality as e(event, position)
     where exists (select 1 from record)
     on conflict do nothing)`

const answerCte = (
  p: Params,
  name: string,
  table: 'request_keys' | 'transactions',
  target: TargetKey,
  answer: AnswerWrite,
  guarded: boolean,
): string => {
  const columns =
    table === 'request_keys'
      ? 'idempotency_key, fingerprint, target_group_id, target_id, customer_id, status, answer'
      : 'transaction_id, fingerprint, target_group_id, target_id, customer_id, status, answer'
  // Typed: parameters in a SELECT list take no type from the columns they go to.
  const values = [
    `${p.add(answer.key)}::text`,
    `${p.add(answer.fingerprint)}::text`,
    `${p.add(target.targetGroupId)}::bigint`,
    `${p.add(target.targetId)}::bigint`,
    `${p.add(answer.customerId ?? null)}::bigint`,
    `${p.add(answer.status)}::int`,
    `${p.add(JSON.stringify(answer.answer))}::json`,
  ].join(', ')
  return `${name} as (
     insert into ${table} (${columns})
     select ${values}${guarded ? ' where exists (select 1 from record)' : ''})`
}

/** The change's statement; it returns one row, `written`: 0 when the compare-and-set lost. */
export const changeStatement = (change: Change): Statement => {
  const p = new Params()
  const { record, keyAnswer, transactionAnswer, target } = change
  const ctes: Array<string> = []
  if (record !== undefined) {
    ctes.push(recordCte(p, target, record))
    if (record.events.length > 0) ctes.push(eventsCte(p, target, record))
  }
  const guarded = record !== undefined
  if (keyAnswer !== undefined)
    ctes.push(answerCte(p, 'request_key', 'request_keys', target, keyAnswer, guarded))
  if (transactionAnswer !== undefined)
    ctes.push(answerCte(p, 'transaction_row', 'transactions', target, transactionAnswer, guarded))
  const result = guarded ? 'select count(*)::int as written from record' : 'select 1 as written'
  return {
    text: ctes.length === 0 ? result : `with ${ctes.join(',\n')}\n${result}`,
    params: p.values,
  }
}
