// Frequencies and the one stepping rule that calendar cycles and per-customer cycles share.
import { TZDate } from '@date-fns/tz'
import { addMonths } from 'date-fns/addMonths'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { calendarCycles } from '../src/index.js'
import {
  cycleStartAfter,
  readFrequency,
  stepLocalDate,
  type Frequency,
} from '../src/calendar/frequency.js'
import { DAY_MS, LAST_DAY } from '../src/calendar/localTime.js'

const ms = (iso: string): number => Date.parse(iso)
const iso = (instantMs: number | undefined): string | undefined =>
  instantMs === undefined ? undefined : new Date(instantMs).toISOString()

const MESSAGE =
  'must be one of DAILY, WEEKLY, MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY or { everyDays: a positive integer }'

const throwingProxy = new Proxy(
  {},
  {
    get: () => {
      throw new Error('get')
    },
    getOwnPropertyDescriptor: () => {
      throw new Error('getOwnPropertyDescriptor')
    },
  },
)

describe('readFrequency', () => {
  it.each<unknown>([
    'DAILY',
    'WEEKLY',
    'MONTHLY',
    'QUARTERLY',
    'HALF_YEARLY',
    'YEARLY',
    { everyDays: 1 },
    { everyDays: Number.MAX_SAFE_INTEGER },
  ])('%j is a frequency', (value) => {
    expect(readFrequency(value)).toEqual(value)
  })

  it.each<[string, unknown]>([
    ["'daily'", 'daily'],
    ["'HOURLY'", 'HOURLY'],
    ['an empty string', ''],
    ['null', null],
    ['undefined', undefined],
    ['a number', 7],
    ['an empty array', []],
    ['an array of a frequency', ['DAILY']],
    ['every 0 days', { everyDays: 0 }],
    ['every 1.5 days', { everyDays: 1.5 }],
    ["every '3' days", { everyDays: '3' }],
    ['every 2^53 days', { everyDays: 2 ** 53 }],
    ['every NaN days', { everyDays: Number.NaN }],
    ['an inherited everyDays', Object.create({ everyDays: 3 }) as unknown],
    ['a Proxy throwing on every read', throwingProxy],
  ])('calendar.never-throws: %s is not a frequency, refused by its path', (_, value) => {
    expect(readFrequency(value)).toBeUndefined()
    const refused = calendarCycles({
      start: '2026-01-01',
      frequency: value as Frequency,
      count: 1,
      timeZone: 'UTC',
    })
    expect(E.isLeft(refused) && refused.left.problems).toEqual([
      { path: 'frequency', message: MESSAGE },
    ])
  })

  it('reads everyDays once, into a fresh value', () => {
    let reads = 0
    const value = {
      get everyDays(): number {
        reads += 1
        return reads === 1 ? 2 : 0
      },
    }
    const frequency = readFrequency(value)
    expect(reads).toBe(1)
    expect(frequency === value).toBe(false)
    expect(frequency).toEqual({ everyDays: 2 })
  })
})

describe('stepLocalDate', () => {
  it('calendar.month-end: steps months on the calendar, clamped to the month end, not chained', () => {
    const jan31 = Date.UTC(2026, 0, 31) / DAY_MS
    const days = [0, 1, 2, 3, -1, -11].map((n) => stepLocalDate(jan31, 'MONTHLY', n))
    expect(days.map((d) => iso(d * DAY_MS)?.slice(0, 10))).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2025-12-31',
      '2025-02-28',
    ])
  })

  it('calendar.month-end: a yearly step from Feb 29 lands on Feb 28, and on Feb 29 four years on', () => {
    const leap = Date.UTC(2028, 1, 29) / DAY_MS
    expect(iso(stepLocalDate(leap, 'YEARLY', 1) * DAY_MS)).toBe('2029-02-28T00:00:00.000Z')
    expect(iso(stepLocalDate(leap, 'YEARLY', 4) * DAY_MS)).toBe('2032-02-29T00:00:00.000Z')
  })

  it('calendar.range: beyond the Date range, NaN; an unknown frequency, NaN', () => {
    expect(stepLocalDate(LAST_DAY, 'MONTHLY', 1)).toBeNaN()
    expect(stepLocalDate(0, 'YEARLY', 1e9)).toBeNaN()
    expect(stepLocalDate(0, 'HOURLY' as never, 1)).toBeNaN()
  })

  it('calendar.month-end: steps months as date-fns addMonths does in UTC, for any date and step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -LAST_DAY + 40_000, max: LAST_DAY - 40_000 }),
        fc.integer({ min: -1_200, max: 1_200 }),
        (day, months) => {
          const expected = addMonths(new TZDate(day * DAY_MS, 'UTC'), months).getTime() / DAY_MS
          expect(stepLocalDate(day, 'MONTHLY', months)).toBe(expected)
        },
      ),
    )
  })
})

describe('cycleStartAfter', () => {
  const newYorkJan31 = ms('2026-01-31T05:00:00Z')

  it.each<[string, number, Frequency, number, string, string | undefined]>([
    [
      'calendar.local-start: 0 periods: the origin day itself',
      newYorkJan31,
      'MONTHLY',
      0,
      'America/New_York',
      '2026-01-31T05:00:00.000Z',
    ],
    [
      'calendar.month-end: one month after Jan 31 is Feb 28',
      newYorkJan31,
      'MONTHLY',
      1,
      'America/New_York',
      '2026-02-28T05:00:00.000Z',
    ],
    [
      'calendar.dst: two months after is Mar 31, after the change to EDT',
      newYorkJan31,
      'MONTHLY',
      2,
      'America/New_York',
      '2026-03-31T04:00:00.000Z',
    ],
    [
      'calendar.local-start: a period back',
      newYorkJan31,
      'MONTHLY',
      -1,
      'America/New_York',
      '2025-12-31T05:00:00.000Z',
    ],
    [
      'calendar.local-start: any instant of the origin day gives the same answer',
      ms('2026-01-31T23:00:00Z'),
      'MONTHLY',
      1,
      'America/New_York',
      '2026-02-28T05:00:00.000Z',
    ],
    [
      'calendar.dst: a week across the change to EDT is 167 hours',
      ms('2026-03-05T05:00:00Z'),
      'WEEKLY',
      1,
      'America/New_York',
      '2026-03-12T04:00:00.000Z',
    ],
    [
      'calendar.month-end: a quarter from Nov 30 reaches Feb 29 of a leap year',
      ms('2027-11-30T00:00:00Z'),
      'QUARTERLY',
      1,
      'UTC',
      '2028-02-29T00:00:00.000Z',
    ],
    [
      'calendar.month-end: half a year from Aug 31 is Feb 28',
      ms('2026-08-31T00:00:00Z'),
      'HALF_YEARLY',
      1,
      'UTC',
      '2027-02-28T00:00:00.000Z',
    ],
    [
      'calendar.skipped-midnight: the day Santiago skips midnight starts at 01:00',
      ms('2026-09-05T04:00:00Z'),
      'DAILY',
      1,
      'America/Santiago',
      '2026-09-06T04:00:00.000Z',
    ],
    [
      'calendar.skipped-midnight: the day after, at midnight',
      ms('2026-09-05T04:00:00Z'),
      'DAILY',
      2,
      'America/Santiago',
      '2026-09-07T03:00:00.000Z',
    ],
    [
      'calendar.skipped-day: Apia skipped 2011-12-30: no start',
      ms('2011-12-29T10:00:00Z'),
      'DAILY',
      1,
      'Pacific/Apia',
      undefined,
    ],
    [
      'calendar.skipped-day: 2011-12-31 starts at the jump',
      ms('2011-12-29T10:00:00Z'),
      'DAILY',
      2,
      'Pacific/Apia',
      '2011-12-30T10:00:00.000Z',
    ],
    [
      'calendar.local-start: Paris mean time (+00:09:21)',
      ms('1899-12-31T23:50:39Z'),
      'DAILY',
      1,
      'Europe/Paris',
      '1900-01-01T23:50:39.000Z',
    ],
    [
      'calendar.local-start: Monrovia mean time (-00:44:30)',
      ms('1950-01-01T00:44:30Z'),
      { everyDays: 3 },
      1,
      'Africa/Monrovia',
      '1950-01-04T00:44:30.000Z',
    ],
    [
      'calendar.range: beyond the Date range: no start',
      newYorkJan31,
      { everyDays: 1e9 },
      1,
      'America/New_York',
      undefined,
    ],
    [
      'calendar.range: a year beyond the last one: no start',
      newYorkJan31,
      'YEARLY',
      300_000,
      'UTC',
      undefined,
    ],
    ['a fraction of a period: no start', newYorkJan31, 'DAILY', 1.5, 'UTC', undefined],
    ['NaN periods: no start', newYorkJan31, 'DAILY', Number.NaN, 'UTC', undefined],
    ['an origin that is not an instant: no start', Number.NaN, 'DAILY', 1, 'UTC', undefined],
    [
      'calendar.never-throws: an unknown frequency: no start',
      newYorkJan31,
      'HOURLY' as never,
      1,
      'UTC',
      undefined,
    ],
  ])('%s', (_, origin, frequency, periods, timeZone, expected) => {
    expect(iso(cycleStartAfter(origin, frequency, periods, timeZone))).toBe(expected)
  })
})
