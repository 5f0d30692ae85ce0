// The service's HTTP face: a Hono app, so its `fetch` runs on Node (@hono/node-server), on Bun, on
// Deno and on serverless platforms through Hono's adapters. Routes, under an optional base path:
//   POST   /targetGroups/{g}/targets/{t}/enroll | unEnroll | activity
//   GET    /targetGroups/{g}/targets/{t}/customers/{id}
//   DELETE /targetGroups/{g}/targets/{t}/customers/{id}
//   POST   /sweep (for a scheduler)
import { Hono, type Context } from 'hono'
import type { Database } from './database.js'
import { internalError, invalidInput, quote, type Answer } from './envelopes.js'
import { readBody } from './requestBody.js'
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js'
import { serveChange } from './serveChange.js'
import { serveCustomer, serveErasure } from './serveCustomer.js'
import { serveSweep } from './serveSweep.js'
import { targetKeyOf } from './targetRoute.js'
import { TargetCatalog } from './targetStore.js'

export interface ServiceOptions {
  readonly db: Database
  /** A prefix of every route, such as `/prod` (none by default). */
  readonly basePath?: string | undefined
  /** The largest body read, in bytes (64 KiB by default). */
  readonly maxBodyBytes?: number | undefined
  /** The wall clock: each request takes effect at its reading (injected by tests). */
  readonly clock?: (() => Date) | undefined
  /** Retries of a version conflict (injected by tests: attempts, delays, randomness, sleep). */
  readonly retry?: Partial<RetryPolicy> | undefined
  /** How far behind the clock the sweep settles (one minute by default, rule time.watermark). */
  readonly sweepLagMs?: number | undefined
  /** When set, POST /sweep needs `Authorization: Bearer <sweepToken>`. */
  readonly sweepToken?: string | undefined
  /** Told how long each decision took inside the library (the bench's libraryShare). */
  readonly onLibraryTime?: ((ms: number) => void) | undefined
  /** Where unexpected failures are reported (console.error by default). */
  readonly log?: ((message: string, error: unknown) => void) | undefined
}

export const DEFAULT_SWEEP_LAG_MS = 60_000
const DEFAULT_MAX_BODY_BYTES = 64 * 1024

/** An Idempotency-Key: 1 to 255 visible ASCII characters. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/

/** A path parameter of the route that matched (the routes are built at run time, so untyped). */
const param = (c: Context, name: string): string => c.req.param(name) ?? ''

const respond = (answer: Answer): Response =>
  new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: { 'content-type': 'application/json', ...answer.headers },
  })

/** The service for one database. */
export const createApp = (options: ServiceOptions): Hono => {
  const basePath = options.basePath ?? ''
  // A misconfigured prefix would answer 404 to everything: refuse it at start instead.
  if (!/^(?:\/[^/?#\s]+)*\/?$/.test(basePath))
    throw new Error(
      `basePath must be "" or a path such as "/prod", got ${JSON.stringify(basePath)}`,
    )
  const base = basePath.replace(/\/$/, '')
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const clock = options.clock ?? (() => new Date())
  const catalog = new TargetCatalog()
  const { db } = options
  const change = {
    db,
    catalog,
    clock,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    options: { basePath: base, maxBodyBytes },
    onLibraryTime: options.onLibraryTime,
  }
  const log =
    options.log ??
    ((message, error) => {
      console.error(message, error)
    })
  const app = new Hono()

  const target = `${base}/targetGroups/:targetGroupId/targets/:targetId`
  const notAllowed = (c: Context, allowed: string) =>
    respond(invalidInput(405, `method ${quote(c.req.method)} is not allowed: use ${allowed}`))

  app.post(`${target}/:endpoint{enroll|unEnroll|activity}`, async (c) => {
    const key = targetKeyOf(param(c, 'targetGroupId'), param(c, 'targetId'))
    if (!('targetId' in key)) return respond(key)
    const idempotencyKey = c.req.header('idempotency-key')
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey))
      return respond(
        invalidInput(400, 'the Idempotency-Key header must be 1 to 255 visible ASCII characters'),
      )
    return respond(
      await serveChange(change, {
        target: key,
        path: c.req.path,
        endpoint: param(c, 'endpoint'),
        bytes: await readBody(c.req.raw, maxBodyBytes),
        idempotencyKey,
      }),
    )
  })
  app.all(`${target}/:endpoint{enroll|unEnroll|activity}`, (c) => notAllowed(c, 'POST'))

  const customer = `${target}/customers/:customerId`
  app.get(customer, async (c) => {
    const key = targetKeyOf(param(c, 'targetGroupId'), param(c, 'targetId'))
    if (!('targetId' in key)) return respond(key)
    return respond(await serveCustomer(db, catalog, key, param(c, 'customerId'), clock()))
  })
  app.delete(customer, async (c) => {
    const key = targetKeyOf(param(c, 'targetGroupId'), param(c, 'targetId'))
    if (!('targetId' in key)) return respond(key)
    return respond(await serveErasure(db, catalog, key, param(c, 'customerId')))
  })
  app.all(customer, (c) => notAllowed(c, 'GET or DELETE'))

  app.post(`${base}/sweep`, async (c) =>
    respond(
      await serveSweep(db, catalog, {
        authorization: c.req.header('authorization'),
        token: options.sweepToken,
        body: await readBody(c.req.raw, maxBodyBytes),
        until: new Date(clock().getTime() - (options.sweepLagMs ?? DEFAULT_SWEEP_LAG_MS)),
      }),
    ),
  )
  app.all(`${base}/sweep`, (c) => notAllowed(c, 'POST'))

  // rule boundary.codes: no route is 404 with 300004, never an HTTP status as an error code.
  app.notFound((c) => respond(invalidInput(404, `no route for ${quote(c.req.path)}`)))
  app.onError((error) => {
    log('request failed; nothing was applied', error)
    return respond(internalError())
  })
  return app
}
