// PGlite (PostgreSQL compiled to WebAssembly, in this process): the default, no server to install.
// One connection: PGlite runs one statement or one transaction at a time.
import { PGlite, type Transaction } from '@electric-sql/pglite'
import type { Database, Queryable } from './database.js'

const queryable = (db: PGlite | Transaction): Queryable => ({
  query: async <Row>(text: string, params?: ReadonlyArray<unknown>) =>
    (await db.query<Row>(text, params === undefined ? undefined : [...params])).rows,
  exec: async (script: string) => {
    await db.exec(script)
  },
})

/** PGlite over a data directory, or in memory when `dataDir` is undefined. */
export const openPglite = async (dataDir?: string): Promise<Database> => {
  const db = dataDir === undefined ? new PGlite() : new PGlite(dataDir)
  await db.waitReady
  return {
    name: 'PGlite',
    ...queryable(db),
    transaction: (work) => db.transaction((tx) => work(queryable(tx))),
    close: () => db.close(),
  }
}
