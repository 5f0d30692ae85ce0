/**
 * A one-line progress bar on a terminal, redrawn at most ten times a second (rule
 * simulate.progress).
 *
 * @since 0.2.0
 */

// model

/** Where the bar draws: a terminal's stream (it has `columns` when it is one). */
export interface Terminal {
  readonly write: (text: string) => unknown
  readonly columns?: number
}

/** A bar that can be told how far the replay is, cleared before other output, and finished. */
export interface ProgressBar {
  /** `done` of `total` bytes (`total` 0 when unknown: a pipe), `lines` read so far. */
  readonly update: (done: number, total: number, lines: number) => void
  /** Wipes the bar's line, so a message can be written; the next update redraws it. */
  readonly clear: () => void
  readonly finish: () => void
}

// constructors

const quiet: ProgressBar = {
  update: () => undefined,
  clear: () => undefined,
  finish: () => undefined,
}

/**
 * A bar drawn on `terminal`, or one that draws nothing when `enabled` is false (output piped).
 *
 * @example
 * import { progressBar } from './progressBar.js'
 * const bar = progressBar(process.stderr, process.stderr.isTTY, () => performance.now())
 * bar.update(512, 1024, 10)
 * bar.finish()
 */
export const progressBar = (
  terminal: Terminal,
  enabled: boolean,
  clock: () => number,
): ProgressBar => {
  if (!enabled) return quiet
  const started = clock()
  let drawnAt = Number.NEGATIVE_INFINITY
  let shown = false
  const draw = (done: number, total: number, lines: number): void => {
    const seconds = Math.max(0.001, (clock() - started) / 1000)
    const rate = `${Math.round(lines / seconds).toLocaleString('en-US')} lines/s`
    const count = `${lines.toLocaleString('en-US')} lines`
    const width = Math.max(10, Math.min(40, (terminal.columns ?? 80) - 50))
    const text =
      total > 0
        ? (() => {
            const ratio = Math.min(1, done / total)
            const filled = Math.round(ratio * width)
            return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%  ${count}  ${rate}`
          })()
        : `${count}  ${rate}`
    terminal.write(`\r${text}\u001b[K`)
    shown = true
  }
  return {
    update: (done, total, lines) => {
      const now = clock()
      if (now - drawnAt < 100) return
      drawnAt = now
      draw(done, total, lines)
    },
    clear: () => {
      if (shown) terminal.write('\r\u001b[K')
      shown = false
    },
    finish: () => {
      if (shown) terminal.write('\r\u001b[K')
      shown = false
    },
  }
}
