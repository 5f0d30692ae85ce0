/**
 * A timeline as an aligned text table, for a support ticket or a terminal (rule timeline.format).
 *
 * @since 0.2.0
 */
import type { TimelineReward, TimelineRow } from './timeline.js'

// operations

const HEADER = ['cycle', 'start', 'end', 'status', 'sub-targets', 'rewards'] as const

/** An instant in UTC, without the milliseconds when they are zero (most cycle bounds). */
const instantText = (date: Date): string => date.toISOString().replace('.000Z', 'Z')

/** Characters that would break or hide a line of the table: control characters and line separators. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

const escaped = (c: string): string =>
  c === '\n' ? '\\n' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`

/**
 * A name as one printable run (rule timeline.format): a line break is written `\n`, any other
 * control character `\u…`, and a backslash `\\`, so that no two names print alike.
 */
const nameText = (name: string): string => name.replace(/\\/g, '\\\\').replace(UNPRINTABLE, escaped)

/** A descriptor as its JSON, with the line separators JSON leaves raw escaped too. */
const descriptorText = (reward: unknown): string =>
  JSON.stringify(reward).replace(UNPRINTABLE, escaped)

/** A reward by its outcome's name, then what it is and when: one phrase per reward. */
const rewardText = (r: TimelineReward): string =>
  [
    r.outcome,
    ...(r.level === undefined ? [] : [`level ${r.level}`]),
    ...(r.epoch === undefined ? [] : [`epoch ${r.epoch}`]),
    r.allocation,
    ...(r.reason === undefined ? [] : [`(${r.reason})`]),
    instantText(r.at),
    ...(r.reward === undefined ? [] : [descriptorText(r.reward)]),
  ].join(' ')

const cellsOf = (row: TimelineRow): ReadonlyArray<string> => [
  `c${row.cycle}`,
  instantText(row.start),
  row.end === undefined ? '-' : instantText(row.end),
  row.status,
  row.subTargets.length === 0 ? '-' : row.subTargets.map(nameText).join(', '),
  row.rewards.length === 0 ? '-' : row.rewards.map(rewardText).join('; '),
]

/**
 * Renders timeline rows as a text table: a header, then one line per row with its cycle, bounds,
 * status, sub-targets reached and each reward's outcome by name (`ISSUED`, `FORFEITED`) with its
 * level, allocation, reason, instant and descriptor. Columns are padded to align; lines carry no
 * trailing spaces and are joined by `\n`, with no newline at the end.
 *
 * @example
 * import { formatTimeline } from 'loyalty-streaks'
 * console.log(
 *   formatTimeline([
 *     {
 *       cycle: 1, start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z'),
 *       status: 'ACHIEVED', subTargets: [],
 *       rewards: [{ allocation: 'IMMEDIATE', at: new Date('2026-01-05T10:00:00Z'), outcome: 'ISSUED' }],
 *     },
 *   ]),
 * )
 * // cycle  start                 end                   status    sub-targets  rewards
 * // c1     2026-01-01T00:00:00Z  2026-02-01T00:00:00Z  ACHIEVED  -            ISSUED IMMEDIATE 2026-01-05T10:00:00Z
 *
 * @since 0.2.0
 */
export const formatTimeline = (rows: ReadonlyArray<TimelineRow>): string => {
  const lines: ReadonlyArray<ReadonlyArray<string>> = [HEADER, ...rows.map(cellsOf)]
  const widths = HEADER.map((_, i) => Math.max(...lines.map((cells) => (cells[i] ?? '').length)))
  return lines
    .map((cells) =>
      cells
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}
