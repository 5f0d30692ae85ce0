// Runtime checks for values that may come from outside the type system (JSON, JavaScript callers).
// None of them throws, whatever it is given: a Proxy, a revoked Proxy, a throwing getter.

/** What `ownField` answers for a property whose read threw: every check refuses it. */
export const UNREADABLE: unique symbol = Symbol('unreadable')

/** A positive integer that a JavaScript number represents exactly (ids). */
export const isPositiveSafeInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0

/**
 * The instant of a `Date`, read through `Date.prototype` so that an own `getTime` cannot lie, or
 * NaN for anything that is not a real `Date`.
 */
export const instantOf = (value: unknown): number => {
  try {
    return Date.prototype.getTime.call(value)
  } catch {
    return Number.NaN
  }
}

/** A real `Date` (an Invalid Date included), not a look-alike nor a Proxy of one. */
export const isDateObject = (value: unknown): value is Date => {
  try {
    Date.prototype.getTime.call(value)
    return true
  } catch {
    return false
  }
}

/** A `Date` that holds a real instant (not an Invalid Date, not a date-like object). */
export const isValidDate = (value: unknown): value is Date => !Number.isNaN(instantOf(value))

/** The largest distance from 1970 a `Date` can hold, in milliseconds: 100 million days (ECMA-262). */
export const MAX_INSTANT_MS = 8.64e15

/** Whether `ms` is an instant a `Date` can hold. */
export const fitsDate = (ms: number): boolean => Math.abs(ms) <= MAX_INSTANT_MS

/** A finite number ≥ 0 (`-0` included, read as 0). */
export const isNonNegativeFinite = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0

/** A finite number > 0. */
export const isPositiveFinite = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0

/** A plain object whose own keys can be read (not an array, not null, not a revoked Proxy). */
export const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> => {
  try {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
  } catch {
    return false
  }
}

/** An array (a revoked Proxy is not one: `Array.isArray` would throw on it). */
export const isArray = (value: unknown): value is ReadonlyArray<unknown> => {
  try {
    return Array.isArray(value)
  } catch {
    return false
  }
}

/**
 * Reads an own property only: `__proto__`, `constructor` and inherited keys never answer. A read
 * that throws (a getter, a Proxy trap) answers `UNREADABLE`, which no check accepts.
 */
export const ownField = (record: Readonly<Record<string, unknown>>, key: string): unknown => {
  try {
    return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined
  } catch {
    return UNREADABLE
  }
}

/**
 * The elements of an untrusted array, read once each, or the index of the first one that is a hole
 * or whose read threw: a definition never takes a sparse array, and an unreadable element is
 * named where it is.
 */
export const elementsOf = (
  array: ReadonlyArray<unknown>,
):
  | { readonly elements: ReadonlyArray<unknown> }
  | {
      readonly at: number
      readonly why: 'is missing: the array has a hole here' | 'could not be read'
    } => {
  const elements: Array<unknown> = []
  try {
    const length = array.length
    for (let i = 0; i < length; i++) {
      if (!Object.prototype.hasOwnProperty.call(array, i))
        return { at: i, why: 'is missing: the array has a hole here' }
      elements.push(array[i])
    }
    return { elements }
  } catch {
    return { at: elements.length, why: 'could not be read' }
  }
}

/** A copy of an instant, so that a caller mutating its `Date` later cannot change ours. */
export const copyDate = (date: Date): Date => new Date(instantOf(date))
