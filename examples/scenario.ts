// Plays a scenario on a state and prints it readably: each operation with the events it returned
// (each at the instant it takes effect), then the customer's timeline, cycle by cycle.
import * as E from 'fp-ts/lib/Either.js'
import {
  formatTimeline,
  timeline,
  type EnrolmentEvent,
  type EnrolmentState,
  type Result,
} from '../src/index.js'

/** One step of a scenario: what is done, when, and how. */
export interface Step {
  readonly label: string
  readonly at: Date
  readonly run: (state: EnrolmentState) => Result
}

const stamp = (date: Date): string => date.toISOString().slice(0, 16).replace('T', ' ')

const describe = (e: EnrolmentEvent): string => {
  switch (e.type) {
    case 'ENROLLED':
      return `ENROLLED from c${e.cycle}`
    case 'REENROLLED':
      return `REENROLLED from c${e.cycle}`
    case 'UNENROLLED':
      return `UNENROLLED from c${e.cycle} to the end`
    case 'CYCLE_ACHIEVED':
      return `CYCLE_ACHIEVED c${e.cycle}`
    case 'STREAK_LEVEL_ACHIEVED':
      return `STREAK_LEVEL_ACHIEVED level ${e.level} (epoch ${e.epoch}) in c${e.cycle}`
    case 'STREAK_BROKEN':
      return `STREAK_BROKEN at the end of c${e.cycle} (count was ${e.count})`
    case 'STREAK_RESET':
      return `STREAK_RESET: epoch ${e.epoch} begins`
    case 'REWARD_ISSUED':
      return `REWARD_ISSUED  💰 ${e.level === undefined ? `c${e.cycle}` : `level ${e.level}, epoch ${e.epoch}`} (${e.allocation})${e.reward === undefined ? '' : ` ${JSON.stringify(e.reward)}`}  key ${e.idempotencyKey}`
    case 'REWARD_FORFEITED':
      return `REWARD_FORFEITED ✗ c${e.cycle} (${e.allocation}, ${e.reason})  key ${e.idempotencyKey}`
    case 'SUB_TARGET_REACHED':
      return `SUB_TARGET_REACHED "${e.subTarget}" in c${e.cycle}${e.reward === undefined ? '' : `  🎁 ${JSON.stringify(e.reward)}`}`
    case 'ACHIEVEMENT_REVERSED':
      return `ACHIEVEMENT_REVERSED c${e.cycle} (a return took it below the goal)`
    default: {
      const never: never = e
      return String(never)
    }
  }
}

/** Plays `steps` from `state`, printing the timeline; returns the final state and every event. */
export const playScenario = (
  title: string,
  seed: string,
  state: EnrolmentState,
  steps: ReadonlyArray<Step>,
): { readonly state: EnrolmentState; readonly events: ReadonlyArray<EnrolmentEvent> } => {
  console.log(`\n━━ ${title} ━━`)
  console.log(`   seed: ${seed}`)
  let current = state
  const all: Array<EnrolmentEvent> = []
  let quiet = 0
  const flushQuiet = () => {
    if (quiet > 0)
      console.log(`   ${' '.repeat(16)}  … ${quiet} step${quiet > 1 ? 's' : ''} with nothing due`)
    quiet = 0
  }
  for (const step of steps) {
    const result = step.run(current)
    if (E.isLeft(result)) {
      flushQuiet()
      console.log(
        `   ${stamp(step.at)}  ${step.label.padEnd(40)} ✗ refused ${result.left.code}: ${result.left.message}`,
      )
      continue
    }
    const { events, warnings } = result.right
    current = result.right.state
    all.push(...events)
    if (events.length === 0 && warnings.length === 0 && step.label.startsWith('activity')) {
      quiet++
      continue
    }
    flushQuiet()
    const head = `   ${stamp(step.at)}  ${step.label.padEnd(40)}`
    if (events.length === 0 && warnings.length === 0) console.log(`${head} (nothing due)`)
    events.forEach((e, i) => {
      const when = e.at.getTime() === step.at.getTime() ? '' : ` [takes effect ${stamp(e.at)}]`
      console.log(`${i === 0 ? head : ' '.repeat(head.length)} → ${describe(e)}${when}`)
    })
    warnings.forEach((w, i) => {
      console.log(
        `${i === 0 && events.length === 0 ? head : ' '.repeat(head.length)} ⚠ ${w.code}: ${w.message}`,
      )
    })
  }
  flushQuiet()
  for (const customerId of new Set(all.map((e) => e.customerId))) {
    console.log(`\n   timeline of customer ${customerId}:`)
    // As of the last step: cycles begun since the last event are shown too (OPEN or MISSED).
    const asOf = new Date(
      Math.max(...steps.map((s) => s.at.getTime()), ...all.map((e) => e.at.getTime())),
    )
    for (const line of formatTimeline(timeline(current, all, customerId, asOf)).split('\n'))
      console.log(`   ${line}`)
  }
  return { state: current, events: all }
}
