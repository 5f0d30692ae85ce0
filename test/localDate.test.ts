// Rule visit.local-date: a visit's local date written and read as ISO-8601 writes a date, at every
// year a visit can fall in (one day beyond each end of the Date range included).
import { describe, expect, it } from 'vitest'
import { localDateDay, localDateText } from '../src/internal/localDate.js'

const DAY = 86_400_000
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY

describe('local dates', () => {
  it.each([
    ['0000-01-01', '0000-01-01'],
    ['9999-12-31', '9999-12-31'],
    ['+010000-01-01', '+010000-01-01'],
    ['-000001-12-31', '-000001-12-31'],
    ['1970-01-01', '1970-01-01'],
  ])(
    'visit.local-date: the day of %s is written %s, four digits exactly for the years 0 to 9999',
    (iso, text) => {
      expect(localDateText(dayOf(iso))).toBe(text)
      expect(localDateDay(text)).toBe(dayOf(iso))
    },
  )

  it('visit.local-date: the days a Date cannot hold the midnight of are written and read too', () => {
    expect(localDateText(-100_000_001)).toBe('-271821-04-19')
    expect(localDateDay('-271821-04-19')).toBe(-100_000_001)
    expect(localDateText(100_000_001)).toBe('+275760-09-14')
    expect(localDateDay('+275760-09-14')).toBe(100_000_001)
  })

  it.each([
    ['2026-02-30', 'a day the month does not have'],
    ['-000000-01-01', 'a negative year zero'],
    ['+002026-01-01', 'a year 0 to 9999 written with six digits'],
    ['2026-1-01', 'a month of one digit'],
    ['x2026-01-01', 'text before the date'],
    ['99999999-01-01', 'a year beyond six digits'],
  ])('visit.local-date: %s is not a local date (%s)', (text) => {
    expect(localDateDay(text)).toBeUndefined()
  })
})
