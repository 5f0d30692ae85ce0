// POST /sweep, for a scheduler: one sweep up to the wall clock less the lag, over the range of
// customer ids in the body (every customer by default). It never takes its instant from the
// caller: a sweep ahead of the clock would move the watermark past requests still to come.
import type { Database } from './database.js'
import { invalidInput, success, type Answer } from './envelopes.js'
import { sweep } from './sweep.js'
import type { TargetCatalog } from './targetStore.js'

const FIELDS = ['fromCustomerId', 'toCustomerId', 'pageSize', 'targetGroupId', 'targetId'] as const
type Field = (typeof FIELDS)[number]

/** The body's options, each a positive safe integer if given, or the refusal naming the field. */
const optionsOf = (bytes: Uint8Array): Partial<Record<Field, number>> | Answer => {
  if (bytes.byteLength === 0) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    return invalidInput(400, 'body must be a JSON object')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return invalidInput(400, 'body must be a JSON object')
  const options: Partial<Record<Field, number>> = {}
  for (const field of FIELDS) {
    const value: unknown = (parsed as Record<string, unknown>)[field]
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
      return invalidInput(400, `body.${field} must be a positive integer`)
    options[field] = value
  }
  return options
}

export const serveSweep = async (
  db: Database,
  catalog: TargetCatalog,
  request: {
    readonly authorization: string | undefined
    readonly token: string | undefined
    readonly body: Uint8Array
    readonly until: Date
  },
): Promise<Answer> => {
  if (request.token !== undefined && request.authorization !== `Bearer ${request.token}`)
    return invalidInput(401, 'the sweep needs its token: Authorization: Bearer <token>')
  const options = optionsOf(request.body)
  if ('status' in options) return options
  const { targetGroupId, targetId } = options
  if ((targetGroupId === undefined) !== (targetId === undefined))
    return invalidInput(400, 'body.targetGroupId and body.targetId go together')
  const report = await sweep(db, catalog, {
    until: request.until,
    fromCustomerId: options.fromCustomerId,
    toCustomerId: options.toCustomerId,
    pageSize: options.pageSize,
    targets:
      targetGroupId === undefined || targetId === undefined
        ? undefined
        : [{ targetGroupId, targetId }],
  })
  return { status: 200, body: success(report) }
}
