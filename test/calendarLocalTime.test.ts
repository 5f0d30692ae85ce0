// The local-time functions calendar cycles and the engine share: time zone names, the local date
// of an instant, and the first instant of a local date.
import { describe, expect, it } from 'vitest'
import {
  isTimeZone,
  LAST_DAY,
  localDateStart,
  localDayNumber,
  localDayStart,
  localWallClock,
} from '../src/calendar/localTime.js'

const ms = (iso: string): number => Date.parse(iso)
const iso = (instantMs: number): string => new Date(instantMs).toISOString()

describe('isTimeZone', () => {
  it.each(['UTC', 'Etc/UTC', 'America/New_York', 'US/Eastern', 'utc', 'Etc/GMT+5', 'GMT-0'])(
    'calendar.time-zone: %j is an IANA name',
    (name) => {
      expect(isTimeZone(name)).toBe(true)
    },
  )

  it.each<unknown>([
    '-99:99',
    '+01:00',
    '-0500',
    '',
    ' UTC',
    'Mars/Olympus',
    'Mars/GMT+10',
    '__proto__',
    'constructor',
    'A'.repeat(65),
    5,
    null,
    undefined,
    Symbol('UTC'),
    { toString: () => 'UTC' },
  ])('calendar.time-zone: %j is not', (value) => {
    expect(isTimeZone(value)).toBe(false)
  })

  it('calendar.time-zone: every zone the runtime lists is accepted', () => {
    const refused = Intl.supportedValuesOf('timeZone').filter((name) => !isTimeZone(name))
    expect(refused).toEqual([])
  })
})

describe('localDayNumber', () => {
  it.each([
    [
      'calendar.dst: a Paris morning on the day clocks go forward',
      '2026-03-29T08:00:00Z',
      'Europe/Paris',
      20541,
    ],
    ['calendar.dst: 23:30 in Paris the same day', '2026-03-29T21:30:00Z', 'Europe/Paris', 20541],
    ['calendar.dst: 00:30 in Paris the next day', '2026-03-29T22:30:00Z', 'Europe/Paris', 20542],
    ['a day before 1970 counts down from -1', '1969-12-31T23:59:59.999Z', 'UTC', -1],
    ['1970-01-01 is day 0', '1970-01-01T00:00:00Z', 'UTC', 0],
    [
      'calendar.local-start: the last instant of a New York day of 1850 (-04:56:02)',
      '1850-06-01T04:56:01.999Z',
      'America/New_York',
      -43679,
    ],
    [
      'calendar.local-start: the first instant of the next',
      '1850-06-01T04:56:02Z',
      'America/New_York',
      -43678,
    ],
    [
      'calendar.local-start: the last instant of a Monrovia day of 1949 (-00:44:30)',
      '1950-01-01T00:44:29.999Z',
      'Africa/Monrovia',
      -7306,
    ],
    [
      'calendar.local-start: the first instant of 1950 in Monrovia',
      '1950-01-01T00:44:30Z',
      'Africa/Monrovia',
      -7305,
    ],
    [
      'calendar.local-start: the last instant of 1899 in Paris (+00:09:21)',
      '1899-12-31T23:50:38.999Z',
      'Europe/Paris',
      -25568,
    ],
    [
      'calendar.local-start: the first instant of 1900 in Paris',
      '1899-12-31T23:50:39Z',
      'Europe/Paris',
      -25567,
    ],
    [
      'calendar.skipped-day: the last instant of 2011-12-29 in Apia',
      '2011-12-30T09:59:59.999Z',
      'Pacific/Apia',
      15337,
    ],
    [
      'calendar.skipped-day: the next instant is on 2011-12-31',
      '2011-12-30T10:00:00Z',
      'Pacific/Apia',
      15339,
    ],
  ])('%s', (_, instant, timeZone, day) => {
    expect(localDayNumber(ms(instant), timeZone)).toBe(day)
  })

  it('calendar.range: the ends of the Date range are days ±1e8 in UTC; beyond them, NaN', () => {
    expect(localDayNumber(-8.64e15, 'UTC')).toBe(-LAST_DAY)
    expect(localDayNumber(8.64e15, 'UTC')).toBe(LAST_DAY)
    expect(localDayNumber(8.64e15 + 1, 'UTC')).toBeNaN()
    expect(localDayNumber(Number.NaN, 'UTC')).toBeNaN()
    expect(localDayNumber(Infinity, 'UTC')).toBeNaN()
  })

  it('the wall clock of an instant keeps the seconds of its offset', () => {
    expect(iso(localWallClock(ms('1850-06-01T04:56:02Z'), 'America/New_York'))).toBe(
      '1850-06-01T00:00:00.000Z',
    )
    expect(localWallClock(8.64e15 + 1, 'UTC')).toBeNaN()
  })
})

describe('localDayStart', () => {
  it.each([
    [
      'calendar.skipped-midnight: Santiago skips midnight: its day starts at 01:00',
      '2026-09-06T15:00:00Z',
      'America/Santiago',
      '2026-09-06T04:00:00.000Z',
    ],
    [
      'calendar.skipped-midnight: the first instant of that day is its own start',
      '2026-09-06T04:00:00Z',
      'America/Santiago',
      '2026-09-06T04:00:00.000Z',
    ],
    [
      'calendar.skipped-midnight: the instant before is on the day before',
      '2026-09-06T03:59:59.999Z',
      'America/Santiago',
      '2026-09-05T04:00:00.000Z',
    ],
    [
      'calendar.dst: Havana shows midnight twice: the day starts at the first',
      '2026-11-01T12:00:00Z',
      'America/Havana',
      '2026-11-01T04:00:00.000Z',
    ],
    [
      'calendar.dst: at the second 00:30 in Havana, the day still started at the first midnight',
      '2026-11-01T05:30:00Z',
      'America/Havana',
      '2026-11-01T04:00:00.000Z',
    ],
    [
      'calendar.dst: Beirut sets midnight back to 23:00: the second 23:30 is on the day before',
      '2026-10-24T21:30:00Z',
      'Asia/Beirut',
      '2026-10-23T21:00:00.000Z',
    ],
    [
      'calendar.dst: the day after starts at the midnight after the repeated hour',
      '2026-10-25T12:00:00Z',
      'Asia/Beirut',
      '2026-10-24T22:00:00.000Z',
    ],
    [
      'calendar.local-start: Paris, 1911-03-11: the day starts when the clock is set back to 23:50:39, then reaches midnight',
      '1911-03-11T12:00:00Z',
      'Europe/Paris',
      '1911-03-11T00:00:00.000Z',
    ],
    [
      'calendar.local-start: the second 23:55 of 1911-03-10 in Paris is on 1911-03-10',
      '1911-03-10T23:55:00Z',
      'Europe/Paris',
      '1911-03-09T23:50:39.000Z',
    ],
    [
      'calendar.local-start: New York, 1850 (-04:56:02)',
      '1850-06-01T12:00:00Z',
      'America/New_York',
      '1850-06-01T04:56:02.000Z',
    ],
    [
      'calendar.local-start: Monrovia, 1950 (-00:44:30)',
      '1950-01-01T12:00:00Z',
      'Africa/Monrovia',
      '1950-01-01T00:44:30.000Z',
    ],
    [
      'calendar.skipped-day: Apia after it skipped 2011-12-30: 2011-12-31 starts at the jump',
      '2011-12-30T12:00:00Z',
      'Pacific/Apia',
      '2011-12-30T10:00:00.000Z',
    ],
    [
      'calendar.range: Tokyo on the last day of the Date range',
      '+275760-09-13T00:00:00Z',
      'Asia/Tokyo',
      '+275760-09-12T15:00:00.000Z',
    ],
    [
      'calendar.range: the first instant of the Date range in UTC',
      '-271821-04-20T00:00:00Z',
      'UTC',
      '-271821-04-20T00:00:00.000Z',
    ],
  ])('%s', (_, instant, timeZone, start) => {
    expect(iso(localDayStart(ms(instant), timeZone))).toBe(start)
  })

  it('calendar.range: a day whose start is before the Date range has no start (NaN)', () => {
    expect(localDayStart(-8.64e15, 'America/New_York')).toBeNaN()
    expect(localDayStart(Number.NaN, 'UTC')).toBeNaN()
  })
})

describe('localDateStart', () => {
  it.each([
    ['calendar.skipped-day: Pacific/Apia, 2011-12-30', 15338, 'Pacific/Apia'],
    ['calendar.skipped-day: Pacific/Kwajalein, 1993-08-21', 8633, 'Pacific/Kwajalein'],
    ['calendar.range: two days after the Date range', LAST_DAY + 2, 'UTC'],
    ['calendar.range: the last day in a zone west of Greenwich', LAST_DAY, 'America/New_York'],
    ['not a whole day', 1.5, 'UTC'],
    ['not a day', Number.NaN, 'UTC'],
  ])('%s has no first instant (NaN)', (_, day, timeZone) => {
    expect(localDateStart(day, timeZone)).toBeNaN()
  })

  it('calendar.range: the last day of the Date range starts at its last instant in UTC', () => {
    expect(localDateStart(LAST_DAY, 'UTC')).toBe(8.64e15)
  })
})
