// A target definition as JSON: written with every field, read back through the smart
// constructors, which check it as they check any definition.
import * as E from 'fp-ts/lib/Either.js'
import { defineMilestone } from '../definition/defineMilestone.js'
import { defineStreak } from '../definition/defineStreak.js'
import type { Target } from '../model/target.js'
import { field, instant, list, record, refuse } from './json.js'

// operations

const iso = (date: Date): string => date.toISOString()

/** The JSON form of a target's definition. */
export const targetFields = (target: Target): Readonly<Record<string, unknown>> => ({
  kind: target.kind,
  targetGroupId: target.targetGroupId,
  targetId: target.targetId,
  name: target.name,
  metric: target.metric,
  goal: target.goal,
  allocation: target.allocation,
  window: target.window,
  ...(target.timeZone === undefined ? {} : { timeZone: target.timeZone }),
  subTargets: target.subTargets,
  allowReturns: target.allowReturns,
  graceDays: target.graceDays,
  ...(target.reward === undefined ? {} : { reward: target.reward }),
  ...(target.kind === 'STREAK'
    ? {
        streakType: target.streakType,
        levels: target.levels.map((level) => {
          const reward = target.levelRewards.find((r) => r.level === level)?.reward
          return reward === undefined ? level : { level, reward }
        }),
      }
    : {}),
  // rule window.fixed: only a FIXED window has cycles of its own.
  ...(target.window.type === 'FIXED'
    ? {
        cycles: target.cycles.map((c) => ({
          refCode: c.refCode,
          start: iso(c.start),
          end: iso(c.end),
          ...(c.goal === undefined ? {} : { goal: c.goal }),
          ...(c.reward === undefined ? {} : { reward: c.reward }),
        })),
      }
    : {}),
})

/** The target of a JSON definition at `path`, re-checked by its smart constructor. */
export const readTarget = (value: unknown, path: string): Target => {
  const raw = record(value, path)
  const rawCycles = field(raw, 'cycles', `${path}.cycles`)
  const cycles =
    rawCycles === undefined
      ? undefined
      : list(rawCycles, `${path}.cycles`, 100).map((c, i) => {
          const at = `${path}.cycles[${i}]`
          const cycle = record(c, at)
          return {
            ...cycle,
            start: new Date(instant(field(cycle, 'start', `${at}.start`), `${at}.start`)),
            end: new Date(instant(field(cycle, 'end', `${at}.end`), `${at}.end`)),
          }
        })
  const definition = { ...raw, ...(cycles === undefined ? {} : { cycles }) } as never
  const kind = field(raw, 'kind', `${path}.kind`)
  const built =
    kind === 'MILESTONE'
      ? defineMilestone(definition)
      : kind === 'STREAK'
        ? defineStreak(definition)
        : refuse(`${path}.kind`, "must be 'MILESTONE' or 'STREAK'")
  if (E.isLeft(built)) {
    const first = built.left.problems[0]
    return refuse(`${path}.${first?.path ?? ''}`, first?.message ?? built.left.message)
  }
  return built.right
}
