// Where operations write: a published state plus the drafts written since it was published.
//
// Every operation runs against a workspace. A single call (`unenroll(state, …)`) opens one, runs,
// and publishes it: one copy of the customer's record, kept among the map's recent records (no trie
// path copied; see `customerMap.ts`). A batch or a session keeps one open across many operations,
// so a customer touched again is written in place — the draft is the workspace's own, reachable
// from nothing published (issue #5: no copy per operation). Records already published, and every
// state handed out, are never written.
import * as O from 'fp-ts/lib/Option.js'
import type { Enrolment } from '../model/enrolment.js'
import type { EnrolmentState } from '../model/state.js'
import type { Target } from '../model/target.js'
import { getCustomer, setCustomer } from '../internal/customerMap.js'
import { draftOf, foundWhole, makeRoomForProgress, published, type Draft } from './draft.js'

// model

export interface Workspace {
  readonly target: Target
  /** The state last published: what `publish` returns while nothing has changed since. */
  published: EnrolmentState
  watermark: O.Option<Date>
  advancedTo: O.Option<Date>
  /** The records written since the last publish, by customer id: owned here, written in place. */
  readonly drafts: Map<number, Draft>
  /** The draft `recordOf` found last: `writable` then needs no second lookup (a memo). */
  lastFound: Draft | undefined
  /**
   * Whether drafts outlive the operation that made them (a session or a batch), not one call's.
   * Only lasting drafts get their progress object made beside them (`makeRoomForProgress`): in a
   * single call it would be two objects thrown away with the draft (issue #5).
   */
  readonly lasting: boolean
}

// constructors

export const openWorkspace = (state: EnrolmentState, lasting: boolean): Workspace => ({
  target: state.target,
  published: state,
  watermark: state.watermark,
  advancedTo: state.advancedTo,
  drafts: new Map(),
  lastFound: undefined,
  lasting,
})

// operations

/** The customer's record as the operations so far left it, if the customer was ever enrolled. */
export const recordOf = (
  workspace: Workspace,
  customerId: number,
): Draft | Enrolment | undefined => {
  const own = workspace.drafts.get(customerId)
  if (own === undefined) {
    // Found to be written, most likely: the record is fetched whole.
    const stored = getCustomer(workspace.published.enrolments, customerId)
    return foundWhole(stored) ? stored : undefined
  }
  workspace.lastFound = own
  return own
}

/**
 * The customer's record, to be written: the workspace's own draft, else a new draft of `record`.
 * Call it only once the operation is sure to succeed: a refused operation writes nothing.
 */
export const writable = (workspace: Workspace, record: Draft | Enrolment): Draft => {
  if (record === workspace.lastFound) return workspace.lastFound
  const own = workspace.drafts.get(record.customerId)
  if (own !== undefined) return own
  const draft = draftOf(record as Enrolment)
  addRecord(workspace, draft)
  return draft
}

/**
 * Adds a draft the workspace did not have: a new customer's, or one of a published record. A
 * lasting draft with no progress gets the room for it now, beside it in memory.
 */
export const addRecord = (workspace: Workspace, draft: Draft): void => {
  if (workspace.lasting && draft.progress.length === 0) makeRoomForProgress(draft)
  workspace.drafts.set(draft.customerId, draft)
}

/**
 * The state with every draft written into it. The drafts stop being the workspace's: a later write
 * to one of those customers takes a new draft. With nothing changed, the same state as before.
 */
export const publish = (workspace: Workspace): EnrolmentState => {
  const before = workspace.published
  if (
    workspace.drafts.size === 0 &&
    workspace.watermark === before.watermark &&
    workspace.advancedTo === before.advancedTo
  )
    return before
  let enrolments = before.enrolments
  // One draft (a single call's, usually) is a single write: it goes into the map's `recent`
  // records, and copies no trie path. More are a batch, with a fresh owner: the trie nodes this
  // publish creates are written in place until it returns.
  const owner = workspace.drafts.size === 1 ? null : {}
  for (const draft of workspace.drafts.values())
    enrolments = setCustomer(enrolments, published(draft), owner)
  workspace.drafts.clear()
  workspace.lastFound = undefined
  workspace.published = {
    ...before,
    watermark: workspace.watermark,
    advancedTo: workspace.advancedTo,
    enrolments,
  }
  return workspace.published
}
