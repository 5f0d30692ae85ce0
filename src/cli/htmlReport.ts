/**
 * A self-contained HTML report of a summary: a chart of rewards per cycle and the summary tables,
 * with inline CSS and SVG only, so it opens anywhere without a network (rule simulate.html).
 *
 * @since 0.2.0
 */
import { comparison, forfeitedOf, headline, issuedOf, runTable } from './formatSummary.js'
import type { RunSummary, SummaryDocument } from './summary.js'

// operations

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const COLORS = ['#2f6fb3', '#d9822b'] as const
const FORFEIT_COLORS = ['#a8c4e5', '#f2c79b'] as const

/** A round step for an axis from 0 to `max`, about five ticks. */
const stepFor = (max: number): number => {
  const raw = Math.max(1, max / 5)
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw
  return Math.max(1, step)
}

/**
 * The chart: per cycle, for each run, a bar of rewards issued with the rewards forfeited stacked
 * on it. Every mark is an SVG `rect` of class `mark`, with a `title` saying what it counts.
 */
const rewardsChart = (runs: ReadonlyArray<RunSummary>): string => {
  const cycles = Math.max(1, ...runs.map((r) => r.cycles.length))
  const heights = runs.flatMap((r) => r.cycles.map((c) => issuedOf(c).count + forfeitedOf(c).count))
  const max = Math.max(1, ...heights)
  const step = stepFor(max)
  const top = Math.ceil(max / step) * step
  const left = 56
  const plotHeight = 240
  const groupWidth = Math.max(18, Math.min(160, Math.floor(880 / cycles)))
  const barWidth = Math.max(4, Math.min(48, Math.floor((groupWidth - 6) / runs.length)))
  // Bars centred in their cycle's slot.
  const inset = (groupWidth - barWidth * runs.length) / 2
  const width = left + cycles * groupWidth + 16
  const height = plotHeight + 56
  const y = (v: number): number => 12 + plotHeight - (v / top) * plotHeight
  const parts: Array<string> = []
  for (let v = 0; v <= top; v += step)
    parts.push(
      `<line class="grid" x1="${left}" x2="${width - 8}" y1="${y(v)}" y2="${y(v)}"/>`,
      `<text class="tick" x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${v.toLocaleString('en-US')}</text>`,
    )
  const labelEvery = Math.ceil(cycles / 25)
  for (let i = 0; i < cycles; i++) {
    const x0 = left + i * groupWidth + inset
    if (i % labelEvery === 0)
      parts.push(
        `<text class="tick" x="${left + i * groupWidth + groupWidth / 2}" y="${plotHeight + 30}" text-anchor="middle">c${i + 1}</text>`,
      )
    runs.forEach((run, r) => {
      const c = run.cycles[i]
      if (c === undefined) return
      const issued = issuedOf(c).count
      const forfeited = forfeitedOf(c).count
      const x = x0 + r * barWidth
      const label = runs.length > 1 ? `${r === 0 ? 'A' : 'B'} ` : ''
      if (issued > 0)
        parts.push(
          `<rect class="mark issued" data-run="${r}" data-cycle="${i + 1}" x="${x}" y="${y(issued)}" width="${barWidth - 1}" height="${y(0) - y(issued)}" fill="${COLORS[r] ?? COLORS[0]}"><title>${label}c${i + 1}: ${issued.toLocaleString('en-US')} issued</title></rect>`,
        )
      if (forfeited > 0)
        parts.push(
          `<rect class="mark forfeited" data-run="${r}" data-cycle="${i + 1}" x="${x}" y="${y(issued + forfeited)}" width="${barWidth - 1}" height="${y(issued) - y(issued + forfeited)}" fill="${FORFEIT_COLORS[r] ?? FORFEIT_COLORS[0]}"><title>${label}c${i + 1}: ${forfeited.toLocaleString('en-US')} forfeited</title></rect>`,
        )
    })
  }
  parts.push(
    `<line class="axis" x1="${left}" x2="${width - 8}" y1="${y(0)}" y2="${y(0)}"/>`,
    `<text class="tick" x="${left}" y="${height - 4}">cycle</text>`,
  )
  return `<svg class="chart" role="img" aria-label="Rewards per cycle" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`
}

const legend = (runs: ReadonlyArray<RunSummary>): string =>
  runs
    .map((_run, r) => {
      const name = runs.length > 1 ? `${r === 0 ? 'A' : 'B'}: ` : ''
      return `<span><i style="background:${COLORS[r] ?? COLORS[0]}"></i>${name}issued</span><span><i style="background:${FORFEIT_COLORS[r] ?? FORFEIT_COLORS[0]}"></i>${name}forfeited</span>`
    })
    .join('')

const htmlTable = (rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const [head, ...body] = rows
  return `<table><thead><tr>${(head ?? []).map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${body
    .map((r) => `<tr>${r.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1d2733;background:#fff}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}
p.meta{color:#5b6775;margin:0 0 16px}
.chart{display:block;max-width:100%;height:auto}
.chart .grid{stroke:#e3e8ee}.chart .axis{stroke:#5b6775}.chart .tick{font-size:11px;fill:#5b6775}
.legend span{margin-right:16px;font-size:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:middle}
table{border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:13px}
th,td{padding:3px 10px;border-bottom:1px solid #e3e8ee;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}
tbody tr:last-child td{font-weight:600;border-top:2px solid #5b6775}
`

/**
 * The report: a title, the chart of rewards per cycle, each target's table and, with two targets,
 * the comparison. No script, no external resource.
 *
 * @example
 * import { htmlReport } from './htmlReport.js'
 * import type { SummaryDocument } from './summary.js'
 * declare const summary: SummaryDocument
 * const html = htmlReport(summary, 'ops.ndjson')
 */
export const htmlReport = (summary: SummaryDocument, source: string): string => {
  const [a, b] = summary.runs
  const sections = summary.runs.map(
    (run, r) =>
      `<h2>${summary.runs.length > 1 ? `${r === 0 ? 'A' : 'B'}: ` : ''}${escape(headline(run))}</h2>${htmlTable(runTable(run))}`,
  )
  if (a !== undefined && b !== undefined) {
    const { rows, summary: conclusion } = comparison(a, b)
    sections.push(`<h2>Comparison (B − A)</h2><p>${escape(conclusion)}</p>${htmlTable(rows)}`)
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>loyalty-streaks simulation: ${escape(source)}</title><style>${STYLE}</style></head>
<body><h1>Simulation of ${escape(source)}</h1>
<p class="meta">${summary.lines.toLocaleString('en-US')} lines replayed${summary.shard === null ? '' : ` (shard ${summary.shard.index}/${summary.shard.count})`}</p>
<h2>Rewards per cycle</h2><div class="legend">${legend(summary.runs)}</div>${rewardsChart(summary.runs)}
${sections.join('\n')}
</body></html>
`
}
