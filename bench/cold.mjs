// Cold start: a fresh process imports the built package and runs one unenroll.
import { defineMilestone, enroll, initialState, unenroll } from '../dist/index.js'

const target = defineMilestone({
  targetGroupId: 1,
  targetId: 1,
  metric: 'COUNT',
  goal: 1,
  allocation: 'IMMEDIATE',
  cycles: [
    { refCode: 'c1', start: new Date(Date.UTC(2026, 0, 1)), end: new Date(Date.UTC(2026, 1, 1)) },
  ],
})
const enrolled = enroll(initialState(target.right), 7, new Date(Date.UTC(2026, 0, 2)))
const result = unenroll(enrolled.right.state, 7, new Date(Date.UTC(2026, 0, 3)))
if (result._tag !== 'Right') process.exit(1)
