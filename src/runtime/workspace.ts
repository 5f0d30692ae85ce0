// Where operations write: a published state, plus the records written since it was published.
// A pure call opens one, runs, and publishes it; a batch or a session keeps one open across many
// operations and publishes once (each record is written into the map once, not once per operation).
import * as E from 'fp-ts/lib/Either.js'
import type { EnrolmentError, Warning } from '../model/error.js'
import type { EnrolmentEvent } from '../model/event.js'
import type { Target } from '../model/target.js'
import type { Context } from '../rules/context.js'
import { empty, type Customer, type Instant } from '../rules/customer.js'
import type { Command, Decider, Decision } from '../rules/decide.js'
import { nextSettlement } from '../rules/settle.js'
import { contextOf } from './contextOf.js'
import { getCustomer, setCustomer, setCustomers } from './customerMap.js'
import { internals, stateOf, type EnrolmentState, type State } from './state.js'
import { WrittenRecords } from './writtenRecords.js'

// model

/**
 * What an operation emitted: its events (ordered by `at`) and any warnings.
 *
 * @example
 * import type { Effects } from 'loyalty-streaks'
 * const rewards = (effects: Effects): number => effects.events.filter((e) => e.type === 'REWARD_ISSUED').length
 *
 * @since 0.1.0
 */
export interface Effects {
  /** What happened, ordered by `at` (rule event.order). */
  readonly events: ReadonlyArray<EnrolmentEvent>
  /** What the host should hear of, e.g. an activity that did not count. */
  readonly warnings: ReadonlyArray<Warning>
}

/**
 * The new state, the events it emitted (ordered by `at`) and any warnings.
 *
 * @example
 * import type { Transition } from 'loyalty-streaks'
 * const summary = (t: Transition): string => `${t.events.length} events, ${t.warnings.length} warnings`
 *
 * @since 0.1.0
 */
export interface Transition extends Effects {
  /** The new state; the one given is never changed (rule state.immutable). */
  readonly state: EnrolmentState
}

/**
 * An operation's result: refused with an error, or a transition.
 *
 * @example
 * import type { Result } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const describe = (result: Result): string =>
 *   E.isLeft(result) ? `refused: ${result.left.code}` : `${result.right.events.length} events`
 *
 * @since 0.1.0
 */
export type Result = E.Either<EnrolmentError, Transition>

/**
 * An operation's result inside a session or a batch: refused, or what it emitted.
 *
 * @example
 * import type { Effect } from 'loyalty-streaks'
 * import * as E from 'fp-ts/lib/Either.js'
 * const events = (effect: Effect): number => (E.isRight(effect) ? effect.right.events.length : 0)
 *
 * @since 0.1.0
 */
export type Effect = E.Either<EnrolmentError, Effects>

/** Operations' writes since the state was last published. */
export interface Workspace {
  readonly target: Target
  readonly context: Context
  /** The state last published: what `publish` returns while nothing has changed since. */
  published: State
  watermarkAt: Instant
  /** A lower bound of every customer's next settlement (rule advance.idle). */
  settlesFrom: Instant
  /** The records written since the last publish, by customer id. */
  readonly written: WrittenRecords
}

// constructors

/** A workspace on `state`, which it never writes. */
export const openWorkspace = (state: EnrolmentState): Workspace => {
  const published = internals(state)
  return {
    target: published.target,
    context: contextOf(published.target),
    published,
    watermarkAt: published.watermarkAt,
    settlesFrom: published.settlesFrom,
    written: new WrittenRecords(),
  }
}

/**
 * The effect of an operation that emitted nothing and has no warning: shared and frozen, so that
 * a stream of activities allocates no result for each.
 */
export const nothingEmitted: Effect = Object.freeze(
  E.right(Object.freeze({ events: empty, warnings: empty })),
)

// operations

/** The customer's record as the operations so far left it, if the customer was ever enrolled. */
export const recordOf = (workspace: Workspace, customerId: number): Customer | undefined =>
  workspace.written.get(customerId) ?? getCustomer(workspace.published.customers, customerId)

/**
 * Orders events by `order`; ties keep the order they arose in (a stable sort). Events already in
 * order (the usual case) are returned as they are.
 */
const sortedBy = (
  events: ReadonlyArray<EnrolmentEvent>,
  order: (a: EnrolmentEvent, b: EnrolmentEvent) => number,
): ReadonlyArray<EnrolmentEvent> => {
  for (let i = 1; i < events.length; i++)
    if (order(events[i - 1] as EnrolmentEvent, events[i] as EnrolmentEvent) > 0)
      return [...events].sort(order)
  return events
}

/** Events by `at`, ties in the order they arose (rule event.order). */
export const byInstant = (events: ReadonlyArray<EnrolmentEvent>): ReadonlyArray<EnrolmentEvent> =>
  sortedBy(events, (a, b) => a.at.getTime() - b.at.getTime())

/**
 * Events of many customers by `at`, ties customer by customer in ascending id, each customer's in
 * the order they arose (rule advance.order).
 */
export const byInstantThenCustomer = (
  events: ReadonlyArray<EnrolmentEvent>,
): ReadonlyArray<EnrolmentEvent> =>
  sortedBy(events, (a, b) => a.at.getTime() - b.at.getTime() || a.customerId - b.customerId)

/**
 * What `decider` decides for `command` on the customer whose record is `record` (none: never
 * enrolled). The record changes one version later — the one place a version goes up (rule
 * state.version) — and a record this workspace wrote since it last published is its own, so the
 * rules write it in place instead of copying it again.
 */
export const decideIn = <C extends Command>(
  workspace: Workspace,
  decider: Decider<C>,
  command: C,
  record: Customer | undefined,
  owned = record !== undefined && workspace.written.get(record.customerId) === record,
): Decision =>
  decider(workspace.context, record, command, { version: (record?.version ?? 0) + 1, owned })

/**
 * Keeps a record the rules wrote: it is published with the workspace. One the workspace already
 * held (`owned`) was written in place, and is kept where it is.
 */
export const keep = (workspace: Workspace, customer: Customer, owned: boolean): void => {
  if (!owned) workspace.written.set(customer)
  workspace.settlesFrom = Math.min(
    workspace.settlesFrom,
    nextSettlement(workspace.context, customer),
  )
}

/** Has `decider` decide `command` for the customer whose record is `record`, and keeps what it decided. */
export const run = <C extends Command>(
  workspace: Workspace,
  decider: Decider<C>,
  command: C,
  record: Customer | undefined,
): Effect => commit(workspace, decideIn(workspace, decider, command, record), record)

/**
 * Keeps what the rules decided for a customer, and returns its events and warnings. A refused
 * decision writes nothing; an ignored activity writes nothing and carries its warning.
 */
const commit = (workspace: Workspace, decision: Decision, record: Customer | undefined): Effect => {
  switch (decision.tag) {
    case 'REFUSED':
      return E.left(decision.error)
    case 'IGNORED':
      return E.right({ events: [], warnings: [decision.warning] })
    case 'DECIDED': {
      if (!decision.changed)
        return decision.warnings.length === 0
          ? nothingEmitted
          : E.right({ events: empty, warnings: decision.warnings })
      // The same record back was written in place: the workspace holds it already.
      keep(workspace, decision.customer, decision.customer === record)
      const { events, warnings } = decision
      if (events.length === 0 && warnings.length === 0) return nothingEmitted
      return E.right({
        events: byInstant(events),
        warnings: warnings.length === 0 ? empty : warnings,
      })
    }
  }
}

/**
 * The state with every record written into it. The records written stop being the workspace's;
 * with nothing changed, the same state as before.
 */
export const publish = (workspace: Workspace): EnrolmentState => {
  const before = workspace.published
  if (
    workspace.written.size === 0 &&
    workspace.watermarkAt === before.watermarkAt &&
    workspace.settlesFrom === before.settlesFrom
  )
    return before
  // One record (a pure call's) is a single write; more are a batch, written into the trie at once.
  const only = workspace.written.only()
  const customers =
    workspace.written.size === 0
      ? before.customers
      : only !== undefined
        ? setCustomer(before.customers, only)
        : setCustomers(before.customers, workspace.written.values())
  workspace.written.clear()
  workspace.published = stateOf(
    before.target,
    customers,
    workspace.watermarkAt,
    workspace.settlesFrom,
  )
  return workspace.published
}

/**
 * Runs one operation in a workspace of its own and publishes it: the pure form of every
 * operation. A refused operation wrote nothing, and its workspace is dropped.
 */
export const once = (state: EnrolmentState, run: (workspace: Workspace) => Effect): Result => {
  const workspace = openWorkspace(state)
  const effect = run(workspace)
  if (E.isLeft(effect)) return effect
  const { events, warnings } = effect.right
  return E.right({ state: publish(workspace), events, warnings })
}
