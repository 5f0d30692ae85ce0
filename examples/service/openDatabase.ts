// The database of a configuration: a PostgreSQL server when DATABASE_URL is set, else PGlite in
// its data directory; migrated either way.
import type { Database } from './database.js'
import { migrate } from './migrate.js'
import { openPglite } from './pgliteDatabase.js'
import { openPostgres } from './postgresDatabase.js'

export const openDatabase = async (config: {
  readonly databaseUrl: string | undefined
  readonly dataDir: string
}): Promise<Database> => {
  const db =
    config.databaseUrl === undefined
      ? await openPglite(config.dataDir)
      : openPostgres(config.databaseUrl)
  await migrate(db)
  return db
}
