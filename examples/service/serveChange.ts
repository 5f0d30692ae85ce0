// POST …/enroll, …/unEnroll and …/activity: one read, the library's decision, one write
// transaction (none when nothing changed), retried with backoff when the customer changed between
// the read and the write (rules service.*).
import * as O from 'fp-ts/lib/Option.js'
import { customerOfRequest, type HandleRequestOptions } from 'loyalty-streaks'
import {
  writeChange,
  readForRequest,
  type AnswerWrite,
  type RequestRead,
  type StoredAnswer,
} from './customerStore.js'
import type { Database } from './database.js'
import { decide } from './decide.js'
import { invalidInput, quote, tryAgain, type Answer } from './envelopes.js'
import { fingerprint } from './fingerprint.js'
import { decodeRequestBody } from './requestBody.js'
import { conflict, done, withRetries, type RetryPolicy } from './retry.js'
import { targetNotFound } from './targetRoute.js'
import type { TargetCatalog, TargetKey } from './targetStore.js'

/** What serving a change needs from the service. */
export interface ChangeContext {
  readonly db: Database
  readonly catalog: TargetCatalog
  readonly clock: () => Date
  readonly retry: RetryPolicy
  readonly options: HandleRequestOptions & { readonly maxBodyBytes: number }
  /** Told how long each decision took inside the library (the bench's libraryShare). */
  readonly onLibraryTime: ((ms: number) => void) | undefined
}

/** One POST to a target's route. */
export interface ChangeRequest {
  readonly target: TargetKey
  readonly path: string
  readonly endpoint: string
  readonly bytes: Uint8Array
  readonly idempotencyKey: string | undefined
}

const replayed = (stored: StoredAnswer): Answer => ({
  status: stored.status,
  body: stored.answer,
  headers: { 'idempotent-replayed': 'true' },
})

/** The answer kept for the request's key or transaction, if one was: the request is a retry. */
const replayOf = (
  stored: RequestRead,
  request: {
    readonly idempotencyKey: string | undefined
    readonly keyPrint: string | undefined
    readonly transactionId: string | undefined
    readonly transactionPrint: string | undefined
  },
): Answer | undefined => {
  // rule service.idempotency-key: a retry gets the first answer; a key reused for another request is refused.
  if (stored.keyAnswer !== undefined)
    return stored.keyAnswer.fingerprint === request.keyPrint
      ? replayed(stored.keyAnswer)
      : invalidInput(
          422,
          `Idempotency-Key ${quote(request.idempotencyKey ?? '')} was used for a different request`,
        )
  // rule service.transaction-id: a re-sent transaction counts once and gets its first answer.
  if (stored.transactionAnswer !== undefined)
    return stored.transactionAnswer.fingerprint === request.transactionPrint
      ? replayed(stored.transactionAnswer)
      : invalidInput(
          422,
          `body[0].transactionId ${quote(request.transactionId ?? '')} was recorded for a different activity`,
        )
  return undefined
}

const timed = <T>(onTime: ((ms: number) => void) | undefined, work: () => T): T => {
  if (onTime === undefined) return work()
  const start = performance.now()
  const result = work()
  onTime(performance.now() - start)
  return result
}

export const serveChange = async (
  context: ChangeContext,
  input: ChangeRequest,
): Promise<Answer> => {
  const { db, catalog, options } = context
  const body = decodeRequestBody(input.bytes, options.maxBodyBytes, input.endpoint)
  const decoded = 'refused' in body ? undefined : body
  const request = { method: 'POST', path: input.path, body: decoded?.body }
  const customerId =
    decoded === undefined
      ? undefined
      : timed(context.onLibraryTime, () => O.toUndefined(customerOfRequest(request, options)))
  const { idempotencyKey, target } = input
  const transactionId = decoded?.transactionId
  const keyPrint =
    idempotencyKey === undefined ? undefined : fingerprint('POST', input.path, input.bytes)
  // A transaction is the same if it names the same customer, instant and value.
  const transactionPrint =
    transactionId === undefined || customerId === undefined
      ? undefined
      : fingerprint(String(customerId), JSON.stringify(decoded?.activity ?? null))

  const outcome = await withRetries(context.retry, async () => {
    const stored = await readForRequest(db, target, {
      customerId,
      idempotencyKey,
      transactionId: transactionPrint === undefined ? undefined : transactionId,
      withDefinition: catalog.cached(target) === undefined,
    })
    if (stored === undefined) return done(await targetNotFound(db, target))
    // The target is checked before the body, as the library checks them.
    if ('refused' in body) return done(body.refused)
    const kept = replayOf(stored, { idempotencyKey, keyPrint, transactionId, transactionPrint })
    if (kept !== undefined) return done(kept)
    const definition = catalog.decode(target, stored.definition)
    const { response, write } = timed(context.onLibraryTime, () =>
      decide(
        definition,
        stored.watermark,
        customerId,
        stored.customer,
        request,
        context.clock(),
        options,
      ),
    )
    const answer: Answer = { status: response.status, body: response.body }
    const keep = (key: string, print: string): AnswerWrite => ({
      key,
      fingerprint: print,
      customerId,
      status: answer.status,
      answer: response.body,
    })
    const keyAnswer =
      idempotencyKey === undefined || keyPrint === undefined
        ? undefined
        : keep(idempotencyKey, keyPrint)
    // Only an activity that was answered 200 is a recorded transaction: a refused one may be sent again.
    const transactionAnswer =
      transactionId === undefined || transactionPrint === undefined || response.status !== 200
        ? undefined
        : keep(transactionId, transactionPrint)
    if (write === undefined && keyAnswer === undefined && transactionAnswer === undefined)
      return done(answer)
    const written = await writeChange(db, { target, record: write, keyAnswer, transactionAnswer })
    return written === 'written' ? done(answer) : conflict
  })
  // One second: the smallest Retry-After, and far longer than any backoff already waited.
  return outcome.kind === 'done' ? outcome.value : tryAgain(1)
}
