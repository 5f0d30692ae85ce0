/**
 * An event as one line of JSON, written field by field (rule simulate.events).
 *
 * @since 0.2.0
 */
import type { EnrolmentEvent } from '../model/event.js'

// operations

/** Whether a string can be written between quotes as it is: no quote, backslash nor control. */
const isPlain = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) return false
  }
  return true
}

/** A field's value as `JSON.stringify` writes it (a `Date` as its ISO string, like its `toJSON`). */
const valueJson = (value: unknown): string | undefined => {
  switch (typeof value) {
    case 'string':
      return isPlain(value) ? `"${value}"` : JSON.stringify(value)
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null'
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object':
      if (value === null) return 'null'
      if (value instanceof Date)
        return Number.isNaN(value.getTime()) ? 'null' : `"${value.toISOString()}"`
      return JSON.stringify(value)
    default:
      return undefined
  }
}

/**
 * `JSON.stringify(event)`, the same text, several times faster: `JSON.stringify` leaves its fast
 * path for any object holding a `Date` (it must call `toJSON`), and an event always holds one. On
 * a large replay, writing the events cost as much as reading the operations.
 *
 * @example
 * import { eventJson } from './eventJson.js'
 * import type { EnrolmentEvent } from '../model/event.js'
 * declare const event: EnrolmentEvent
 * const line = `${eventJson(event)}\n`
 */
export const eventJson = (event: EnrolmentEvent): string => {
  const fields = event as unknown as Readonly<Record<string, unknown>>
  let json = ''
  // An event is a plain object: its own enumerable keys, in order, are what `for…in` visits.
  for (const key in fields) {
    const value = valueJson(fields[key])
    if (value === undefined) continue
    json += `${json === '' ? '{' : ','}${isPlain(key) ? `"${key}"` : JSON.stringify(key)}:${value}`
  }
  return json === '' ? '{}' : `${json}}`
}
