// floorRatio: the library (one session, as a stream consumer uses it) against the floor (a plain
// mutable implementation of the same rules, bench/floor.ts) on the same stream of operations. Each
// side runs in a fresh process of its own, the two stepped chunk by chunk in lock step.
import { fork } from 'node:child_process'
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { EnrolmentEvent, Operation } from '../../src/index.js'
import { MutableFloor, type RewardLine } from '../floor.js'
import { log, quick, step, timed } from './harness.js'
import { library } from './library.js'
import { asOperations, stream, weekly, type Op } from './workloads.js'

export const floorCustomers = quick ? 5_000 : 100_000

/** One side of the comparison: fed the same chunks, in the same order, as the other. */
interface Contender {
  readonly feed: (chunk: ReadonlyArray<Op>, operations: ReadonlyArray<Operation>) => void
  readonly finish: () => void
  /** The rewards reported since the last call, which forgets them. */
  readonly takeRewards: () => ReadonlyArray<RewardLine>
}

const floorContender = (): Contender => {
  const floor = new MutableFloor(weekly())
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
const collectRewards = (
  rewards: Array<RewardLine>,
  events: ReadonlyArray<EnrolmentEvent>,
): void => {
  for (const e of events)
    if (e.type === 'REWARD_ISSUED' || e.type === 'REWARD_FORFEITED')
      rewards.push(`${e.customerId}/${e.cycle}/${e.type}/${e.at.getTime()}`)
}

const sessionContender = (): Contender => {
  const session = library.openSession(library.initialState(weekly()))
  let rewards: Array<RewardLine> = []
  return {
    feed: (_, operations) => {
      for (const operation of operations)
        collectRewards(rewards, step(session.apply(operation)).events)
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

/** What a contender reports for one chunk, or, after the last, for publishing. */
interface ChunkReport {
  readonly ns: number
  readonly operations: number
  readonly rewards: number
  /** sha256 of the chunk's reward lines, sorted: both contenders must give the same. */
  readonly digest: string
  readonly done: boolean
}

/**
 * One contender, alone in its process, a chunk at a time when its parent asks: the chunk is timed
 * after a full collection, its reward lines hashed outside the timed part and dropped, so the heap
 * holds the contender's customers and nothing of the harness.
 */
const stepper = (side: 'library' | 'floor') => {
  const contender = side === 'library' ? sessionContender() : floorContender()
  const chunks = stream(weekly(), floorCustomers)
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

/** A contender in a fresh process of its own, stepped a chunk at a time. */
const contenderProcess = (side: 'library' | 'floor') => {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { ...process.env, BENCH_SIDE: side },
  })
  let waiting:
    | { readonly resolve: (report: ChunkReport) => void; readonly reject: (e: Error) => void }
    | undefined
  child.on('message', (report) => {
    waiting?.resolve(report as ChunkReport)
    waiting = undefined
  })
  child.on('exit', (code) => {
    waiting?.reject(new Error(`the ${side} contender exited (${String(code)})`))
    waiting = undefined
  })
  return {
    step: () =>
      new Promise<ChunkReport>((resolve, reject) => {
        waiting = { resolve, reject }
        child.send('step')
      }),
    stop: () => {
      child.disconnect()
    },
  }
}

/**
 * The library and the floor on the same stream in lock step: chunk by chunk, one and then the other
 * (which goes first alternates), so that whatever the host is doing falls on both alike.
 */
export const measureStream = async (
  run: number,
  of: number,
): Promise<{ readonly floorRatio: number; readonly operations: number }> => {
  log(`[stream ${run}/${of}] ${floorCustomers} customers over 30 cycles, the two in lock step…`)
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
  const per = (side: number) => `${(side / operations).toFixed(0)} ns an operation`
  log(
    `[stream ${run}/${of}] ${operations} operations, ${rewards} rewards; library ${per(ns.library)}, floor ${per(ns.floor)}`,
  )
  return { floorRatio: ns.library / ns.floor, operations }
}

// A contender's process: one chunk each time the parent asks, until the parent disconnects.
const side = process.env.BENCH_SIDE
if (side === 'library' || side === 'floor') {
  const next = stepper(side)
  process.on('message', () => {
    process.send?.(next())
  })
  process.on('disconnect', () => {
    process.exit(0)
  })
}
