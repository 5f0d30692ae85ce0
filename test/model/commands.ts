// fast-check commands for the model-based test: each plays one operation on the library and on the
// reference model, at an instant chosen relative to the model's clock, and compares the outcomes.
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import assert from 'node:assert/strict'
import { customers, enrolmentOf, type EnrolmentState, type Target } from '../../src/index.js'
import { violation } from '../../src/rules/invariants.js'
import { contextOf } from '../../src/runtime/contextOf.js'
import { getCustomer } from '../../src/runtime/customerMap.js'
import { internals } from '../../src/runtime/state.js'
import { applyOperation, type Operation } from '../../src/testing/index.js'
import { ReferenceModel, type Expected } from './reference.js'

const HOUR = 3_600_000

/** The system under test: a state, replaced by each accepted operation. */
export interface Real {
  state: EnrolmentState
  steps: number
  /** How many events of each type the run produced: evidence the stories reach the rules. */
  readonly seen: Map<string, number>
}

/** When a command happens, relative to the clock: at/near the next boundaries, or a little later. */
export type When =
  | { readonly kind: 'boundary'; readonly skip: number; readonly offset: -1 | 0 | 1 }
  | { readonly kind: 'later'; readonly ms: number }
  | { readonly kind: 'earlier'; readonly ms: number }

const clockOf = (model: ReferenceModel): number =>
  model.clock ?? (model.target.cycles[0]?.start.getTime() ?? Date.UTC(2026, 0, 1)) - 2 * HOUR

const resolve = (model: ReferenceModel, when: When): Date => {
  const clock = clockOf(model)
  switch (when.kind) {
    case 'later':
      return new Date(clock + when.ms)
    case 'earlier':
      return new Date(clock - when.ms)
    case 'boundary': {
      const ahead = model.boundaries().filter((t) => t > clock)
      const boundary = ahead[Math.min(when.skip, ahead.length - 1)] ?? clock + HOUR
      return new Date(Math.max(clock, boundary + when.offset))
    }
  }
}

const expectOf = (model: ReferenceModel, op: Operation): Expected => {
  switch (op.kind) {
    case 'enroll':
      return model.enroll(op.customerId, op.now, op.options)
    case 'unenroll':
      return model.unenroll(op.customerId, op.now)
    case 'reenroll':
      return model.reenroll(op.customerId, op.now, op.options)
    case 'activity':
      return model.activity(op.customerId, op.activity)
    case 'advance':
      return model.advance(op.now)
  }
}

/**
 * The records an operation may have written keep the invariants the codec checks (rule
 * codec.refuses): the customer's own, or every record after an `advance`.
 */
const keepsInvariants = (state: EnrolmentState, customerId: number | undefined): void => {
  const context = contextOf(state.target)
  const { customers: map, watermarkAt } = internals(state)
  const ids =
    customerId === undefined ? [...customers(state)].map((e) => e.customerId) : [customerId]
  for (const id of ids) {
    const record = getCustomer(map, id)
    const broken = record === undefined ? undefined : violation(context, record, watermarkAt)
    if (broken !== undefined)
      throw new Error(`customer ${id} breaks an invariant: ${broken.path} ${broken.message}`)
  }
}

class Step implements fc.Command<ReferenceModel, Real> {
  private last = ''
  constructor(
    private readonly describe: string,
    private readonly build: (model: ReferenceModel) => Operation,
  ) {}

  check = (): boolean => true

  run(model: ReferenceModel, real: Real): void {
    const op = this.build(model)
    this.last = JSON.stringify(op)
    const expected = expectOf(model, op)
    const actual = applyOperation(real.state, op)
    real.steps++
    if ('error' in expected) {
      assert.equal(E.isLeft(actual) ? actual.left.code : 'accepted', expected.error)
      real.seen.set(String(expected.error), (real.seen.get(String(expected.error)) ?? 0) + 1)
      return
    }
    if (E.isLeft(actual))
      throw new Error(`refused ${actual.left.code} (${actual.left.message}); model accepted`)
    assert.deepEqual(actual.right.events, expected.events)
    assert.deepEqual(
      actual.right.warnings.map((w) => w.code),
      expected.warnings,
    )
    real.state = actual.right.state
    for (const e of actual.right.events) real.seen.set(e.type, (real.seen.get(e.type) ?? 0) + 1)
    for (const w of actual.right.warnings) real.seen.set(w.code, (real.seen.get(w.code) ?? 0) + 1)
    const customer = 'customerId' in op ? op.customerId : undefined
    keepsInvariants(real.state, customer)
    if (customer !== undefined) {
      const summary = model.summary(customer)
      const enrolment = O.toNullable(enrolmentOf(real.state, customer))
      assert.deepEqual(
        enrolment === null
          ? null
          : {
              status: enrolment.status,
              startCycle: enrolment.startCycle,
              ...(enrolment.status === 'UNENROLLED' ? { fromCycle: enrolment.fromCycle } : {}),
              progress: enrolment.progress.map((p) => [
                p.cycle,
                p.value,
                O.isSome(p.achievedAt) ? p.achievedAt.value.getTime() : null,
              ]),
              streak: O.toNullable(enrolment.streak),
            },
        summary,
      )
    }
  }

  toString(): string {
    return `${this.describe} ${this.last}`
  }
}

const when: fc.Arbitrary<When> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('boundary' as const),
      skip: fc.integer({ min: 0, max: 2 }),
      offset: fc.constantFrom(-1 as const, 0 as const, 1 as const),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('later' as const),
      ms: fc.integer({ min: 0, max: 3 * HOUR }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('later' as const),
      ms: fc.integer({ min: 0, max: 30 * HOUR }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('earlier' as const),
      ms: fc.integer({ min: 1, max: 2 * HOUR }),
    }),
  },
)

/** The commands of the model-based test for `target`, played by customers 1…`customers`. */
export const commandsFor = (
  target: Target,
  customers = 2,
): ReadonlyArray<fc.Arbitrary<fc.Command<ReferenceModel, Real>>> => {
  const customerId = fc.oneof(
    { weight: 40, arbitrary: fc.integer({ min: 1, max: customers }) },
    { weight: 1, arbitrary: fc.constantFrom(0, -3, 1.5, Number.NaN) },
  )
  const period = fc.option(fc.constantFrom(...target.cycles.map((c) => c.refCode), 'nope'), {
    nil: undefined,
    freq: 3,
  })
  const balance = fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined, freq: 3 })
  const defined = <T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
      [K in keyof T]?: Exclude<T[K], undefined>
    }
  const enrol = fc.tuple(customerId, when, period, balance).map(
    ([id, w, p, b]) =>
      new Step('enroll', (m) => ({
        kind: 'enroll',
        customerId: id,
        now: resolve(m, w),
        options: defined({ period: p, initialBalance: b }),
      })),
  )
  return [
    enrol,
    enrol,
    fc.tuple(customerId, when, period, balance).map(
      ([id, w, p, b]) =>
        new Step('enroll', (m) => ({
          kind: 'enroll',
          customerId: id,
          now: resolve(m, w),
          options: defined({ period: p, initialBalance: b }),
        })),
    ),
    fc
      .tuple(customerId, when)
      .map(
        ([id, w]) =>
          new Step('unenroll', (m) => ({ kind: 'unenroll', customerId: id, now: resolve(m, w) })),
      ),
    fc.tuple(customerId, when, period, balance, fc.boolean()).map(
      ([id, w, p, b, reset]) =>
        new Step('reenroll', (m) => ({
          kind: 'reenroll',
          customerId: id,
          now: resolve(m, w),
          options: defined({ period: p, initialBalance: b, resetStreakStatus: reset }),
        })),
    ),
    ...[1, 2, 3, 4, 5].map(() =>
      fc
        .tuple(
          customerId,
          fc.nat(),
          fc.oneof(
            { weight: 4, arbitrary: when },
            {
              weight: 1,
              arbitrary: fc
                .integer({ min: 1, max: 6 * HOUR })
                .map((ms): When => ({ kind: 'earlier', ms })),
            },
          ),
          // Returns, where the target takes them: a value below zero now and then.
          target.allowReturns
            ? fc.oneof(
                { weight: 3, arbitrary: fc.integer({ min: 1, max: 3 }) },
                { weight: 1, arbitrary: fc.integer({ min: -3, max: -1 }) },
              )
            : fc.integer({ min: 1, max: 3 }),
        )
        .map(
          ([id, pick, w, value]) =>
            new Step('activity', (m) => {
              // Mostly a customer the model has enrolled: activities of strangers teach little.
              const enrolled = m.enrolledCustomers()
              const chosen =
                pick % 5 === 0 || enrolled.length === 0 ? id : enrolled[pick % enrolled.length]
              return {
                kind: 'activity',
                customerId: chosen ?? id,
                activity: { at: resolve(m, w), value },
              }
            }),
        ),
    ),
    when.map((w) => new Step('advance', (m) => ({ kind: 'advance', now: resolve(m, w) }))),
  ]
}
