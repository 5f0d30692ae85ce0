import { describe, expect, it } from 'vitest'
import { soak } from './model/soak.js'

describe('soak, short (npm run soak runs the long campaign)', () => {
  it('stories of every kind of target agree with the reference model (every rule) step by step, and reach every event', () => {
    const report = soak({ stories: 600, seed: 20261206, batch: 100, crowd: 20 })
    expect(report.violations).toBe(0)
    expect(report.steps).toBeGreaterThan(10_000)
    // A soak that never reaches an event proves nothing about it.
    for (const type of [
      'ENROLLED',
      'UNENROLLED',
      'REENROLLED',
      'CYCLE_ACHIEVED',
      'REWARD_ISSUED',
      'REWARD_FORFEITED',
      'STREAK_LEVEL_ACHIEVED',
      'STREAK_BROKEN',
      'STREAK_RESET',
      'SUB_TARGET_REACHED',
      'ACHIEVEMENT_REVERSED',
    ])
      expect(report.seen.get(type) ?? 0, type).toBeGreaterThan(0)
  }, 120_000)
})
