// Reading a request's body for the library: at most the size limit (one byte more tells the
// library it is too large), parsed once, and the service's own field, the activity's
// transactionId, taken out before the library sees the element (rule service.transaction-id).
import { invalidInput, type Answer } from './envelopes.js'

/** The body as the library will read it, and the activity's transactionId if one was given. */
export interface RequestBody {
  /** Parsed JSON, or the bytes themselves when they are not JSON (the library refuses them). */
  readonly body: unknown
  readonly transactionId: string | undefined
  /** The activity as sent, to tell a re-sent transaction from a different one. */
  readonly activity: { readonly at: unknown; readonly value: unknown } | undefined
}

/** Up to `maxBytes + 1` bytes of the body: enough for the library to refuse one too large. */
export const readBody = async (request: Request, maxBytes: number): Promise<Uint8Array> => {
  // The common case, a declared length within the limit, is read whole; Node's adapter reads it
  // straight from the socket without building a stream.
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) <= maxBytes)
    return new Uint8Array(await request.arrayBuffer())
  if (request.body === null) return new Uint8Array()
  const chunks: Array<Uint8Array> = []
  let size = 0
  const reader = request.body.getReader()
  while (size <= maxBytes) {
    const read: { readonly done: boolean; readonly value?: unknown } = await reader.read()
    if (read.done || !(read.value instanceof Uint8Array)) break
    chunks.push(read.value)
    size += read.value.byteLength
  }
  await reader.cancel()
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes.subarray(0, maxBytes + 1)
}

const parse = (bytes: Uint8Array): { readonly ok: boolean; readonly value: unknown } => {
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) }
  } catch {
    return { ok: false, value: undefined }
  }
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A transactionId: a non-empty string of at most 100 characters, or a positive integer. */
const transactionIdOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= 100
    ? value
    : typeof value === 'number' && Number.isSafeInteger(value) && value > 0
      ? String(value)
      : undefined

/**
 * The body for the library and the activity's transactionId; a malformed transactionId is refused
 * here (300004), before the library reads the rest of the element.
 */
export const decodeRequestBody = (
  bytes: Uint8Array,
  maxBytes: number,
  endpoint: string,
): { readonly refused: Answer } | RequestBody => {
  // Too large, not UTF-8 or not JSON: the library gives its own refusal for the bytes.
  const parsed = bytes.byteLength > maxBytes ? { ok: false, value: undefined } : parse(bytes)
  if (!parsed.ok) return { body: bytes, transactionId: undefined, activity: undefined }
  const element: unknown = Array.isArray(parsed.value) ? parsed.value[0] : undefined
  if (endpoint !== 'activity' || !Array.isArray(parsed.value) || parsed.value.length !== 1)
    return { body: parsed.value, transactionId: undefined, activity: undefined }
  if (!isRecord(element) || !Object.hasOwn(element, 'transactionId'))
    return {
      body: parsed.value,
      transactionId: undefined,
      activity: isRecord(element) ? { at: element.at, value: element.value } : undefined,
    }
  const { transactionId: given, ...rest } = element
  const transactionId = transactionIdOf(given)
  if (transactionId === undefined)
    return {
      refused: invalidInput(
        400,
        'body[0].transactionId must be a non-empty string of at most 100 characters or a positive integer',
      ),
    }
  return { body: [rest], transactionId, activity: { at: rest.at, value: rest.value } }
}
