// The service's settings, from the environment.
import os from 'node:os'
import path from 'node:path'
import { DEFAULT_SWEEP_LAG_MS } from './app.js'

export interface Config {
  readonly port: number
  readonly host: string
  /** A PostgreSQL server; PGlite in `dataDir` when absent. */
  readonly databaseUrl: string | undefined
  readonly dataDir: string
  readonly basePath: string
  readonly sweepLagMs: number
  /** How often this process sweeps; 0: never (another worker or a scheduler does). */
  readonly sweepEveryMs: number
  readonly sweepToken: string | undefined
}

const number = (text: string | undefined, fallback: number, name: string): number => {
  if (text === undefined || text === '') return fallback
  const value = Number(text)
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number ≥ 0, got ${JSON.stringify(text)}`)
  return value
}

export const configOf = (env: NodeJS.ProcessEnv): Config => ({
  port: number(env.PORT, 3000, 'PORT'),
  host: env.HOST ?? '127.0.0.1',
  databaseUrl: env.DATABASE_URL === '' ? undefined : env.DATABASE_URL,
  dataDir: env.PGLITE_DATA_DIR ?? path.join(os.tmpdir(), 'loyalty-streaks-service'),
  basePath: env.BASE_PATH ?? '',
  sweepLagMs: number(env.SWEEP_LAG_MS, DEFAULT_SWEEP_LAG_MS, 'SWEEP_LAG_MS'),
  sweepEveryMs: number(env.SWEEP_EVERY_MS, 10_000, 'SWEEP_EVERY_MS'),
  sweepToken: env.SWEEP_TOKEN === '' ? undefined : env.SWEEP_TOKEN,
})
