// `npm run bench:service`: the service's throughput and tail latency. The service runs in this
// process on a port of loopback; autocannon, in a second process (bench/serviceLoad.ts), posts
// activities (each with its own transactionId) for random customers of 10,000 enrolled ones on 50
// connections. Three runs of BENCH_SECONDS (10) after a warm-up, on PGlite (a data directory) and on
// PostgreSQL (DATABASE_URL, else a throwaway server); each figure is the median of the runs.
// serviceLibraryShare: the time spent inside the library (building the customer's state, deciding,
// encoding the record) over the time from the request's arrival to its response, server side.
// The figures land in bench/results.json (merged: the other figures are kept).
import { serve } from '@hono/node-server'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import {
  defineMilestone,
  encodeEnrolment,
  enroll,
  enrolmentOf,
  initialState,
  nextDueAt,
  type Target,
} from 'loyalty-streaks'
import pg from 'pg'
import { createApp } from '../examples/service/app.js'
import type { Database } from '../examples/service/database.js'
import { migrate } from '../examples/service/migrate.js'
import { openPglite } from '../examples/service/pgliteDatabase.js'
import { openPostgres } from '../examples/service/postgresDatabase.js'
import { defineTarget } from '../examples/service/targetStore.js'
import { postgresCpuMs, postgresCpuSince, startPostgres } from './servicePostgres.js'

const CUSTOMERS = 10_000
const CONNECTIONS = 50
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const WARM_UP_SECONDS = 3
const DAY = 86_400_000

interface LoadFigures {
  /** CPU time of the load generator per request. */
  readonly loadCpuUsPerRequest: number
  readonly rps: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly maxMs: number
  readonly requests: number
  readonly non2xx: number
  readonly errors: number
  readonly timeouts: number
  readonly statuses: Readonly<Record<string, number>>
}

interface Run extends LoadFigures {
  readonly libraryShare: number
  readonly libraryUsPerRequest: number
  readonly serverMsPerRequest: number
  /** The share of the run this process's event loop was busy (1: the service is CPU-bound). */
  readonly eventLoopBusy: number
  /** CPU time of this process (user and system) per request: the service's own cost. */
  readonly serverCpuUsPerRequest: number
  /** CPU time of the local postgres processes per request (none for PGlite or a remote server). */
  readonly postgresCpuUsPerRequest: number | undefined
  /** The machine's load average over the last minute, after the run: other work shares the cores. */
  readonly loadAverage: number
}

const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

const round = (value: number, digits = 3): number => Number(value.toFixed(digits))

/** Goal 10 transactions a cycle, rewarded at once: about one activity in ten writes two events. */
const benchTarget = (now: Date): Target => {
  const start = new Date(now.getTime() - DAY)
  const defined = defineMilestone({
    targetGroupId: 1,
    targetId: 1,
    name: 'bench',
    metric: 'COUNT',
    goal: 10,
    allocation: 'IMMEDIATE',
    cycles: [0, 1, 2].map((i) => ({
      refCode: `c${i + 1}`,
      start: new Date(start.getTime() + i * 30 * DAY),
      end: new Date(start.getTime() + (i + 1) * 30 * DAY),
    })),
  })
  if (E.isLeft(defined)) throw new Error(defined.left.message)
  return defined.right
}

/** Customers 1…count enrolled, written as the service writes them, in batches. */
const enrolAll = async (db: Database, target: Target, count: number, now: Date): Promise<void> => {
  let state = initialState(target)
  for (let id = 1; id <= count; id++) {
    const enrolled = enroll(state, id, now)
    if (E.isLeft(enrolled)) throw new Error(enrolled.left.message)
    state = enrolled.right.state
  }
  for (let from = 1; from <= count; from += 2000) {
    const rows = []
    for (let id = from; id < Math.min(from + 2000, count + 1); id++)
      rows.push({
        customer_id: id,
        version: O.toUndefined(enrolmentOf(state, id))?.version,
        next_due_at: O.toUndefined(nextDueAt(state, id))?.toISOString() ?? null,
        record: O.toUndefined(encodeEnrolment(state, id)),
      })
    await db.query(
      `insert into customers (target_group_id, target_id, customer_id, version, next_due_at, record)
       select 1, 1, r.customer_id, r.version, r.next_due_at, r.record
       from json_to_recordset($1::json)
         as r(customer_id bigint, version integer, next_due_at timestamptz, record json)`,
      [JSON.stringify(rows)],
    )
  }
}

/** One run of the load generator in its own process. */
const load = (url: string, seconds: number, seed: number): Promise<LoadFigures> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        new URL('./serviceLoad.ts', import.meta.url).pathname,
        url,
        String(CONNECTIONS),
        String(seconds),
        String(CUSTOMERS),
        String(seed),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) => {
      const last = output.trim().split('\n').at(-1) ?? ''
      if (code === 0) resolve(JSON.parse(last) as LoadFigures)
      else reject(new Error(`load generator exited with ${code}: ${output}`))
    })
  })

/** The service on `db`, loaded: a warm-up, then RUNS measured runs. */
const measure = async (db: Database): Promise<ReadonlyArray<Run>> => {
  const now = new Date()
  await migrate(db)
  const target = benchTarget(now)
  await defineTarget(db, target)
  await enrolAll(db, target, CUSTOMERS, now)
  let libraryMs = 0
  let serverMs = 0
  let served = 0
  const app = createApp({
    db,
    onLibraryTime: (ms) => {
      libraryMs += ms
    },
    log: (message, error) => {
      console.error(message, error)
    },
  })
  const server = serve({
    fetch: async (request: Request) => {
      const start = performance.now()
      const response = await app.fetch(request)
      serverMs += performance.now() - start
      served++
      return response
    },
    port: 0,
    hostname: '127.0.0.1',
  })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  const url = `http://127.0.0.1:${port}/targetGroups/1/targets/1/activity`
  await load(url, WARM_UP_SECONDS, 0)
  const runs: Array<Run> = []
  for (let run = 1; run <= RUNS; run++) {
    const loop = performance.eventLoopUtilization()
    const cpu = process.cpuUsage()
    const postgresBefore = postgresCpuMs()
    libraryMs = 0
    serverMs = 0
    served = 0
    const figures = await load(url, SECONDS, run)
    const busy = performance.eventLoopUtilization(loop).utilization
    const used = process.cpuUsage(cpu)
    const cpuUs = (used.user + used.system) / served
    const postgresMs = postgresCpuSince(postgresBefore)
    const postgresUs = postgresMs === undefined ? undefined : (postgresMs * 1000) / served
    runs.push({
      ...figures,
      libraryShare: libraryMs / serverMs,
      libraryUsPerRequest: (libraryMs * 1000) / served,
      serverMsPerRequest: serverMs / served,
      eventLoopBusy: busy,
      serverCpuUsPerRequest: cpuUs,
      postgresCpuUsPerRequest: postgresUs,
      loadAverage: os.loadavg()[0] ?? 0,
    })
    console.log(
      `  run ${run}: ${Math.round(figures.rps)} requests/s, p99 ${figures.p99Ms} ms, library ${round((libraryMs / serverMs) * 100, 1)}% (${round((libraryMs * 1000) / served, 1)} µs a request), ${round(serverMs / served, 1)} ms a request in the server, event loop ${Math.round(busy * 100)}% busy, CPU a request: ${Math.round(cpuUs)} µs here, ${postgresUs === undefined ? 'n/a' : Math.round(postgresUs)} µs in postgres, ${Math.round(figures.loadCpuUsPerRequest)} µs in the load generator; load average ${(os.loadavg()[0] ?? 0).toFixed(1)}, non-2xx ${figures.non2xx}`,
    )
  }
  await new Promise((resolve) => server.close(resolve))
  return runs
}

const onPglite = async (): Promise<ReadonlyArray<Run>> => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-pglite-'))
  const db = await openPglite(dir)
  try {
    return await measure(db)
  } finally {
    await db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

const onPostgres = async (): Promise<ReadonlyArray<Run>> => {
  const given = process.env.DATABASE_URL
  const server = given === undefined || given === '' ? await startPostgres() : undefined
  const url = given === undefined || given === '' ? (server?.url ?? '') : given
  const name = `bench_service_${process.pid}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const address = new URL(url)
  address.pathname = `/${name}`
  const db = openPostgres(address.toString())
  try {
    return await measure(db)
  } finally {
    await db.close()
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
    server?.stop()
  }
}

const summary = (runs: ReadonlyArray<Run>) => ({
  rps: round(median(runs.map((r) => r.rps)), 1),
  p99Ms: median(runs.map((r) => r.p99Ms)),
  p50Ms: median(runs.map((r) => r.p50Ms)),
  libraryShare: round(median(runs.map((r) => r.libraryShare))),
  libraryUsPerRequest: round(median(runs.map((r) => r.libraryUsPerRequest)), 1),
  // The library's part of the service process's CPU (libraryShare is its part of the latency).
  libraryCpuShare: round(median(runs.map((r) => r.libraryUsPerRequest / r.serverCpuUsPerRequest))),
  serverMsPerRequest: round(median(runs.map((r) => r.serverMsPerRequest))),
  eventLoopBusy: round(median(runs.map((r) => r.eventLoopBusy))),
  serverCpuUsPerRequest: Math.round(median(runs.map((r) => r.serverCpuUsPerRequest))),
  postgresCpuUsPerRequest: runs.some((r) => r.postgresCpuUsPerRequest === undefined)
    ? null
    : Math.round(median(runs.map((r) => r.postgresCpuUsPerRequest ?? 0))),
  loadGeneratorCpuUsPerRequest: Math.round(median(runs.map((r) => r.loadCpuUsPerRequest))),
  loadAverage: round(median(runs.map((r) => r.loadAverage)), 2),
  non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
  runs: runs.map((r) => ({
    rps: round(r.rps, 1),
    p99Ms: r.p99Ms,
    libraryShare: round(r.libraryShare),
  })),
})

console.log(`PGlite (a data directory), ${CUSTOMERS} customers, ${CONNECTIONS} connections:`)
const pglite = summary(await onPglite())
console.log(`PostgreSQL, ${CUSTOMERS} customers, ${CONNECTIONS} connections:`)
const postgres = summary(await onPostgres())

const goals = { serviceRps: 1000, serviceP99Ms: 50 }
const figures = {
  serviceRps: postgres.rps,
  serviceP99Ms: postgres.p99Ms,
  serviceLibraryShare: postgres.libraryShare,
}
console.table({
  serviceRps: { PostgreSQL: postgres.rps, PGlite: pglite.rps, goal: `≥ ${goals.serviceRps}` },
  serviceP99Ms: {
    PostgreSQL: postgres.p99Ms,
    PGlite: pglite.p99Ms,
    goal: `≤ ${goals.serviceP99Ms}`,
  },
  serviceLibraryShare: { PostgreSQL: postgres.libraryShare, PGlite: pglite.libraryShare, goal: '' },
})

// Merged into the file `npm run bench` writes: its figures and goals are kept. goalKinds says which
// way each service goal points (the other goals are ceilings); allMet counts them all.
const file = new URL('./results.json', import.meta.url)
const results = JSON.parse(readFileSync(file, 'utf8')) as {
  figures: Record<string, number>
  goals: Record<string, number>
  context?: Record<string, unknown>
  [key: string]: unknown
}
const goalKinds = { serviceRps: 'at least', serviceP99Ms: 'at most' } as const
const merged = {
  ...results,
  figures: { ...results.figures, ...figures },
  context: {
    ...results.context,
    service: {
      measuredAt: new Date().toISOString(),
      workload: {
        customers: CUSTOMERS,
        connections: CONNECTIONS,
        seconds: SECONDS,
        runs: RUNS,
        request: 'POST …/activity with a transactionId, one random enrolled customer',
      },
      PostgreSQL: postgres,
      PGlite: pglite,
    },
  },
  goals: { ...results.goals, ...goals },
  goalKinds,
}
const allFigures: Readonly<Record<string, number>> = merged.figures
const met = (name: string, goal: number): boolean => {
  const value = allFigures[name] ?? Number.NaN
  return name === 'serviceRps' ? value >= goal : value <= goal
}
writeFileSync(
  file,
  `${JSON.stringify({ ...merged, allMet: Object.entries(merged.goals).every(([name, goal]) => met(name, goal)) }, null, 2)}\n`,
)
console.log('written: bench/results.json (figures serviceRps, serviceP99Ms, serviceLibraryShare)')
