/**
 * A target definition read from a JSON file, in either of its two forms (rule simulate.target).
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { decodeTarget, SCHEMA_VERSION } from '../index.js'
import type { Target } from '../model/target.js'
import { withoutByteOrderMark } from '../internal/byteOrderMark.js'

// model

/** Why a definition was refused: the path of the first problem, as the definition names it. */
export interface TargetFileError {
  readonly path: string
  readonly message: string
}

// operations

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const LOOSE_INSTANT =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/

/** A hand-written instant (`2026-01-01T00:00Z`) in the canonical form the codec reads. */
const canonical = (value: unknown): unknown => {
  if (typeof value !== 'string' || !LOOSE_INSTANT.test(value)) return value
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? value : date.toISOString()
}

/** Cycle bounds written by hand may omit seconds or use an offset: they are read as instants. */
const withCanonicalCycles = (
  definition: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> =>
  Array.isArray(definition.cycles)
    ? {
        ...definition,
        cycles: definition.cycles.map((c: unknown) =>
          isObject(c) ? { ...c, start: canonical(c.start), end: canonical(c.end) } : c,
        ),
      }
    : definition

/**
 * A target from the text of a JSON file: the `encodeTarget` form (`{ "schemaVersion", "target" }`)
 * or a bare definition (`{ "kind": "MILESTONE", … }`, as `defineMilestone` takes it, with ISO
 * instants). Problems are named by their path in the file (`target.goal` in the first form,
 * `goal` in the second).
 *
 * @example
 * import { readTargetFile } from './targetFile.js'
 * const target = readTargetFile('{"kind":"MILESTONE","targetGroupId":1,"targetId":1,"metric":"COUNT","goal":5,"allocation":"IMMEDIATE","cycles":[{"refCode":"c1","start":"2026-01-01T00:00:00Z","end":"2026-02-01T00:00:00Z"}]}')
 */
export const readTargetFile = (text: string): E.Either<TargetFileError, Target> => {
  let document: unknown
  try {
    // rule simulate.target: a file saved with a byte order mark reads the same.
    document = JSON.parse(withoutByteOrderMark(text))
  } catch {
    return E.left({ path: '', message: 'is not valid JSON' })
  }
  if (!isObject(document)) return E.left({ path: '', message: 'must be a JSON object' })
  const encoded = 'schemaVersion' in document || 'target' in document
  const wrapped = encoded
    ? isObject(document.target)
      ? { ...document, target: withCanonicalCycles(document.target) }
      : document
    : { schemaVersion: SCHEMA_VERSION, target: withCanonicalCycles(document) }
  const decoded = decodeTarget(wrapped)
  if (E.isRight(decoded)) return decoded
  const { path, message } = decoded.left
  return E.left({
    path: encoded ? path : path.replace(/^target\.?/, ''),
    message,
  })
}
