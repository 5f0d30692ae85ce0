import * as E from 'fp-ts/lib/Either.js'
import {
  advance,
  calendarCycles,
  defineMilestone,
  enroll,
  initialState,
  recordActivity,
  unenroll,
} from '../src/index.js'

// Milestone 'ABC': 5 transactions a month, rewarded at each month's end, 5 monthly cycles.
const cycles = calendarCycles({
  start: '2026-01-01',
  frequency: 'MONTHLY',
  count: 5,
  timeZone: 'Europe/London',
})
if (E.isLeft(cycles)) throw new Error(cycles.left.message)
const abc = defineMilestone({
  targetGroupId: 501,
  targetId: 1,
  name: 'ABC',
  metric: 'COUNT',
  goal: 5,
  allocation: 'PERIOD_END',
  cycles: cycles.right,
})
if (E.isLeft(abc)) throw new Error(abc.left.message)

let state = initialState(abc.right)
const step = (result: ReturnType<typeof enroll>) => {
  if (E.isLeft(result)) throw new Error(`${result.left.code}: ${result.left.message}`)
  state = result.right.state
  for (const e of result.right.events) console.log(e.at.toISOString(), e.type, `c${e.cycle}`)
}

step(enroll(state, 423789336, new Date('2026-01-01T00:00:00Z')))
for (let day = 2; day <= 6; day++)
  step(recordActivity(state, 423789336, { at: new Date(`2026-01-0${day}T12:00:00Z`) }))
step(unenroll(state, 423789336, new Date('2026-01-15T00:00:00Z'))) // mid-c1: c1 will not be paid
step(advance(state, new Date('2026-02-01T00:00:00Z'))) // → REWARD_FORFEITED c1 at the end of c1
