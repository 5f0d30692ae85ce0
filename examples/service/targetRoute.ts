// The target a route names, read as the library reads it: ids are digits naming a positive safe
// integer; a target that does not exist is 310017 (no such group) or 310018 (no such target in it).
import { ErrorCode } from 'loyalty-streaks'
import type { Queryable } from './database.js'
import { quote, refusal, type Answer } from './envelopes.js'
import { groupExists, type TargetKey } from './targetStore.js'

/** A path id: digits naming a positive safe integer, or undefined. */
export const idOf = (text: string): number | undefined =>
  /^[1-9][0-9]{0,15}$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined

const groupNotFound = (text: string): Answer =>
  refusal(404, ErrorCode.TARGET_GROUP_NOT_FOUND, `target group ${quote(text)} not found`)

const targetNotFoundIn = (text: string, targetGroupId: number): Answer =>
  refusal(
    404,
    ErrorCode.TARGET_NOT_FOUND,
    `target ${quote(text)} not found in target group ${targetGroupId}`,
  )

/** The target's key, or the refusal for ids that cannot name one. */
export const targetKeyOf = (groupText: string, targetText: string): TargetKey | Answer => {
  const targetGroupId = idOf(groupText)
  if (targetGroupId === undefined) return groupNotFound(groupText)
  const targetId = idOf(targetText)
  if (targetId === undefined) return targetNotFoundIn(targetText, targetGroupId)
  return { targetGroupId, targetId }
}

/** The refusal for a well-formed key that names no stored target. */
export const targetNotFound = async (db: Queryable, key: TargetKey): Promise<Answer> =>
  (await groupExists(db, key.targetGroupId))
    ? targetNotFoundIn(String(key.targetId), key.targetGroupId)
    : groupNotFound(String(key.targetGroupId))
