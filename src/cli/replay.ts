/**
 * The replay: a stream of operation lines applied to one or two targets, line by line (rules
 * simulate.*).
 *
 * @since 0.2.0
 */
import type { Readable } from 'node:stream'
import * as E from 'fp-ts/lib/Either.js'
import type { Target } from '../model/target.js'
import { initialState, openSession } from '../index.js'
import { eventJson } from './eventJson.js'
import { readLines } from './lineReader.js'
import { parseOperationLine } from './operationLine.js'
import { shardOfCustomer, shardOfLine, type Shard } from './shard.js'
import { SummaryBuilder, type Refusal, type SummaryDocument } from './summary.js'
import type { TextWriter } from './textWriter.js'

// model

/** What to replay, and where its results go. */
export interface ReplayConfig {
  /** The target, then the `--compare` target if any: each replays every line. */
  readonly targets: ReadonlyArray<Target>
  readonly input: Readable
  /** Replay only this shard's customers (and every `advance`), or every customer. */
  readonly shard: Shard | null
  /** Stop at the first refused line. */
  readonly strict: boolean
  /** The first target's events, one JSON object per line. */
  readonly out?: TextWriter | undefined
  /**
   * Workers: each event line starts with its stream line, instant and customer, tab-separated, so
   * the shards' events can be merged back into the order of a single replay.
   */
  readonly tagged?: boolean
  /** Told of each refused line, as it is found (`run` 0 is the target, 1 the compared one). */
  readonly onRefused: (run: number, refusal: Refusal) => void
  /** Told after each chunk: bytes and lines read so far. */
  readonly onProgress?: (bytes: number, lines: number) => void
}

/** The summary, and the refusal that stopped a `--strict` replay. */
export interface ReplayOutcome {
  readonly summary: SummaryDocument
  readonly stoppedBy?: Refusal
}

// operations

/**
 * Replays `config.input`. Lines are read a chunk at a time and each operation is applied to an
 * open session: memory grows with the customers, not with the stream. A refused line is counted,
 * reported and skipped (rule simulate.refused); blank lines are skipped silently. Sharded, a line
 * of another shard's customer is skipped, and a refused `advance` or an unreadable line is
 * reported by shard 1 only, so the shards' summaries add up to the whole replay's.
 *
 * @example
 * import { createReadStream } from 'node:fs'
 * import { replay } from './replay.js'
 * import type { Target } from '../model/target.js'
 * declare const target: Target
 * const { summary } = await replay({
 *   targets: [target], input: createReadStream('ops.ndjson'), shard: null, strict: false,
 *   onRefused: (_, r) => console.error(`line ${r.line}: ${r.code} ${r.message}`),
 * })
 */
export const replay = async (config: ReplayConfig): Promise<ReplayOutcome> => {
  const { targets, shard, out, tagged = false } = config
  const runs = targets.map((t) => ({
    session: openSession(initialState(t)),
    builder: new SummaryBuilder(t),
    /** The latest accepted `advance`. */
    watermark: Number.NEGATIVE_INFINITY,
  }))
  const reportsCommon = shard === null || shard.index === 1
  let line = 0
  let stoppedBy: Refusal | undefined
  const refuse = (run: number, code: number, message: string): void => {
    const refusal = { line, code, message }
    runs[run]?.builder.refusedLine(line, refusal)
    config.onRefused(run, refusal)
    if (config.strict) stoppedBy ??= refusal
  }
  reading: for await (const chunk of readLines(config.input)) {
    for (const text of chunk.lines) {
      line++
      // Blank lines are skipped; only a line that starts with white space needs the trim.
      if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '')) continue
      const routed = shard === null ? undefined : shardOfLine(text, shard.count)
      if (shard !== null && routed !== undefined && routed !== shard.index) continue
      const read = parseOperationLine(text)
      if (!read.ok) {
        if (reportsCommon)
          for (let r = 0; r < runs.length; r++) refuse(r, read.error.code, read.error.message)
        if (stoppedBy !== undefined) break reading
        continue
      }
      const operation = read.operation
      const isAdvance = operation.kind === 'advance'
      if (
        shard !== null &&
        !isAdvance &&
        routed === undefined &&
        shardOfCustomer(operation.customerId, shard.count) !== shard.index
      )
        continue
      for (let r = 0; r < runs.length; r++) {
        const run = runs[r]
        if (run === undefined) continue
        const effect = run.session.apply(operation)
        if (E.isLeft(effect)) {
          if (!isAdvance || reportsCommon) refuse(r, effect.left.code, effect.left.message)
          continue
        }
        const { events, warnings } = effect.right
        run.builder.accepted(isAdvance ? 'advance' : 'customer', events, warnings)
        if (isAdvance) run.watermark = Math.max(run.watermark, operation.now.getTime())
        if (r === 0 && out !== undefined)
          for (const e of events)
            out.write(
              tagged
                ? `${line}\t${e.at.getTime()}\t${e.customerId}\t${eventJson(e)}\n`
                : `${eventJson(e)}\n`,
            )
      }
      if (stoppedBy !== undefined) break reading
    }
    config.onProgress?.(chunk.bytes, line)
    if (out !== undefined) await out.drain()
  }
  const summary: SummaryDocument = {
    format: 'loyalty-streaks/simulate-summary',
    version: 1,
    lines: line,
    shard,
    runs: runs.map((run) => run.builder.finish(run.session.state(), run.watermark)),
  }
  return stoppedBy === undefined ? { summary } : { summary, stoppedBy }
}
