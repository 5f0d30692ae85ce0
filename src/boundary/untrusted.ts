// Reading values the caller controls: each read runs inside a guard, so that a throwing getter, a
// Proxy trap or a revoked Proxy becomes a value to refuse, never an exception (rule boundary.never-throws).
import * as O from 'fp-ts/lib/Option.js'

/**
 * `record[key]`, own or inherited, read once: none if reading threw, some(undefined) if absent.
 * For objects a host builds (a request, options), which may be class instances with getters.
 *
 * @example
 * import { readProperty } from './untrusted.js'
 * readProperty({ path: '/x' }, 'path') // some('/x')
 *
 * @since 0.2.0
 */
export const readProperty = (record: object, key: string): O.Option<unknown> => {
  try {
    return O.some((record as Readonly<Record<string, unknown>>)[key])
  } catch {
    return O.none
  }
}

/**
 * An own property of parsed JSON, read once: none if reading threw, some(undefined) if absent.
 * Inherited keys (`__proto__`, `constructor`) never answer; a data property is read from its
 * descriptor without running any code (a Proxy's `get` trap included), a getter is called once.
 *
 * @example
 * import { readOwn } from './untrusted.js'
 * readOwn(JSON.parse('{"__proto__": 1}') as object, 'constructor') // some(undefined)
 *
 * @since 0.2.0
 */
export const readOwn = (record: object, key: string): O.Option<unknown> => {
  try {
    const descriptor = Object.getOwnPropertyDescriptor(record, key)
    if (descriptor === undefined) return O.some(undefined)
    return 'value' in descriptor
      ? O.some(descriptor.value as unknown)
      : O.some(descriptor.get?.call(record) as unknown)
  } catch {
    return O.none
  }
}

/**
 * The own enumerable string keys of `record`, as `Object.keys` lists them; none if listing threw.
 *
 * @example
 * import { keysOf } from './untrusted.js'
 * keysOf({ customerId: 1 }) // some(['customerId'])
 *
 * @since 0.2.0
 */
export const keysOf = (record: object): O.Option<ReadonlyArray<string>> => {
  try {
    return O.some(Object.keys(record))
  } catch {
    return O.none
  }
}

/**
 * What an untrusted value is, asked without reading any of its properties.
 *
 * @example
 * import type { Kind } from './untrusted.js'
 * const kind: Kind = 'record'
 *
 * @since 0.2.0
 */
export type Kind = 'array' | 'record' | 'other' | 'unreadable'

/**
 * An array, another object (a record), anything else, or a revoked Proxy (unreadable).
 *
 * @example
 * import { kindOf } from './untrusted.js'
 * kindOf([1]) // 'array'
 *
 * @since 0.2.0
 */
export const kindOf = (value: unknown): Kind => {
  if (typeof value !== 'object' || value === null) return 'other'
  try {
    return Array.isArray(value) ? 'array' : 'record'
  } catch {
    return 'unreadable'
  }
}

/** An accessor of %TypedArray%.prototype (where a typed array's `byteLength` and tag are read). */
const intrinsic = (key: PropertyKey): ((this: unknown) => unknown) | undefined =>
  (
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype) as object, key) as
      { readonly get?: (this: unknown) => unknown } | undefined
  )?.get

/**
 * The byte length of a real `Uint8Array` (a Node `Buffer` included), read through the intrinsic
 * getters so that own properties cannot lie about it; undefined for anything else.
 *
 * @example
 * import { uint8ArrayLength } from './untrusted.js'
 * uint8ArrayLength(new TextEncoder().encode('[]')) // 2
 *
 * @since 0.2.0
 */
export const uint8ArrayLength = (value: unknown): number | undefined => {
  if (!ArrayBuffer.isView(value)) return undefined
  // Looked up here rather than at import, so that a bundle without the boundary keeps none of it.
  const tagOf = intrinsic(Symbol.toStringTag)
  const byteLengthOf = intrinsic('byteLength')
  if (tagOf === undefined || byteLengthOf === undefined) return undefined
  try {
    return tagOf.call(value) === 'Uint8Array' ? (byteLengthOf.call(value) as number) : undefined
  } catch {
    return undefined
  }
}
