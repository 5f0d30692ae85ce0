/**
 * A summary as text tables: one target's cycles, or two targets side by side (rules
 * simulate.summary.text, simulate.compare).
 *
 * @since 0.2.0
 */
import type { RewardAllocationType } from '../model/target.js'
import type { CycleSummary, RunSummary, SummaryDocument, Tally } from './summary.js'

// model

/** One column: its header, and its cell for a cycle or for the total row. */
interface Column {
  readonly header: string
  readonly cell: (cycle: CycleSummary) => number
  /** Costs print with two decimals; counts as integers. */
  readonly money: boolean
}

// operations

const count = (n: number): string => n.toLocaleString('en-US')
const money = (n: number): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
const signed = (n: number, text: string): string => (n > 0 ? `+${text}` : text)

/** The allocations a run's table shows: the target's own, and any other its events used. */
const allocationsOf = (run: RunSummary): ReadonlyArray<RewardAllocationType> =>
  (['IMMEDIATE', 'PERIOD_END'] as const).filter(
    (a) =>
      a === run.target.allocation ||
      run.cycles.some((c) => c.issued[a].count + c.forfeited[a].count > 0),
  )

const short = (a: RewardAllocationType): string => (a === 'IMMEDIATE' ? 'immediate' : 'period-end')

/** Rewards issued over every allocation. */
export const issuedOf = (cycle: CycleSummary): Tally => ({
  count: cycle.issued.IMMEDIATE.count + cycle.issued.PERIOD_END.count,
  cost: cycle.issued.IMMEDIATE.cost + cycle.issued.PERIOD_END.cost,
})

/** Rewards forfeited over every allocation. */
export const forfeitedOf = (cycle: CycleSummary): Tally => ({
  count: cycle.forfeited.IMMEDIATE.count + cycle.forfeited.PERIOD_END.count,
  cost: cycle.forfeited.IMMEDIATE.cost + cycle.forfeited.PERIOD_END.cost,
})

/** What the programme paid in a cycle: rewards issued and sub-target rewards. */
const costOfCycle = (cycle: CycleSummary): number => issuedOf(cycle).cost + cycle.subTargets.cost

const columnsOf = (run: RunSummary): ReadonlyArray<Column> => [
  { header: 'enrolled', cell: (c) => c.enrolled, money: false },
  { header: 'achieved', cell: (c) => c.achieved, money: false },
  ...allocationsOf(run).flatMap((a): ReadonlyArray<Column> => [
    { header: `issued ${short(a)}`, cell: (c) => c.issued[a].count, money: false },
    { header: `cost`, cell: (c) => c.issued[a].cost, money: true },
    ...(a === 'PERIOD_END' || run.cycles.some((c) => c.forfeited[a].count > 0)
      ? [
          {
            header: `forfeited ${short(a)}`,
            cell: (c: CycleSummary) => c.forfeited[a].count,
            money: false,
          },
          { header: `saved`, cell: (c: CycleSummary) => c.forfeited[a].cost, money: true },
        ]
      : []),
  ]),
  ...(run.cycles.some((c) => c.subTargets.count > 0)
    ? [
        { header: 'sub-targets', cell: (c: CycleSummary) => c.subTargets.count, money: false },
        { header: 'cost', cell: (c: CycleSummary) => c.subTargets.cost, money: true },
      ]
    : []),
  { header: 'total cost', cell: costOfCycle, money: true },
]

/** Right-aligned columns after a left-aligned first one, two spaces apart. */
const table = (rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

/** The sums of the cycles' figures (enrolled is not summed: a customer takes part in many cycles). */
const totalOf = (run: RunSummary, column: Column): string =>
  column.header === 'enrolled'
    ? ''
    : (column.money ? money : count)(run.cycles.reduce((sum, c) => sum + column.cell(c), 0))

const cycleName = (c: CycleSummary): string =>
  c.refCode === undefined || c.refCode === `c${c.cycle}`
    ? `c${c.cycle}`
    : `c${c.cycle} ${c.refCode}`

/** One line naming the run's target and its counts. */
export const headline = (run: RunSummary): string =>
  `target ${run.target.targetGroupId}/${run.target.targetId}${run.target.name === '' ? '' : ` '${run.target.name}'`} ` +
  `(${run.target.kind.toLowerCase()}, ${run.target.allocation}): ${count(run.customers)} customers, ` +
  `${count(run.operations)} operations and ${count(run.advances)} advances accepted, ` +
  `${count(run.refused)} refused, ${count(run.events)} events`

/**
 * One target's summary as a text table: one line per cycle, then the totals.
 *
 * @example
 * import { formatRun } from './formatSummary.js'
 * import type { RunSummary } from './summary.js'
 * declare const run: RunSummary
 * console.log(formatRun(run))
 */
export const formatRun = (run: RunSummary): string => `${headline(run)}\n${table(runTable(run))}`

/** One target's table: a header, one row per cycle, the totals. */
export const runTable = (run: RunSummary): ReadonlyArray<ReadonlyArray<string>> => {
  const columns = columnsOf(run)
  return [
    ['cycle', ...columns.map((c) => c.header)],
    ...run.cycles.map((c) => [
      cycleName(c),
      ...columns.map((col) => (col.money ? money : count)(col.cell(c))),
    ]),
    ['total', ...columns.map((col) => totalOf(run, col))],
  ]
}

/**
 * Two targets' summaries side by side, with the difference in rewards issued and in cost (the
 * second target's less the first's).
 *
 * @example
 * import { formatComparison } from './formatSummary.js'
 * import type { RunSummary } from './summary.js'
 * declare const base: RunSummary
 * declare const other: RunSummary
 * console.log(formatComparison(base, other))
 */
export const formatComparison = (a: RunSummary, b: RunSummary): string => {
  const { rows, summary } = comparison(a, b)
  return [`A: ${headline(a)}`, `B: ${headline(b)}`, table(rows), summary].join('\n')
}

/** The comparison's table, and its one-line conclusion. */
export const comparison = (
  a: RunSummary,
  b: RunSummary,
): { readonly rows: ReadonlyArray<ReadonlyArray<string>>; readonly summary: string } => {
  const length = Math.max(a.cycles.length, b.cycles.length)
  const zero: Tally = { count: 0, cost: 0 }
  const rows: Array<ReadonlyArray<string>> = [
    [
      'cycle',
      'A enrolled',
      'A achieved',
      'A issued',
      'A cost',
      'B enrolled',
      'B achieved',
      'B issued',
      'B cost',
      'Δ issued',
      'Δ cost',
    ],
  ]
  const totals = { a: zero, b: zero }
  for (let i = 0; i < length; i++) {
    const x = a.cycles[i]
    const y = b.cycles[i]
    const xi = x === undefined ? zero : { count: issuedOf(x).count, cost: costOfCycle(x) }
    const yi = y === undefined ? zero : { count: issuedOf(y).count, cost: costOfCycle(y) }
    totals.a = { count: totals.a.count + xi.count, cost: totals.a.cost + xi.cost }
    totals.b = { count: totals.b.count + yi.count, cost: totals.b.cost + yi.cost }
    rows.push([
      `c${i + 1}`,
      count(x?.enrolled ?? 0),
      count(x?.achieved ?? 0),
      count(xi.count),
      money(xi.cost),
      count(y?.enrolled ?? 0),
      count(y?.achieved ?? 0),
      count(yi.count),
      money(yi.cost),
      signed(yi.count - xi.count, count(yi.count - xi.count)),
      signed(yi.cost - xi.cost, money(yi.cost - xi.cost)),
    ])
  }
  const dn = totals.b.count - totals.a.count
  const dc = totals.b.cost - totals.a.cost
  rows.push([
    'total',
    '',
    '',
    count(totals.a.count),
    money(totals.a.cost),
    '',
    '',
    count(totals.b.count),
    money(totals.b.cost),
    signed(dn, count(dn)),
    signed(dc, money(dc)),
  ])
  return {
    rows,
    summary:
      `rewards issued: A ${count(totals.a.count)}, B ${count(totals.b.count)} (${signed(dn, count(dn))}); ` +
      `cost: A ${money(totals.a.cost)}, B ${money(totals.b.cost)} (${signed(dc, money(dc))})`,
  }
}

/**
 * A whole summary document as the simulator prints it: each target's table, and with two targets
 * the comparison after them.
 *
 * @example
 * import { formatSummary } from './formatSummary.js'
 * import type { SummaryDocument } from './summary.js'
 * declare const summary: SummaryDocument
 * console.log(formatSummary(summary))
 */
export const formatSummary = (summary: SummaryDocument): string => {
  const [a, b] = summary.runs
  const tables = summary.runs.map(formatRun).join('\n\n')
  return a !== undefined && b !== undefined
    ? `${tables}\n\ncomparison (B − A)\n${formatComparison(a, b)}`
    : tables
}
