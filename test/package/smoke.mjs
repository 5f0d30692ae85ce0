// Loads the built package as ESM (import) and unenrols a customer: catches the fp-ts ESM trap.
import assert from 'node:assert/strict'
import { defineMilestone, enroll, initialState, unenroll } from 'loyalty-streaks'

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
console.log('ESM import of dist: unenroll ok')

// The ./testing subpath loads fast-check and draws valid targets.
const { targets, operations } = await import('loyalty-streaks/testing')
const fc = (await import('fast-check')).default
const [sample] = fc.sample(targets(), { numRuns: 1, seed: 1 })
assert.ok(sample.kind === 'MILESTONE' || sample.kind === 'STREAK')
assert.ok(Array.isArray(fc.sample(operations(sample), { numRuns: 1, seed: 1 })[0]))
console.log('ESM import of dist/testing: arbitraries ok')
