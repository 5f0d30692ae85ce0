// Where operations write: a published state, plus the records written since it was published.
// A pure call opens one, runs, and publishes it; a batch or a session keeps one open across many
// operations and publishes once (each record is written into the map once, not once per operation).
import * as E from 'fp-ts/lib/Either.js'
import type { EnrolmentError, Warning } from '../model/error.js'
import type { EnrolmentEvent } from '../model/event.js'
import type { Target } from '../model/target.js'
import type { Context } from '../rules/context.js'
import { customerWith, type Customer, type Instant } from '../rules/customer.js'
import type { Decision } from '../rules/decide.js'
import { isEvent } from '../rules/fact.js'
import { nextSettlement } from '../rules/settle.js'
import { contextOf } from './contextOf.js'
import { getCustomer, setCustomer, setCustomers } from './customerMap.js'
import { internals, stateOf, type EnrolmentState, type State } from './state.js'

// model

/** What an operation emitted: its events (ordered by `at`) and any warnings. */
export interface Effects {
  readonly events: ReadonlyArray<EnrolmentEvent>
  readonly warnings: ReadonlyArray<Warning>
}

/** The new state, the events it emitted (ordered by `at`) and any warnings. */
export interface Transition extends Effects {
  readonly state: EnrolmentState
}

/** An operation's result: refused with an error, or a transition. */
export type Result = E.Either<EnrolmentError, Transition>

/** An operation's result inside a session or a batch: refused, or what it emitted. */
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
  readonly written: Map<number, Customer>
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
    written: new Map(),
  }
}

/** The warnings of an operation that has none (shared: most operations have none). */
export const noWarnings: ReadonlyArray<Warning> = Object.freeze([])

/**
 * The effect of an operation that emitted nothing and has no warning: shared and frozen, so that
 * a stream of activities allocates no result for each.
 */
export const nothingEmitted: Effect = Object.freeze(
  E.right(Object.freeze({ events: Object.freeze([]), warnings: noWarnings })),
)

// operations

/** The customer's record as the operations so far left it, if the customer was ever enrolled. */
export const recordOf = (workspace: Workspace, customerId: number): Customer | undefined =>
  workspace.written.get(customerId) ?? getCustomer(workspace.published.customers, customerId)

/**
 * Orders events by `at`; ties keep the order they arose in (a stable sort: rule event.order).
 * Events already in order (the usual case) are returned as they are.
 */
export const byInstant = (events: ReadonlyArray<EnrolmentEvent>): ReadonlyArray<EnrolmentEvent> => {
  for (let i = 1; i < events.length; i++)
    if ((events[i - 1] as EnrolmentEvent).at.getTime() > (events[i] as EnrolmentEvent).at.getTime())
      return [...events].sort((a, b) => a.at.getTime() - b.at.getTime())
  return events
}

/**
 * Keeps what the rules decided for a customer: the new record, one version later — the one place a
 * version goes up (rule state.version) — and returns its events and warnings. A refused decision
 * writes nothing; an ignored activity writes nothing and carries its warning.
 */
export const commit = (
  workspace: Workspace,
  before: Customer | undefined,
  decision: Decision,
): Effect => {
  switch (decision.tag) {
    case 'REFUSED':
      return E.left(decision.error)
    case 'IGNORED':
      return E.right({ events: [], warnings: [decision.warning] })
    case 'DECIDED': {
      if (decision.facts.length === 0)
        return decision.warnings.length === 0
          ? nothingEmitted
          : E.right({ events: [], warnings: decision.warnings })
      const after = customerWith(decision.customer, { version: (before?.version ?? 0) + 1 })
      workspace.written.set(after.customerId, after)
      workspace.settlesFrom = Math.min(
        workspace.settlesFrom,
        nextSettlement(workspace.context, after),
      )
      const events = decision.facts.filter(isEvent)
      if (events.length === 0 && decision.warnings.length === 0) return nothingEmitted
      return E.right({
        events: byInstant(events),
        warnings: decision.warnings.length === 0 ? noWarnings : decision.warnings,
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
  const customers =
    workspace.written.size === 0
      ? before.customers
      : workspace.written.size === 1
        ? setCustomer(before.customers, workspace.written.values().next().value as Customer)
        : setCustomers(before.customers, workspace.written.values())
  workspace.written.clear()
  workspace.published =
    workspace.watermarkAt === before.watermarkAt
      ? { ...before, customers, settlesFrom: workspace.settlesFrom }
      : stateOf(before.target, customers, workspace.watermarkAt, workspace.settlesFrom)
  return workspace.published
}

/**
 * Runs one operation in a workspace of its own and publishes it: the pure form of every
 * operation. A refused operation wrote nothing, and its workspace is dropped.
 */
export const once = (state: EnrolmentState, run: (workspace: Workspace) => Effect): Result => {
  const workspace = openWorkspace(state)
  const effect = run(workspace)
  return E.isLeft(effect) ? effect : E.right({ state: publish(workspace), ...effect.right })
}
