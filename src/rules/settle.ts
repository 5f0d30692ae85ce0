// Settlement of one customer up to an instant (rules settle.*, grace.*): walks the customer's own
// cycle ends, closes and a waiting balance's start, in time order.
import { absurd } from '../internal/absurd.js'
import { progressChanged, releaseWaiting, subTargetsReached } from './achievement.js'
import { closeAt, goalOf, type Context } from './context.js'
import { progressOf, streakOf, takesPartIn, type Customer, type Instant } from './customer.js'
import { cycleForfeit, cycleReward, streakBroken } from './event.js'
import { isEvent } from './fact.js'
import { storyOf, type Story } from './story.js'

// model

/** What happens next to a customer: a cycle ends, a cycle closes, or a waiting balance's cycle starts. */
type BoundaryKind = 'END' | 'CLOSE' | 'START'

// operations

/**
 * The start cycle's progress, when it holds a balance given before the cycle began that reaches a
 * sub-target or the goal: it takes effect at the cycle's start, for a customer enrolled by then
 * (rules enroll.5, subtarget.balance).
 */
const waitingBalance = (context: Context, customer: Customer): number | undefined => {
  if (customer.status !== 'ENROLLED') return undefined
  const cycle = customer.startCycle
  const progress = progressOf(customer, cycle)
  if (progress === undefined) return undefined
  const goalWaits = progress.achievedAt === undefined && progress.value >= goalOf(context, cycle)
  return goalWaits || subTargetsReached(context, customer, cycle, progress.value).length > 0
    ? cycle
    : undefined
}

/**
 * The customer's next boundary, and its instant: the end of the next cycle to end, the close of
 * the next cycle to close (rule grace.close-at), or a waiting balance's start; at one instant, an
 * end before a close before a start (rule event.order). A `PERIOD_AGNOSTIC` window has none:
 * nothing there waits for time. (Answered through `then`, so that asking allocates nothing.)
 */
const nextBoundary = <A>(
  context: Context,
  customer: Customer,
  then: (kind: BoundaryKind, cycle: number, at: Instant) => A,
  none: A,
): A => {
  const window = context.window
  if (window.type === 'PERIOD_AGNOSTIC') return none
  const ending = customer.endedCycles + 1
  const endAt =
    ending <= window.count(customer) ? window.end(customer, ending) : Number.POSITIVE_INFINITY
  const closing = customer.closedCycles + 1
  const closeAtNext =
    closing <= customer.endedCycles ? closeAt(context, customer, closing) : Number.POSITIVE_INFINITY
  const waiting = waitingBalance(context, customer)
  const startAt = waiting === undefined ? Number.POSITIVE_INFINITY : window.start(customer, waiting)
  if (
    endAt === Number.POSITIVE_INFINITY &&
    closeAtNext === Number.POSITIVE_INFINITY &&
    waiting === undefined
  )
    return none
  if (endAt <= closeAtNext && endAt <= startAt) return then('END', ending, endAt)
  if (closeAtNext <= startAt) return then('CLOSE', closing, closeAtNext)
  return then('START', waiting as number, startAt)
}

/** When the customer's next boundary falls (`Infinity` if none will): nothing changes for them before. */
export const nextSettlement = (context: Context, customer: Customer): Instant =>
  nextBoundary(context, customer, instantOf, Number.POSITIVE_INFINITY)

const instantOf = (_: BoundaryKind, __: number, at: Instant): Instant => at

/** What the close of `cycle` does (rules settle.period-end, settle.forfeit, settle.continuous-break). */
const close = (story: Story, context: Context, cycle: number, member: boolean): void => {
  const customer = story.customer
  const at = closeAt(context, customer, cycle)
  const progress = progressOf(customer, cycle)
  const target = context.target
  switch (target.kind) {
    case 'MILESTONE': {
      if (target.allocation === 'IMMEDIATE' || progress === undefined) break
      const achieved = progress.achievedAt !== undefined
      if (!achieved && !progress.reversed) break
      const id = customer.customerId
      // rule unenroll.6: out of the cycle at its end, the reward is forfeited; rule
      // return.period-end: below the goal at the close, too — and UNENROLLED wins.
      story.emit(
        !member
          ? cycleForfeit(context, id, at, cycle, 'UNENROLLED')
          : achieved
            ? cycleReward(context, id, at, cycle)
            : cycleForfeit(context, id, at, cycle, 'RETURNED'),
      )
      break
    }
    case 'STREAK': {
      const count = streakOf(customer).count
      if (target.streakType === 'CONTINUOUS' && member && progress?.rewarded !== true && count > 0)
        story.emit(streakBroken(context, customer.customerId, at, cycle, count))
      break
    }
    default:
      absurd(target)
  }
  story.emit({ type: 'CYCLE_CLOSED', cycle })
  // rule grace.streak-order: a credit that waited for this cycle follows its fate.
  if (streakOf(story.customer).waiting.length > 0) releaseWaiting(story, context, at)
}

/** Applies one boundary to the story (rules settle.*, grace.membership, enroll.5). */
const cross = (
  story: Story,
  context: Context,
  kind: BoundaryKind,
  cycle: number,
  at: Instant,
): void => {
  switch (kind) {
    case 'END': {
      const member = takesPartIn(story.customer, cycle)
      // Without grace a cycle closes as it ends; with grace, who was in it is decided now.
      if (context.grace === 0) close(story, context, cycle, member)
      else story.emit({ type: 'CYCLE_ENDED', cycle, member })
      return
    }
    case 'CLOSE':
      close(story, context, cycle, story.customer.graceCycles.includes(cycle))
      return
    case 'START':
      progressChanged(story, context, cycle, at)
      return
    default:
      absurd(kind)
  }
}

/**
 * Settles the customer of `story` up to `until`: every boundary at or before it, in order (rule
 * time.lazy-settlement: each operation settles its customer first; rule advance.settles-all).
 */
export const settleUntil = (story: Story, context: Context, until: Instant): void => {
  const step = (kind: BoundaryKind, cycle: number, at: Instant): boolean => {
    if (at > until) return false
    cross(story, context, kind, cycle, at)
    return true
  }
  while (nextBoundary(context, story.customer, step, false));
}

/**
 * The earliest instant at which settling alone would emit an event for this customer, or
 * undefined if nothing can come without new input (rule ops.next-due-at). Found by settling a
 * copy boundary by boundary: a customer has at most a few hundred.
 */
export const nextDueAt = (context: Context, customer: Customer): Instant | undefined => {
  const story = storyOf(customer, { version: customer.version, owned: false })
  let due: Instant | undefined
  const step = (kind: BoundaryKind, cycle: number, at: Instant): boolean => {
    const before = story.facts.length
    cross(story, context, kind, cycle, at)
    if (story.facts.slice(before).some(isEvent)) due = at
    return due === undefined
  }
  while (nextBoundary(context, story.customer, step, false));
  return due
}
