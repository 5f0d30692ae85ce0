// A throwaway PostgreSQL server for `npm run bench:service` when DATABASE_URL names none: initdb
// and pg_ctl from `pg_config --bindir`, as the postgres user when run as root (it refuses root),
// in a temporary directory on a free port.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'

export interface PostgresServer {
  readonly url: string
  readonly stop: () => void
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => {
        resolve(typeof address === 'object' && address !== null ? address.port : 0)
      })
    })
  })

export const startPostgres = async (): Promise<PostgresServer> => {
  const bin = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim()
  const root = process.getuid?.() === 0
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-postgres-'))
  const run = (command: string, args: ReadonlyArray<string>) =>
    root
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args])
      : execFileSync(path.join(bin, command), args)
  if (root) execFileSync('chown', ['postgres', dir])
  const port = await freePort()
  const data = path.join(dir, 'data')
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'app'])
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    path.join(dir, 'server.log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
    'start',
  ])
  return {
    url: `postgres://app@127.0.0.1:${port}/postgres`,
    stop: () => {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * CPU time (user and system, ms) used so far by the local postgres processes that are still running,
 * read from /proc; undefined where there is none. Backends that exit in between are not counted:
 * the pool keeps its connections open through a run.
 */
export const postgresCpuMs = (): Map<number, number> | undefined => {
  const ticksPerSecond = 100
  try {
    const times = new Map<number, number>()
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue
      let stat: string
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      } catch {
        continue
      }
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      if (name !== 'postgres') continue
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const ticks = Number(fields[11]) + Number(fields[12])
      times.set(Number(entry), (ticks * 1000) / ticksPerSecond)
    }
    return times
  } catch {
    return undefined
  }
}

/** The CPU the postgres processes used between two readings, in ms. */
export const postgresCpuSince = (before: Map<number, number> | undefined): number | undefined => {
  const after = postgresCpuMs()
  if (before === undefined || after === undefined) return undefined
  let used = 0
  for (const [pid, ms] of after) used += ms - (before.get(pid) ?? 0)
  return used
}
