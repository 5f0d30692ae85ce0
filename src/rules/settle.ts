// Settlement of one customer up to an instant (rules settle.*, grace.*): walks the customer's own
// cycle ends, closes and a waiting balance's start, in time order.
import { absurd } from '../internal/absurd.js'
import { progressChanged, releaseWaiting, subTargetsReached } from './achievement.js'
import { closeAt, goalOf, type Context } from './context.js'
import { progressOf, streakOf, takesPartIn, type Customer, type Instant } from './customer.js'
import { cycleForfeit, cycleReward, streakBroken } from './event.js'
import { storyOf, type Story } from './story.js'

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

/** When the customer's next cycle to end ends (`Infinity` once none is left to end). */
const nextEndAt = (context: Context, customer: Customer): Instant => {
  const ending = customer.endedCycles + 1
  return ending <= context.window.count(customer)
    ? context.window.end(customer, ending)
    : Number.POSITIVE_INFINITY
}

/** When the customer's next cycle to close closes (rule grace.close-at; `Infinity` if none has ended). */
const nextCloseAt = (context: Context, customer: Customer): Instant => {
  const closing = customer.closedCycles + 1
  return closing <= customer.endedCycles
    ? closeAt(context, customer, closing)
    : Number.POSITIVE_INFINITY
}

/** When a waiting balance's cycle starts (`Infinity` if none waits). */
const waitingStartAt = (context: Context, customer: Customer): Instant => {
  const waiting = waitingBalance(context, customer)
  return waiting === undefined ? Number.POSITIVE_INFINITY : context.window.start(customer, waiting)
}

/**
 * When the customer's next boundary falls (`Infinity` if none will): the end of the next cycle to
 * end, the close of the next cycle to close, or a waiting balance's start. Nothing changes for the
 * customer before it. A `PERIOD_AGNOSTIC` window has none: nothing there waits for time.
 */
export const nextSettlement = (context: Context, customer: Customer): Instant =>
  context.window.type === 'PERIOD_AGNOSTIC'
    ? Number.POSITIVE_INFINITY
    : Math.min(
        nextEndAt(context, customer),
        nextCloseAt(context, customer),
        waitingStartAt(context, customer),
      )

/** What the close of `cycle` does (rules settle.period-end, unenroll.6, settle.continuous-break). */
const close = (story: Story, context: Context, cycle: number, member: boolean): void => {
  const customer = story.customer
  const at = closeAt(context, customer, cycle)
  const progress = progressOf(customer, cycle)
  const target = context.target
  let heldUntil: Instant | undefined
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
      const missed = target.streakType === 'CONTINUOUS' && member && progress?.rewarded !== true
      const count = streakOf(customer).count
      if (missed && count > 0)
        story.emit(streakBroken(context, customer.customerId, at, cycle, count))
      // rule grace.streak-order: a later cycle achieved (by its `at`) while this one was in grace
      // is credited at this close at the earliest, even when its activity arrives after it.
      if (missed && context.grace > 0) heldUntil = at
      break
    }
    default:
      absurd(target)
  }
  story.emit(
    heldUntil === undefined
      ? { type: 'CYCLE_CLOSED', cycle }
      : { type: 'CYCLE_CLOSED', cycle, heldUntil },
  )
  // rule grace.streak-order: a credit that waited for this cycle follows its fate.
  if (streakOf(story.customer).waiting.length > 0) releaseWaiting(story, context, at)
}

/**
 * Applies the customer's next boundary to the story; at one instant, an end before a close before a
 * start (rule event.order). Rules settle.*, grace.membership, enroll.5.
 */
const crossNext = (story: Story, context: Context): void => {
  const customer = story.customer
  const endAt = nextEndAt(context, customer)
  const closeAtNext = nextCloseAt(context, customer)
  if (endAt <= closeAtNext && endAt <= waitingStartAt(context, customer)) {
    const cycle = customer.endedCycles + 1
    const member = takesPartIn(customer, cycle)
    // Without grace a cycle closes as it ends; with grace, who was in it is decided now.
    if (context.grace === 0) close(story, context, cycle, member)
    else story.emit({ type: 'CYCLE_ENDED', cycle, member })
  } else if (closeAtNext <= waitingStartAt(context, customer)) {
    const cycle = customer.closedCycles + 1
    close(story, context, cycle, customer.graceCycles.includes(cycle))
  } else {
    const waiting = waitingBalance(context, customer) as number
    progressChanged(story, context, waiting, context.window.start(customer, waiting))
  }
}

/**
 * Settles the customer of `story` up to `until`: every boundary at or before it, in order (rule
 * time.lazy-settlement: each operation settles its customer first; rule advance.settles-all).
 */
export const settleUntil = (story: Story, context: Context, until: Instant): void => {
  while (nextSettlement(context, story.customer) <= until) crossNext(story, context)
}

/**
 * The earliest instant at which settling alone would emit an event for this customer, or
 * undefined if nothing can come without new input (rule ops.next-due-at). Found by settling a
 * copy boundary by boundary: a customer has at most a few hundred.
 */
export const nextDueAt = (context: Context, customer: Customer): Instant | undefined => {
  const story = storyOf(customer, { version: customer.version, owned: false })
  for (;;) {
    const at = nextSettlement(context, story.customer)
    if (at === Number.POSITIVE_INFINITY) return undefined
    crossNext(story, context)
    if (story.events.length > 0) return at
  }
}
