/**
 * `--workers K`: the replay split by customer over K worker threads, as K shards of one machine,
 * merged back into what a single replay gives (rule simulate.workers).
 *
 * @since 0.2.0
 */
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parentPort, Worker } from 'node:worker_threads'
import * as E from 'fp-ts/lib/Either.js'
import { READ_CHUNK, readLines } from './lineReader.js'
import { heapGuard } from './heapGuard.js'
import { mergeSummaries } from './mergeSummaries.js'
import { replay } from './replay.js'
import { readTargetFile } from './targetFile.js'
import type { Shard } from './shard.js'
import type { Refusal, SummaryDocument } from './summary.js'
import { textWriter, type TextWriter } from './textWriter.js'

// model

/** What a worker is given: its shard of the stream, and where to write its tagged events. */
export interface WorkerTask {
  readonly role: 'loyalty-streaks/simulate-shard'
  /** The target files' texts, read again in the worker (a target is not cloned across threads). */
  readonly targets: ReadonlyArray<string>
  readonly events: string
  readonly shard: Shard
  readonly strict: boolean
  readonly tagged: string | null
}

/** What a worker tells the main thread. */
type WorkerMessage =
  | { readonly type: 'progress'; readonly bytes: number; readonly lines: number }
  | { readonly type: 'refused'; readonly run: number; readonly refusal: Refusal }
  | {
      readonly type: 'done'
      readonly summary: SummaryDocument
      readonly stoppedBy: Refusal | null
    }
  | { readonly type: 'failed'; readonly message: string }

/** The workers' replay: the merged summary, or the refusal that stopped a `--strict` one. */
export interface WorkersOutcome {
  readonly summary: SummaryDocument
  readonly stoppedBy?: Refusal
}

// operations

/** Whether `data` is a task of this module (the worker thread of the CLI's own entry). */
export const isWorkerTask = (data: unknown): data is WorkerTask =>
  typeof data === 'object' &&
  data !== null &&
  (data as { role?: unknown }).role === 'loyalty-streaks/simulate-shard'

/** The worker's side: replays its shard and reports to the main thread. */
export const runWorkerTask = async (task: WorkerTask): Promise<void> => {
  const port = parentPort
  if (port === null) return
  const post = (message: WorkerMessage): void => {
    port.postMessage(message)
  }
  try {
    const targets = task.targets.map((text) => {
      const read = readTargetFile(text)
      if (E.isLeft(read)) throw new Error(`${read.left.path}: ${read.left.message}`)
      return read.right
    })
    const guard = heapGuard()
    const out = task.tagged === null ? undefined : textWriter(createWriteStream(task.tagged), true)
    const outcome = await replay({
      targets,
      input: createReadStream(task.events, { highWaterMark: READ_CHUNK }),
      shard: task.shard,
      strict: task.strict,
      out,
      tagged: true,
      onRefused: (run, refusal) => {
        post({ type: 'refused', run, refusal })
      },
      onProgress: (bytes, lines) => {
        post({ type: 'progress', bytes, lines })
        guard()
      },
    })
    await out?.close()
    post({ type: 'done', summary: outcome.summary, stoppedBy: outcome.stoppedBy ?? null })
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
  }
}

/** One tagged event line's sort key: stream line, instant, customer (rule advance.order). */
const keyOf = (tagged: string): readonly [number, number, number, string] => {
  const a = tagged.indexOf('\t')
  const b = tagged.indexOf('\t', a + 1)
  const c = tagged.indexOf('\t', b + 1)
  return [
    Number(tagged.slice(0, a)),
    Number(tagged.slice(a + 1, b)),
    Number(tagged.slice(b + 1, c)),
    tagged.slice(c + 1),
  ]
}

/** One shard's tagged events, a line at a time. */
class TaggedReader {
  private lines: ReadonlyArray<string> = []
  private next = 0
  private done = false
  private readonly chunks: AsyncIterator<{ readonly lines: ReadonlyArray<string> }>

  constructor(file: string) {
    this.chunks = readLines(createReadStream(file, { highWaterMark: READ_CHUNK }))[
      Symbol.asyncIterator
    ]()
  }

  /** The current line's key, reading on when the chunk is used up; undefined at the end. */
  async head(): Promise<readonly [number, number, number, string] | undefined> {
    while (this.next >= this.lines.length) {
      if (this.done) return undefined
      const chunk = await this.chunks.next()
      if (chunk.done === true) this.done = true
      else {
        this.lines = chunk.value.lines
        this.next = 0
      }
    }
    const line = this.lines[this.next]
    return line === undefined ? undefined : keyOf(line)
  }

  advance(): void {
    this.next++
  }
}

/**
 * Merges the workers' tagged events into the order a single replay emits them: by stream line;
 * within an `advance` line, whose events come from every shard, by instant then customer id, as
 * `advance` orders them.
 */
const mergeEvents = async (files: ReadonlyArray<string>, out: TextWriter): Promise<void> => {
  const readers = files.map((f) => new TaggedReader(f))
  let written = 0
  for (;;) {
    let best: { reader: TaggedReader; key: readonly [number, number, number, string] } | undefined
    for (const reader of readers) {
      const key = await reader.head()
      if (key === undefined) continue
      if (
        best === undefined ||
        key[0] < best.key[0] ||
        (key[0] === best.key[0] &&
          (key[1] < best.key[1] || (key[1] === best.key[1] && key[2] < best.key[2])))
      )
        best = { reader, key }
    }
    if (best === undefined) break
    out.write(`${best.key[3]}\n`)
    best.reader.advance()
    if (++written % 65_536 === 0) await out.drain()
  }
}

/**
 * Replays `events` (a file) with `count` worker threads, each the shard i/count of the stream,
 * started from `entry` (the CLI's own module, which runs {@link runWorkerTask} in a worker). The
 * summaries merge into the whole replay's; with `out`, the events are merged back into a single
 * replay's order.
 *
 * @example
 * import { replayWithWorkers } from './workers.js'
 * import { readFileSync } from 'node:fs'
 * const { summary } = await replayWithWorkers({
 *   entry: new URL(import.meta.url), targets: [readFileSync('target.json', 'utf8')], events: 'ops.ndjson', count: 4,
 *   strict: false, out: undefined, onRefused: () => undefined, onProgress: () => undefined,
 * })
 */
export const replayWithWorkers = async (config: {
  readonly entry: URL
  /** The texts of the target files (the main thread has read them: they are valid). */
  readonly targets: ReadonlyArray<string>
  readonly events: string
  readonly count: number
  readonly strict: boolean
  readonly out: TextWriter | undefined
  readonly onRefused: (run: number, refusal: Refusal) => void
  readonly onProgress: (bytes: number, lines: number) => void
}): Promise<WorkersOutcome> => {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'loyalty-streaks-'))
  try {
    const files = Array.from({ length: config.count }, (_, i) =>
      path.join(directory, `shard-${i + 1}.tsv`),
    )
    const progress = files.map(() => ({ bytes: 0, lines: 0 }))
    const workers: Array<Worker> = []
    const outcomes = await Promise.all(
      files
        .map(
          (file, i) =>
            new Promise<{ summary: SummaryDocument; stoppedBy: Refusal | null }>(
              (resolve, reject) => {
                const task: WorkerTask = {
                  role: 'loyalty-streaks/simulate-shard',
                  targets: config.targets,
                  events: config.events,
                  shard: { index: i + 1, count: config.count },
                  strict: config.strict,
                  tagged: config.out === undefined ? null : file,
                }
                const worker = new Worker(config.entry, { workerData: task })
                workers.push(worker)
                worker.on('message', (message: WorkerMessage) => {
                  switch (message.type) {
                    case 'progress': {
                      progress[i] = { bytes: message.bytes, lines: message.lines }
                      // The slowest worker tells how far the whole replay is.
                      const slowest = progress.reduce((a, b) => (b.bytes < a.bytes ? b : a))
                      config.onProgress(slowest.bytes, slowest.lines)
                      return
                    }
                    case 'refused':
                      config.onRefused(message.run, message.refusal)
                      return
                    case 'done':
                      resolve(message)
                      // A --strict stop in one shard stops every other.
                      if (message.stoppedBy !== null) for (const w of workers) void w.terminate()
                      return
                    case 'failed':
                      reject(new Error(message.message))
                      return
                  }
                })
                worker.on('error', reject)
                worker.on('exit', (code) => {
                  reject(new Error(`worker ${i + 1} stopped (exit code ${code})`))
                })
              },
            ),
        )
        .map((p) =>
          p.catch((error: unknown) => {
            // A worker terminated by another's --strict stop is not a failure of its own.
            if (config.strict) return null
            throw error
          }),
        ),
    )
    const stopped = outcomes
      .flatMap((o) => (o?.stoppedBy === null || o === null ? [] : [o.stoppedBy]))
      .sort((a, b) => a.line - b.line)[0]
    const finished = outcomes.filter((o): o is NonNullable<typeof o> => o !== null)
    if (stopped !== undefined) {
      const first = finished[0]
      if (first === undefined) throw new Error('no worker finished')
      return { summary: first.summary, stoppedBy: stopped }
    }
    const merged = mergeSummaries(finished.map((o) => o.summary))
    if (E.isLeft(merged)) throw new Error(merged.left)
    if (config.out !== undefined) await mergeEvents(files, config.out)
    return { summary: merged.right }
  } finally {
    await rm(directory, { recursive: true, force: true })
  }
}
