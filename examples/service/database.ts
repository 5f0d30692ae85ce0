// The one interface the service needs of a database. PGlite and node-postgres both run SQL, but
// their transaction APIs differ: each has a small adapter (pgliteDatabase.ts, postgresDatabase.ts).

/** Runs SQL: `query` one statement with parameters, `exec` a script of statements without any. */
export interface Queryable {
  /** The rows, typed as the caller claims they are (as in pg). */
  query<Row>(text: string, params?: ReadonlyArray<unknown>): Promise<ReadonlyArray<Row>>
  exec(script: string): Promise<void>
}

/** A database: statements on their own, or a transaction that rolls back when `work` throws. */
export interface Database extends Queryable {
  /** Which engine, for logs and test titles. */
  readonly name: 'PGlite' | 'PostgreSQL'
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>
  close(): Promise<void>
}
