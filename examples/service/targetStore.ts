// Targets as rows: the definition (the library's encodeTarget JSON) and the watermark. A definition
// never changes once stored, so each process decodes it once and keeps it (rule service.targets).
import * as E from 'fp-ts/lib/Either.js'
import { decodeTarget, encodeTarget, type Target } from 'loyalty-streaks'
import type { Queryable } from './database.js'

/** Which target: the two ids of its route. */
export interface TargetKey {
  readonly targetGroupId: number
  readonly targetId: number
}

export const keyOf = (target: Target): TargetKey => ({
  targetGroupId: target.targetGroupId,
  targetId: target.targetId,
})

/** Decoded definitions by target, for the life of the process. */
export class TargetCatalog {
  readonly #targets = new Map<string, Target>()

  /** The target if this process has decoded it already. */
  cached(key: TargetKey): Target | undefined {
    return this.#targets.get(`${key.targetGroupId}/${key.targetId}`)
  }

  /** Decodes a stored definition once; a definition the library refuses is a corrupt row. */
  decode(key: TargetKey, definition: unknown): Target {
    const known = this.cached(key)
    if (known !== undefined) return known
    const decoded = decodeTarget(definition)
    if (E.isLeft(decoded))
      throw new Error(
        `target ${key.targetGroupId}/${key.targetId}: stored definition is corrupt at ${decoded.left.path}: ${decoded.left.message}`,
      )
    this.#targets.set(`${key.targetGroupId}/${key.targetId}`, decoded.right)
    return decoded.right
  }
}

/** Stores a new target; false if a target with its ids exists (its definition is kept). */
export const defineTarget = async (db: Queryable, target: Target): Promise<boolean> => {
  const rows = await db.query(
    `insert into targets (target_group_id, target_id, definition) values ($1, $2, $3::jsonb)
     on conflict do nothing returning target_id`,
    [target.targetGroupId, target.targetId, JSON.stringify(encodeTarget(target))],
  )
  return rows.length === 1
}

/** Whether any target of the group exists: tells 310017 from 310018 for a target not found. */
export const groupExists = async (db: Queryable, targetGroupId: number): Promise<boolean> =>
  (await db.query('select 1 from targets where target_group_id = $1 limit 1', [targetGroupId]))
    .length > 0

/** A target's row. */
export interface StoredTarget extends TargetKey {
  readonly definition: unknown
  /** Null before the target's first sweep. */
  readonly watermark: Date | null
}

/** Every target, in id order (for the sweep). */
export const listTargets = async (db: Queryable): Promise<ReadonlyArray<StoredTarget>> =>
  (
    await db.query<{
      target_group_id: number
      target_id: number
      definition: unknown
      watermark: Date | null
    }>('select target_group_id, target_id, definition, watermark from targets order by 1, 2')
  ).map((row) => ({
    targetGroupId: row.target_group_id,
    targetId: row.target_id,
    definition: row.definition,
    watermark: row.watermark,
  }))

/** Moves the watermark to `until` if that is later: it never goes back (rule time.watermark). */
export const moveWatermark = async (db: Queryable, key: TargetKey, until: Date): Promise<void> => {
  await db.query(
    `update targets set watermark = greatest(watermark, $3::timestamptz)
     where target_group_id = $1 and target_id = $2`,
    [key.targetGroupId, key.targetId, until.toISOString()],
  )
}
