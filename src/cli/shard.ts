/**
 * Which shard replays a line: customers are split by a stable hash of their id (rule
 * simulate.shard).
 *
 * @since 0.2.0
 */

// model

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number
  readonly count: number
}

// operations

/** FNV-1a (32 bits) of a string's UTF-16 code units: simple enough to redo in any language. */
export const fnv1a = (text: string): number => {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

/**
 * The shard of a customer id: 1 + FNV-1a of its decimal digits modulo `count`. A value that is
 * not a positive safe integer (the engine refuses it) goes to shard 1, so it is reported once.
 *
 * @example
 * import { shardOfCustomer } from './shard.js'
 * const shard = shardOfCustomer(423789336, 4) // 1…4, the same on every machine
 */
export const shardOfCustomer = (customerId: unknown, count: number): number =>
  typeof customerId === 'number' && Number.isSafeInteger(customerId) && customerId > 0
    ? 1 + (fnv1a(String(customerId)) % count)
    : 1

const CUSTOMER_ID = /"customerId"\s*:\s*(\d{1,16})\s*[,}]/

/**
 * The shard a raw line goes to, read without parsing the line when it names its customer once in
 * plain digits (most lines); `undefined` when the line must be parsed to tell (an `advance`, a
 * line written another way).
 */
export const shardOfLine = (line: string, count: number): number | undefined => {
  const first = line.indexOf('"customerId"')
  // A second occurrence could be a nested field: only the parsed line can tell which is the id.
  if (first < 0 || line.indexOf('"customerId"', first + 1) >= 0) return undefined
  const match = CUSTOMER_ID.exec(line.slice(first))
  return match?.[1] === undefined ? undefined : shardOfCustomer(Number(match[1]), count)
}

/**
 * Reads `i/N` (1 ≤ i ≤ N ≤ 1024).
 *
 * @example
 * import { parseShard } from './shard.js'
 * const shard = parseShard('2/4') // { index: 2, count: 4 }
 */
export const parseShard = (text: string): Shard | undefined => {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(text)
  if (match?.[1] === undefined || match[2] === undefined) return undefined
  const index = Number(match[1])
  const count = Number(match[2])
  return index >= 1 && index <= count && count <= 1024 ? { index, count } : undefined
}
