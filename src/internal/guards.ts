// Runtime checks for values that may come from outside the type system (JSON, JavaScript callers).

/** A positive integer that a JavaScript number represents exactly (ids: SPEC §1, §3). */
export const isPositiveSafeInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0

/** A `Date` that holds a real instant (not an Invalid Date, not a date-like object). */
export const isValidDate = (value: unknown): value is Date =>
  value instanceof Date && !Number.isNaN(value.getTime())

/** A finite number ≥ 0 (`-0` included, read as 0). */
export const isNonNegativeFinite = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0

/** A finite number > 0. */
export const isPositiveFinite = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0

/** A plain object whose own keys can be read without surprises (not an array, not null). */
export const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Reads an own property only: `__proto__`, `constructor` and inherited keys never answer. */
export const ownField = (record: Readonly<Record<string, unknown>>, key: string): unknown =>
  Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined

/** A copy of an instant, so that a caller mutating its `Date` later cannot change ours. */
export const copyDate = (date: Date): Date => new Date(date.getTime())
