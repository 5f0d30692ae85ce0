// The load generator of `npm run bench:service`, in a process of its own: autocannon posts
// activities for random customers of the 10,000 enrolled, on `connections` connections, for
// `seconds`, and prints its figures as one JSON line.
import { createRequire } from 'node:module'

/** The part of autocannon's API used here (it ships no types). */
interface AutocannonResult {
  readonly duration: number
  readonly requests: { readonly total: number }
  readonly latency: { readonly p50: number; readonly p99: number; readonly max: number }
  readonly non2xx: number
  readonly errors: number
  readonly timeouts: number
  readonly statusCodeStats: Readonly<Record<string, { readonly count: number }>>
}
type Autocannon = (options: {
  readonly url: string
  readonly connections: number
  readonly duration: number
  readonly requests: ReadonlyArray<{
    readonly method: 'POST'
    readonly headers: Readonly<Record<string, string>>
    readonly setupRequest: (request: Readonly<Record<string, unknown>>) => Record<string, unknown>
  }>
}) => Promise<AutocannonResult>

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

const [url = '', connections = '50', seconds = '10', customers = '10000', seed = '1'] =
  process.argv.slice(2)

/** A seeded PRNG (mulberry32): the same customers on every run. */
let state = Number(seed)
const random = (): number => {
  state = (state + 0x6d2b79f5) | 0
  let t = Math.imul(state ^ (state >>> 15), 1 | state)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
let sent = 0
const prefix = `${process.pid}-${seed}`

const cpu = process.cpuUsage()
const result = await autocannon({
  url,
  connections: Number(connections),
  duration: Number(seconds),
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // A point-of-sale sends each purchase with its own transaction id.
      setupRequest: (request) => ({
        ...request,
        body: JSON.stringify([
          {
            customerId: 1 + Math.floor(random() * Number(customers)),
            transactionId: `${prefix}-${sent++}`,
          },
        ]),
      }),
    },
  ],
})
const used = process.cpuUsage(cpu)
console.log(
  JSON.stringify({
    loadCpuUsPerRequest: (used.user + used.system) / result.requests.total,
    rps: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([status, stats]) => [status, stats.count]),
    ),
  }),
)
