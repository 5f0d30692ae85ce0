// Calendar cycles in an IANA time zone: cycle i starts at the first instant of the local date
// start + i periods, and ends where the next starts.
import { describe, expect, it } from 'vitest'
import { calendarCycles, type CalendarCyclesInput } from '../src/index.js'
import { at, left, right } from './support/fixtures.js'

const hours = (c: { start: Date; end: Date }) => (c.end.getTime() - c.start.getTime()) / 3_600_000

const startsOf = (cycles: ReadonlyArray<{ readonly start: Date }>) =>
  cycles.map((c) => c.start.toISOString())

const lastEnd = (cycles: ReadonlyArray<{ readonly end: Date }>) =>
  cycles[cycles.length - 1]?.end.toISOString()

/** The problems of a refused input, as [path, message] pairs. */
const problemsOf = (input: unknown) =>
  left(calendarCycles(input as CalendarCyclesInput)).problems.map((p) => [p.path, p.message])

/** Three daily cycles in UTC from 2026-01-01, with `change` applied. */
const daily = (change: Readonly<Record<string, unknown>>): CalendarCyclesInput =>
  ({ start: '2026-01-01', frequency: 'DAILY', count: 3, timeZone: 'UTC', ...change }) as never

const LAST_INSTANT = '275760-09-13T00:00Z, the last instant a JavaScript Date can hold'

describe('calendarCycles', () => {
  it('calendar.dst: daily cycles across the spring DST change in America/New_York: 24, 23, 24 hours', () => {
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

  it('calendar.dst: daily cycles across the autumn DST change in America/New_York: 24, 25, 24 hours', () => {
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

  it('calendar.dst: a midnight the clock shows twice (America/Havana sets 01:00 back to 00:00) starts the day at the first', () => {
    const cycles = right(
      calendarCycles({
        start: '2026-10-31',
        frequency: 'DAILY',
        count: 2,
        timeZone: 'America/Havana',
      }),
    )
    expect(startsOf(cycles)).toEqual(['2026-10-31T04:00:00.000Z', '2026-11-01T04:00:00.000Z'])
    expect(lastEnd(cycles)).toBe('2026-11-02T05:00:00.000Z')
    expect(cycles.map(hours)).toEqual([24, 25])
  })

  it('calendar.dst: a clock set back from midnight to 23:00 (Asia/Beirut) makes the day before 25 hours long', () => {
    const cycles = right(
      calendarCycles({
        start: '2026-10-24',
        frequency: 'DAILY',
        count: 2,
        timeZone: 'Asia/Beirut',
      }),
    )
    expect(startsOf(cycles)).toEqual(['2026-10-23T21:00:00.000Z', '2026-10-24T22:00:00.000Z'])
    expect(cycles.map(hours)).toEqual([25, 24])
    expect(cycles.map((c) => c.refCode)).toEqual(['2026-10-24', '2026-10-25'])
  })

  it('calendar.month-end: monthly cycles from the 31st start on Jan 31, Feb 28, Mar 31, Apr 30 (not chained)', () => {
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

  it('calendar.month-end: quarterly cycles from Aug 31 of a year before a leap year reach Feb 29', () => {
    const cycles = right(
      calendarCycles({ start: '2027-08-31', frequency: 'QUARTERLY', count: 3, timeZone: 'UTC' }),
    )
    expect(startsOf(cycles)).toEqual([
      '2027-08-31T00:00:00.000Z',
      '2027-11-30T00:00:00.000Z',
      '2028-02-29T00:00:00.000Z',
    ])
    expect(lastEnd(cycles)).toBe('2028-05-31T00:00:00.000Z')
  })

  it('calendar.local-start: each cycle ends where the next starts', () => {
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
  ] as const)('calendar.ref-code: %s cycles are named by period', (frequency, names) => {
    const cycles = right(
      calendarCycles({ start: '2026-01-01', frequency, count: 3, timeZone: 'Asia/Kolkata' }),
    )
    expect(cycles.map((c) => c.refCode)).toEqual(names)
    expect(cycles[0]?.start).toEqual(at('2025-12-31T18:30:00Z'))
  })

  it('calendar.ref-code: every N days names each cycle by its start date unless a pattern is given', () => {
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

  it('calendar.ref-code: every N days, with a custom refCode pattern', () => {
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

describe('calendar.skipped-midnight: a day whose midnight the zone skips starts when the clock jumps', () => {
  it.each([
    [
      'America/Santiago',
      '2026-09-06',
      '2026-09-06T04:00:00.000Z',
      '2026-09-07T03:00:00.000Z',
      '2026-09-08T03:00:00.000Z',
    ],
    [
      'America/Sao_Paulo',
      '2018-11-04',
      '2018-11-04T03:00:00.000Z',
      '2018-11-05T02:00:00.000Z',
      '2018-11-06T02:00:00.000Z',
    ],
    [
      'America/Havana',
      '2026-03-08',
      '2026-03-08T05:00:00.000Z',
      '2026-03-09T04:00:00.000Z',
      '2026-03-10T04:00:00.000Z',
    ],
    [
      'Asia/Beirut',
      '2026-03-29',
      '2026-03-28T22:00:00.000Z',
      '2026-03-29T21:00:00.000Z',
      '2026-03-30T21:00:00.000Z',
    ],
    [
      'Africa/Cairo',
      '2026-04-24',
      '2026-04-23T22:00:00.000Z',
      '2026-04-24T21:00:00.000Z',
      '2026-04-25T21:00:00.000Z',
    ],
  ])(
    'calendar.skipped-midnight: each cycle starts at the first instant of its own local day (%s, from %s)',
    (timeZone, start, first, second, end) => {
      const cycles = right(calendarCycles({ start, frequency: 'DAILY', count: 2, timeZone }))
      expect(startsOf(cycles)).toEqual([first, second])
      expect(lastEnd(cycles)).toBe(end)
      expect(cycles.map(hours)).toEqual([23, 24])
    },
  )

  it('calendar.skipped-midnight: weekly cycles from the day Santiago skips midnight start at 00:00 on the later weeks', () => {
    const cycles = right(
      calendarCycles({
        start: '2026-09-06',
        frequency: 'WEEKLY',
        count: 3,
        timeZone: 'America/Santiago',
      }),
    )
    expect(startsOf(cycles)).toEqual([
      '2026-09-06T04:00:00.000Z',
      '2026-09-13T03:00:00.000Z',
      '2026-09-20T03:00:00.000Z',
    ])
    expect(cycles.map((c) => c.refCode)).toEqual(['2026-09-06', '2026-09-13', '2026-09-20'])
  })

  it('calendar.skipped-midnight: a monthly cycle landing on the skipped midnight starts at 01:00, the next at 00:00', () => {
    const cycles = right(
      calendarCycles({
        start: '2026-08-06',
        frequency: 'MONTHLY',
        count: 3,
        timeZone: 'America/Santiago',
      }),
    )
    expect(startsOf(cycles)).toEqual([
      '2026-08-06T04:00:00.000Z',
      '2026-09-06T04:00:00.000Z',
      '2026-10-06T03:00:00.000Z',
    ])
  })
})

describe('calendar.skipped-day: a date the zone skips entirely cannot start a cycle', () => {
  it.each([
    [
      'cycle 3 of 3 (Pacific/Apia skips 2011-12-30)',
      { start: '2011-12-28', count: 3, timeZone: 'Pacific/Apia' },
      'cycle 3 would start on 2011-12-30, a date Pacific/Apia skips',
    ],
    [
      'the end of the last cycle',
      { start: '2011-12-28', count: 2, timeZone: 'Pacific/Apia' },
      'cycle 2 would end on 2011-12-30, a date Pacific/Apia skips',
    ],
    [
      'the first cycle (Pacific/Kwajalein skips 1993-08-21)',
      { start: '1993-08-21', frequency: 'WEEKLY', count: 1, timeZone: 'Pacific/Kwajalein' },
      'cycle 1 would start on 1993-08-21, a date Pacific/Kwajalein skips',
    ],
    [
      'a monthly cycle',
      { start: '2011-11-30', frequency: 'MONTHLY', count: 2, timeZone: 'Pacific/Apia' },
      'cycle 2 would start on 2011-12-30, a date Pacific/Apia skips',
    ],
  ])(
    'calendar.skipped-day: refused naming start, the date and the zone: %s',
    (_, change, message) => {
      expect(problemsOf(daily(change))).toEqual([['start', message]])
    },
  )

  it('calendar.skipped-day: cycles every 2 days step over the skipped date: a cycle may span it', () => {
    const cycles = right(
      calendarCycles({
        start: '2011-12-29',
        frequency: { everyDays: 2 },
        count: 3,
        timeZone: 'Pacific/Apia',
      }),
    )
    expect(startsOf(cycles)).toEqual([
      '2011-12-29T10:00:00.000Z',
      '2011-12-30T10:00:00.000Z',
      '2012-01-01T10:00:00.000Z',
    ])
    expect(cycles.map((c) => c.refCode)).toEqual(['2011-12-29', '2011-12-31', '2012-01-02'])
    expect(lastEnd(cycles)).toBe('2012-01-03T10:00:00.000Z')
  })
})

describe('calendar.range: every cycle instant is a real Date', () => {
  it.each([
    [
      'every 1e9 days: the first cycle already ends out of range',
      { frequency: { everyDays: 1e9 }, count: 1 },
      [['frequency.everyDays', `cycle 1 would end after ${LAST_INSTANT}`]],
    ],
    [
      'every 1e9 days, three cycles',
      { frequency: { everyDays: 1e9 } },
      [['frequency.everyDays', `cycle 2 would start after ${LAST_INSTANT}`]],
    ],
    [
      'every largest safe integer of days',
      { frequency: { everyDays: Number.MAX_SAFE_INTEGER }, count: 100 },
      [['frequency.everyDays', `cycle 2 would start after ${LAST_INSTANT}`]],
    ],
    [
      'every million days, 100 cycles: the count carries the last one out',
      { frequency: { everyDays: 1e6 }, count: 100 },
      [['count', `cycle 100 would end after ${LAST_INSTANT}`]],
    ],
    [
      'every 50 million days, 3 cycles: the third starts out of range',
      { frequency: { everyDays: 5e7 } },
      [['count', `cycle 3 would start after ${LAST_INSTANT}`]],
    ],
  ])('calendar.range: refused naming the field that carries it out: %s', (_, change, expected) => {
    expect(problemsOf(daily(change))).toEqual(expected)
  })

  it('calendar.range: every million days, 99 cycles reach the year 273,000 and are valid Dates', () => {
    const cycles = right(calendarCycles(daily({ frequency: { everyDays: 1e6 }, count: 99 })))
    expect(lastEnd(cycles)).toBe('+273078-10-18T00:00:00.000Z')
    expect(cycles[98]?.refCode).toBe('270340-11-21')
  })

  it('calendar.range: years after 9999 are ordinary years', () => {
    const cycles = right(
      calendarCycles({ start: '9999-01-01', frequency: 'YEARLY', count: 3, timeZone: 'UTC' }),
    )
    expect(cycles.map((c) => c.refCode)).toEqual(['9999', '10000', '10001'])
    expect(lastEnd(cycles)).toBe('+010002-01-01T00:00:00.000Z')
  })

  it('calendar.range: the year 0 is an ordinary year, named 0000 (ISO-8601), not 1 BC', () => {
    const cycles = right(
      calendarCycles({ start: '0000-06-01', frequency: 'YEARLY', count: 3, timeZone: 'UTC' }),
    )
    expect(cycles.map((c) => c.refCode)).toEqual(['0000', '0001', '0002'])
    expect(startsOf(cycles)).toEqual([
      '0000-06-01T00:00:00.000Z',
      '0001-06-01T00:00:00.000Z',
      '0002-06-01T00:00:00.000Z',
    ])
  })

  it('calendar.range: a start on 0000-01-01 east of Greenwich is an instant of the year -1', () => {
    const cycles = right(
      calendarCycles({ start: '0000-01-01', frequency: 'DAILY', count: 1, timeZone: 'Asia/Tokyo' }),
    )
    // Tokyo's local mean time then: +09:18:59.
    expect(cycles[0]?.start.toISOString()).toBe('-000001-12-31T14:41:01.000Z')
    expect(cycles[0]?.refCode).toBe('0000-01-01')
  })
})

describe('calendar.time-zone: only IANA zone names', () => {
  it.each([
    '-99:99',
    '+01:00',
    '+0100',
    '-05',
    'UTC+01:00',
    'GMT+1',
    'Z',
    ' UTC',
    'UTC ',
    'Mars/GMT+10',
    'x'.repeat(65),
  ])('calendar.time-zone: %j is refused naming timeZone', (timeZone) => {
    expect(problemsOf(daily({ timeZone }))).toEqual([['timeZone', 'must be an IANA time zone']])
  })

  it.each([
    ['UTC', '2026-01-01T00:00:00.000Z'],
    ['Etc/UTC', '2026-01-01T00:00:00.000Z'],
    ['utc', '2026-01-01T00:00:00.000Z'],
    ['GMT-0', '2026-01-01T00:00:00.000Z'],
    ['Etc/GMT+5', '2026-01-01T05:00:00.000Z'],
    ['US/Eastern', '2026-01-01T05:00:00.000Z'],
    ['Asia/Calcutta', '2025-12-31T18:30:00.000Z'],
    ['America/Argentina/ComodRivadavia', '2026-01-01T03:00:00.000Z'],
  ])('calendar.time-zone: %j is accepted (names Intl knows, letters first)', (timeZone, first) => {
    expect(startsOf(right(calendarCycles(daily({ timeZone }))))[0]).toBe(first)
  })
})

describe('calendar.ref-code: every refCode is a non-empty string, unique among the cycles', () => {
  it.each([
    ["a lone quote, which formats to ''", { refCodeFormat: "'" }, 'gives cycle 1 an empty refCode'],
    ['two quotes around nothing', { refCodeFormat: "''''" }, 'gives two cycles the same refCode'],
    [
      'a pattern of 101 characters',
      { refCodeFormat: `'${'x'.repeat(99)}'` },
      'must be at most 100 characters',
    ],
    [
      'a pattern that only names the year',
      { refCodeFormat: 'yyyy' },
      'gives two cycles the same refCode',
    ],
  ])('calendar.ref-code: %s is refused naming refCodeFormat', (_, change, message) => {
    expect(problemsOf(daily(change))).toEqual([['refCodeFormat', message]])
  })

  it('calendar.ref-code: a pattern of 100 characters is accepted', () => {
    const cycles = right(calendarCycles(daily({ refCodeFormat: `'${'x'.repeat(90)}'yyyyMMdd` })))
    expect(cycles[0]?.refCode).toBe(`${'x'.repeat(90)}20260101`)
  })
})

describe('calendar.local-start: zones whose offset has seconds start cycles at 00:00:00 exactly', () => {
  it.each([
    // Paris mean time, +00:09:21, until 1911.
    [
      'Europe/Paris',
      '1900-01-01',
      ['1899-12-31T23:50:39.000Z', '1900-01-01T23:50:39.000Z'],
      '1900-01-02T23:50:39.000Z',
    ],
    // New York's local mean time, -04:56:02, until 1883.
    [
      'America/New_York',
      '1850-06-01',
      ['1850-06-01T04:56:02.000Z', '1850-06-02T04:56:02.000Z'],
      '1850-06-03T04:56:02.000Z',
    ],
    // Monrovia mean time, -00:44:30, until 1972: an offset under an hour, west of Greenwich.
    [
      'Africa/Monrovia',
      '1950-01-01',
      ['1950-01-01T00:44:30.000Z', '1950-01-02T00:44:30.000Z'],
      '1950-01-03T00:44:30.000Z',
    ],
    // Paris sets its clock back 9 min 21 s at what would be midnight, 1911-03-11: a day of 24:09:21.
    [
      'Europe/Paris',
      '1911-03-10',
      ['1911-03-09T23:50:39.000Z', '1911-03-11T00:00:00.000Z'],
      '1911-03-12T00:00:00.000Z',
    ],
  ])('calendar.local-start: %s from %s', (timeZone, start, starts, end) => {
    const cycles = right(calendarCycles({ start, frequency: 'DAILY', count: 2, timeZone }))
    expect(startsOf(cycles)).toEqual(starts)
    expect(lastEnd(cycles)).toBe(end)
    expect(cycles[0]?.refCode).toBe(start)
  })
})

describe('calendar.never-throws: any input from JSON or JavaScript is refused by path, never thrown', () => {
  const revoked = (() => {
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    return proxy
  })()
  const throwing = (): never => {
    throw new Error('trap')
  }
  const throwingEverywhere = new Proxy(
    {},
    { get: throwing, getOwnPropertyDescriptor: throwing, ownKeys: throwing, has: throwing },
  )
  const FREQUENCY =
    'must be one of DAILY, WEEKLY, MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY or { everyDays: a positive integer }'

  it.each<[string, unknown, ReadonlyArray<ReadonlyArray<string>>]>([
    ['a revoked Proxy', revoked, [['', 'must be an object']]],
    [
      'a Proxy throwing on every trap',
      throwingEverywhere,
      [
        ['timeZone', 'must be an IANA time zone'],
        ['frequency', FREQUENCY],
        ['count', 'must be an integer from 1 to 100'],
        ['refCodeFormat', 'must be a date-fns format pattern'],
      ],
    ],
    [
      'a start whose getter throws',
      {
        ...daily({}),
        get start(): string {
          throw new Error('start')
        },
      },
      [['start', "must be a local date 'YYYY-MM-DD'"]],
    ],
    [
      'a frequency that is a throwing Proxy',
      daily({ frequency: throwingEverywhere }),
      [['frequency', FREQUENCY]],
    ],
    [
      'a frequency whose everyDays getter throws',
      daily({
        frequency: {
          get everyDays(): number {
            throw new Error('everyDays')
          },
        },
      }),
      [['frequency', FREQUENCY]],
    ],
    ['everyDays of 1e308', daily({ frequency: { everyDays: 1e308 } }), [['frequency', FREQUENCY]]],
    [
      'everyDays of NaN',
      daily({ frequency: { everyDays: Number.NaN } }),
      [['frequency', FREQUENCY]],
    ],
    ['a count of 1e308', daily({ count: 1e308 }), [['count', 'must be an integer from 1 to 100']]],
    [
      'a count of NaN',
      daily({ count: Number.NaN }),
      [['count', 'must be an integer from 1 to 100']],
    ],
    ['a count as text', daily({ count: '3' }), [['count', 'must be an integer from 1 to 100']]],
    [
      'a start of a million characters',
      daily({ start: '2026-01-01'.repeat(100_000) }),
      [['start', "must be a local date 'YYYY-MM-DD'"]],
    ],
    [
      'a time zone of a million characters',
      daily({ timeZone: 'A'.repeat(1_000_000) }),
      [['timeZone', 'must be an IANA time zone']],
    ],
    [
      'a refCode pattern of a million characters',
      daily({ refCodeFormat: 'y'.repeat(1_000_000) }),
      [['refCodeFormat', 'must be at most 100 characters']],
    ],
    [
      'a time zone named __proto__',
      daily({ timeZone: '__proto__' }),
      [['timeZone', 'must be an IANA time zone']],
    ],
    [
      'a time zone named constructor',
      daily({ timeZone: 'constructor' }),
      [['timeZone', 'must be an IANA time zone']],
    ],
    [
      'a symbol as the time zone',
      daily({ timeZone: Symbol('UTC') }),
      [['timeZone', 'must be an IANA time zone']],
    ],
  ])('calendar.never-throws: %s', (_, input, expected) => {
    expect(problemsOf(input)).toEqual(expected)
  })

  it('calendar.never-throws: a null-prototype object is read like any other', () => {
    const input = Object.assign(Object.create(null) as Record<string, unknown>, daily({}))
    expect(startsOf(right(calendarCycles(input as never)))).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-02T00:00:00.000Z',
      '2026-01-03T00:00:00.000Z',
    ])
  })

  it('calendar.never-throws: each field is read once, so a getter cannot answer two ways', () => {
    let reads = 0
    const frequency = {
      get everyDays(): number {
        reads += 1
        return reads === 1 ? 2 : 0
      },
    }
    const cycles = right(calendarCycles(daily({ frequency, count: 2 })))
    expect(startsOf(cycles)).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-03T00:00:00.000Z'])
    expect(reads).toBe(1)
  })
})
