// A target as the definitions hand it out (rules definition.immutable, state.dates-are-values):
// frozen all through, and its cycles' `start` and `end` a new `Date` at every read, so nothing a
// caller does to what it reads from a target changes the target, or any state holding it.
import type { Cycle } from '../model/cycle.js'
import type { Target, Window } from '../model/target.js'

/** A cycle whose dates are read as new `Date`s: the instants themselves are kept as numbers. */
const frozenCycle = (cycle: Cycle): Cycle => {
  const start = cycle.start.getTime()
  const end = cycle.end.getTime()
  const frozen = { index: cycle.index, refCode: cycle.refCode }
  Object.defineProperties(frozen, {
    start: { get: () => new Date(start), enumerable: true },
    end: { get: () => new Date(end), enumerable: true },
  })
  return Object.freeze(
    Object.assign(
      frozen,
      cycle.goal === undefined ? {} : { goal: cycle.goal },
      cycle.reward === undefined ? {} : { reward: cycle.reward },
    ),
  ) as Cycle
}

const frozenWindow = (window: Window): Window =>
  window.type === 'CYCLIC' && typeof window.frequency === 'object'
    ? Object.freeze({ ...window, frequency: Object.freeze({ ...window.frequency }) })
    : Object.freeze({ ...window })

const frozenList = <A>(list: ReadonlyArray<A>, each: (a: A) => A): ReadonlyArray<A> =>
  Object.freeze(list.map(each))

/** `target`, frozen all through (its reward descriptors already are). */
export const frozenTarget = <T extends Target>(target: T): T => {
  const frozen = {
    ...target,
    window: frozenWindow(target.window),
    cycles: frozenList(target.cycles, frozenCycle),
    subTargets: frozenList(target.subTargets, (s) => Object.freeze({ ...s })),
    ...(target.kind === 'STREAK'
      ? {
          levels: Object.freeze([...target.levels]),
          levelRewards: frozenList(target.levelRewards, (r) => Object.freeze({ ...r })),
        }
      : {}),
  }
  return Object.freeze(frozen)
}
