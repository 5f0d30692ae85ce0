// `npm run bench`: performance and footprint figures, each a ratio or a count from one run, written
// to bench/results.json. Everything runs the built package (`dist`), as a service would; only its
// types come from the source (so the type check needs no build), and the cycle lookup micro-bench
// calls an internal function of the source.
import { fork, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { Bench } from 'tinybench'
import type * as Library from '../src/index.js'
import type {
  Cycle,
  EnrolmentEvent,
  EnrolmentState,
  MilestoneTarget,
  Operation,
} from '../src/index.js'
import { cycleHolding, fixedWindow } from '../src/rules/window.js'
import { MutableFloor, type RewardLine } from './floor.js'
import { gzBytes } from './size.mjs'

const quick = process.env.BENCH_QUICK === '1'
/**
 * The stream measure runs each contender (the library, the floor) in a fresh child process of its
 * own, the two stepped chunk by chunk in lock step, and the scale measure runs in another
 * (`BENCH_PART`); three rounds, and each figure is the median. One process is a lottery on this
 * host (the cost of a cache miss differs from one to the next), two contenders in one process each
 * pay for the other's heap at every garbage collection, and two processes run one after the other
 * meet different minutes of a noisy host. The parent runs the rest.
 */
type Part = 'library' | 'floor' | 'scale'
const part = process.env.BENCH_PART as Part | undefined
const processes = quick ? 1 : 3
const log = (line: string): void => {
  console.log(line)
}
// The built package, typed as the source it is built from.
const {
  advance,
  calendarCycles,
  defineMilestone,
  enrolmentOf,
  initialState,
  openSession,
  recordActivity,
  reenroll,
  unenroll,
} = (await import(new URL('../dist/index.js', import.meta.url).href)) as typeof Library

const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) throw new Error('run with node --expose-gc (npm run bench does)')

const orFail = <A>(r: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}
const step = <A>(r: E.Either<{ readonly code: number; readonly message: string }, A>): A => {
  if (E.isLeft(r)) throw new Error(`${r.left.code} ${r.left.message}`)
  return r.right
}

/** A seeded PRNG (mulberry32): the same workload on every run, no Math.random. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const HOUR = 3_600_000
const target: MilestoneTarget = orFail(
  defineMilestone({
    targetGroupId: 1,
    targetId: 1,
    metric: 'COUNT',
    goal: 2,
    allocation: 'PERIOD_END',
    cycles: orFail(
      calendarCycles({ start: '2026-01-01', frequency: 'WEEKLY', count: 30, timeZone: 'UTC' }),
    ),
  }),
)
const cycle = (i: number) => target.cycles[i - 1] as Cycle

// ── floorRatio ───────────────────────────────────────────────────────────────────────────────

type Op =
  | { readonly kind: 'enroll' | 'unenroll' | 'reenroll'; readonly id: number; readonly t: number }
  | { readonly kind: 'activity'; readonly id: number; readonly t: number }
  | { readonly kind: 'advance'; readonly t: number }

/**
 * Enrol everyone, then each of 30 cycles: activities, some unenrolments and re-enrolments, advance.
 * Yielded a chunk at a time (the enrolments, then one cycle's operations), as a service receives
 * them: nobody holds a season of transactions in memory, and neither does the benchmark.
 */
function* workload(customers: number): Generator<ReadonlyArray<Op>> {
  const random = prng(42)
  const start = cycle(1).start.getTime()
  yield Array.from({ length: customers }, (_, i): Op => ({ kind: 'enroll', id: i + 1, t: start }))
  const out = new Set<number>()
  for (let i = 1; i <= target.cycles.length; i++) {
    const ops: Array<Op> = []
    const c = cycle(i)
    const from = c.start.getTime()
    const half = (c.end.getTime() - from) / 2
    for (let id = 1; id <= customers; id++) {
      if (random() < 0.4) continue
      const n = 1 + Math.floor(random() * 3)
      for (let k = 0; k < n; k++)
        ops.push({ kind: 'activity', id, t: from + Math.floor(random() * half) })
    }
    const leaving = Array.from(
      { length: Math.floor(customers / 50) },
      () => 1 + Math.floor(random() * customers),
    )
    for (const id of leaving)
      if (!out.has(id)) {
        out.add(id)
        ops.push({ kind: 'unenroll', id, t: from + half })
      }
    for (const id of [...out].filter(() => random() < 0.5)) {
      out.delete(id)
      ops.push({ kind: 'reenroll', id, t: from + half + HOUR })
    }
    ops.push({ kind: 'advance', t: c.end.getTime() })
    yield ops
  }
}

/** A chunk as the library's operations (built before timing, as the floor's chunk is). */
const asOperations = (ops: ReadonlyArray<Op>): ReadonlyArray<Operation> =>
  ops.map((op): Operation => {
    const now = new Date(op.t)
    switch (op.kind) {
      case 'advance':
        return { kind: 'advance', now }
      case 'activity':
        return { kind: 'activity', customerId: op.id, activity: { at: now } }
      default:
        return { kind: op.kind, customerId: op.id, now }
    }
  })

/** Runs `run` alone: the harness's own garbage collected first, so that neither side pays for it. */
const timed = (run: () => void): number => {
  gc()
  gc()
  const begin = process.hrtime.bigint()
  run()
  return Number(process.hrtime.bigint() - begin)
}

/** One side of the comparison: fed the same chunks, in the same order, as the other. */
interface Contender {
  readonly feed: (chunk: ReadonlyArray<Op>, operations: ReadonlyArray<Operation>) => void
  readonly finish: () => void
  /** The rewards reported since the last call, which forgets them. */
  readonly takeRewards: () => ReadonlyArray<RewardLine>
}

/** The floor: a Map of mutable records. */
const floorContender = (): Contender => {
  const floor = new MutableFloor(target)
  return {
    feed: (chunk) => {
      for (const op of chunk) {
        if (op.kind === 'advance') floor.advance(op.t)
        else if (op.kind === 'activity') floor.activity(op.id, op.t)
        else if (op.kind === 'enroll') floor.enroll(op.id, op.t)
        else if (op.kind === 'unenroll') floor.unenroll(op.id, op.t)
        else floor.reenroll(op.id, op.t)
      }
    },
    finish: () => undefined,
    takeRewards: () => floor.rewards.splice(0),
  }
}

/** Adds the rewards and forfeits among `events` as the floor writes them (and no more work). */
const collect = (rewards: Array<RewardLine>, events: ReadonlyArray<EnrolmentEvent>): void => {
  for (const e of events)
    if (e.type === 'REWARD_ISSUED' || e.type === 'REWARD_FORFEITED')
      rewards.push(`${e.customerId}/${e.cycle}/${e.type}/${e.at.getTime()}`)
}

/** The library as a stream consumer uses it: one session, its state published at the end. */
const sessionContender = (): Contender => {
  const session = openSession(initialState(target))
  let rewards: Array<RewardLine> = []
  return {
    feed: (_, operations) => {
      for (const operation of operations) collect(rewards, step(session.apply(operation)).events)
    },
    finish: () => {
      session.state()
    },
    takeRewards: () => {
      const taken = rewards
      rewards = []
      return taken
    },
  }
}

const floorCustomers = quick ? 5_000 : 100_000

/** What a contender reports for one chunk of the stream, or, after the last, for publishing. */
interface ChunkReport {
  readonly ns: number
  readonly operations: number
  readonly rewards: number
  /** sha256 of the chunk's reward lines, sorted: both contenders must give the same. */
  readonly digest: string
  readonly done: boolean
}

/**
 * One contender on the stream, alone in its process, a chunk at a time when its parent asks: the
 * chunk is timed after a full collection, its reward lines hashed outside the timed part and then
 * dropped, so the heap holds the contender's customers and nothing of the harness. After the last
 * chunk, the next step times `finish` (the library publishes its state).
 *
 * Why: a young-generation collection costs more the larger the old generation is. With every
 * reward line kept (over two million strings), both sides paid for it at every collection and
 * floorRatio shrank toward 1 (2.24–3.00 then); with both contenders in one process, each paid for
 * the other's customers (3.7–4.1).
 */
const streamStepper = (side: 'library' | 'floor') => {
  const contender = side === 'library' ? sessionContender() : floorContender()
  const chunks = workload(floorCustomers)
  return (): ChunkReport => {
    const next = chunks.next()
    if (next.done === true)
      return { ns: timed(contender.finish), operations: 0, rewards: 0, digest: '', done: true }
    const applied = asOperations(next.value)
    const ns = timed(() => {
      contender.feed(next.value, applied)
    })
    const paid = contender.takeRewards()
    const digest = createHash('sha256')
      .update([...paid].sort().join('\n'))
      .digest('hex')
    return { ns, operations: next.value.length, rewards: paid.length, digest, done: false }
  }
}

// ── scaleRatio and idleAdvanceRatio ──────────────────────────────────────────────────────────

const stateOf = (customers: number): EnrolmentState => {
  const session = openSession(initialState(target))
  const now = new Date(cycle(1).start.getTime())
  for (let customerId = 1; customerId <= customers; customerId++)
    step(session.apply({ kind: 'enroll', customerId, now }))
  // One advance inside c1 so that later advances with no boundary crossed are idle.
  step(session.apply({ kind: 'advance', now: new Date(cycle(1).start.getTime() + HOUR) }))
  return session.state()
}

const big = quick ? 20_000 : 1_000_000
const small = 1_000

/**
 * Nanoseconds each slice took in all, run as alternating slices (the first slice, the second, …,
 * then again; one untimed round first, `rounds` timed): this host drifts by tens of per cent within
 * a minute, and alternating puts the drift on every slice alike instead of on whichever ran last.
 */
const alternating = (rounds: number, slices: ReadonlyArray<() => void>): Array<number> => {
  const totals = slices.map(() => 0)
  for (let round = -1; round < rounds; round++)
    slices.forEach((slice, i) => {
      const begin = process.hrtime.bigint()
      slice()
      if (round >= 0) totals[i] = (totals[i] as number) + Number(process.hrtime.bigint() - begin)
    })
  return totals
}
const rounds = quick ? 4 : 20

type ScaleOperation = 'activity' | 'pair' | 'idle' | 'lookup'
type Times = Record<ScaleOperation, number>

/** Mean nanoseconds per call of each operation on each state, every call on a random customer. */
const perCustomerOps = (
  sized: ReadonlyArray<{ readonly state: EnrolmentState; readonly customers: number }>,
): ReadonlyArray<Times> => {
  const random = prng(7)
  const mid = new Date(cycle(1).start.getTime() + 2 * HOUR)
  // Always 0, but read from the record found, so that each lookup waits for the one before, as
  // an operation's steps do: the CPU cannot overlap the cache misses of consecutive lookups.
  let after = 0
  const run: Record<ScaleOperation, (state: EnrolmentState, customers: number) => void> = {
    activity: (state, customers) => {
      step(recordActivity(state, 1 + Math.floor(random() * customers), { at: mid }))
    },
    pair: (state, customers) => {
      const id = 1 + Math.floor(random() * customers)
      step(reenroll(step(unenroll(state, id, mid)).state, id, mid))
    },
    idle: (state) => {
      step(advance(state, mid))
    },
    lookup: (state, customers) => {
      const id = 1 + ((Math.floor(random() * customers) + after) % customers)
      const found = enrolmentOf(state, id)
      after = O.isSome(found) && found.value.customerId === id ? 0 : 1
      if (after !== 0) throw new Error(`customer ${id} not found`)
    },
  }
  const kinds: ReadonlyArray<ScaleOperation> = ['activity', 'pair', 'idle', 'lookup']
  const calls = quick ? 2_000 : 10_000
  const ns = alternating(
    rounds,
    sized.flatMap(({ state, customers }) =>
      kinds.map((kind) => () => {
        for (let call = 0; call < calls; call++) run[kind](state, customers)
      }),
    ),
  )
  const perCall = (i: number, k: number) => (ns[i * kinds.length + k] as number) / (rounds * calls)
  return sized.map((_, i) => ({
    activity: perCall(i, 0),
    pair: perCall(i, 1),
    idle: perCall(i, 2),
    lookup: perCall(i, 3),
  }))
}

/** Every figure of the scale measure, from one process. */
const measureScaleFigures = () => {
  log(`scale: building states of ${small} and ${big} customers…`)
  /** Both states, the big one's footprint, and its times beside the small one's; the states are
   * dropped on return, so that the floor's own scale measure below does not run beside them. */
  const measureScale = () => {
    const smallState = stateOf(small)
    gc()
    const heapBefore = process.memoryUsage().heapUsed
    const bigState = stateOf(big)
    gc()
    const bytes = (process.memoryUsage().heapUsed - heapBefore) / big
    const [smallTimes, bigTimes] = perCustomerOps([
      { state: smallState, customers: small },
      { state: bigState, customers: big },
    ]) as [Times, Times]
    return { bytes, smallTimes, bigTimes }
  }
  const { bytes: bytesPerCustomer, smallTimes, bigTimes } = measureScale()
  gc()
  const scaleRatio = (bigTimes.activity + bigTimes.pair) / (smallTimes.activity + smallTimes.pair)
  const idleAdvanceRatio = bigTimes.idle / smallTimes.idle
  /**
   * Context for scaleRatio, not a goal: how much of the time a sample (an activity, an unenrolment
   * and its re-enrolment) gains at a million customers is two lookups of a random customer, the
   * activity's and the unenrolment's (the re-enrolment finds the record the unenrolment just wrote,
   * in cache). A lookup only reads memory, so this share is what the size of the heap costs any map.
   */
  const coldLookupShare =
    (2 * (bigTimes.lookup - smallTimes.lookup)) /
    (bigTimes.activity + bigTimes.pair - (smallTimes.activity + smallTimes.pair))
  /**
   * Context for scaleRatio, not a goal: the scaleRatio of a sample that gained, at a million
   * customers, only its two lookups' extra time and nothing else. Above the goal, no map keyed by
   * customer could meet it in this run with these operations' own cost at 1,000 customers.
   */
  const lookupOnlyScaleRatio =
    (smallTimes.activity + smallTimes.pair + 2 * (bigTimes.lookup - smallTimes.lookup)) /
    (smallTimes.activity + smallTimes.pair)
  const ns = (x: number) => `${x.toFixed(0)} ns`
  log(
    `scale: per call at ${small}: activity ${ns(smallTimes.activity)}, unenroll+reenroll ${ns(smallTimes.pair)}, idle advance ${ns(smallTimes.idle)}, lookup ${ns(smallTimes.lookup)}; at ${big}: ${ns(bigTimes.activity)}, ${ns(bigTimes.pair)}, ${ns(bigTimes.idle)}, ${ns(bigTimes.lookup)}`,
  )
  log(
    `scale: two lookups of a random customer are ${(100 * coldLookupShare).toFixed(0)}% of what a sample gains at ${big}; with nothing else gained, scaleRatio would be ${lookupOnlyScaleRatio.toFixed(2)}`,
  )

  /**
   * Context for scaleRatio, not a goal: the floor's own time per call at a million customers ÷ at a
   * thousand, for the same calls (an activity; an unenrolment and its re-enrolment), measured in the
   * same alternating slices. A plain mutable `Map` pays for the caches at that size too.
   */
  const floorScaleRatio = (() => {
    const start = cycle(1).start.getTime()
    const floorOf = (customers: number): MutableFloor => {
      const floor = new MutableFloor(target)
      for (let id = 1; id <= customers; id++) floor.enroll(id, start)
      floor.advance(start + HOUR)
      return floor
    }
    const sized = [small, big].map((customers) => ({ floor: floorOf(customers), customers }))
    gc()
    const random = prng(11)
    const t = start + 2 * HOUR
    const calls = quick ? 20_000 : 100_000
    const [smallNs, bigNs] = alternating(
      rounds,
      sized.map(({ floor, customers }) => () => {
        for (let call = 0; call < calls; call++) {
          const id = 1 + Math.floor(random() * customers)
          if (!floor.activity(id, t)) throw new Error('the floor refused an activity')
          const other = 1 + Math.floor(random() * customers)
          if (!floor.unenroll(other, t) || !floor.reenroll(other, t))
            throw new Error('the floor refused an unenrolment or a re-enrolment')
        }
      }),
    ) as [number, number]
    return bigNs / smallNs
  })()
  log(`scale: the floor's own ratio, same calls: ${floorScaleRatio.toFixed(2)}`)
  return {
    bytesPerCustomer,
    scaleRatio,
    idleAdvanceRatio,
    floorScaleRatio,
    lookupNs: [Math.round(smallTimes.lookup), Math.round(bigTimes.lookup)],
    coldLookupShare,
    lookupOnlyScaleRatio,
  }
}

/** In a child process: runs one part, prints its figures as the last line, and ends. */
const resultLine = 'RESULT '
if (part === 'scale') {
  log(`${resultLine}${JSON.stringify(measureScaleFigures())}`)
  process.exit(0)
}
if (part !== undefined) {
  // A stream contender: one chunk each time the parent asks, until the parent disconnects. It
  // never goes on to the rest of this file, which is the parent's (and forks contenders).
  if (process.send === undefined) throw new Error(`BENCH_PART=${part} is run by npm run bench`)
  const step = streamStepper(part)
  process.on('message', () => {
    process.send?.(step())
  })
  process.on('disconnect', () => {
    process.exit(0)
  })
  await new Promise<never>(() => undefined)
}

/** Runs the scale measure in a fresh process: its log lines, then its figures. */
const scaleProcess = (run: number): unknown => {
  const name = 'scale'
  const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    env: { ...process.env, BENCH_PART: name },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines = r.stdout.toString().trimEnd().split('\n')
  const last = lines.pop() ?? ''
  if (r.status !== 0 || !last.startsWith(resultLine))
    throw new Error(`the ${name} measure failed (exit ${String(r.status)})`)
  for (const line of lines) log(`[${name} ${run}/${processes}] ${line}`)
  return JSON.parse(last.slice(resultLine.length)) as unknown
}
const median = (xs: ReadonlyArray<number>) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
/** The run whose `key` is the median of all runs' (its other figures come with it). */
const medianRun = <F extends Record<K, number>, K extends string>(
  runs: ReadonlyArray<F>,
  key: K,
): F => {
  const m = median(runs.map((r) => r[key]))
  return runs.find((r) => r[key] === m) as F
}

/** A stream contender in a fresh process of its own, stepped a chunk at a time. */
const contenderProcess = (side: 'library' | 'floor') => {
  const process_ = fork(fileURLToPath(import.meta.url), [], {
    execArgv: process.execArgv,
    env: { ...process.env, BENCH_PART: side },
  })
  let waiting:
    | { readonly resolve: (report: ChunkReport) => void; readonly reject: (e: Error) => void }
    | undefined
  process_.on('message', (report) => {
    waiting?.resolve(report as ChunkReport)
    waiting = undefined
  })
  process_.on('exit', (code) => {
    waiting?.reject(new Error(`the ${side} contender exited (${String(code)})`))
    waiting = undefined
  })
  const step = () =>
    new Promise<ChunkReport>((resolve, reject) => {
      waiting = { resolve, reject }
      process_.send('step')
    })
  const stop = (): void => {
    process_.disconnect()
  }
  return { step, stop }
}

/**
 * The library and the floor on the same stream, each in its own process, in lock step: chunk by
 * chunk, one and then the other (which goes first alternates), so that whatever the host is doing
 * falls on both alike. One process alone for the whole stream was a lottery on this host: the same
 * code measured 898 and 1,342 ns an operation minutes apart, and the floor's run could land in a
 * quiet minute and the library's in a busy one.
 */
const measureStreamPair = async (run: number) => {
  log(
    `[stream ${run}/${processes}] ${floorCustomers} customers over 30 cycles, the two in lock step…`,
  )
  const library = contenderProcess('library')
  const floor = contenderProcess('floor')
  const ns = { library: 0, floor: 0 }
  let operations = 0
  let rewards = 0
  try {
    for (let chunk = 0; ; chunk++) {
      const libraryFirst = (chunk + run) % 2 === 0
      const first = await (libraryFirst ? library : floor).step()
      const second = await (libraryFirst ? floor : library).step()
      const [own, floors] = libraryFirst ? [first, second] : [second, first]
      ns.library += own.ns
      ns.floor += floors.ns
      if (own.done !== floors.done || own.digest !== floors.digest)
        throw new Error(
          `the floor and the library disagree on the rewards of chunk ${chunk}: the floor is not the same rules`,
        )
      if (own.done) break
      operations += own.operations
      rewards += own.rewards
    }
  } finally {
    library.stop()
    floor.stop()
  }
  if (rewards === 0) throw new Error('the stream paid no reward: nothing was compared')
  const perOperation = (side: number) => `${(side / operations).toFixed(0)} ns an operation`
  log(
    `[stream ${run}/${processes}] ${operations} operations, ${rewards} rewards; library ${perOperation(ns.library)}, floor ${perOperation(ns.floor)}`,
  )
  return { floorRatio: ns.library / ns.floor, operationCount: operations }
}

type ScaleFigures = ReturnType<typeof measureScaleFigures>
const floorRuns: Array<{ readonly floorRatio: number; readonly operationCount: number }> = []
const scaleRuns: Array<ScaleFigures> = []
for (let run = 1; run <= processes; run++) {
  floorRuns.push(await measureStreamPair(run))
  scaleRuns.push(scaleProcess(run) as ScaleFigures)
}
const { floorRatio, operationCount } = medianRun(floorRuns, 'floorRatio')
const scale = medianRun(scaleRuns, 'scaleRatio')
const { bytesPerCustomer, scaleRatio } = scale
const idleAdvanceRatio = median(scaleRuns.map((r) => r.idleAdvanceRatio))

// ── cycleLookupRatio ─────────────────────────────────────────────────────────────────────────

const dailyCycles = (count: number): ReadonlyArray<Cycle> =>
  Array.from({ length: count }, (_, i) => ({
    index: i + 1,
    refCode: `d${i + 1}`,
    start: new Date(Date.UTC(2026, 0, 1 + i)),
    end: new Date(Date.UTC(2026, 0, 2 + i)),
  }))
const lookup = async (count: number) => {
  const cycles = dailyCycles(count)
  const random = prng(3)
  const span = count * 24 * HOUR
  const from = Date.UTC(2026, 0, 1)
  const bench = new Bench({ time: quick ? 200 : 1_000, warmup: true })
  let found = 0
  const window = fixedWindow({ cycles } as unknown as MilestoneTarget)
  bench.add('lookup', () => {
    if (cycleHolding(window, undefined, from + Math.floor(random() * span)) !== 0) found++
  })
  await bench.run()
  const r = bench.getTask('lookup')?.result
  if (r === undefined || !('latency' in r) || found === 0) throw new Error('lookup bench failed')
  // The median: a search allocates nothing, so a mean would only add the host's hiccups.
  return r.latency.p50
}
const cycleLookupRatio = (await lookup(10_000)) / (await lookup(10))

// ── gzBytesUnenroll and coldImportMs ─────────────────────────────────────────────────────────

const gzBytesUnenroll = await gzBytes(['unenroll'])

const coldScript = fileURLToPath(new URL('./cold.mjs', import.meta.url))
const bareScript = fileURLToPath(new URL('./bare.mjs', import.meta.url))
const timeNode = (args: ReadonlyArray<string>) => {
  const begin = process.hrtime.bigint()
  const r = spawnSync(process.execPath, args, { stdio: 'pipe' })
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr.toString()}`)
  return Number(process.hrtime.bigint() - begin) / 1e6
}
// A full collection first, so no concurrent marking of this process competes with the children.
gc()
const coldRuns = quick ? 5 : 21
const withImport: Array<number> = []
const bare: Array<number> = []
for (let i = 0; i < coldRuns; i++) {
  withImport.push(timeNode([coldScript]))
  bare.push(timeNode([bareScript]))
}
const coldImportMs = median(withImport) - median(bare)

// ── report ───────────────────────────────────────────────────────────────────────────────────

const figures = {
  floorRatio: { value: floorRatio, goal: 3, better: 'lower' },
  scaleRatio: { value: scaleRatio, goal: 1.5, better: 'lower' },
  cycleLookupRatio: { value: cycleLookupRatio, goal: 3, better: 'lower' },
  idleAdvanceRatio: { value: idleAdvanceRatio, goal: 1.5, better: 'lower' },
  bytesPerCustomer: { value: bytesPerCustomer, goal: 400, better: 'lower' },
  gzBytesUnenroll: { value: gzBytesUnenroll, goal: 10_240, better: 'lower' },
  coldImportMs: { value: coldImportMs, goal: 20, better: 'lower' },
} as const

console.table(
  Object.fromEntries(
    Object.entries(figures).map(([name, f]) => [
      name,
      { value: Number(f.value.toFixed(2)), goal: `≤ ${f.goal}`, met: f.value <= f.goal },
    ]),
  ),
)
const results = {
  measuredAt: new Date().toISOString(),
  quick,
  machine: {
    node: process.version,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  },
  workload: {
    floorCustomers,
    floorOperations: operationCount,
    scaleCustomers: [small, big],
    lookupCycles: [10, 10_000],
  },
  figures: Object.fromEntries(
    Object.entries(figures).map(([name, f]) => [name, Number(f.value.toFixed(3))]),
  ),
  // Not goals. floorScaleRatio: the same scale measure for bench/floor.ts (a mutable Map), for
  // comparison. lookupNs: one enrolmentOf of a random customer, each waiting for the one before,
  // at each size. coldLookupShare: two of those lookups' extra time at the big size over the
  // extra time of a scale sample. lookupOnlyScaleRatio: scaleRatio if a sample gained only those
  // two lookups (see above). These four come from the process whose scaleRatio is the median.
  context: {
    floorScaleRatio: Number(scale.floorScaleRatio.toFixed(3)),
    lookupNs: scale.lookupNs,
    coldLookupShare: Number(scale.coldLookupShare.toFixed(3)),
    lookupOnlyScaleRatio: Number(scale.lookupOnlyScaleRatio.toFixed(3)),
    // Each process's figure, in the order run: the figures above are their medians.
    runs: {
      floorRatio: floorRuns.map((r) => Number(r.floorRatio.toFixed(3))),
      scaleRatio: scaleRuns.map((r) => Number(r.scaleRatio.toFixed(3))),
      idleAdvanceRatio: scaleRuns.map((r) => Number(r.idleAdvanceRatio.toFixed(3))),
    },
  },
  goals: Object.fromEntries(Object.entries(figures).map(([name, f]) => [name, f.goal])),
  allMet: Object.values(figures).every((f) => f.value <= f.goal),
}
if (!quick)
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`)
log(quick ? 'quick run: bench/results.json not written' : 'written: bench/results.json')
