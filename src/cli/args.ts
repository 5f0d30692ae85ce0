/**
 * The command line, read into one command (rule simulate.usage).
 *
 * @since 0.2.0
 */
import { parseArgs } from 'node:util'
import * as E from 'fp-ts/lib/Either.js'
import { parseShard, type Shard } from './shard.js'

// model

/** `simulate`: replay a stream against a target (and a second one with `--compare`). */
export interface SimulateCommand {
  readonly command: 'simulate'
  readonly target: string
  readonly events: string
  readonly compare: string | undefined
  readonly out: string | undefined
  readonly summary: string | undefined
  readonly html: string | undefined
  readonly shard: Shard | null
  readonly workers: number
  readonly strict: boolean
  readonly progress: boolean
}

/** `simulate merge`: combine shard summaries into one report. */
export interface MergeCommand {
  readonly command: 'merge'
  readonly files: ReadonlyArray<string>
  readonly summary: string | undefined
  readonly html: string | undefined
}

/** `simulate generate`: write a realistic stream to stdout. */
export interface GenerateCommand {
  readonly command: 'generate'
  readonly customers: number
  readonly days: number
  readonly seed: number
  readonly start: Date
  readonly returns: boolean
  readonly operations: number | undefined
}

/** `--help`, or no command at all. */
export interface HelpCommand {
  readonly command: 'help'
}

export type Command = SimulateCommand | MergeCommand | GenerateCommand | HelpCommand

// operations

export const USAGE = `Usage:
  loyalty-streaks simulate --target target.json --events ops.ndjson [options]
      Replays operations (one JSON object per line) against a target definition and prints a
      per-cycle summary: customers enrolled, achieved, rewards issued and forfeited, their cost.
      --events FILE        the operations, NDJSON ("-" for stdin)
      --out FILE           write the events, NDJSON
      --summary FILE       write the summary, JSON (for simulate merge)
      --html FILE          write a self-contained HTML report with a chart of rewards per cycle
      --compare FILE       replay the same stream through a second definition, side by side
      --shard i/N          replay only the customers of shard i of N (every advance line)
      --workers K          replay with K worker threads (a file, not stdin)
      --strict             stop at the first refused line (exit code 1)
      --no-progress        no progress bar (there is none when stderr is not a terminal)
  loyalty-streaks simulate merge shard-1.json shard-2.json ... [--summary FILE] [--html FILE]
      Combines the --summary files of every shard of one stream into one report.
  loyalty-streaks simulate generate --customers N --days D [--seed S] [--start YYYY-MM-DD]
                                    [--returns] [--operations M]
      Writes a realistic operation stream to stdout, the same for the same seed.
`

const positive = (
  value: string | undefined,
  name: string,
  fallback?: number,
): E.Either<string, number> => {
  if (value === undefined)
    return fallback === undefined ? E.left(`--${name} is required`) : E.right(fallback)
  const n = Number(value)
  return /^\d+$/.test(value) && Number.isSafeInteger(n) && n > 0
    ? E.right(n)
    : E.left(`--${name} must be a positive integer, not ${JSON.stringify(value)}`)
}

const simulate = (argv: ReadonlyArray<string>): E.Either<string, Command> => {
  const { values, positionals } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      target: { type: 'string' },
      events: { type: 'string' },
      compare: { type: 'string' },
      out: { type: 'string' },
      summary: { type: 'string' },
      html: { type: 'string' },
      shard: { type: 'string' },
      workers: { type: 'string' },
      strict: { type: 'boolean', default: false },
      'no-progress': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) return E.right({ command: 'help' })
  if (positionals.length > 0) return E.left(`unexpected argument ${JSON.stringify(positionals[0])}`)
  if (values.target === undefined) return E.left('--target is required')
  if (values.events === undefined) return E.left('--events is required')
  const shard = values.shard === undefined ? null : parseShard(values.shard)
  if (shard === undefined) return E.left('--shard must be i/N with 1 ≤ i ≤ N ≤ 1024, e.g. 2/4')
  const workers = positive(values.workers, 'workers', 1)
  if (E.isLeft(workers)) return workers
  if (workers.right > 1 && shard !== null) return E.left('--workers and --shard do not combine')
  if (workers.right > 1 && values.events === '-')
    return E.left('--workers reads the events from a file, not stdin')
  return E.right({
    command: 'simulate',
    target: values.target,
    events: values.events,
    compare: values.compare,
    out: values.out,
    summary: values.summary,
    html: values.html,
    shard,
    workers: workers.right,
    strict: values.strict,
    progress: !values['no-progress'],
  })
}

const merge = (argv: ReadonlyArray<string>): E.Either<string, Command> => {
  const { values, positionals } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      summary: { type: 'string' },
      html: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) return E.right({ command: 'help' })
  if (positionals.length === 0) return E.left('simulate merge needs the summary files to merge')
  return E.right({
    command: 'merge',
    files: positionals,
    summary: values.summary,
    html: values.html,
  })
}

const generate = (argv: ReadonlyArray<string>): E.Either<string, Command> => {
  const { values, positionals } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      customers: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      start: { type: 'string' },
      returns: { type: 'boolean', default: false },
      operations: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) return E.right({ command: 'help' })
  if (positionals.length > 0) return E.left(`unexpected argument ${JSON.stringify(positionals[0])}`)
  const customers = positive(values.customers, 'customers')
  if (E.isLeft(customers)) return customers
  const days = positive(values.days, 'days')
  if (E.isLeft(days)) return days
  const seed = positive(values.seed, 'seed', 1)
  if (E.isLeft(seed)) return seed
  const operations =
    values.operations === undefined ? E.right(undefined) : positive(values.operations, 'operations')
  if (E.isLeft(operations)) return operations
  const startText = values.start ?? '2026-01-01'
  const start = new Date(`${startText}T00:00:00.000Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startText) || Number.isNaN(start.getTime()))
    return E.left(`--start must be a date YYYY-MM-DD, not ${JSON.stringify(startText)}`)
  return E.right({
    command: 'generate',
    customers: customers.right,
    days: days.right,
    seed: seed.right,
    start,
    returns: values.returns,
    operations: operations.right,
  })
}

/**
 * Reads the arguments after the program's name: `simulate …`, `simulate merge …` or
 * `simulate generate …`; a usage problem is a `Left` message.
 *
 * @example
 * import { parseCommand } from './args.js'
 * const command = parseCommand(['simulate', '--target', 't.json', '--events', 'ops.ndjson'])
 */
export const parseCommand = (argv: ReadonlyArray<string>): E.Either<string, Command> => {
  const [first, second, ...rest] = argv
  if (first === undefined || first === '--help' || first === '-h' || first === 'help')
    return E.right({ command: 'help' })
  if (first !== 'simulate') return E.left(`unknown command ${JSON.stringify(first)}`)
  try {
    if (second === 'merge') return merge(rest)
    if (second === 'generate') return generate(rest)
    return simulate(argv.slice(1))
  } catch (error) {
    // parseArgs throws on an unknown option or a missing value: a usage problem like any other.
    return E.left(error instanceof Error ? error.message : String(error))
  }
}
