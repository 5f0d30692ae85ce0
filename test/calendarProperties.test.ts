// calendar.never-throws and the cycle invariants, over any input: random values, and well-typed
// inputs in every zone the runtime knows, from the year -1000 to 12000. The local time of an
// instant is read from Intl's own offset names, independently of @date-fns/tz. Runs follow
// PROPERTY_RUNS (100 by default): `PROPERTY_RUNS=20000 npx vitest run test/calendarProperties.test.ts`
// for a longer campaign.
import { TZDate } from '@date-fns/tz'
import { addMonths } from 'date-fns/addMonths'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { localDayNumber, localDayStart } from '../src/calendar/localTime.js'
import {
  calendarCycles,
  type CalendarCyclesInput,
  type Cycle,
  type Frequency,
} from '../src/index.js'

const DAY = 86_400_000
const MAX_INSTANT = 8.64e15

/** Long campaigns take their time: about 5 ms a run at most. */
const TIMEOUT = 5_000 + 5 * Number(process.env.PROPERTY_RUNS ?? 100)

// The oracle: local time from Intl's `GMT±hh:mm:ss` offset names.

const offsetNames = new Map<string, Intl.DateTimeFormat>()

const oracleOffset = (timeZone: string, instant: number): number => {
  let names = offsetNames.get(timeZone)
  if (names === undefined) {
    names = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    offsetNames.set(timeZone, names)
  }
  const name = names.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? ''
  const match = /^GMT(?:([+-])(\d\d):(\d\d)(?::(\d\d))?)?$/.exec(name)
  if (match === null) throw new Error(`unexpected offset name ${name}`)
  if (match[1] === undefined) return 0
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0)
  return (match[1] === '-' ? -1 : 1) * seconds * 1000
}

const oracleWall = (timeZone: string, instant: number): number =>
  instant + oracleOffset(timeZone, instant)

const oracleDay = (timeZone: string, instant: number): number =>
  Math.floor(oracleWall(timeZone, instant) / DAY)

/** Whether no instant within a day and a half of the date's midnight falls on it (minute steps). */
const oracleSkips = (timeZone: string, day: number): boolean => {
  for (let t = day * DAY - 36 * 3_600_000; t <= day * DAY + 36 * 3_600_000; t += 60_000)
    if (oracleDay(timeZone, t) === day) return false
  return true
}

// Expected dates, stepped with date-fns in UTC.

const MONTHS: Readonly<Record<string, number>> = {
  MONTHLY: 1,
  QUARTERLY: 3,
  HALF_YEARLY: 6,
  YEARLY: 12,
}

const expectedDay = (startDay: number, frequency: Frequency, periods: number): number => {
  if (typeof frequency === 'object') return startDay + periods * frequency.everyDays
  if (frequency === 'DAILY') return startDay + periods
  if (frequency === 'WEEKLY') return startDay + 7 * periods
  const months = (MONTHS[frequency] ?? Number.NaN) * periods
  return addMonths(new TZDate(startDay * DAY, 'UTC'), months).getTime() / DAY
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

const dateFields = (day: number) => {
  const date = new Date(day * DAY)
  return {
    year: pad(date.getUTCFullYear(), 4),
    month: pad(date.getUTCMonth() + 1, 2),
    day: pad(date.getUTCDate(), 2),
  }
}

/** The default refCode of a cycle starting on `day`, where it is a plain date, month or year. */
const defaultRefCode = (frequency: Frequency, day: number): string | undefined => {
  const f = dateFields(day)
  if (typeof frequency === 'object' || frequency === 'DAILY' || frequency === 'WEEKLY')
    return `${f.year}-${f.month}-${f.day}`
  if (frequency === 'MONTHLY') return `${f.year}-${f.month}`
  if (frequency === 'YEARLY') return f.year
  return undefined
}

const PATHS = [
  '',
  'start',
  'frequency',
  'frequency.everyDays',
  'count',
  'timeZone',
  'refCodeFormat',
]

/** calendar.local-start, calendar.ref-code, calendar.range: what every Right must hold. */
const expectValidCycles = (cycles: ReadonlyArray<Cycle>, timeZone: string): void => {
  expect(cycles.length).toBeGreaterThan(0)
  const refCodes = new Set<string>()
  cycles.forEach((cycle, i) => {
    expect(cycle.index).toBe(i + 1)
    expect(cycle.start).toBeInstanceOf(Date)
    expect(cycle.end).toBeInstanceOf(Date)
    expect(cycle.start.getTime()).toBeLessThan(cycle.end.getTime())
    if (i > 0) expect(cycle.start.getTime()).toBe(cycles[i - 1]?.end.getTime())
    expect(typeof cycle.refCode === 'string' && cycle.refCode.length > 0).toBe(true)
    refCodes.add(cycle.refCode)
  })
  expect(refCodes.size).toBe(cycles.length)
  for (const boundary of [...cycles.map((c) => c.start), cycles[cycles.length - 1]?.end ?? 0]) {
    const instant = Number(boundary)
    expect(Math.abs(instant)).toBeLessThanOrEqual(MAX_INSTANT)
    const day = oracleDay(timeZone, instant)
    const wall = oracleWall(timeZone, instant)
    // The first instant of its local date: at 00:00:00.000, or where the clock jumps past midnight.
    if (instant - 1 >= -MAX_INSTANT) {
      expect(oracleDay(timeZone, instant - 1)).toBeLessThan(day)
      if (wall !== day * DAY) expect(oracleWall(timeZone, instant - 1)).toBeLessThan(day * DAY)
    } else expect(wall).toBe(day * DAY)
  }
}

const TIME_ZONES: ReadonlyArray<string> = ['UTC', ...Intl.supportedValuesOf('timeZone')]

/** Zones with skipped midnights, skipped days, or offsets in seconds. */
const NOTABLE_ZONES: ReadonlyArray<string> = [
  'America/Santiago',
  'America/Sao_Paulo',
  'America/Havana',
  'Asia/Beirut',
  'Africa/Cairo',
  'America/Asuncion',
  'Pacific/Apia',
  'Pacific/Kwajalein',
  'Europe/Paris',
  'America/New_York',
  'Africa/Monrovia',
  'Europe/Dublin',
  'Asia/Manila',
  'America/Sitka',
  'Antarctica/Troll',
  'Australia/Lord_Howe',
]

const FREQUENCIES: ReadonlyArray<Frequency> = [
  'DAILY',
  'WEEKLY',
  'MONTHLY',
  'QUARTERLY',
  'HALF_YEARLY',
  'YEARLY',
]

const yearText = (year: number): string =>
  year >= 0 && year <= 9999 ? pad(year, 4) : `${year < 0 ? '-' : '+'}${pad(Math.abs(year), 6)}`

const wellTypedArb = fc
  .record({
    start: fc
      .tuple(
        fc.oneof(fc.integer({ min: -1000, max: 12000 }), fc.integer({ min: 1840, max: 2040 })),
        fc.integer({ min: 1, max: 12 }),
        fc.oneof(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 29, max: 31 })),
      )
      .map(([y, m, d]) => `${yearText(y)}-${pad(m, 2)}-${pad(d, 2)}`),
    frequency: fc.oneof(
      fc.constantFrom(...FREQUENCIES),
      fc.record({
        everyDays: fc.oneof(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 2e9 })),
      }),
    ),
    count: fc.integer({ min: 1, max: 100 }),
    timeZone: fc.oneof(fc.constantFrom(...TIME_ZONES), fc.constantFrom(...NOTABLE_ZONES)),
    refCodeFormat: fc.option(
      fc.constantFrom(
        "'P'uuuuMMdd",
        'uuuu-MM-dd HH:mm:ss',
        "'",
        'yyyy',
        "RRRR-'W'II-i",
        'QQQ uuuu',
      ),
      { nil: undefined, freq: 3 },
    ),
  })
  .map(({ refCodeFormat, ...rest }): CalendarCyclesInput =>
    refCodeFormat === undefined ? rest : { ...rest, refCodeFormat },
  )

/** The day a valid 'YYYY-MM-DD' names, else undefined. */
const startDayOf = (text: string): number | undefined => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (match === null) return undefined
  const date = new Date(0)
  date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return date.getUTCDate() === Number(match[3]) ? date.getTime() / DAY : undefined
}

describe('calendar properties', () => {
  it(
    'calendar.never-throws: any value at all gives a Left naming known paths, or valid cycles',
    () => {
      const field = fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true })
      const throwing = (): never => {
        throw new Error('hostile')
      }
      fc.assert(
        fc.property(
          fc.oneof(
            field,
            fc.record(
              {
                start: fc.oneof(field, fc.constant('2026-01-01')),
                frequency: fc.oneof(field, fc.constantFrom<unknown>('DAILY', { everyDays: 3 })),
                count: fc.oneof(field, fc.integer({ min: -2, max: 102 })),
                timeZone: fc.oneof(field, fc.constantFrom('UTC', '-99:99', 'Europe/Paris')),
                refCodeFormat: field,
              },
              { requiredKeys: [] },
            ),
            fc
              .subarray(['start', 'frequency', 'count', 'timeZone', 'refCodeFormat'])
              .map((keys) =>
                Object.defineProperties(
                  { start: '2026-01-01', frequency: 'DAILY', count: 3, timeZone: 'UTC' },
                  Object.fromEntries(keys.map((key) => [key, { get: throwing, enumerable: true }])),
                ),
              ),
            fc.constant(
              new Proxy(
                {},
                { get: throwing, getOwnPropertyDescriptor: throwing, ownKeys: throwing },
              ),
            ),
          ),
          (input) => {
            const result = calendarCycles(input as CalendarCyclesInput)
            if (E.isRight(result)) {
              expectValidCycles(result.right, (input as CalendarCyclesInput).timeZone)
              return
            }
            expect(result.left.problems.length).toBeGreaterThan(0)
            for (const problem of result.left.problems) expect(PATHS).toContain(problem.path)
          },
        ),
      )
    },
    TIMEOUT,
  )

  it(
    'calendar.local-start: well-typed inputs in every zone give first-instant cycles on the stepped dates, or a Left saying why',
    () => {
      fc.assert(
        fc.property(wellTypedArb, (input) => {
          const result = calendarCycles(input)
          const startDay = startDayOf(input.start)
          if (E.isLeft(result)) {
            expect(result.left.problems.length).toBeGreaterThan(0)
            for (const problem of result.left.problems) expect(PATHS).toContain(problem.path)
            if (startDay === undefined || input.refCodeFormat !== undefined) return
            // A valid input is refused only for a date the zone skips, or one out of range.
            const [problem, ...others] = result.left.problems
            expect(others).toEqual([])
            const skipped = /^cycle (\d+) would (start|end) on (\S+), a date (\S+) skips$/.exec(
              problem?.message ?? '',
            )
            if (skipped !== null) {
              expect(problem?.path).toBe('start')
              const k = Number(skipped[1]) - (skipped[2] === 'start' ? 1 : 0)
              const day = expectedDay(startDay, input.frequency, k)
              expect(skipped[3]).toBe(Object.values(dateFields(day)).join('-'))
              expect(skipped[4]).toBe(input.timeZone)
              expect(oracleSkips(input.timeZone, day)).toBe(true)
              return
            }
            expect(problem?.message).toMatch(
              /^cycle \d+ would (start|end) after 275760-09-13T00:00Z/,
            )
            expect(['frequency.everyDays', 'count']).toContain(problem?.path)
            const lastDay = expectedDay(startDay, input.frequency, input.count)
            expect(lastDay).toBeGreaterThan(1e8 - 3)
            return
          }
          expect(startDay).toBeDefined()
          if (startDay === undefined) return
          const cycles = result.right
          expect(cycles.length).toBe(input.count)
          expectValidCycles(cycles, input.timeZone)
          const boundaries = [...cycles.map((c) => c.start), cycles[cycles.length - 1]?.end ?? 0]
          boundaries.forEach((boundary, k) => {
            const day = expectedDay(startDay, input.frequency, k)
            expect(oracleDay(input.timeZone, Number(boundary))).toBe(day)
            const refCode = cycles[k]?.refCode
            if (refCode !== undefined && input.refCodeFormat === undefined)
              expect([undefined, refCode]).toContain(defaultRefCode(input.frequency, day))
          })
        }),
      )
    },
    TIMEOUT,
  )

  it(
    'calendar.local-start: localDayNumber and localDayStart agree with the zone, at any instant',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.integer({ min: -MAX_INSTANT, max: MAX_INSTANT }),
            fc.integer({ min: Date.UTC(1840, 0, 1), max: Date.UTC(2040, 0, 1) }),
          ),
          fc.oneof(fc.constantFrom(...TIME_ZONES), fc.constantFrom(...NOTABLE_ZONES)),
          (instant, timeZone) => {
            const day = oracleDay(timeZone, instant)
            expect(localDayNumber(instant, timeZone)).toBe(day)
            const start = localDayStart(instant, timeZone)
            if (Number.isNaN(start)) {
              // Only a day cut by an end of the Date range has no first instant.
              expect(Math.abs(instant)).toBeGreaterThan(MAX_INSTANT - 2 * DAY)
              return
            }
            expect(start).toBeLessThanOrEqual(instant)
            expect(oracleDay(timeZone, start)).toBe(day)
            if (start - 1 >= -MAX_INSTANT) expect(oracleDay(timeZone, start - 1)).toBeLessThan(day)
          },
        ),
      )
    },
    TIMEOUT,
  )
})
