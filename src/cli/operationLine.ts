/**
 * One line of an operations stream, read into an `Operation` (rule simulate.line).
 *
 * @since 0.2.0
 */
import { ErrorCode } from '../index.js'
import type { Operation } from '../runtime/applyAll.js'
import { activityLine } from './activityLine.js'
import { instantOf } from './isoInstant.js'

// model

/** Why a line is not an operation: the code and message a refused operation would carry. */
export interface LineError {
  readonly code: number
  readonly message: string
}

/** A line read: the operation, or why it is not one. */
export type LineResult =
  | { readonly ok: true; readonly operation: Operation }
  | { readonly ok: false; readonly error: LineError }

// operations

const refused = (message: string): LineResult => ({
  ok: false,
  error: { code: ErrorCode.INVALID_INPUT, message },
})

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Reads one NDJSON line: `{"kind":"enroll"|"unenroll"|"reenroll","customerId":…,"now":"…",
 * "options"?:{…}}`, `{"kind":"activity","customerId":…,"at":"…","value"?:…}` (or with
 * `"activity":{"at":"…","value"?:…}`, the `Operation` shape) and `{"kind":"advance","now":"…"}`.
 * Other top-level fields are ignored, so exports may carry their own (an order id). The customer
 * id and the options go to the engine as they are: it answers for them with its own codes.
 *
 * @example
 * import { parseOperationLine } from './operationLine.js'
 * const read = parseOperationLine('{"kind":"advance","now":"2026-02-01T00:00:00Z"}')
 */
export const parseOperationLine = (text: string): LineResult => {
  const activity = activityLine(text)
  if (activity !== undefined) return { ok: true, operation: activity }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return refused('the line is not valid JSON')
  }
  if (!isObject(value)) return refused('the line must be a JSON object')
  const kind = value.kind
  // The engine refuses ids that are not positive safe integers (310011): it is handed as it is.
  const customerId = value.customerId as number
  switch (kind) {
    case 'enroll':
    case 'unenroll':
    case 'reenroll': {
      const now = instantOf(value.now)
      if (now === undefined) return refused('now must be an ISO-8601 instant with its offset')
      if (kind === 'unenroll') return { ok: true, operation: { kind, customerId, now } }
      const options = value.options
      if (options !== undefined && !isObject(options)) return refused('options must be an object')
      return { ok: true, operation: { kind, customerId, now, options } }
    }
    case 'activity': {
      const nested = value.activity
      if (nested !== undefined && !isObject(nested)) return refused('activity must be an object')
      const source = nested ?? value
      const at = instantOf(source.at)
      if (at === undefined) return refused('at must be an ISO-8601 instant with its offset')
      const amount = source.value
      if (amount !== undefined && typeof amount !== 'number')
        return refused('value must be a number')
      return {
        ok: true,
        operation: {
          kind,
          customerId,
          activity: amount === undefined ? { at } : { at, value: amount },
        },
      }
    }
    case 'advance': {
      const now = instantOf(value.now)
      if (now === undefined) return refused('now must be an ISO-8601 instant with its offset')
      return { ok: true, operation: { kind, now } }
    }
    default:
      return refused('kind must be one of enroll, unenroll, reenroll, activity, advance')
  }
}
