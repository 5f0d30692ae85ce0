// The simulator's command line, bundled from the source with esbuild (as the package's build does,
// in a fraction of a second) so that its tests need no earlier `npm run build` on a fresh clone,
// and run as a child process: worker threads, exit codes and standard streams included.
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { type EnrolmentEvent, type Operation } from '../src/index.js'

/** What a run of the command line did. */
export interface CliRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** The repository's root. */
export const root = fileURLToPath(new URL('..', import.meta.url))

/** A fixture of the simulator's tests. */
export const fixture = (name: string): string => path.join(root, 'test/fixtures/simulate', name)

/** Bundles the command line into a fresh directory; `dispose` removes it. */
export const bundleCli = async (): Promise<{
  readonly directory: string
  readonly run: (args: ReadonlyArray<string>, stdin?: string) => Promise<CliRun>
  readonly dispose: () => Promise<void>
}> => {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'simulate-test-'))
  const cli = path.join(directory, 'cli.mjs')
  await build({
    entryPoints: [path.join(root, 'src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: cli,
    logLevel: 'silent',
  })
  return {
    directory,
    run: (args, stdin) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [cli, ...args], { cwd: directory })
        let stdout = ''
        let stderr = ''
        child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s))
        child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s))
        child.on('error', reject)
        child.on('close', (code) => {
          resolve({ code, stdout, stderr })
        })
        child.stdin.end(stdin ?? '')
      }),
    dispose: () => rm(directory, { recursive: true, force: true }),
  }
}

/** An event read back from NDJSON: its instant a `Date` again. */
export const eventOfJson = (line: string): EnrolmentEvent => {
  const raw = JSON.parse(line) as EnrolmentEvent & { at: string }
  return { ...raw, at: new Date(raw.at) }
}

/** The operations of an NDJSON stream as the library takes them (the lines must all be valid). */
export const operationsOf = (ndjson: string): ReadonlyArray<Operation> =>
  ndjson
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line): Operation => {
      const raw = JSON.parse(line) as {
        kind: Operation['kind']
        customerId: number
        now?: string
        at?: string
        value?: number
        options?: Record<string, unknown>
      }
      switch (raw.kind) {
        case 'advance':
          return { kind: 'advance', now: new Date(raw.now ?? '') }
        case 'activity':
          return {
            kind: 'activity',
            customerId: raw.customerId,
            activity:
              raw.value === undefined
                ? { at: new Date(raw.at ?? '') }
                : { at: new Date(raw.at ?? ''), value: raw.value },
          }
        case 'unenroll':
          return { kind: 'unenroll', customerId: raw.customerId, now: new Date(raw.now ?? '') }
        default:
          return {
            kind: raw.kind,
            customerId: raw.customerId,
            now: new Date(raw.now ?? ''),
            options: raw.options,
          }
      }
    })
