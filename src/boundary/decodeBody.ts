// Decoding the untrusted body of the enroll, unEnroll and activity endpoints: JSON text, UTF-8
// bytes or an already-parsed value, holding exactly one element. Never throws.
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { ErrorCode, enrolmentError, type EnrolmentError, type Warning } from '../model/error.js'
import { describe, MAX_QUOTED_CHARS, quote } from '../internal/describe.js'
import { keysOf, kindOf, readOwn, uint8ArrayLength } from './untrusted.js'
import { withoutByteOrderMark } from '../internal/byteOrderMark.js'

/**
 * Bodies larger than this many bytes of UTF-8 are refused before parsing (rule boundary.body-limit).
 *
 * @example
 * import { DEFAULT_MAX_BODY_BYTES } from './decodeBody.js'
 * DEFAULT_MAX_BODY_BYTES // 65536
 *
 * @since 0.2.0
 */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024

/**
 * The unknown fields named one by one; the rest are counted in one warning (rule boundary.unknown-field).
 *
 * @example
 * import { MAX_UNKNOWN_FIELD_WARNINGS } from './decodeBody.js'
 * MAX_UNKNOWN_FIELD_WARNINGS // 10
 *
 * @since 0.2.0
 */
export const MAX_UNKNOWN_FIELD_WARNINGS = 10

/** The endpoints, each reading its own fields. */
export type Endpoint = 'enroll' | 'unEnroll' | 'activity'

/** A decoded enroll or unEnroll element. */
export interface EnrolmentRequest {
  readonly customerId: number
  readonly periodName: string | undefined
  readonly initialBalance: number | undefined
  readonly resetStreakStatus: boolean | undefined
  readonly warnings: ReadonlyArray<Warning>
}

/**
 * A decoded activity element: `at` as an instant, `value` as given (the engine checks it).
 *
 * @example
 * import type { ActivityRequest } from './decodeBody.js'
 * const request: ActivityRequest = { customerId: 42, at: undefined, value: 25, warnings: [] }
 *
 * @since 0.2.0
 */
export interface ActivityRequest {
  readonly customerId: number
  readonly at: Date | undefined
  readonly value: number | undefined
  readonly warnings: ReadonlyArray<Warning>
}

/**
 * What each endpoint's body decodes to.
 *
 * @example
 * import type { RequestOf } from './decodeBody.js'
 * type Activity = RequestOf['activity'] // ActivityRequest
 *
 * @since 0.2.0
 */
export interface RequestOf {
  readonly enroll: EnrolmentRequest
  readonly unEnroll: EnrolmentRequest
  readonly activity: ActivityRequest
}

const FIELDS: Readonly<Record<Endpoint, ReadonlyArray<string>>> = {
  enroll: ['customerId', 'periodName', 'initialBalance', 'resetStreakStatus'],
  unEnroll: ['customerId'],
  activity: ['customerId', 'at', 'value'],
}

const invalid = (message: string, field: string): EnrolmentError =>
  enrolmentError(ErrorCode.INVALID_INPUT, message, field)

const tooLarge = (maxBodyBytes: number): EnrolmentError =>
  invalid(`body is larger than ${maxBodyBytes} bytes`, 'body')

/** Whether `text` takes more than `max` bytes in UTF-8, counted without encoding it. */
const exceedsUtf8 = (text: string, max: number): boolean => {
  // Every UTF-16 code unit takes at least one byte: a text of more units is over without counting.
  if (text.length > max) return true
  let bytes = 0
  for (let i = 0; i < text.length && bytes <= max; i++) {
    const unit = text.charCodeAt(i)
    const next = text.charCodeAt(i + 1)
    if (unit < 0x80) bytes += 1
    else if (unit < 0x800) bytes += 2
    else if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      bytes += 4
      i++
    }
    // Other units, lone surrogates included (encoded as U+FFFD), take 3 bytes.
    else bytes += 3
  }
  return bytes > max
}

/** JSON text, a byte order mark before it skipped as the UTF-8 decoder skips it (rule boundary.body). */
const parseJson = (text: string): E.Either<EnrolmentError, unknown> => {
  try {
    return E.right(JSON.parse(withoutByteOrderMark(text)) as unknown)
  } catch {
    return E.left(invalid('body is not valid JSON', 'body'))
  }
}

/** JSON text and UTF-8 bytes are measured, then parsed; any other value is taken as parsed. */
const parse = (body: unknown, maxBodyBytes: number): E.Either<EnrolmentError, unknown> => {
  if (typeof body === 'string')
    return exceedsUtf8(body, maxBodyBytes) ? E.left(tooLarge(maxBodyBytes)) : parseJson(body)
  const byteLength = uint8ArrayLength(body)
  if (byteLength === undefined) return E.right(body)
  // rule boundary.body-limit: measured before a single byte is decoded.
  if (byteLength > maxBodyBytes) return E.left(tooLarge(maxBodyBytes))
  let text: string
  try {
    // Fatal: invalid UTF-8 is refused rather than silently replaced (rule boundary.bytes).
    text = new TextDecoder('utf-8', { fatal: true }).decode(body as Uint8Array)
  } catch {
    return E.left(invalid('body is not valid UTF-8', 'body'))
  }
  return parseJson(text)
}

/** The one element of the body, an object, with its own keys (listed once). */
const elementOf = (
  body: unknown,
  maxBodyBytes: number,
): E.Either<EnrolmentError, { readonly item: object; readonly keys: ReadonlyArray<string> }> => {
  const parsed = parse(body, maxBodyBytes)
  if (E.isLeft(parsed)) return parsed
  const list = parsed.right
  const kind = kindOf(list)
  if (kind === 'unreadable') return E.left(invalid('body could not be read', 'body'))
  if (kind !== 'array')
    return E.left(invalid(`body must be an array of one element, got ${describe(list)}`, 'body'))
  const length = readOwn(list as object, 'length')
  if (O.isNone(length)) return E.left(invalid('body could not be read', 'body'))
  if (length.value === 0) return E.left(invalid('body must hold one element, got none', 'body'))
  if (length.value !== 1)
    return E.left(
      invalid(
        `batch is not supported: body must hold one element, got ${describe(length.value)}`,
        'body',
      ),
    )
  const read = readOwn(list as object, '0')
  if (O.isNone(read)) return E.left(invalid('body[0] could not be read', 'body[0]'))
  const item = read.value
  const itemKind = kindOf(item)
  if (itemKind !== 'record')
    return E.left(
      itemKind === 'unreadable'
        ? invalid('body[0] could not be read', 'body[0]')
        : invalid(`body[0] must be an object, got ${describe(item)}`, 'body[0]'),
    )
  const keys = keysOf(item as object)
  return O.isNone(keys)
    ? E.left(invalid('body[0] could not be read', 'body[0]'))
    : E.right({ item: item as object, keys: keys.value })
}

/** A field of the element, read once; a field that cannot be read is refused with `code`. */
const fieldOf = (
  item: object,
  key: string,
  code: EnrolmentError['code'] = ErrorCode.INVALID_INPUT,
): E.Either<EnrolmentError, unknown> => {
  const read = readOwn(item, key)
  return O.isNone(read)
    ? E.left(enrolmentError(code, `body[0].${key} could not be read`, key))
    : E.right(read.value)
}

/** A positive safe integer, given as a number or as a string of its digits. */
const customerIdOf = (item: object): E.Either<EnrolmentError, number> => {
  // rule boundary.never-throws: an unreadable customerId is a bad customerId (310011).
  const field = fieldOf(item, 'customerId', ErrorCode.INVALID_CUSTOMER_ID)
  if (E.isLeft(field)) return field
  const value = field.right
  const id =
    typeof value === 'string' && /^[1-9][0-9]{0,15}$/.test(value)
      ? Number(value)
      : typeof value === 'number'
        ? value
        : Number.NaN
  return Number.isSafeInteger(id) && id > 0
    ? E.right(id)
    : E.left(
        enrolmentError(
          ErrorCode.INVALID_CUSTOMER_ID,
          `body[0].customerId must be a positive integer (or a string of its digits), got ${describe(value)}`,
          'customerId',
        ),
      )
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/** How a message names a key of the element: `.key`, or `["key"]` quoted and cut (rule boundary.echo). */
const memberOf = (key: string): string =>
  key.length <= MAX_QUOTED_CHARS && IDENTIFIER.test(key) ? `.${key}` : `[${quote(key)}]`

/** Fields an endpoint does not read are reported, never silently dropped, but never at length. */
const unknownFieldWarnings = (
  endpoint: Endpoint,
  keys: ReadonlyArray<string>,
): ReadonlyArray<Warning> => {
  const unknown = keys.filter((key) => !FIELDS[endpoint].includes(key))
  const named = unknown.slice(0, MAX_UNKNOWN_FIELD_WARNINGS).map((key): Warning => ({
    code: 'UNKNOWN_FIELD',
    message: `body[0]${memberOf(key)} is not a field of ${endpoint}; ignored`,
  }))
  // rule boundary.unknown-field: the rest are counted, so that the envelope stays small.
  const rest = unknown.length - named.length
  return rest === 0
    ? named
    : [
        ...named,
        {
          code: 'UNKNOWN_FIELD',
          message: `body[0] has ${rest} more fields that are not fields of ${endpoint}; ignored`,
        },
      ]
}

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2})(?::?(\d{2}))?)$/

/** The instant an ISO-8601 match names, or none if a part is out of range (February 30, 24:00…). */
const instantOf = (match: RegExpExecArray): O.Option<Date> => {
  const part = (index: number): number => Number(match[index] ?? '0')
  const [year, month, day] = [part(1), part(2), part(3)]
  const [hour, minute, second] = [part(4), part(5), part(6)]
  const [offsetHour, offsetMinute] = [part(9), part(10)]
  if (hour > 23 || minute > 59 || second > 59 || offsetHour > 23 || offsetMinute > 59) return O.none
  // Digits beyond the millisecond are dropped: a Date holds milliseconds.
  const milliseconds = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3))
  // setUTCFullYear, unlike Date.UTC, reads a year below 100 as that year, not as 19xx.
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return O.none
  date.setUTCHours(hour, minute, second, milliseconds)
  const offsetMs = (match[8] === '-' ? -1 : 1) * (offsetHour * 60 + offsetMinute) * 60_000
  return O.some(new Date(date.getTime() - offsetMs))
}

/** `at`: an ISO-8601 instant with a time zone designator (rule boundary.activity), or absent. */
const atOf = (value: unknown): E.Either<EnrolmentError, Date | undefined> => {
  if (value === undefined) return E.right(undefined)
  const match = typeof value === 'string' ? ISO_INSTANT.exec(value) : null
  if (match === null)
    return E.left(
      invalid(
        `body[0].at must be an ISO-8601 instant with a time zone, such as "2026-03-02T10:00:00Z", got ${describe(value)}`,
        'at',
      ),
    )
  return E.fromOption(() =>
    invalid(`body[0].at must be a real instant, got ${describe(value)}`, 'at'),
  )(instantOf(match))
}

type FieldsDecoder<K extends Endpoint> = (
  item: object,
  customerId: number,
  warnings: ReadonlyArray<Warning>,
) => E.Either<EnrolmentError, RequestOf[K]>

const decodeEnroll: FieldsDecoder<'enroll'> = (item, customerId, warnings) => {
  const periodName = fieldOf(item, 'periodName')
  if (E.isLeft(periodName)) return periodName
  const name = periodName.right
  if (name !== undefined && (typeof name !== 'string' || name.length === 0))
    return E.left(
      invalid(`body[0].periodName must be a cycle's name, got ${describe(name)}`, 'periodName'),
    )
  const initialBalance = fieldOf(item, 'initialBalance')
  if (E.isLeft(initialBalance)) return initialBalance
  const balance = initialBalance.right
  if (
    balance !== undefined &&
    !(typeof balance === 'number' && Number.isFinite(balance) && balance >= 0)
  )
    return E.left(
      invalid(
        `body[0].initialBalance must be a finite number ≥ 0, got ${describe(balance)}`,
        'initialBalance',
      ),
    )
  const resetStreakStatus = fieldOf(item, 'resetStreakStatus')
  if (E.isLeft(resetStreakStatus)) return resetStreakStatus
  const reset = resetStreakStatus.right
  if (reset !== undefined && typeof reset !== 'boolean')
    return E.left(
      invalid(
        `body[0].resetStreakStatus must be a boolean, got ${describe(reset)}`,
        'resetStreakStatus',
      ),
    )
  return E.right({
    customerId,
    periodName: name,
    initialBalance: balance,
    resetStreakStatus: reset,
    warnings,
  })
}

const decodeUnenroll: FieldsDecoder<'unEnroll'> = (_, customerId, warnings) =>
  E.right({
    customerId,
    periodName: undefined,
    initialBalance: undefined,
    resetStreakStatus: undefined,
    warnings,
  })

const decodeActivity: FieldsDecoder<'activity'> = (item, customerId, warnings) => {
  const atField = fieldOf(item, 'at')
  if (E.isLeft(atField)) return atField
  const at = atOf(atField.right)
  if (E.isLeft(at)) return at
  const valueField = fieldOf(item, 'value')
  if (E.isLeft(valueField)) return valueField
  const value = valueField.right
  // Any number is passed on as given: the engine knows which values its target takes.
  if (value !== undefined && typeof value !== 'number')
    return E.left(invalid(`body[0].value must be a number, got ${describe(value)}`, 'value'))
  return E.right({ customerId, at: at.right, value, warnings })
}

const DECODERS: { readonly [K in Endpoint]: FieldsDecoder<K> } = {
  enroll: decodeEnroll,
  unEnroll: decodeUnenroll,
  activity: decodeActivity,
}

/**
 * Decodes the body of `endpoint`: JSON text or UTF-8 bytes measured against `maxBodyBytes` then
 * parsed, or an already-parsed value; one element; each field read once and named when wrong.
 * Never throws.
 *
 * @example
 * import { decodeBody } from './decodeBody.js'
 * decodeBody('activity', '[{"customerId": "42", "at": "2026-03-02T10:00:00Z"}]')
 * // right({ customerId: 42, at: 2026-03-02T10:00:00.000Z, value: undefined, warnings: [] })
 */
export const decodeBody = <K extends Endpoint>(
  endpoint: K,
  body: unknown,
  maxBodyBytes: number = DEFAULT_MAX_BODY_BYTES,
): E.Either<EnrolmentError, RequestOf[K]> => {
  const element = elementOf(body, maxBodyBytes)
  if (E.isLeft(element)) return element
  const { item, keys } = element.right
  const customerId = customerIdOf(item)
  if (E.isLeft(customerId)) return customerId
  const decodeFields: FieldsDecoder<K> = DECODERS[endpoint]
  return decodeFields(item, customerId.right, unknownFieldWarnings(endpoint, keys))
}
