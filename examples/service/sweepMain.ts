// `npm run sweep -- [--from ID] [--to ID] [--page-size N] [--target G/T] [--lag-ms MS]`: one sweep
// up to the wall clock less the lag, over customer ids from (inclusive) … to (exclusive), then exit.
// Run it from a scheduler; N workers with disjoint ranges share the customers without overlap.
// On PGlite it needs the data directory to itself: while the service runs, the service sweeps.
import { parseArgs } from 'node:util'
import { configOf } from './config.js'
import { openDatabase } from './openDatabase.js'
import { sweep, type SweepOptions } from './sweep.js'
import { idOf } from './targetRoute.js'
import { TargetCatalog, type TargetKey } from './targetStore.js'

const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    'page-size': { type: 'string' },
    target: { type: 'string' },
    'lag-ms': { type: 'string' },
  },
})

/** A positive integer option, or undefined when absent. */
const positive = (name: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined
  const value = idOf(text)
  if (value === undefined) throw new Error(`--${name} must be a positive integer, got ${text}`)
  return value
}

const targetOf = (text: string | undefined): TargetKey | undefined => {
  if (text === undefined) return undefined
  const [group = '', target = '', ...rest] = text.split('/')
  const targetGroupId = idOf(group)
  const targetId = idOf(target)
  if (targetGroupId === undefined || targetId === undefined || rest.length > 0)
    throw new Error(`--target must be GROUP/TARGET, such as 501/1, got ${text}`)
  return { targetGroupId, targetId }
}

/** The sweep's options from the command line; an error names the option that is wrong. */
const optionsOf = (lagMs: number): SweepOptions => {
  const target = targetOf(values.target)
  return {
    until: new Date(Date.now() - lagMs),
    fromCustomerId: positive('from', values.from),
    toCustomerId: positive('to', values.to),
    pageSize: positive('page-size', values['page-size']),
    targets: target === undefined ? undefined : [target],
  }
}

const config = configOf(process.env)
let options: SweepOptions
try {
  const lagMs = values['lag-ms'] === undefined ? config.sweepLagMs : Number(values['lag-ms'])
  if (!Number.isSafeInteger(lagMs) || lagMs < 0)
    throw new Error('--lag-ms must be a whole number ≥ 0')
  options = optionsOf(lagMs)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(2)
}
const db = await openDatabase(config)
try {
  console.log(JSON.stringify(await sweep(db, new TargetCatalog(), options)))
} finally {
  await db.close()
}
