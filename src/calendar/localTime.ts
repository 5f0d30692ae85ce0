// TEMPORARY stand-in for the calendar's local-time stepping (replaced at merge).
import { TZDate, tz } from '@date-fns/tz'
import { addDays } from 'date-fns/addDays'
import { addMonths } from 'date-fns/addMonths'
import { addWeeks } from 'date-fns/addWeeks'
import { addYears } from 'date-fns/addYears'
import { startOfDay } from 'date-fns/startOfDay'
import type { DefinitionProblem } from '../model/error.js'
import type { Frequency } from '../model/frequency.js'
import { isPositiveSafeInteger, isRecord, ownField } from '../internal/guards.js'

const FREQUENCIES: ReadonlyArray<unknown> = [
  'DAILY',
  'WEEKLY',
  'MONTHLY',
  'QUARTERLY',
  'HALF_YEARLY',
  'YEARLY',
]

export const isFrequency = (value: unknown): value is Frequency =>
  FREQUENCIES.includes(value) ||
  (isRecord(value) && isPositiveSafeInteger(ownField(value, 'everyDays')))

export const frequencyProblem = (value: unknown, path: string): DefinitionProblem | undefined =>
  isFrequency(value)
    ? undefined
    : {
        path,
        message: `must be one of ${FREQUENCIES.join(', ')} or { everyDays: a positive integer }`,
      }

export const isTimeZone = (value: unknown): value is string => {
  if (typeof value !== 'string' || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value)) return false
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value })
    return true
  } catch {
    return false
  }
}

export const localDayStart = (instantMs: number, timeZone: string): number =>
  startOfDay(new TZDate(instantMs, timeZone), { in: tz(timeZone) }).getTime()

export const cycleStartAfter = (
  originDayStartMs: number,
  frequency: Frequency,
  periods: number,
  timeZone: string,
): number | undefined => {
  const zone = tz(timeZone)
  const origin = new TZDate(originDayStartMs, timeZone)
  const stepped =
    typeof frequency === 'object'
      ? addDays(origin, periods * frequency.everyDays, { in: zone })
      : frequency === 'DAILY'
        ? addDays(origin, periods, { in: zone })
        : frequency === 'WEEKLY'
          ? addWeeks(origin, periods, { in: zone })
          : frequency === 'MONTHLY'
            ? addMonths(origin, periods, { in: zone })
            : frequency === 'QUARTERLY'
              ? addMonths(origin, 3 * periods, { in: zone })
              : frequency === 'HALF_YEARLY'
                ? addMonths(origin, 6 * periods, { in: zone })
                : addYears(origin, periods, { in: zone })
  const t = startOfDay(stepped, { in: zone }).getTime()
  return Number.isNaN(t) ? undefined : t
}

export const localDayNumber = (instantMs: number, timeZone: string): number => {
  const d = new TZDate(instantMs, timeZone)
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000
}
