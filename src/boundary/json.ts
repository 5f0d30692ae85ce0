// Reading untrusted JSON documents: each reader names the path of what it refuses. A refusal is
// thrown inside a decoder only, and turned into a `Left` at its boundary (`decoded`).
import * as E from 'fp-ts/lib/Either.js'
import { ErrorCode } from '../model/error.js'
import { elementsOf, isArray, isRecord, ownField, UNREADABLE } from '../internal/guards.js'
import { withoutByteOrderMark } from '../internal/byteOrderMark.js'

// model

/**
 * Why a document was refused: the path of the first problem found (rule codec.refuses).
 *
 * @example
 * import { decodeState } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const refused = decodeState('{"schemaVersion": 99}')
 * if (E.isLeft(refused)) console.log(refused.left.code, refused.left.path) // 300004 schemaVersion
 *
 * @since 0.1.0
 */
export interface DecodeError {
  /** 300004, as every refusal of input. */
  readonly code: typeof ErrorCode.INVALID_INPUT
  /**
   * Where the first problem is, with dots and `[index]` (`customers[3].since`); `''` for the whole
   * document.
   */
  readonly path: string
  /** What is wrong there. */
  readonly message: string
}

/** How a decoder refuses from deep inside: caught by `decoded`, never seen outside. */
class Refusal extends Error {
  constructor(readonly error: DecodeError) {
    super(`${error.path}: ${error.message}`)
  }
}

// operations

/** Refuses the document, naming `path`. */
export const refuse = (path: string, message: string): never => {
  throw new Refusal({ code: ErrorCode.INVALID_INPUT, path, message })
}

/**
 * Runs a decoder on untrusted input: its refusal, or anything else that goes wrong reading a
 * hostile value (a Proxy, a throwing getter), becomes a `Left`; nothing is thrown out of it.
 */
export const decoded = <A>(read: () => A): E.Either<DecodeError, A> => {
  try {
    return E.right(read())
  } catch (thrown) {
    return E.left(
      thrown instanceof Refusal
        ? thrown.error
        : { code: ErrorCode.INVALID_INPUT, path: '', message: 'could not be read' },
    )
  }
}

/** JSON text parsed, or an already-parsed value as it is. */
export const parsed = (document: unknown): unknown => {
  if (typeof document !== 'string') return document
  try {
    // rule codec.round-trip: a document saved by an editor that writes a byte order mark reads the same.
    return JSON.parse(withoutByteOrderMark(document)) as unknown
  } catch {
    return refuse('', 'is not valid JSON')
  }
}

/** An instant in ISO-8601 with milliseconds and `Z`, years before 0 and after 9999 included. */
const ISO = /^(?:\d{4}|[+-]\d{6})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

export const instant = (value: unknown, path: string): number => {
  if (typeof value !== 'string' || !ISO.test(value))
    return refuse(path, 'must be an ISO-8601 instant (…Z)')
  const t = new Date(value).getTime()
  return Number.isNaN(t) || new Date(t).toISOString() !== value
    ? refuse(path, 'must be a real instant')
    : t
}

export const optionalInstant = (value: unknown, path: string): number | undefined =>
  value === null ? undefined : instant(value, path)

export const integer = (
  value: unknown,
  path: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max
    ? value
    : refuse(path, `must be an integer from ${min} to ${max}`)

export const boolean = (value: unknown, path: string): boolean =>
  typeof value === 'boolean' ? value : refuse(path, 'must be a boolean')

export const record = (value: unknown, path: string): Readonly<Record<string, unknown>> =>
  isRecord(value) ? value : refuse(path, 'must be an object')

/** An own field; one whose read threw is refused. */
export const field = (
  raw: Readonly<Record<string, unknown>>,
  key: string,
  path: string,
): unknown => {
  const value = ownField(raw, key)
  return value === UNREADABLE ? refuse(path, 'could not be read') : value
}

/** An array's elements: not sparse, at most `max` of them (rule codec.refuses). */
export const list = (value: unknown, path: string, max: number): ReadonlyArray<unknown> => {
  if (!isArray(value)) return refuse(path, 'must be an array')
  let length: number
  try {
    length = value.length
  } catch {
    return refuse(path, 'could not be read')
  }
  if (length > max) return refuse(path, `must hold at most ${max} items`)
  const read = elementsOf(value)
  return 'at' in read ? refuse(`${path}[${read.at}]`, read.why) : read.elements
}
