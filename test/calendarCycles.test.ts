// SPEC §2: calendar cycles in an IANA time zone.
import { describe, expect, it } from 'vitest'
import { calendarCycles, type CalendarCyclesInput } from '../src/index.js'
import { at, left, right } from './support/fixtures.js'

const hours = (c: { start: Date; end: Date }) => (c.end.getTime() - c.start.getTime()) / 3_600_000

describe('calendarCycles', () => {
  it('daily cycles across the spring DST change in America/New_York: 24, 23, 24 hours', () => {
    const cycles = right(
      calendarCycles({
        start: '2026-03-07',
        frequency: 'DAILY',
        count: 3,
        timeZone: 'America/New_York',
      }),
    )
    expect(cycles.map(hours)).toEqual([24, 23, 24])
    expect(cycles[0]).toEqual({
      index: 1,
      refCode: '2026-03-07',
      start: at('2026-03-07T05:00:00Z'),
      end: at('2026-03-08T05:00:00Z'),
    })
    expect(cycles[2]?.start).toEqual(at('2026-03-09T04:00:00Z'))
  })

  it('daily cycles across the autumn DST change in America/New_York: 24, 25, 24 hours', () => {
    const cycles = right(
      calendarCycles({
        start: '2026-10-31',
        frequency: 'DAILY',
        count: 3,
        timeZone: 'America/New_York',
      }),
    )
    expect(cycles.map(hours)).toEqual([24, 25, 24])
    expect(cycles[1]?.start).toEqual(at('2026-11-01T04:00:00Z'))
    expect(cycles[2]?.start).toEqual(at('2026-11-02T05:00:00Z'))
  })

  it('monthly cycles from the 31st start on Jan 31, Feb 28, Mar 31, Apr 30 (not chained)', () => {
    const cycles = right(
      calendarCycles({ start: '2026-01-31', frequency: 'MONTHLY', count: 4, timeZone: 'UTC' }),
    )
    expect(cycles.map((c) => c.start.toISOString().slice(0, 10))).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
    ])
    expect(cycles.map((c) => c.refCode)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04'])
    expect(cycles[3]?.end).toEqual(at('2026-05-31T00:00:00Z'))
  })

  it('each cycle ends where the next starts', () => {
    const cycles = right(
      calendarCycles({
        start: '2026-01-05',
        frequency: 'WEEKLY',
        count: 10,
        timeZone: 'Europe/Paris',
      }),
    )
    cycles.slice(1).forEach((c, i) => {
      expect(c.start).toEqual(cycles[i]?.end)
    })
    expect(cycles.map((c) => c.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  })

  it.each([
    ['QUARTERLY', ['2026-Q1', '2026-Q2', '2026-Q3']],
    ['HALF_YEARLY', ['2026-H1', '2026-H2', '2027-H1']],
    ['YEARLY', ['2026', '2027', '2028']],
  ] as const)('%s cycles are named by period', (frequency, names) => {
    const cycles = right(
      calendarCycles({ start: '2026-01-01', frequency, count: 3, timeZone: 'Asia/Kolkata' }),
    )
    expect(cycles.map((c) => c.refCode)).toEqual(names)
    expect(cycles[0]?.start).toEqual(at('2025-12-31T18:30:00Z'))
  })

  it('every N days names each cycle by its start date unless a pattern is given', () => {
    const cycles = right(
      calendarCycles({
        start: '2026-01-30',
        frequency: { everyDays: 2 },
        count: 2,
        timeZone: 'UTC',
      }),
    )
    expect(cycles.map((c) => c.refCode)).toEqual(['2026-01-30', '2026-02-01'])
  })

  it('every N days, with a custom refCode pattern', () => {
    const cycles = right(
      calendarCycles({
        start: '2026-01-01',
        frequency: { everyDays: 10 },
        count: 3,
        timeZone: 'UTC',
        refCodeFormat: "'P'yyyyMMdd",
      }),
    )
    expect(cycles.map((c) => c.refCode)).toEqual(['P20260101', 'P20260111', 'P20260121'])
  })

  it.each([
    ['timeZone', { timeZone: 'Mars/Olympus' }],
    ['timeZone', { timeZone: '' }],
    ['start', { start: { toString: (): string => '2026-01-01' } }],
    ['start', { start: '2026-02-30' }],
    ['start', { start: '01/02/2026' }],
    ['start', { start: '2026-13-01' }],
    ['start', { start: '2026-00-10' }],
    ['start', { start: '2026-04-31' }],
    ['start', { start: '2026-1-01' }],
    ['start', { start: '2026-01-01T00:00' }],
    ['start', { start: '20260101' }],
    ['start', { start: '2026-01' }],
    // ISO-8601's expanded year: parseISO reads it as 2026-01-01, but it is not 'YYYY-MM-DD'.
    ['start', { start: '+002026-01-01' }],
    ['count', { count: 0 }],
    ['count', { count: 101 }],
    ['count', { count: 2.5 }],
    ['frequency', { frequency: 'HOURLY' }],
    ['frequency', { frequency: { everyDays: 0 } }],
    ['refCodeFormat', { refCodeFormat: 'yyyy' }],
    ['refCodeFormat', { refCodeFormat: 5 }],
    ['refCodeFormat', { refCodeFormat: 'yyyy-MM-dd qqqqqqqq ooo' }],
  ])('names %s when it is wrong (%j)', (path, change) => {
    const input = {
      start: '2026-01-01',
      frequency: 'DAILY',
      count: 3,
      timeZone: 'UTC',
      ...change,
    } as CalendarCyclesInput
    expect(left(calendarCycles(input)).problems.map((p) => p.path)).toEqual([path])
  })
})
