/**
 * Shard summaries combined into the summary of the whole replay (rule simulate.merge).
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { RewardAllocationType } from '../model/target.js'
import {
  REFUSALS_KEPT,
  type CycleSummary,
  type RunSummary,
  type SummaryDocument,
  type Tally,
} from './summary.js'

// operations

const MICROS = 1_000_000

/** Costs added in millionths, so that the sum does not depend on the order of the shards. */
const add = (a: Tally, b: Tally): Tally => ({
  count: a.count + b.count,
  cost: (Math.round(a.cost * MICROS) + Math.round(b.cost * MICROS)) / MICROS,
})

const byAllocation = (
  a: Readonly<Record<RewardAllocationType, Tally>>,
  b: Readonly<Record<RewardAllocationType, Tally>>,
): Readonly<Record<RewardAllocationType, Tally>> => ({
  IMMEDIATE: add(a.IMMEDIATE, b.IMMEDIATE),
  PERIOD_END: add(a.PERIOD_END, b.PERIOD_END),
})

const mergeCycles = (
  a: ReadonlyArray<CycleSummary>,
  b: ReadonlyArray<CycleSummary>,
): ReadonlyArray<CycleSummary> =>
  Array.from({ length: Math.max(a.length, b.length) }, (_, i) => {
    const x = a[i]
    const y = b[i]
    if (x === undefined || y === undefined) return (x ?? y) as CycleSummary
    return {
      cycle: x.cycle,
      ...(x.refCode === undefined ? {} : { refCode: x.refCode }),
      enrolled: x.enrolled + y.enrolled,
      achieved: x.achieved + y.achieved,
      issued: byAllocation(x.issued, y.issued),
      forfeited: byAllocation(x.forfeited, y.forfeited),
      subTargets: add(x.subTargets, y.subTargets),
    }
  })

const mergeWarnings = (
  a: Readonly<Record<string, number>>,
  b: Readonly<Record<string, number>>,
): Readonly<Record<string, number>> => {
  const all = new Map(Object.entries(a))
  for (const [code, n] of Object.entries(b)) all.set(code, (all.get(code) ?? 0) + n)
  return Object.fromEntries([...all].sort(([x], [y]) => (x < y ? -1 : 1)))
}

/** Two shards' runs of one target: customers are disjoint, `advance` lines common to both. */
const mergeRun = (a: RunSummary, b: RunSummary): RunSummary => ({
  target: a.target,
  operations: a.operations + b.operations,
  advances: Math.max(a.advances, b.advances),
  refused: a.refused + b.refused,
  refusals: [...a.refusals, ...b.refusals].sort((x, y) => x.line - y.line).slice(0, REFUSALS_KEPT),
  warnings: mergeWarnings(a.warnings, b.warnings),
  customers: a.customers + b.customers,
  events: a.events + b.events,
  cycles: mergeCycles(a.cycles, b.cycles),
})

/**
 * Combines the summaries of every shard of one stream (`--shard i/N` for each i) into the summary
 * of the whole replay, equal to the one a single replay writes. Refused: no document, documents of
 * different targets or shard counts, a shard given twice or missing.
 *
 * @example
 * import { mergeSummaries } from './mergeSummaries.js'
 * import type { SummaryDocument } from './summary.js'
 * declare const shards: ReadonlyArray<SummaryDocument>
 * const whole = mergeSummaries(shards) // Either<string, SummaryDocument>
 */
export const mergeSummaries = (
  documents: ReadonlyArray<SummaryDocument>,
): E.Either<string, SummaryDocument> => {
  const [first, ...rest] = documents
  if (first === undefined) return E.left('no summary to merge')
  if (documents.length === 1 && first.shard === null) return E.right(first)
  const count = first.shard?.count
  const seen = new Set<number>()
  for (const [i, d] of documents.entries()) {
    if (d.shard === null || d.shard.count !== count)
      return E.left(
        `summary ${i + 1} is not a shard of ${count ?? '?'}: merge the shards of one run`,
      )
    if (seen.has(d.shard.index)) return E.left(`shard ${d.shard.index}/${count} is given twice`)
    seen.add(d.shard.index)
    const fingerprints = d.runs.map((r) => r.target.fingerprint).join(',')
    if (fingerprints !== first.runs.map((r) => r.target.fingerprint).join(','))
      return E.left(`summary ${i + 1} replayed other target definitions than summary 1`)
    if (d.lines !== first.lines)
      return E.left(`summary ${i + 1} read ${d.lines} lines, summary 1 read ${first.lines}`)
  }
  const missing = Array.from({ length: count ?? 0 }, (_, i) => i + 1).filter((i) => !seen.has(i))
  if (missing.length > 0)
    return E.left(`shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${count} missing`)
  const ordered = [first, ...rest].sort((a, b) => (a.shard?.index ?? 0) - (b.shard?.index ?? 0))
  return E.right({
    format: first.format,
    version: first.version,
    lines: first.lines,
    shard: null,
    runs: first.runs.map((_, r) =>
      ordered
        .map((d) => d.runs[r])
        .filter((run): run is RunSummary => run !== undefined)
        .reduce(mergeRun),
    ),
  })
}

/**
 * Reads a summary document written by `--summary`, or says what is wrong with it.
 *
 * @example
 * import { readSummary } from './mergeSummaries.js'
 * const read = readSummary('{"format":"loyalty-streaks/simulate-summary","version":1}')
 */
export const readSummary = (text: string): E.Either<string, SummaryDocument> => {
  try {
    const value = JSON.parse(text) as Partial<SummaryDocument> | null
    return value?.format === 'loyalty-streaks/simulate-summary' &&
      value.version === 1 &&
      Array.isArray(value.runs)
      ? E.right(value as SummaryDocument)
      : E.left('is not a simulate summary (written by --summary)')
  } catch {
    return E.left('is not valid JSON')
  }
}
