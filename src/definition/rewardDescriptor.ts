// Reward descriptors are opaque JSON a definition attaches to rewards (rule reward.descriptor).
import type { DefinitionProblem } from '../model/error.js'
import type { JsonValue } from '../model/json.js'
import { elementsOf, isArray, isRecord, ownField, UNREADABLE } from '../internal/guards.js'

/** Deeper than this is refused: a descriptor names a reward, it is not a document store. */
const MAX_DEPTH = 16
/** More values than this in one descriptor are refused, for the same reason. */
const MAX_VALUES = 1_000

/**
 * A deep-frozen copy of a JSON value, or a problem naming the path of the first part that is not
 * JSON (a function, a Date, a non-finite number, a hole…). Frozen, so that events and states can
 * share it and nobody can change what a reward was.
 */
export const rewardDescriptor = (
  value: unknown,
  path: string,
): { readonly reward: JsonValue } | { readonly problem: DefinitionProblem } => {
  let values = 0
  let problem: DefinitionProblem | undefined
  const refuse = (at: string, message: string): typeof FAILED => {
    problem ??= { path: at, message }
    return FAILED
  }
  const copy = (v: unknown, at: string, depth: number): JsonValue | typeof FAILED => {
    values += 1
    if (values > MAX_VALUES) return refuse(at, `a reward holds at most ${MAX_VALUES} values`)
    if (depth > MAX_DEPTH) return refuse(at, `a reward nests at most ${MAX_DEPTH} deep`)
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return v
    // A -0 is kept as 0, as JSON writes it: a stored target reads back equal (rule codec.round-trip).
    if (typeof v === 'number')
      return Number.isFinite(v) ? v + 0 : refuse(at, 'must be a finite number')
    if (isArray(v)) {
      const read = elementsOf(v)
      if ('at' in read) return refuse(`${at}[${read.at}]`, read.why)
      const out: Array<JsonValue> = []
      for (const [i, element] of read.elements.entries()) {
        const c = copy(element, `${at}[${i}]`, depth + 1)
        if (c === FAILED) return FAILED
        out.push(c)
      }
      return Object.freeze(out)
    }
    if (isRecord(v) && isPlain(v)) {
      const keys = keysOf(v)
      if (keys === undefined) return refuse(at, 'could not be read')
      const out: Record<string, JsonValue> = {}
      for (const key of keys) {
        const field = ownField(v, key)
        if (field === UNREADABLE) return refuse(`${at}.${key}`, 'could not be read')
        if (field === undefined) continue
        const c = copy(field, `${at}.${key}`, depth + 1)
        if (c === FAILED) return FAILED
        out[key] = c
      }
      return Object.freeze(out)
    }
    return refuse(
      at,
      'must be a JSON value (null, a boolean, a number, a string, an array, an object)',
    )
  }
  const reward = copy(value, path, 0)
  return reward === FAILED || problem !== undefined
    ? { problem: problem ?? { path, message: 'must be a JSON value' } }
    : { reward }
}

/** What `copy` answers once it has found a problem. */
const FAILED: unique symbol = Symbol('failed')

const isPlain = (v: object): boolean => {
  try {
    const proto: unknown = Object.getPrototypeOf(v)
    return proto === Object.prototype || proto === null
  } catch {
    return false
  }
}

const keysOf = (v: object): ReadonlyArray<string> | undefined => {
  try {
    return Object.keys(v)
  } catch {
    return undefined
  }
}
