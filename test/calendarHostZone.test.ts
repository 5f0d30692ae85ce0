// calendar.local-start: cycles depend on the target's zone only, never on the zone of the host
// running the library (process.env.TZ), whose own DST changes, skipped days and offsets in
// seconds must not move a single cycle.
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CalendarCyclesInput } from '../src/index.js'

const inputs: ReadonlyArray<CalendarCyclesInput> = [
  { start: '2026-01-31', frequency: 'MONTHLY', count: 14, timeZone: 'America/New_York' },
  { start: '2026-09-01', frequency: 'DAILY', count: 40, timeZone: 'America/Santiago' },
  { start: '2026-03-01', frequency: 'DAILY', count: 40, timeZone: 'Asia/Beirut' },
  { start: '2011-12-29', frequency: { everyDays: 2 }, count: 5, timeZone: 'Pacific/Apia' },
  { start: '2011-12-28', frequency: 'DAILY', count: 5, timeZone: 'Pacific/Apia' },
  { start: '1911-03-01', frequency: 'DAILY', count: 20, timeZone: 'Europe/Paris' },
  { start: '1949-12-30', frequency: 'DAILY', count: 5, timeZone: 'Africa/Monrovia' },
  { start: '0000-01-01', frequency: 'QUARTERLY', count: 9, timeZone: 'Asia/Tokyo' },
  { start: '9999-12-31', frequency: 'HALF_YEARLY', count: 9, timeZone: 'Australia/Lord_Howe' },
  {
    start: '2026-03-20',
    frequency: 'WEEKLY',
    count: 10,
    timeZone: 'Europe/London',
    refCodeFormat: "RRRR-'W'II-i HH:mm:ss",
  },
  {
    start: '2026-08-30',
    frequency: 'DAILY',
    count: 10,
    timeZone: 'America/Santiago',
    refCodeFormat: "uuuu-'W'ww-e (QQQ) HH:mm",
  },
]

const instants = [Date.UTC(2026, 8, 6, 12), Date.UTC(1911, 2, 10, 23, 55), Date.UTC(1850, 5, 1)]

/**
 * Everything the calendar computes for the inputs above, as plain JSON, from freshly loaded
 * modules: nothing remembered under another host zone answers.
 */
const snapshot = async (): Promise<string> => {
  vi.resetModules()
  const { calendarCycles } = await import('../src/calendar/calendarCycles.js')
  const { cycleStartAfter } = await import('../src/calendar/frequency.js')
  const { localDayNumber, localDayStart } = await import('../src/calendar/localTime.js')
  return JSON.stringify({
    cycles: inputs.map((input) => calendarCycles(input)),
    days: instants.map((t) => [
      localDayNumber(t, 'America/Santiago'),
      localDayStart(t, 'America/Santiago'),
      localDayStart(t, 'Europe/Paris'),
      cycleStartAfter(t, 'MONTHLY', 7, 'America/New_York'),
    ]),
  })
}

const saved = process.env.TZ

afterEach(() => {
  if (saved === undefined) delete process.env.TZ
  else process.env.TZ = saved
})

describe('calendar.local-start: the host zone', () => {
  it.each([
    'America/Santiago',
    'America/Havana',
    'Pacific/Apia',
    'Pacific/Kiritimati',
    'Africa/Monrovia',
    'Europe/Dublin',
    'Asia/Kathmandu',
    'America/St_Johns',
    'Australia/Lord_Howe',
    'Asia/Manila',
  ])(
    'calendar.local-start: a host running in %s computes the same cycles as one in UTC',
    async (hostZone) => {
      process.env.TZ = 'UTC'
      const expected = await snapshot()
      process.env.TZ = hostZone
      // The host's clock has moved: no zone above was on UTC in July 1950.
      expect(new Date(Date.UTC(1950, 6, 1)).getTimezoneOffset()).not.toBe(0)
      expect(await snapshot()).toBe(expected)
    },
  )
})
