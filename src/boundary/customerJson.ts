// One customer's record as JSON, in every schema version this library has written: read field by
// field, then held to the rules' invariants, so a record no operation could produce is refused.
import { localDateDay, localDateText } from '../internal/localDate.js'
import type { Context } from '../rules/context.js'
import type { Customer, Progress, Streak } from '../rules/customer.js'
import { mostVisits, violation } from '../rules/invariants.js'
import { boolean, field, instant, integer, list, optionalInstant, record, refuse } from './json.js'

// model

/**
 * The schema version this library writes; every earlier one is read too (rule codec.versions).
 *
 * @example
 * import { SCHEMA_VERSION } from 'loyalty-streaks'
 * console.log(SCHEMA_VERSION) // 3
 *
 * @since 0.1.0
 */
export const SCHEMA_VERSION = 3

/**
 * The schema versions this library reads: 1 (0.1.0), 2 (0.2.0), 3 (a streak's `heldUntil`, rule
 * grace.streak-order).
 */
export type SchemaVersion = 1 | 2 | 3

const MAX_CYCLES = 100

// encode

const iso = (t: number): string => new Date(t).toISOString()

/** The JSON form of a record (rule codec.round-trip). */
export const customerFields = (c: Customer): Readonly<Record<string, unknown>> => ({
  customerId: c.customerId,
  version: c.version,
  status: c.status,
  startCycle: c.startCycle,
  ...(c.status === 'UNENROLLED' ? { fromCycle: c.fromCycle } : {}),
  since: iso(c.since),
  settledAt: iso(c.settledAt),
  endedCycles: c.endedCycles,
  closedCycles: c.closedCycles,
  graceCycles: c.graceCycles,
  anchor: c.anchor === undefined ? null : iso(c.anchor),
  cycleEnds: c.cycleEnds.map(iso),
  progress: c.progress.map((p) => ({
    cycle: p.cycle,
    value: p.value,
    achievedAt: p.achievedAt === undefined ? null : iso(p.achievedAt),
    reversed: p.reversed,
    rewarded: p.rewarded,
    subTargets: p.subTargets,
    visits: p.visits.map(localDateText),
  })),
  streak:
    c.streak === undefined
      ? null
      : {
          epoch: c.streak.epoch,
          count: c.streak.count,
          achievedLevels: c.streak.achievedLevels,
          waiting: c.streak.waiting.map((w) => ({ cycle: w.cycle, achievedAt: iso(w.achievedAt) })),
          heldUntil: c.streak.heldUntil === undefined ? null : iso(c.streak.heldUntil),
        },
})

// decode

const dayOf = (value: unknown, path: string): number =>
  (typeof value === 'string' ? localDateDay(value) : undefined) ??
  refuse(path, 'must be a local date YYYY-MM-DD')

const amount = (value: unknown, path: string): number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? value + 0
    : refuse(path, 'must be a finite number ≥ 0')

const names = (value: unknown, path: string): ReadonlyArray<string> =>
  list(value, path, 10).map((n, i) =>
    typeof n === 'string' ? n : refuse(`${path}[${i}]`, 'must be a sub-target name'),
  )

/**
 * One progress entry at `path`. `visitBound`: how many visits a cycle can list, so that an absurd
 * list is refused before each of its dates is read (asked only of a list that holds any).
 */
const readProgress = (
  value: unknown,
  path: string,
  context: Context,
  version: SchemaVersion,
  visitBound: (cycle: number) => number,
): Progress => {
  const raw = record(value, path)
  const f = (key: string) => field(raw, key, `${path}.${key}`)
  const achievedAt = optionalInstant(f('achievedAt'), `${path}.achievedAt`)
  const rewarded = boolean(f('rewarded'), `${path}.rewarded`)
  const cycle = integer(f('cycle'), `${path}.cycle`, 1, MAX_CYCLES)
  // Read once: a document's field may be a getter answering differently each time.
  const visits = version === 1 ? [] : f('visits')
  return {
    cycle,
    value: amount(f('value'), `${path}.value`),
    achievedAt,
    reversed: version === 1 ? false : boolean(f('reversed'), `${path}.reversed`),
    // Schema 1 marked IMMEDIATE milestone rewards only; a streak cycle achieved then was counted.
    rewarded:
      version === 1 && context.target.kind === 'STREAK' ? achievedAt !== undefined : rewarded,
    subTargets: version === 1 ? [] : names(f('subTargets'), `${path}.subTargets`),
    visits: list(visits, `${path}.visits`, nonEmpty(visits) ? visitBound(cycle) : 0).map((d, i) =>
      dayOf(d, `${path}.visits[${i}]`),
    ),
  }
}

/** Whether a field read as a list holds anything: most progress entries list no visit. */
const nonEmpty = (value: unknown): boolean => !Array.isArray(value) || value.length > 0

const readStreak = (value: unknown, path: string, version: SchemaVersion): Streak | undefined => {
  if (value === null) return undefined
  const raw = record(value, path)
  const f = (key: string) => field(raw, key, `${path}.${key}`)
  return {
    epoch: integer(f('epoch'), `${path}.epoch`, 1),
    count: integer(f('count'), `${path}.count`, 0),
    achievedLevels: list(f('achievedLevels'), `${path}.achievedLevels`, 10).map((l, i) =>
      integer(l, `${path}.achievedLevels[${i}]`, 1),
    ),
    waiting:
      version === 1
        ? []
        : list(f('waiting'), `${path}.waiting`, MAX_CYCLES).map((w, i) => {
            const at = `${path}.waiting[${i}]`
            const entry = record(w, at)
            return {
              cycle: integer(field(entry, 'cycle', `${at}.cycle`), `${at}.cycle`, 1, MAX_CYCLES),
              achievedAt: instant(
                field(entry, 'achievedAt', `${at}.achievedAt`),
                `${at}.achievedAt`,
              ),
            }
          }),
    // Schemas 1 and 2 kept no such instant, and the closed cycles' progress that would tell it is
    // gone: until the next unachieved close, a late credit is dated as 0.2.0 dated it (grace days at most).
    heldUntil: version < 3 ? undefined : optionalInstant(f('heldUntil'), `${path}.heldUntil`),
  }
}

/**
 * A record from its JSON form at `path` (rule codec.versions: schema 1 too), held to the rules'
 * invariants (rule codec.refuses). `advancedTo`: the state's watermark (its latest `advance`); a
 * schema-1 state's settled its customers without moving their settled instants.
 */
export const readCustomer = (
  value: unknown,
  path: string,
  context: Context,
  version: SchemaVersion,
  advancedTo?: number,
): Customer => {
  const raw = record(value, path)
  const f = (key: string) => field(raw, key, `${path}.${key}`)
  const status = f('status')
  const settledAt = instant(f('settledAt'), `${path}.settledAt`)
  const settled =
    version === 1 ? integer(f('settledCycles'), `${path}.settledCycles`, 0, MAX_CYCLES) : 0
  const clocks = {
    customerId: integer(f('customerId'), `${path}.customerId`, 1),
    version: integer(f('version'), `${path}.version`, 1),
    startCycle: integer(f('startCycle'), `${path}.startCycle`, 1, MAX_CYCLES),
    since: instant(f('since'), `${path}.since`),
    // Schema 1 kept the settled instant of operations on the customer only; `advance` settled
    // them further, as the customer's settled instant now says.
    settledAt:
      version === 1 &&
      advancedTo !== undefined &&
      settled > context.window.endedBy(undefined, settledAt)
        ? Math.max(settledAt, advancedTo)
        : settledAt,
    endedCycles:
      version === 1 ? settled : integer(f('endedCycles'), `${path}.endedCycles`, 0, MAX_CYCLES),
    closedCycles:
      version === 1 ? settled : integer(f('closedCycles'), `${path}.closedCycles`, 0, MAX_CYCLES),
    graceCycles:
      version === 1
        ? []
        : list(f('graceCycles'), `${path}.graceCycles`, MAX_CYCLES).map((c, i) =>
            integer(c, `${path}.graceCycles[${i}]`, 1, MAX_CYCLES),
          ),
    anchor: version === 1 ? undefined : optionalInstant(f('anchor'), `${path}.anchor`),
    cycleEnds:
      version === 1
        ? []
        : list(f('cycleEnds'), `${path}.cycleEnds`, MAX_CYCLES).map((t, i) =>
            instant(t, `${path}.cycleEnds[${i}]`),
          ),
  }
  // rule codec.refuses: a cycle lists at most one visit a local date it holds, so an absurd visit
  // list is refused before its dates are read; the window finds a cycle's dates from these fields.
  const bounds: Customer = { ...clocks, status: 'ENROLLED', progress: [], streak: undefined }
  const common = {
    ...clocks,
    progress: list(f('progress'), `${path}.progress`, MAX_CYCLES).map((p, i) =>
      readProgress(p, `${path}.progress[${i}]`, context, version, (cycle) =>
        mostVisits(context, bounds, cycle),
      ),
    ),
    streak: readStreak(f('streak'), `${path}.streak`, version),
  }
  const customer: Customer =
    status === 'ENROLLED'
      ? { ...common, status }
      : status === 'UNENROLLED'
        ? {
            ...common,
            status,
            fromCycle: integer(f('fromCycle'), `${path}.fromCycle`, 1, MAX_CYCLES),
          }
        : refuse(`${path}.status`, "must be 'ENROLLED' or 'UNENROLLED'")
  const broken = violation(context, customer, advancedTo ?? Number.NEGATIVE_INFINITY)
  return broken === undefined ? customer : refuse(`${path}.${broken.path}`, broken.message)
}
