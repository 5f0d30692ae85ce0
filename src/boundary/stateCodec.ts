/**
 * A versioned JSON form of a state, for hosts that store it between invocations (schemaVersion 1).
 * Decoding checks everything and names the path of the first problem; nothing is half-loaded.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { Cycle } from '../model/cycle.js'
import { defineMilestone } from '../model/defineMilestone.js'
import { defineStreak } from '../model/defineStreak.js'
import type { CycleProgress, Enrolment, StreakStatus } from '../model/enrolment.js'
import type { EnrolmentState } from '../model/state.js'
import type { Target } from '../model/target.js'
import { emptyCustomerMap, forEachCustomer, setCustomer } from '../internal/customerMap.js'
import { isRecord, ownField } from '../internal/guards.js'

// model

/** The schema version this library writes and reads. */
export const SCHEMA_VERSION = 1

/** Why a document was refused: the path of the first problem found. */
export interface DecodeError {
  readonly path: string
  readonly message: string
}

/** A state as plain JSON: instants as ISO-8601 strings, customers sorted by id. */
export interface EncodedState {
  readonly schemaVersion: typeof SCHEMA_VERSION
  readonly target: Readonly<Record<string, unknown>>
  readonly watermark: string | null
  readonly advancedTo: string | null
  readonly enrolments: ReadonlyArray<Readonly<Record<string, unknown>>>
}

// encode

const iso = (date: Date): string => date.toISOString()
const isoOrNull = (date: O.Option<Date>): string | null => (O.isSome(date) ? iso(date.value) : null)

const targetFields = (target: Target): Readonly<Record<string, unknown>> => ({
  kind: target.kind,
  targetGroupId: target.targetGroupId,
  targetId: target.targetId,
  name: target.name,
  metric: target.metric,
  goal: target.goal,
  allocation: target.allocation,
  ...(target.kind === 'STREAK'
    ? { streakType: target.streakType, levels: [...target.levels] }
    : {}),
  cycles: target.cycles.map((c) => ({
    refCode: c.refCode,
    start: iso(c.start),
    end: iso(c.end),
    ...(c.goal === undefined ? {} : { goal: c.goal }),
  })),
})

const encodeEnrolment = (e: Enrolment): Readonly<Record<string, unknown>> => ({
  customerId: e.customerId,
  version: e.version,
  status: e.status,
  startCycle: e.startCycle,
  ...(e.status === 'UNENROLLED' ? { fromCycle: e.fromCycle } : {}),
  since: iso(e.since),
  settledAt: iso(e.settledAt),
  settledCycles: e.settledCycles,
  progress: e.progress.map((p) => ({
    cycle: p.cycle,
    value: p.value,
    achievedAt: isoOrNull(p.achievedAt),
    rewarded: p.rewarded,
  })),
  streak: O.isSome(e.streak)
    ? {
        epoch: e.streak.value.epoch,
        count: e.streak.value.count,
        achievedLevels: [...e.streak.value.achievedLevels],
      }
    : null,
})

/**
 * The JSON form of a state (pass it to `JSON.stringify`).
 *
 * @example
 * import { decodeState, encodeState, type EnrolmentState } from 'loyalty-streaks'
 * declare const state: EnrolmentState
 * const stored = JSON.stringify(encodeState(state))
 * const loaded = decodeState(stored) // Either<DecodeError, EnrolmentState>
 */
export const encodeState = (state: EnrolmentState): EncodedState => {
  const enrolments: Array<Enrolment> = []
  forEachCustomer(state.enrolments, (e) => enrolments.push(e))
  enrolments.sort((a, b) => a.customerId - b.customerId)
  return {
    schemaVersion: SCHEMA_VERSION,
    target: targetFields(state.target),
    watermark: isoOrNull(state.watermark),
    advancedTo: isoOrNull(state.advancedTo),
    enrolments: enrolments.map(encodeEnrolment),
  }
}

// decode

/** Thrown inside the decoder only and caught at its boundary, where it becomes a Left. */
class Refusal extends Error {
  constructor(readonly error: DecodeError) {
    super(`${error.path}: ${error.message}`)
  }
}

const refuse = (path: string, message: string): never => {
  throw new Refusal({ path, message })
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

const instant = (value: unknown, path: string): Date => {
  if (typeof value !== 'string' || !ISO.test(value))
    return refuse(path, 'must be an ISO-8601 instant (…Z)')
  const date = new Date(value)
  return Number.isNaN(date.getTime()) || date.toISOString() !== value
    ? refuse(path, 'must be a real instant')
    : date
}

const optionalInstant = (value: unknown, path: string): O.Option<Date> =>
  value === null ? O.none : O.some(instant(value, path))

const integer = (
  value: unknown,
  path: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max
    ? value
    : refuse(path, `must be an integer from ${min} to ${max}`)

const record = (value: unknown, path: string): Readonly<Record<string, unknown>> =>
  isRecord(value) ? value : refuse(path, 'must be an object')

const list = (value: unknown, path: string): ReadonlyArray<unknown> =>
  Array.isArray(value) ? (value as ReadonlyArray<unknown>) : refuse(path, 'must be an array')

const readTarget = (value: unknown): Target => {
  const raw = record(value, 'target')
  const cycles = list(ownField(raw, 'cycles'), 'target.cycles').map((c, i) => {
    const cycle = record(c, `target.cycles[${i}]`)
    const goal = ownField(cycle, 'goal')
    return {
      refCode: ownField(cycle, 'refCode') as string,
      start: instant(ownField(cycle, 'start'), `target.cycles[${i}].start`),
      end: instant(ownField(cycle, 'end'), `target.cycles[${i}].end`),
      ...(goal === undefined ? {} : { goal: goal as number }),
    }
  })
  const common = {
    targetGroupId: ownField(raw, 'targetGroupId') as number,
    targetId: ownField(raw, 'targetId') as number,
    name: ownField(raw, 'name') as string,
    metric: ownField(raw, 'metric') as 'COUNT',
    goal: ownField(raw, 'goal') as number,
    cycles,
  }
  // The smart constructors check the target as they check any definition.
  const kind = ownField(raw, 'kind')
  const built =
    kind === 'MILESTONE'
      ? defineMilestone({ ...common, allocation: ownField(raw, 'allocation') as 'IMMEDIATE' })
      : kind === 'STREAK'
        ? defineStreak({
            ...common,
            streakType: ownField(raw, 'streakType') as 'CONTINUOUS',
            levels: ownField(raw, 'levels') as ReadonlyArray<number>,
            allocation: ownField(raw, 'allocation') as 'IMMEDIATE',
          })
        : refuse('target.kind', "must be 'MILESTONE' or 'STREAK'")
  if (E.isLeft(built)) {
    const first = built.left.problems[0]
    return refuse(`target.${first?.path ?? ''}`, first?.message ?? built.left.message)
  }
  return built.right
}

/**
 * `items` if `key` strictly rises along them, else refused at the first that does not: a record
 * keeps one progress per cycle and each level once, both in order (`Enrolment`), and the engine
 * relies on it.
 */
const ascending = <A>(
  items: ReadonlyArray<A>,
  key: (item: A) => number,
  pathOf: (index: number) => string,
): ReadonlyArray<A> => {
  for (let i = 1; i < items.length; i++)
    if (key(items[i] as A) <= key(items[i - 1] as A))
      refuse(pathOf(i), 'must be above the one before it (in order, each once)')
  return items
}

const decodeProgress = (
  value: unknown,
  path: string,
  cycles: ReadonlyArray<Cycle>,
): CycleProgress => {
  const raw = record(value, path)
  const rewarded = ownField(raw, 'rewarded')
  const amount = ownField(raw, 'value')
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0)
    return refuse(`${path}.value`, 'must be a finite number ≥ 0')
  if (typeof rewarded !== 'boolean') return refuse(`${path}.rewarded`, 'must be a boolean')
  return {
    cycle: integer(ownField(raw, 'cycle'), `${path}.cycle`, 1, cycles.length),
    value: amount,
    achievedAt: optionalInstant(ownField(raw, 'achievedAt'), `${path}.achievedAt`),
    rewarded,
  }
}

const decodeStreak = (value: unknown, path: string, target: Target): O.Option<StreakStatus> => {
  if (target.kind === 'MILESTONE')
    return value === null ? O.none : refuse(path, 'must be null for a milestone')
  const raw = record(value, path)
  const levels = ascending(
    list(ownField(raw, 'achievedLevels'), `${path}.achievedLevels`).map((l, i) => {
      const level = integer(l, `${path}.achievedLevels[${i}]`, 1)
      return target.levels.includes(level)
        ? level
        : refuse(`${path}.achievedLevels[${i}]`, 'is not a level of the target')
    }),
    (level) => level,
    (i) => `${path}.achievedLevels[${i}]`,
  )
  return O.some({
    epoch: integer(ownField(raw, 'epoch'), `${path}.epoch`, 1),
    count: integer(ownField(raw, 'count'), `${path}.count`, 0),
    achievedLevels: levels,
  })
}

const decodeEnrolment = (value: unknown, path: string, target: Target): Enrolment => {
  const raw = record(value, path)
  const n = target.cycles.length
  const status = ownField(raw, 'status')
  const common = {
    customerId: integer(ownField(raw, 'customerId'), `${path}.customerId`, 1),
    version: integer(ownField(raw, 'version'), `${path}.version`, 1),
    startCycle: integer(ownField(raw, 'startCycle'), `${path}.startCycle`, 1, n),
    since: instant(ownField(raw, 'since'), `${path}.since`),
    settledAt: instant(ownField(raw, 'settledAt'), `${path}.settledAt`),
    settledCycles: integer(ownField(raw, 'settledCycles'), `${path}.settledCycles`, 0, n),
    progress: ascending(
      list(ownField(raw, 'progress'), `${path}.progress`).map((p, i) =>
        decodeProgress(p, `${path}.progress[${i}]`, target.cycles),
      ),
      (p) => p.cycle,
      (i) => `${path}.progress[${i}].cycle`,
    ),
    streak: decodeStreak(ownField(raw, 'streak'), `${path}.streak`, target),
  }
  if (status === 'ENROLLED') return { ...common, status }
  if (status === 'UNENROLLED')
    return {
      ...common,
      status,
      fromCycle: integer(ownField(raw, 'fromCycle'), `${path}.fromCycle`, 1, n),
    }
  return refuse(`${path}.status`, "must be 'ENROLLED' or 'UNENROLLED'")
}

/** Parses JSON text (or takes a parsed value), checks the schema version, and runs `read`. */
const decodeDocument = <A>(
  document: unknown,
  read: (raw: Readonly<Record<string, unknown>>) => A,
): E.Either<DecodeError, A> => {
  try {
    let parsed: unknown = document
    if (typeof document === 'string') {
      try {
        parsed = JSON.parse(document) as unknown
      } catch {
        return E.left({ path: '', message: 'is not valid JSON' })
      }
    }
    const raw = record(parsed, '')
    if (ownField(raw, 'schemaVersion') !== SCHEMA_VERSION)
      return E.left({ path: 'schemaVersion', message: `must be ${SCHEMA_VERSION}` })
    return E.right(read(raw))
  } catch (thrown) {
    if (thrown instanceof Refusal) return E.left(thrown.error)
    throw thrown
  }
}

/**
 * A target definition as plain JSON, to store or send a target on its own.
 *
 * @example
 * import { decodeTarget, encodeTarget, type Target } from 'loyalty-streaks'
 * declare const target: Target
 * const same = decodeTarget(JSON.stringify(encodeTarget(target)))
 */
export const encodeTarget = (
  target: Target,
): {
  readonly schemaVersion: typeof SCHEMA_VERSION
  readonly target: Readonly<Record<string, unknown>>
} => ({
  schemaVersion: SCHEMA_VERSION,
  target: targetFields(target),
})

/** A target definition from its JSON form, re-checked by its smart constructor. */
export const decodeTarget = (document: unknown): E.Either<DecodeError, Target> =>
  decodeDocument(document, (raw) => readTarget(ownField(raw, 'target')))

/**
 * A state from its JSON form (text or parsed), or the path of the first problem. A truncated,
 * tampered or other-version document is refused whole.
 */
export const decodeState = (document: unknown): E.Either<DecodeError, EnrolmentState> =>
  decodeDocument(document, (raw) => {
    const target = readTarget(ownField(raw, 'target'))
    let enrolments = emptyCustomerMap<Enrolment>()
    // One owner for the whole document: its trie is built in place, one node per slot, not copied.
    const owner = {}
    list(ownField(raw, 'enrolments'), 'enrolments').forEach((e, i) => {
      const enrolment = decodeEnrolment(e, `enrolments[${i}]`, target)
      const before = enrolments.size
      enrolments = setCustomer(enrolments, enrolment, owner)
      if (enrolments.size === before) refuse(`enrolments[${i}].customerId`, 'appears twice')
    })
    return {
      target,
      watermark: optionalInstant(ownField(raw, 'watermark'), 'watermark'),
      advancedTo: optionalInstant(ownField(raw, 'advancedTo'), 'advancedTo'),
      enrolments,
    }
  })
