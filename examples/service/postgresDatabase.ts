// A PostgreSQL server through node-postgres: a pool of connections, a transaction on one of them.
import pg from 'pg'
import type { Database, Queryable } from './database.js'

/** int8 columns (ids, incarnations) as numbers, as PGlite gives them: ids are safe integers. */
const types = new pg.TypeOverrides()
types.setTypeParser(20, Number)

/** A name per statement text: the server parses and plans each once per connection, not per call. */
const names = new Map<string, string>()
const nameOf = (text: string): string => {
  let name = names.get(text)
  if (name === undefined) {
    name = `s${names.size + 1}`
    names.set(text, name)
  }
  return name
}

const queryable = (client: pg.Pool | pg.PoolClient): Queryable => ({
  query: async <Row>(text: string, params?: ReadonlyArray<unknown>) =>
    (
      await client.query(
        params === undefined ? { text } : { name: nameOf(text), text, values: [...params] },
      )
    ).rows as Row[],
  exec: async (script: string) => {
    await client.query(script)
  },
})

/** A pool on `connectionString` (`postgres://user@host:port/database`), `max` connections. */
export const openPostgres = (connectionString: string, max = 20): Database => {
  const pool = new pg.Pool({ connectionString, max, types })
  // An idle connection the server drops is replaced on the next checkout; it must not crash the process.
  pool.on('error', () => undefined)
  return {
    name: 'PostgreSQL',
    ...queryable(pool),
    transaction: async (work) => {
      const client = await pool.connect()
      try {
        await client.query('begin')
        const result = await work(queryable(client))
        await client.query('commit')
        return result
      } catch (error) {
        await client.query('rollback').catch(() => undefined)
        throw error
      } finally {
        client.release()
      }
    },
    close: () => pool.end(),
  }
}
