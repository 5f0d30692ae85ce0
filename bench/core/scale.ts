// A child process of `npm run bench` (BENCH_TARGET = weekly | grace | cyclic): the pure calls'
// time per operation with a million customers against a thousand (scaleRatio), an idle advance's
// (idleAdvanceRatio), and the heap each customer takes (bytesPerCustomer).
import * as O from 'fp-ts/lib/Option.js'
import type { EnrolmentState, Target } from '../../src/index.js'
import { alternating, collect, log, prng, quick, report, step } from './harness.js'
import { library } from './library.js'
import { cyclic, quietInstant, stateOf, weekly } from './workloads.js'

const { advance, enrolmentOf, recordActivity, reenroll, unenroll } = library

const targets: Readonly<Record<string, () => Target>> = {
  weekly: () => weekly(),
  grace: () => weekly(2),
  cyclic,
}
const which = process.env.BENCH_TARGET ?? 'weekly'
const target = (targets[which] ?? weekly)()
const big = quick ? 20_000 : 1_000_000
const small = 1_000
const rounds = quick ? 4 : 20
const calls = quick ? 2_000 : 10_000

type Kind = 'activity' | 'pair' | 'idle' | 'lookup'
const kinds: ReadonlyArray<Kind> = ['activity', 'pair', 'idle', 'lookup']

/** Mean nanoseconds per call of each operation on each state, every call on a random customer. */
const perCall = (
  sized: ReadonlyArray<{ readonly state: EnrolmentState; readonly customers: number }>,
): ReadonlyArray<Record<Kind, number>> => {
  const random = prng(7)
  const mid = quietInstant(target)
  // Always 0, but read from the record found, so that each lookup waits for the one before, as
  // an operation's steps do: the CPU cannot overlap the cache misses of consecutive lookups.
  let after = 0
  const run: Record<Kind, (state: EnrolmentState, customers: number) => void> = {
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
  const ns = alternating(
    rounds,
    sized.flatMap(({ state, customers }) =>
      kinds.map((kind) => () => {
        for (let call = 0; call < calls; call++) run[kind](state, customers)
      }),
    ),
  )
  return sized.map(
    (_, i) =>
      Object.fromEntries(
        kinds.map((kind, k) => [kind, (ns[i * kinds.length + k] as number) / (rounds * calls)]),
      ) as Record<Kind, number>,
  )
}

log(`${which}: building states of ${small} and ${big} customers…`)
const smallState = stateOf(target, small)
collect()
const heapBefore = process.memoryUsage().heapUsed
const bigState = stateOf(target, big)
collect()
const bytesPerCustomer = (process.memoryUsage().heapUsed - heapBefore) / big
const [s, b] = perCall([
  { state: smallState, customers: small },
  { state: bigState, customers: big },
]) as [Record<Kind, number>, Record<Kind, number>]
const ns = (x: number) => `${x.toFixed(0)} ns`
log(
  `${which}: per call at ${small}: activity ${ns(s.activity)}, unenroll+reenroll ${ns(s.pair)}, idle advance ${ns(s.idle)}, lookup ${ns(s.lookup)}; at ${big}: ${ns(b.activity)}, ${ns(b.pair)}, ${ns(b.idle)}, ${ns(b.lookup)}`,
)
// Context, not a goal: a sample that gained, at the big size, only its two lookups' extra time.
const lookupOnlyScaleRatio =
  (s.activity + s.pair + 2 * (b.lookup - s.lookup)) / (s.activity + s.pair)
report({
  scaleRatio: (b.activity + b.pair) / (s.activity + s.pair),
  idleAdvanceRatio: b.idle / s.idle,
  bytesPerCustomer,
  lookupNs: [Math.round(s.lookup), Math.round(b.lookup)],
  lookupOnlyScaleRatio,
  perCallNs: { small: s, big: b },
})
