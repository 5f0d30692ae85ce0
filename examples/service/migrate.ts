// Applies the SQL files of ./migrations in name order, each once, each in a transaction with its
// record in schema_migrations (created by the first file). An advisory lock lets several instances
// start at once.
import { readdir, readFile } from 'node:fs/promises'
import type { Database } from './database.js'

const MIGRATIONS = new URL('./migrations/', import.meta.url)
const LOCK = 21_0021

/** The migrations applied by this call, in order. */
export const migrate = async (db: Database): Promise<ReadonlyArray<string>> => {
  const names = (await readdir(MIGRATIONS)).filter((name) => name.endsWith('.sql')).sort()
  const applied: Array<string> = []
  for (const name of names) {
    const script = await readFile(new URL(name, MIGRATIONS), 'utf8')
    const ran = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [LOCK])
      const [table] = await tx.query<{ present: boolean }>(
        "select to_regclass('schema_migrations') is not null as present",
      )
      if (table?.present === true) {
        const done = await tx.query('select 1 from schema_migrations where name = $1', [name])
        if (done.length > 0) return false
      }
      await tx.exec(script)
      await tx.query('insert into schema_migrations (name) values ($1)', [name])
      return true
    })
    if (ran) applied.push(name)
  }
  return applied
}
