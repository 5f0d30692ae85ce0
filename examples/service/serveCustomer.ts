// GET …/customers/{id}: the customer's enrolment, where they stand now, and their rewards from the
// outbox. DELETE …/customers/{id}: erasure (rule service.erasure).
import { enrolmentOf, ErrorCode, standing } from 'loyalty-streaks'
import { eraseCustomer, readCustomer } from './customerStore.js'
import { stateOf } from './customerState.js'
import type { Database } from './database.js'
import { quote, refusal, success, type Answer } from './envelopes.js'
import { plainJson } from './plainJson.js'
import { idOf, targetNotFound } from './targetRoute.js'
import type { TargetCatalog, TargetKey } from './targetStore.js'

const customerIdOf = (text: string): number | Answer =>
  idOf(text) ??
  refusal(
    400,
    ErrorCode.INVALID_CUSTOMER_ID,
    `customer id must be a positive integer, got ${quote(text)}`,
  )

const notEnrolled = (customerId: number): Answer =>
  refusal(404, ErrorCode.NOT_ENROLLED, `customer ${customerId} is not enrolled to this target`)

/** Reads the target's definition once per process. */
const targetOf = async (db: Database, catalog: TargetCatalog, key: TargetKey) => {
  const known = catalog.cached(key)
  if (known !== undefined) return known
  const [row] = await db.query<{ definition: unknown }>(
    'select definition from targets where target_group_id = $1 and target_id = $2',
    [key.targetGroupId, key.targetId],
  )
  return row === undefined ? undefined : catalog.decode(key, row.definition)
}

export const serveCustomer = async (
  db: Database,
  catalog: TargetCatalog,
  key: TargetKey,
  idText: string,
  now: Date,
): Promise<Answer> => {
  const target = await targetOf(db, catalog, key)
  if (target === undefined) return targetNotFound(db, key)
  const customerId = customerIdOf(idText)
  if (typeof customerId !== 'number') return customerId
  const stored = await readCustomer(db, key, customerId)
  if (stored === undefined) return notEnrolled(customerId)
  const state = stateOf(target, stored.watermark, [stored.customer])
  return {
    status: 200,
    body: success({
      customerId,
      version: stored.customer.version,
      nextDueAt: stored.nextDueAt?.toISOString() ?? null,
      enrolment: plainJson(enrolmentOf(state, customerId)),
      // As if settled up to now: a reward due at a cycle's end shows before the sweep writes it.
      standing: plainJson(standing(state, customerId, now)),
      rewards: stored.rewards,
    }),
  }
}

export const serveErasure = async (
  db: Database,
  catalog: TargetCatalog,
  key: TargetKey,
  idText: string,
): Promise<Answer> => {
  const target = await targetOf(db, catalog, key)
  if (target === undefined) return targetNotFound(db, key)
  const customerId = customerIdOf(idText)
  if (typeof customerId !== 'number') return customerId
  const held = await eraseCustomer(db, key, customerId)
  return {
    status: 200,
    body: success(
      customerId,
      held
        ? []
        : [{ code: 'NOTHING_HELD', message: `nothing was held for customer ${customerId}` }],
    ),
  }
}
