// The sweep: settles, with the library's advance, the customers whose next settlement is due, so
// that PERIOD_END rewards, forfeits and broken streaks reach the outbox on time rather than at the
// customer's next request. It runs a little behind the wall clock (rule time.watermark), a page of
// customers at a time, over a range of customer ids so that workers can share it (rule service.sweep).
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { advance, encodeEnrolment, enrolmentOf, nextDueAt } from 'loyalty-streaks'
import { dueCustomers, writeChange } from './customerStore.js'
import { stateOf } from './customerState.js'
import type { Database } from './database.js'
import {
  listTargets,
  moveWatermark,
  type StoredTarget,
  type TargetCatalog,
  type TargetKey,
} from './targetStore.js'

export interface SweepOptions {
  /** Settle up to this instant: the wall clock less the lag (the watermark if that is later). */
  readonly until: Date
  /** The range of customer ids this worker sweeps: from (inclusive, 1 by default) … */
  readonly fromCustomerId?: number | undefined
  /** … to (exclusive; no bound by default). */
  readonly toCustomerId?: number | undefined
  /** Customers settled per read (500 by default). */
  readonly pageSize?: number | undefined
  /** Only these targets (every target by default). */
  readonly targets?: ReadonlyArray<TargetKey> | undefined
}

export interface SweepReport {
  readonly until: string
  readonly targets: number
  /** Customers whose settlement was written. */
  readonly settled: number
  readonly events: number
  /** Customers a request changed while the sweep settled them: that request settled them itself. */
  readonly conflicts: number
}

const sameKey = (a: TargetKey, b: TargetKey): boolean =>
  a.targetGroupId === b.targetGroupId && a.targetId === b.targetId

const sweepTarget = async (
  db: Database,
  catalog: TargetCatalog,
  row: StoredTarget,
  options: SweepOptions,
): Promise<Omit<SweepReport, 'until' | 'targets'>> => {
  const key: TargetKey = { targetGroupId: row.targetGroupId, targetId: row.targetId }
  const target = catalog.decode(key, row.definition)
  // The watermark never goes back: a sweep behind another one settles up to where that one did.
  const until =
    row.watermark !== null && row.watermark > options.until ? row.watermark : options.until
  const report = { settled: 0, events: 0, conflicts: 0 }
  let after = (options.fromCustomerId ?? 1) - 1
  for (;;) {
    const page = await dueCustomers(db, key, {
      until,
      after,
      below: options.toCustomerId,
      limit: options.pageSize ?? 500,
    })
    const last = page.at(-1)
    if (last === undefined) break
    after = last.customerId
    const advanced = advance(stateOf(target, row.watermark, page), until)
    if (E.isLeft(advanced)) throw new Error(`advance refused: ${advanced.left.message}`)
    const { state, events } = advanced.right
    for (const stored of page) {
      const next = enrolmentOf(state, stored.customerId)
      const record = encodeEnrolment(state, stored.customerId)
      if (O.isNone(next) || O.isNone(record) || next.value.version === stored.version) continue
      const own = events.filter((event) => event.customerId === stored.customerId)
      const written = await writeChange(db, {
        target: key,
        record: {
          customerId: stored.customerId,
          expected: stored,
          version: next.value.version,
          nextDueAt: O.toUndefined(nextDueAt(state, stored.customerId)),
          record: record.value,
          events: own,
        },
      })
      if (written === 'conflict') report.conflicts++
      else {
        report.settled++
        report.events += own.length
      }
    }
  }
  await moveWatermark(db, key, until)
  return report
}

/** Settles every due customer of the range, target by target, then moves each target's watermark. */
export const sweep = async (
  db: Database,
  catalog: TargetCatalog,
  options: SweepOptions,
): Promise<SweepReport> => {
  const chosen = options.targets
  const targets = (await listTargets(db)).filter(
    (row) => chosen === undefined || chosen.some((key) => sameKey(key, row)),
  )
  const report = {
    until: options.until.toISOString(),
    targets: targets.length,
    settled: 0,
    events: 0,
    conflicts: 0,
  }
  for (const row of targets) {
    const part = await sweepTarget(db, catalog, row, options)
    report.settled += part.settled
    report.events += part.events
    report.conflicts += part.conflicts
  }
  return report
}
