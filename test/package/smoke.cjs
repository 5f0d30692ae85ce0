// Loads the built package as CommonJS (require) and unenrols a customer.
const assert = require('node:assert/strict')
const { defineMilestone, enroll, initialState, unenroll } = require('loyalty-streaks')

const target = defineMilestone({
  targetGroupId: 1,
  targetId: 1,
  metric: 'COUNT',
  goal: 1,
  allocation: 'IMMEDIATE',
  cycles: [
    {
      refCode: 'c1',
      start: new Date('2026-01-01T00:00:00Z'),
      end: new Date('2026-02-01T00:00:00Z'),
    },
  ],
})
assert.equal(target._tag, 'Right')
const enrolled = enroll(initialState(target.right), 7, new Date('2026-01-02T00:00:00Z'))
assert.equal(enrolled._tag, 'Right')
const result = unenroll(enrolled.right.state, 7, new Date('2026-01-03T00:00:00Z'))
assert.equal(result._tag, 'Right')
assert.deepEqual(
  result.right.events.map((e) => [e.type, e.cycle]),
  [['UNENROLLED', 1]],
)
console.log('CJS require of dist: unenroll ok')

// The ./testing subpath loads fast-check and draws valid targets.
const { targets } = require('loyalty-streaks/testing')
const fc = require('fast-check')
const [sample] = fc.sample(targets(), { numRuns: 1, seed: 1 })
assert.ok(sample.kind === 'MILESTONE' || sample.kind === 'STREAK')
console.log('CJS require of dist/testing: arbitraries ok')
