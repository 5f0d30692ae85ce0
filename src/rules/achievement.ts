// What a cycle's progress reaching its thresholds does: sub-targets, the achievement and its
// rewards, the streak's count and levels, and what a return that undoes it does.
import { absurd } from '../internal/absurd.js'
import type { SubTarget } from '../model/target.js'
import { goalOf, type Context } from './context.js'
import { empty, progressOf, streakOf, type Customer, type Instant } from './customer.js'
import { cycleEvent, cycleReward, levelReached, subTargetReached } from './event.js'
import type { Story } from './story.js'

// operations

/**
 * rule subtarget.threshold: a sub-target's threshold in `cycle`. A percentage's product is rounded
 * to 15 significant digits, which drops binary noise, so that a threshold whose decimal value is
 * whole comes out whole (2.2% of 1500 is 33, where 2.2 × 1500 / 100 is 33.00000000000001); never
 * above the goal, which a share below 100% of a goal of more digits could round up past.
 */
export const thresholdOf = (context: Context, subTarget: SubTarget, cycle: number): number => {
  if (subTarget.trigger === 'ABSOLUTE') return subTarget.value
  const goal = goalOf(context, cycle)
  return Math.min(Number(((subTarget.value * goal) / 100).toPrecision(15)), goal)
}

/**
 * The sub-targets `value` reaches in `cycle` that the customer has not reached there yet,
 * ascending by threshold, ties in definition order (rule subtarget.order).
 */
export const subTargetsReached = (
  context: Context,
  customer: Customer,
  cycle: number,
  value: number,
): ReadonlyArray<SubTarget> => {
  const subTargets = context.target.subTargets
  if (subTargets.length === 0) return empty
  const reached = progressOf(customer, cycle)?.subTargets ?? empty
  return subTargets
    .map((subTarget, order) => ({
      subTarget,
      order,
      threshold: thresholdOf(context, subTarget, cycle),
    }))
    .filter((s) => s.threshold <= value && !reached.includes(s.subTarget.name))
    .sort((a, b) => a.threshold - b.threshold || a.order - b.order)
    .map((s) => s.subTarget)
}

/**
 * Whether a streak credit of `cycle` must wait (rule grace.streak-order): a `CONTINUOUS` streak
 * credits cycles in order, so it waits while an earlier cycle the customer took part in is in grace
 * and unachieved, or an earlier credit waits.
 */
const creditWaits = (context: Context, customer: Customer, cycle: number): boolean => {
  if (context.target.kind !== 'STREAK' || context.target.streakType !== 'CONTINUOUS') return false
  const streak = streakOf(customer)
  return (
    streak.waiting.some((w) => w.cycle < cycle) ||
    customer.graceCycles.some((c) => c < cycle && progressOf(customer, c)?.rewarded !== true)
  )
}

/**
 * Counts `cycle` into the streak from `from` (its achievement, or the instant what held it back was
 * decided) — no earlier than the close of a cycle before it that held it back unachieved (rule
 * grace.streak-order) — and rewards each level it reaches (rule activity.streak-levels).
 */
const credit = (story: Story, context: Context, cycle: number, from: Instant): void => {
  if (context.target.kind !== 'STREAK') return
  const at = Math.max(from, streakOf(story.customer).heldUntil ?? from)
  story.emit({ type: 'STREAK_CREDITED', cycle })
  const streak = streakOf(story.customer)
  // rule activity.level-once: each level the count reaches, once per epoch.
  for (const level of context.target.levels)
    if (level <= streak.count && !streak.achievedLevels.includes(level))
      for (const event of levelReached(
        context,
        story.customer.customerId,
        at,
        cycle,
        level,
        streak.epoch,
      ))
        story.emit(event)
}

/**
 * Credits the waiting cycles nothing holds back any longer, in order, each at the later of its own
 * achievement and `at`, the instant what held it back was decided (rule grace.streak-order).
 */
export const releaseWaiting = (story: Story, context: Context, at: Instant): void => {
  for (;;) {
    const next = streakOf(story.customer).waiting[0]
    if (next === undefined || creditWaits(context, story.customer, next.cycle)) return
    credit(story, context, next.cycle, Math.max(next.achievedAt, at))
  }
}

/**
 * `cycle` is achieved at `at` (rule activity.achieves): `CYCLE_ACHIEVED`, then, the first time, its
 * effect — an `IMMEDIATE` milestone reward, or the streak's credit — and, in a `PERIOD_AGNOSTIC`
 * window, the end of the cycle.
 */
const achieve = (story: Story, context: Context, cycle: number, at: Instant): void => {
  const customerId = story.customer.customerId
  story.emit(cycleEvent('CYCLE_ACHIEVED', context, customerId, at, cycle))
  const rewarded = progressOf(story.customer, cycle)?.rewarded === true
  const target = context.target
  switch (target.kind) {
    case 'MILESTONE':
      // rule activity.immediate; rule return.immediate-once: never again for this cycle.
      if (target.allocation === 'IMMEDIATE' && !rewarded)
        story.emit(cycleReward(context, customerId, at, cycle))
      break
    case 'STREAK':
      // rule return.streak: a cycle counts for the streak from its first achievement only.
      if (rewarded) break
      if (creditWaits(context, story.customer, cycle))
        story.emit({ type: 'CREDIT_WAITING', cycle, achievedAt: at })
      else {
        credit(story, context, cycle, at)
        releaseWaiting(story, context, at)
      }
      break
    default:
      absurd(target)
  }
  // rule window.agnostic: the activity that reaches the goal ends the cycle; the next starts there.
  if (context.window.type === 'PERIOD_AGNOSTIC') story.emit({ type: 'CYCLE_COMPLETED', cycle, at })
}

/**
 * After `cycle`'s progress changed at `at` — by an activity, or by a balance once its cycle has
 * begun — emits the sub-targets it reaches, then the achievement; a return below the goal of an
 * achieved cycle reverses it (rule return.reversed).
 */
export const progressChanged = (
  story: Story,
  context: Context,
  cycle: number,
  at: Instant,
): void => {
  const progress = progressOf(story.customer, cycle)
  if (progress === undefined) return
  if (context.target.subTargets.length > 0)
    for (const subTarget of subTargetsReached(context, story.customer, cycle, progress.value))
      story.emit(subTargetReached(context, story.customer.customerId, at, cycle, subTarget))
  const reached = progress.value >= goalOf(context, cycle)
  if (reached && progress.achievedAt === undefined) achieve(story, context, cycle, at)
  else if (!reached && progress.achievedAt !== undefined)
    story.emit(cycleEvent('ACHIEVEMENT_REVERSED', context, story.customer.customerId, at, cycle))
}
