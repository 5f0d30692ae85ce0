// The service as a serverless function: one app per instance, on the PostgreSQL server that
// DATABASE_URL names (a function has no disk for PGlite to keep). The default export has the
// Web-standard `fetch` that Bun, Deno, Cloudflare Workers and Vercel call; AWS Lambda wraps `app`
// with Hono's adapter (README.md). Run the migrations once at deploy time, not here; sweep from a
// scheduler calling POST /sweep.
import { createApp } from './app.js'
import { openPostgres } from './postgresDatabase.js'

const url = process.env.DATABASE_URL
if (url === undefined || url === '') throw new Error('DATABASE_URL must name a PostgreSQL server')

// A few connections per instance: a platform runs many instances, each serving a request at a time.
export const app = createApp({
  db: openPostgres(url, 5),
  basePath: process.env.BASE_PATH,
  sweepToken: process.env.SWEEP_TOKEN,
})

export default app
