// The sweep on a timer inside the service process: what a single instance (and PGlite, which one
// process owns) needs. Several instances share the sweep by ranges instead (`npm run sweep`).
import type { Database } from './database.js'
import { sweep, type SweepReport } from './sweep.js'
import type { TargetCatalog } from './targetStore.js'

/** Sweeps every `everyMs` up to the clock less `lagMs`, one sweep at a time; returns the stop. */
export const startSweepLoop = (
  db: Database,
  catalog: TargetCatalog,
  settings: {
    readonly everyMs: number
    readonly lagMs: number
    readonly clock: () => Date
    readonly report: (report: SweepReport) => void
    readonly log: (message: string, error: unknown) => void
  },
): (() => Promise<void>) => {
  let running: Promise<void> | undefined
  const tick = () => {
    if (running !== undefined) return
    const until = new Date(settings.clock().getTime() - settings.lagMs)
    running = sweep(db, catalog, { until })
      .then(settings.report, (error: unknown) => {
        settings.log('sweep failed; the next one retries', error)
      })
      .finally(() => {
        running = undefined
      })
  }
  const timer = setInterval(tick, settings.everyMs)
  return async () => {
    clearInterval(timer)
    await running
  }
}
