// Given / when / then over the library: given the operations so far, when one more, then exactly
// these events (and warnings), or this refusal — and every record still keeps the rules' invariants.
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { expect } from 'vitest'
import {
  applyOperation,
  customers,
  enrolmentOf,
  initialState,
  type Enrolment,
  type EnrolmentEvent,
  type EnrolmentState,
  type Operation,
  type Target,
  type Transition,
} from '../../src/index.js'
import { contextOf } from '../../src/runtime/contextOf.js'
import { getCustomer } from '../../src/runtime/customerMap.js'
import { internals } from '../../src/runtime/state.js'
import { violation } from '../../src/rules/invariants.js'

/** Every record of `state` keeps the invariants the codec checks (rule codec.refuses). */
export const expectInvariants = (state: EnrolmentState): void => {
  const context = contextOf(state.target)
  for (const enrolment of customers(state)) {
    const record = getCustomer(internals(state).customers, enrolment.customerId)
    if (record === undefined) throw new Error(`customer ${enrolment.customerId} has no record`)
    expect(
      violation(context, record, internals(state).watermarkAt),
      `customer ${enrolment.customerId}`,
    ).toBeUndefined()
  }
}

/** The state after `operations`, each accepted (a refusal fails the test). */
export const played = (target: Target, operations: ReadonlyArray<Operation>): EnrolmentState =>
  operations.reduce<EnrolmentState>((state, operation, i) => {
    const result = applyOperation(state, operation)
    if (E.isLeft(result))
      throw new Error(
        `given operation ${i} (${operation.kind}) was refused: ${result.left.code} ${result.left.message}`,
      )
    expectInvariants(result.right.state)
    return result.right.state
  }, initialState(target))

/** What a `when` leads to, to be checked by one of its `then…`. */
export interface When {
  /** Exactly these events, no warning; returns the transition for further checks. */
  readonly then: (events: ReadonlyArray<EnrolmentEvent>) => Transition
  /** Accepted with exactly these warning codes and no event (an activity that does not count). */
  readonly thenIgnored: (...codes: ReadonlyArray<string>) => Transition
  /** Refused with `code` (and `field`, if given); nothing changed. */
  readonly thenRefused: (code: number, field?: string) => void
}

/** The given operations: a state to play one more operation on. */
export interface Given {
  readonly state: EnrolmentState
  readonly when: (operation: Operation) => When
  /** The enrolment of a customer in the given state. */
  readonly enrolment: (customerId: number) => Enrolment
}

/** Given `operations` on `target` (each accepted)… */
export const given = (target: Target, ...operations: ReadonlyArray<Operation>): Given => {
  const state = played(target, operations)
  return {
    state,
    enrolment: (id) =>
      O.getOrElse((): Enrolment => {
        throw new Error(`customer ${id} has no enrolment`)
      })(enrolmentOf(state, id)),
    when: (operation) => {
      const result = applyOperation(state, operation)
      const accepted = (): Transition => {
        if (E.isLeft(result)) throw new Error(`refused: ${result.left.code} ${result.left.message}`)
        expectInvariants(result.right.state)
        return result.right
      }
      return {
        then: (events) => {
          const t = accepted()
          expect(t.events).toEqual(events)
          expect(t.warnings).toEqual([])
          return t
        },
        thenIgnored: (...codes) => {
          const t = accepted()
          expect(t.events).toEqual([])
          expect(t.warnings.map((w) => w.code)).toEqual(codes)
          expect(t.state).toBe(state)
          return t
        },
        thenRefused: (code, field) => {
          if (E.isRight(result)) throw new Error('expected a refusal, the operation was accepted')
          expect(result.left.code).toBe(code)
          if (field !== undefined) expect(result.left.field).toBe(field)
        },
      }
    },
  }
}

/** Operations, written short. */
export const op = {
  enroll: (
    customerId: number,
    now: Date,
    options: { period?: string; initialBalance?: number } = {},
  ): Operation => ({ kind: 'enroll', customerId, now, options }),
  unenroll: (customerId: number, now: Date): Operation => ({ kind: 'unenroll', customerId, now }),
  reenroll: (
    customerId: number,
    now: Date,
    options: { period?: string; initialBalance?: number; resetStreakStatus?: boolean } = {},
  ): Operation => ({ kind: 'reenroll', customerId, now, options }),
  activity: (customerId: number, at: Date, value?: number): Operation => ({
    kind: 'activity',
    customerId,
    activity: value === undefined ? { at } : { at, value },
  }),
  advance: (now: Date): Operation => ({ kind: 'advance', now }),
}

/** Builders of the exact events a customer of a target should see. */
export const events = (target: Target, customerId: number) => {
  const { targetGroupId, targetId } = target
  const base = (at: Date) => ({ customerId, targetGroupId, targetId, at })
  const key = (cycle: number) => `tg${targetGroupId}/t${targetId}/cust${customerId}/cycle${cycle}`
  const levelKey = (level: number, epoch: number) =>
    `tg${targetGroupId}/t${targetId}/cust${customerId}/epoch${epoch}/level${level}`
  return {
    enrolled: (cycle: number, at: Date): EnrolmentEvent => ({
      type: 'ENROLLED',
      ...base(at),
      cycle,
    }),
    unenrolled: (cycle: number, at: Date): EnrolmentEvent => ({
      type: 'UNENROLLED',
      ...base(at),
      cycle,
    }),
    reenrolled: (cycle: number, at: Date): EnrolmentEvent => ({
      type: 'REENROLLED',
      ...base(at),
      cycle,
    }),
    achieved: (cycle: number, at: Date): EnrolmentEvent => ({
      type: 'CYCLE_ACHIEVED',
      ...base(at),
      cycle,
    }),
    reversed: (cycle: number, at: Date): EnrolmentEvent => ({
      type: 'ACHIEVEMENT_REVERSED',
      ...base(at),
      cycle,
    }),
    issued: (
      cycle: number,
      at: Date,
      allocation: 'IMMEDIATE' | 'PERIOD_END',
      reward?: unknown,
    ): EnrolmentEvent =>
      ({
        type: 'REWARD_ISSUED',
        ...base(at),
        cycle,
        allocation,
        idempotencyKey: key(cycle),
        ...(reward === undefined ? {} : { reward }),
      }) as EnrolmentEvent,
    forfeited: (
      cycle: number,
      at: Date,
      reason: 'UNENROLLED' | 'RETURNED' = 'UNENROLLED',
      reward?: unknown,
    ): EnrolmentEvent =>
      ({
        type: 'REWARD_FORFEITED',
        ...base(at),
        cycle,
        allocation: 'PERIOD_END',
        reason,
        idempotencyKey: key(cycle),
        ...(reward === undefined ? {} : { reward }),
      }) as EnrolmentEvent,
    subTarget: (cycle: number, at: Date, name: string, reward?: unknown): EnrolmentEvent =>
      ({
        type: 'SUB_TARGET_REACHED',
        ...base(at),
        cycle,
        subTarget: name,
        idempotencyKey: `${key(cycle)}/sub/${encodeURIComponent(name)}`,
        ...(reward === undefined ? {} : { reward }),
      }) as EnrolmentEvent,
    level: (
      cycle: number,
      at: Date,
      level: number,
      epoch: number,
      reward?: unknown,
    ): ReadonlyArray<EnrolmentEvent> => [
      { type: 'STREAK_LEVEL_ACHIEVED', ...base(at), cycle, level, epoch },
      {
        type: 'REWARD_ISSUED',
        ...base(at),
        cycle,
        allocation: 'IMMEDIATE',
        level,
        epoch,
        idempotencyKey: levelKey(level, epoch),
        ...(reward === undefined ? {} : { reward }),
      } as EnrolmentEvent,
    ],
    broken: (cycle: number, at: Date, count: number): EnrolmentEvent => ({
      type: 'STREAK_BROKEN',
      ...base(at),
      cycle,
      count,
    }),
    reset: (cycle: number, at: Date, epoch: number): EnrolmentEvent => ({
      type: 'STREAK_RESET',
      ...base(at),
      cycle,
      epoch,
    }),
  }
}
