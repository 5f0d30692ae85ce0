// Calendar edges the common days never reach: a skipped midnight whose jump does not start at
// midnight, skipped midnights found by the search for a day's first instant, frequencies that only
// look like records, and zone names `Intl` refuses.
import { describe, expect, it } from 'vitest'
import { calendarCycles, type CalendarCyclesInput } from '../src/index.js'
import { readFrequency } from '../src/calendar/frequency.js'
import { localDateStart, localDayNumber, DAY_MS } from '../src/calendar/localTime.js'
import { at, left, right } from './support/fixtures.js'

const FREQUENCY_MESSAGE =
  'must be one of DAILY, WEEKLY, MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY or { everyDays: a positive integer }'

/** A local date 'YYYY-MM-DD' as days since 1970-01-01. */
const dayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS

describe('the first instant of a day whose midnight is skipped', () => {
  it('calendar.skipped-midnight: Toronto set 1919-03-30 23:30 forward to 00:30: 1919-03-31 starts at the jump (04:30Z), not at 01:00', () => {
    // The jump starts half an hour before midnight, so the day starts between the two offsets'
    // midnights: only a search down to the millisecond finds it.
    const cycles = right(
      calendarCycles({
        start: '1919-03-30',
        frequency: 'DAILY',
        count: 3,
        timeZone: 'America/Toronto',
      }),
    )
    expect(cycles).toEqual([
      {
        index: 1,
        refCode: '1919-03-30',
        start: at('1919-03-30T05:00:00Z'),
        end: at('1919-03-31T04:30:00Z'),
      },
      {
        index: 2,
        refCode: '1919-03-31',
        start: at('1919-03-31T04:30:00Z'),
        end: at('1919-04-01T04:00:00Z'),
      },
      {
        index: 3,
        refCode: '1919-04-01',
        start: at('1919-04-01T04:00:00Z'),
        end: at('1919-04-02T04:00:00Z'),
      },
    ])
  })

  it('calendar.skipped-midnight: in Toronto 1919-03-31 starts at 04:30Z, and the millisecond before is still 1919-03-30', () => {
    expect(localDateStart(dayOf('1919-03-31'), 'America/Toronto')).toBe(
      Date.parse('1919-03-31T04:30:00Z'),
    )
    expect(localDayNumber(Date.parse('1919-03-31T04:29:59.999Z'), 'America/Toronto')).toBe(
      dayOf('1919-03-30'),
    )
  })

  it.each([
    [
      'America/Havana',
      '2026-03-07',
      '2026-03-08',
      '2026-03-07T05:00:00Z',
      '2026-03-08T05:00:00Z',
      '2026-03-09T04:00:00Z',
    ],
    [
      'Africa/Cairo',
      '2026-04-23',
      '2026-04-24',
      '2026-04-22T22:00:00Z',
      '2026-04-23T22:00:00Z',
      '2026-04-24T21:00:00Z',
    ],
    [
      'Asia/Beirut',
      '2026-03-28',
      '2026-03-29',
      '2026-03-27T22:00:00Z',
      '2026-03-28T22:00:00Z',
      '2026-03-29T21:00:00Z',
    ],
    [
      'America/Sao_Paulo',
      '2018-11-03',
      '2018-11-04',
      '2018-11-03T03:00:00Z',
      '2018-11-04T03:00:00Z',
      '2018-11-05T02:00:00Z',
    ],
    [
      'America/Asuncion',
      '2023-09-30',
      '2023-10-01',
      '2023-09-30T04:00:00Z',
      '2023-10-01T04:00:00Z',
      '2023-10-02T03:00:00Z',
    ],
  ])(
    'calendar.skipped-midnight: %s sets 24:00 to 01:00 after %s: %s starts at the jump, the day after at its midnight',
    (timeZone, start, next, first, jump, after) => {
      expect(right(calendarCycles({ start, frequency: 'DAILY', count: 2, timeZone }))).toEqual([
        { index: 1, refCode: start, start: at(first), end: at(jump) },
        { index: 2, refCode: next, start: at(jump), end: at(after) },
      ])
    },
  )
})

describe('frequencies that are not records', () => {
  it.each<[string, unknown]>([
    ['an array', Object.assign([], { everyDays: 3 })],
    ['a function', Object.assign(() => undefined, { everyDays: 3 })],
  ])(
    'calendar.never-throws: %s with an own everyDays is not a frequency, refused by its path',
    (_, value) => {
      expect(readFrequency(value)).toBeUndefined()
      const refused = calendarCycles({
        start: '2026-01-01',
        frequency: value,
        count: 1,
        timeZone: 'UTC',
      } as CalendarCyclesInput)
      expect(left(refused).problems).toEqual([{ path: 'frequency', message: FREQUENCY_MESSAGE }])
    },
  )
})

describe('zone names Intl refuses', () => {
  it('calendar.time-zone: a name Intl refuses but an offset is read out of (Mars+00:30) is east of Greenwich, and reading it never throws', () => {
    // `isTimeZone` keeps such names from the calendar; the local-time functions still answer them.
    expect(localDayNumber(Date.parse('1970-01-01T23:45:00Z'), 'Mars+00:30')).toBe(1)
    expect(localDayNumber(Date.parse('1970-01-01T23:15:00Z'), 'Mars+00:30')).toBe(0)
  })
})
