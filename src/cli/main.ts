/**
 * `loyalty-streaks simulate`: replay a stream of operations against a target definition, as a
 * backtest of a programme (rules simulate.*). The package's `bin`; bundled on its own, so nothing
 * here reaches the library's entry points.
 *
 * @since 0.2.0
 */
import { createReadStream, createWriteStream } from 'node:fs'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { isMainThread, workerData } from 'node:worker_threads'
import * as E from 'fp-ts/lib/Either.js'
import type { Target } from '../model/target.js'
import {
  parseCommand,
  USAGE,
  type GenerateCommand,
  type MergeCommand,
  type SimulateCommand,
} from './args.js'
import { formatSummary } from './formatSummary.js'
import { generate } from './generate.js'
import { htmlReport } from './htmlReport.js'
import { mergeSummaries, readSummary } from './mergeSummaries.js'
import { progressBar } from './progressBar.js'
import { replay } from './replay.js'
import type { Refusal, SummaryDocument } from './summary.js'
import { readTargetFile } from './targetFile.js'
import { textWriter } from './textWriter.js'
import { isWorkerTask, replayWithWorkers, runWorkerTask } from './workers.js'
import { heapGuard } from './heapGuard.js'
import { READ_CHUNK } from './lineReader.js'

// operations

/** A problem the user can fix (a usage error, a bad file): a message and an exit code. */
class Stop extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message)
  }
}

const readText = async (file: string): Promise<string> => {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    throw new Stop(`${file}: ${error instanceof Error ? error.message : String(error)}`, 2)
  }
}

/** A target file's text and the target it defines. */
const loadTarget = async (
  file: string,
): Promise<{ readonly text: string; readonly target: Target }> => {
  const text = await readText(file)
  const read = readTargetFile(text)
  if (E.isLeft(read))
    throw new Stop(
      `${file}: ${read.left.path === '' ? '' : `${read.left.path} `}${read.left.message}`,
      2,
    )
  return { text, target: read.right }
}

/** Writes the `--summary` and `--html` files of a summary, and prints it. */
const report = async (
  summary: SummaryDocument,
  options: { readonly summary: string | undefined; readonly html: string | undefined },
  source: string,
): Promise<void> => {
  if (options.summary !== undefined)
    await writeFile(options.summary, `${JSON.stringify(summary, null, 2)}\n`)
  if (options.html !== undefined) await writeFile(options.html, htmlReport(summary, source))
  process.stdout.write(`${formatSummary(summary)}\n`)
}

const simulate = async (command: SimulateCommand): Promise<number> => {
  const loaded = [
    await loadTarget(command.target),
    ...(command.compare === undefined ? [] : [await loadTarget(command.compare)]),
  ]
  const targets = loaded.map((l) => l.target)
  const total =
    command.events === '-'
      ? 0
      : await stat(command.events).then(
          (s) => s.size,
          (error: unknown) => {
            throw new Stop(
              `${command.events}: ${error instanceof Error ? error.message : String(error)}`,
              2,
            )
          },
        )
  const bar = progressBar(process.stderr, command.progress && process.stderr.isTTY, () =>
    performance.now(),
  )
  const onRefused = (run: number, refusal: Refusal): void => {
    bar.clear()
    const which = targets.length > 1 ? ` [${run === 0 ? 'A' : 'B'}]` : ''
    process.stderr.write(`line ${refusal.line}${which}: ${refusal.code} ${refusal.message}\n`)
  }
  const guard = heapGuard()
  const onProgress = (bytes: number, lines: number): void => {
    bar.update(bytes, total, lines)
    guard()
  }
  const out =
    command.out === undefined ? undefined : textWriter(createWriteStream(command.out), true)
  const outcome =
    command.workers > 1
      ? await replayWithWorkers({
          entry: new URL(import.meta.url),
          targets: loaded.map((l) => l.text),
          events: command.events,
          count: command.workers,
          strict: command.strict,
          out,
          onRefused,
          onProgress,
        })
      : await replay({
          targets,
          input:
            command.events === '-'
              ? process.stdin
              : createReadStream(command.events, { highWaterMark: READ_CHUNK }),
          shard: command.shard,
          strict: command.strict,
          out,
          onRefused,
          onProgress,
        })
  await out?.close()
  bar.finish()
  if (outcome.stoppedBy !== undefined) {
    process.stderr.write(`stopped at line ${outcome.stoppedBy.line} (--strict)\n`)
    return 1
  }
  await report(outcome.summary, command, command.events === '-' ? 'stdin' : command.events)
  return 0
}

const merge = async (command: MergeCommand): Promise<number> => {
  const documents: Array<SummaryDocument> = []
  for (const file of command.files) {
    const read = readSummary(await readText(file))
    if (E.isLeft(read)) throw new Stop(`${file}: ${read.left}`, 2)
    documents.push(read.right)
  }
  const merged = mergeSummaries(documents)
  if (E.isLeft(merged)) throw new Stop(merged.left, 2)
  await report(merged.right, command, command.files.join(', '))
  return 0
}

const generateStream = async (command: GenerateCommand): Promise<number> => {
  const out = textWriter(process.stdout, false)
  await generate(command, out)
  await out.close()
  return 0
}

/** Runs the command line; resolves to the exit code. */
export const main = async (argv: ReadonlyArray<string>): Promise<number> => {
  const command = parseCommand(argv)
  if (E.isLeft(command)) {
    process.stderr.write(`loyalty-streaks: ${command.left}\n\n${USAGE}`)
    return 2
  }
  try {
    switch (command.right.command) {
      case 'help':
        process.stdout.write(USAGE)
        return 0
      case 'simulate':
        return await simulate(command.right)
      case 'merge':
        return await merge(command.right)
      case 'generate':
        return await generateStream(command.right)
    }
  } catch (error) {
    if (error instanceof Stop) {
      process.stderr.write(`loyalty-streaks: ${error.message}\n`)
      return error.exitCode
    }
    // EPIPE: the reader of stdout went away (`| head`); nothing left to say.
    if ((error as { code?: unknown }).code === 'EPIPE') return 0
    process.stderr.write(
      `loyalty-streaks: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    return 1
  }
}

if (!isMainThread && isWorkerTask(workerData)) await runWorkerTask(workerData)
else if (isMainThread) process.exitCode = await main(process.argv.slice(2))
