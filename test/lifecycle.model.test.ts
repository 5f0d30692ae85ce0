// The model-based test of the whole lifecycle (fc.commands + fc.modelRun): every call's events,
// warnings, error code and resulting enrolment agree with the reference model of test/model/.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { initialState, type Target } from '../src/index.js'
import { recentCount } from '../src/runtime/customerMap.js'
import { internals } from '../src/runtime/state.js'
import { milestones, streaks } from '../src/testing/index.js'
import { commandsFor, type Real } from './model/commands.js'
import { ReferenceModel } from './model/reference.js'

const RUNS = Number(process.env.LIFECYCLE_RUNS ?? 4_000)
const MAX_COMMANDS = 40

const lifecycle = (
  targets: fc.Arbitrary<Target>,
  runs: number,
  { customers = 2, maxCommands = MAX_COMMANDS } = {},
) => {
  let steps = 0
  /** Stories that ended with records in the map's trie, not only among its recent records. */
  let reachedTrie = 0
  const seen = new Map<string, number>()
  fc.assert(
    fc.property(
      targets.chain((target) =>
        fc.tuple(
          fc.constant(target),
          fc.commands([...commandsFor(target, customers)], { maxCommands, size: 'max' }),
        ),
      ),
      ([target, commands]) => {
        const real: Real = { state: initialState(target), steps: 0, seen }
        fc.modelRun(() => ({ model: new ReferenceModel(target), real }), commands)
        steps += real.steps
        const customers = internals(real.state).customers
        if (customers.size > recentCount(customers)) reachedTrie++
      },
    ),
    { numRuns: runs },
  )
  return { steps, seen, reachedTrie }
}

/** Each suite plays at least this many steps, so `npm test` plays at least 100,000. */
const MIN_STEPS = Number(process.env.LIFECYCLE_RUNS ?? 0) > 0 ? 0 : 50_000

describe('lifecycle, model-based', () => {
  it('milestones (IMMEDIATE and PERIOD_END, COUNT and SUM) agree with the reference model', () => {
    const { steps, seen } = lifecycle(milestones(), RUNS)
    expect(steps).toBeGreaterThanOrEqual(MIN_STEPS)
    // Evidence the stories reach the rules (meaningful with the full number of runs only).
    if (MIN_STEPS > 0)
      for (const type of [
        'CYCLE_ACHIEVED',
        'REWARD_ISSUED',
        'UNENROLLED',
        'REENROLLED',
        'SUB_TARGET_REACHED',
        'ACHIEVEMENT_REVERSED',
        'REWARD_FORFEITED',
      ])
        expect(seen.get(type) ?? 0, type).toBeGreaterThan(0)
  }, 120_000)

  it('streaks (CONTINUOUS and NON_CONTINUOUS) agree with the reference model', () => {
    const { steps, seen } = lifecycle(streaks(), RUNS)
    expect(steps).toBeGreaterThanOrEqual(MIN_STEPS)
    if (MIN_STEPS > 0)
      for (const type of ['STREAK_LEVEL_ACHIEVED', 'STREAK_RESET', 'UNENROLLED', 'REENROLLED'])
        expect(seen.get(type) ?? 0, type).toBeGreaterThan(0)
  }, 120_000)

  it('stories of 40 customers agree with the reference model (more than a map keeps recent)', () => {
    // A pure call's record joins the map's recent records (at most 16) until one more moves them
    // all into the trie: with 40 customers most stories cross that line, many of them often.
    const runs = Math.ceil(RUNS / 16)
    const { steps, reachedTrie } = lifecycle(fc.oneof(milestones(), streaks()), runs, {
      customers: 40,
      maxCommands: 300,
    })
    if (MIN_STEPS > 0) {
      expect(steps).toBeGreaterThanOrEqual(20_000)
      expect(reachedTrie).toBeGreaterThan(runs / 2)
    }
  }, 120_000)
})
