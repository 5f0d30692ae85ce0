// `npx tsx examples/service/migrateMain.ts`: applies the migrations to DATABASE_URL (or the PGlite
// data directory) and exits: the deploy step of a serverless function. The service and the sweep
// apply them at start too.
import { configOf } from './config.js'
import { migrate } from './migrate.js'
import { openPglite } from './pgliteDatabase.js'
import { openPostgres } from './postgresDatabase.js'

const config = configOf(process.env)
const db =
  config.databaseUrl === undefined
    ? await openPglite(config.dataDir)
    : openPostgres(config.databaseUrl)
try {
  const applied = await migrate(db)
  console.log(applied.length === 0 ? 'up to date' : `applied: ${applied.join(', ')}`)
} finally {
  await db.close()
}
