// Rules simulate.*: the simulator's parts, in process — lines read into operations, targets read
// from files, shards, the summary and its merge, the text and HTML reports, the generator.
import { readFileSync } from 'node:fs'
import { Readable, Writable } from 'node:stream'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { parseCommand } from '../src/cli/args.js'
import { formatSummary } from '../src/cli/formatSummary.js'
import { eventJson } from '../src/cli/eventJson.js'
import { generate, prng } from '../src/cli/generate.js'
import { htmlReport } from '../src/cli/htmlReport.js'
import { readLines } from '../src/cli/lineReader.js'
import { mergeSummaries, readSummary } from '../src/cli/mergeSummaries.js'
import { parseOperationLine } from '../src/cli/operationLine.js'
import { progressBar } from '../src/cli/progressBar.js'
import { replay } from '../src/cli/replay.js'
import { fnv1a, parseShard, shardOfCustomer, shardOfLine } from '../src/cli/shard.js'
import type { Refusal, SummaryDocument } from '../src/cli/summary.js'
import { readTargetFile } from '../src/cli/targetFile.js'
import { textWriter } from '../src/cli/textWriter.js'
import { encodeTarget, type EnrolmentEvent, type Target } from '../src/index.js'
import { at, right } from './support/fixtures.js'
import { fixture } from './simulateSupport.js'

const milestone = (): Target =>
  right(readTargetFile(readFileSync(fixture('milestone.json'), 'utf8')))
const withReturns = (): Target =>
  right(readTargetFile(readFileSync(fixture('milestone-returns.json'), 'utf8')))
const ops = (): string => readFileSync(fixture('ops.ndjson'), 'utf8')

/** Replays `text` in process; refusals collected in the order reported. */
const replayText = async (
  text: string,
  targets: ReadonlyArray<Target>,
  options: { readonly shard?: { index: number; count: number }; readonly strict?: boolean } = {},
) => {
  const refused: Array<readonly [number, Refusal]> = []
  const chunks: Array<string> = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'))
      done()
    },
  })
  const out = textWriter(sink, true)
  const outcome = await replay({
    targets,
    input: Readable.from([Buffer.from(text)]),
    shard: options.shard ?? null,
    strict: options.strict ?? false,
    out,
    onRefused: (run, refusal) => refused.push([run, refusal]),
  })
  await out.close()
  return { ...outcome, refused, events: chunks.join('') }
}

/** A generated stream, in memory. */
const generated = async (customers: number, days: number, seed: number, returns = false) => {
  const chunks: Array<string> = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'))
      done()
    },
  })
  const out = textWriter(sink, true)
  await generate({ customers, days, seed, start: at('2026-01-01T00:00:00.000Z'), returns }, out)
  await out.close()
  return chunks.join('')
}

describe('operation lines (rule simulate.line)', () => {
  it('reads each kind, with ISO instants of any offset, and the activity flat or nested', () => {
    expect(
      parseOperationLine('{"kind":"enroll","customerId":7,"now":"2026-01-01T10:00:00Z"}'),
    ).toEqual({
      ok: true,
      operation: {
        kind: 'enroll',
        customerId: 7,
        now: at('2026-01-01T10:00:00.000Z'),
        options: undefined,
      },
    })
    expect(
      parseOperationLine(
        '{"kind":"reenroll","customerId":7,"now":"2026-01-01T11:00:00+01:00","options":{"resetStreakStatus":true}}',
      ),
    ).toEqual({
      ok: true,
      operation: {
        kind: 'reenroll',
        customerId: 7,
        now: at('2026-01-01T10:00:00.000Z'),
        options: { resetStreakStatus: true },
      },
    })
    expect(
      parseOperationLine('{"kind":"unenroll","customerId":7,"now":"2026-01-01T10:00Z"}'),
    ).toEqual({
      ok: true,
      operation: { kind: 'unenroll', customerId: 7, now: at('2026-01-01T10:00:00.000Z') },
    })
    expect(
      parseOperationLine(
        '{"kind":"activity","customerId":7,"at":"2026-01-01T10:00:00.5Z","value":12.5}',
      ),
    ).toEqual({
      ok: true,
      operation: {
        kind: 'activity',
        customerId: 7,
        activity: { at: at('2026-01-01T10:00:00.500Z'), value: 12.5 },
      },
    })
    expect(
      parseOperationLine(
        '{"kind":"activity","customerId":7,"activity":{"at":"2026-01-01T10:00:00Z"}}',
      ),
    ).toEqual({
      ok: true,
      operation: {
        kind: 'activity',
        customerId: 7,
        activity: { at: at('2026-01-01T10:00:00.000Z') },
      },
    })
    expect(
      parseOperationLine('{"kind":"advance","now":"2026-02-01T00:00:00.000Z","note":"x"}'),
    ).toEqual({
      ok: true,
      operation: { kind: 'advance', now: at('2026-02-01T00:00:00.000Z') },
    })
  })

  it('refuses what is not an operation with 300004 and a message naming the field', () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ['{"kind":"enroll"', 'the line is not valid JSON'],
      ['[1,2]', 'the line must be a JSON object'],
      [
        '{"kind":"purchase","customerId":1}',
        'kind must be one of enroll, unenroll, reenroll, activity, advance',
      ],
      [
        '{"kind":"enroll","customerId":1,"now":"2026-01-01"}',
        'now must be an ISO-8601 instant with its offset',
      ],
      [
        '{"kind":"enroll","customerId":1,"now":"2026-01-01T10:00:00"}',
        'now must be an ISO-8601 instant with its offset',
      ],
      [
        '{"kind":"enroll","customerId":1,"now":1767261600000}',
        'now must be an ISO-8601 instant with its offset',
      ],
      [
        '{"kind":"enroll","customerId":1,"now":"2026-02-31T10:00:00Z","options":2}',
        'options must be an object',
      ],
      [
        '{"kind":"activity","customerId":1,"at":"yesterday"}',
        'at must be an ISO-8601 instant with its offset',
      ],
      [
        '{"kind":"activity","customerId":1,"at":"2026-01-01T10:00:00Z","value":"12"}',
        'value must be a number',
      ],
      ['{"kind":"activity","customerId":1,"activity":[]}', 'activity must be an object'],
      ['{"kind":"advance"}', 'now must be an ISO-8601 instant with its offset'],
    ]
    expect(cases.map(([text]) => parseOperationLine(text))).toEqual(
      cases.map(([, message]) => ({ ok: false, error: { code: 300004, message } })),
    )
  })
})

describe('the fast readers (rules simulate.line, simulate.events)', () => {
  it('reads the common activity line without JSON.parse, exactly as JSON.parse would', () => {
    const random = prng(17)
    const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(random() * xs.length)] as A
    const ids = [
      '7',
      '423789336',
      '0',
      '007',
      '-5',
      '1.5',
      '1e3',
      '9007199254740991',
      '999999999999999',
      '1234567890123456',
    ]
    const instants = [
      '2026-01-02T03:04:05.678Z',
      '2026-02-29T10:00:00.000Z',
      '2026-04-31T23:59:59.999Z',
      '2026-13-01T00:00:00.000Z',
      '2026-01-01T24:00:00.000Z',
      '2026-01-01T23:59:60.000Z',
      '0050-01-01T00:00:00.000Z',
      '2026-01-01T10:00:00Z',
      '2026-01-01T10:00:00.000+01:00',
      '2026-01-0\\1T10:00:00.000Z',
    ]
    const values = [
      '12.5',
      '0',
      '-0',
      '-3.25',
      '1e2',
      '2E-1',
      '1.',
      '.5',
      '01',
      '-',
      '1e',
      '"12"',
      'null',
      '5 ',
    ]
    for (let n = 0; n < 3000; n++) {
      const value = random() < 0.2 ? '' : `,"value":${pick(values)}`
      const line = `{"kind":"activity","customerId":${pick(ids)},"at":"${pick(instants)}"${value}}`
      // A leading space takes the line the JSON.parse way (JSON allows it; the fast reader does not).
      expect(parseOperationLine(line), line).toEqual(parseOperationLine(` ${line}`))
    }
    expect(
      parseOperationLine(
        '{"kind":"activity","customerId":7,"at":"2026-01-02T03:04:05.678Z","value":-0}',
      ),
    ).toEqual({
      ok: true,
      operation: {
        kind: 'activity',
        customerId: 7,
        activity: { at: at('2026-01-02T03:04:05.678Z'), value: -0 },
      },
    })
  })

  it('reads lines across chunks, whatever byte a chunk ends on: UTF-8 characters, CRLF, no final newline', async () => {
    const text = 'première ligne 😀\r\nsecond\n\nthird — é'
    const bytes = Buffer.from(text)
    for (let size = 1; size <= bytes.length; size++) {
      const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
        bytes.subarray(i * size, (i + 1) * size),
      )
      const lines: Array<string> = []
      let read = 0
      for await (const chunk of readLines(Readable.from(chunks))) {
        lines.push(...chunk.lines)
        read = chunk.bytes
      }
      expect([lines, read]).toEqual([
        ['première ligne 😀', 'second', '', 'third — é'],
        bytes.length,
      ])
    }
  })

  it('simulate.target: a target file saved with a byte order mark reads the same', () => {
    const text = readFileSync(fixture('milestone.json'), 'utf8')
    expect(right(readTargetFile(`\uFEFF${text}`))).toEqual(right(readTargetFile(text)))
  })

  it('simulate.line: a byte order mark before the first line is not part of it, whatever the chunk size', async () => {
    const bytes = Buffer.from('\uFEFF{"kind":"advance"}\n\uFEFFsecond')
    for (const size of [1, 2, 3, 4, bytes.length]) {
      const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
        bytes.subarray(i * size, (i + 1) * size),
      )
      const lines: Array<string> = []
      for await (const chunk of readLines(Readable.from(chunks))) lines.push(...chunk.lines)
      // Only the stream's first character is a mark; one inside the text is the text's.
      expect(lines).toEqual(['{"kind":"advance"}', '\uFEFFsecond'])
    }
  })

  it('writes each event as JSON.stringify would', async () => {
    const { summary } = await replayText(ops(), [milestone()])
    expect(summary.runs[0]?.events).toBe(13)
    const events: ReadonlyArray<EnrolmentEvent> = [
      {
        type: 'REWARD_ISSUED',
        customerId: 7,
        targetGroupId: 1,
        targetId: 2,
        at: at('2026-01-02T03:04:05.678Z'),
        cycle: 3,
        allocation: 'IMMEDIATE',
        idempotencyKey: 'tg1/t2/cust7/cycle3',
        reward: {
          sku: 'café "noir" \\ 😀\n',
          value: 3.5,
          tags: ['a', null, true],
          nested: { x: -0 },
        },
      },
      {
        type: 'SUB_TARGET_REACHED',
        customerId: 7,
        targetGroupId: 1,
        targetId: 2,
        at: at('+012026-01-02T03:04:05.678Z'),
        cycle: 1,
        subTarget: 'half\u0001way',
        idempotencyKey: 'k',
        reward: undefined,
      } as unknown as EnrolmentEvent,
    ]
    for (const e of events) expect(eventJson(e)).toBe(JSON.stringify(e))
  })
})

describe('target files (rule simulate.target)', () => {
  it('reads a bare definition with hand-written instants, and the encodeTarget form, as the same target', () => {
    const bare = milestone()
    expect(bare.cycles.map((c) => c.start)).toEqual([
      at('2026-01-01T00:00:00.000Z'),
      at('2026-02-01T00:00:00.000Z'),
      at('2026-03-01T00:00:00.000Z'),
    ])
    expect(readTargetFile(JSON.stringify(encodeTarget(bare)))).toEqual(E.right(bare))
  })

  it('names the path of the first problem, as the file names it', () => {
    const definition = JSON.parse(readFileSync(fixture('milestone.json'), 'utf8')) as Record<
      string,
      unknown
    >
    expect(readTargetFile(JSON.stringify({ ...definition, goal: 0 }))).toEqual(
      E.left({ path: 'goal', message: 'must be a finite number > 0' }),
    )
    expect(
      readTargetFile(
        JSON.stringify({ schemaVersion: 2, target: { ...definition, subTargets: [{ name: '' }] } }),
      ),
    ).toEqual(E.left({ path: 'target.subTargets[0].name', message: 'must be a non-empty string' }))
    expect(readTargetFile('{"kind":"MILESTONE"')).toEqual(
      E.left({ path: '', message: 'is not valid JSON' }),
    )
    expect(readTargetFile('[]')).toEqual(E.left({ path: '', message: 'must be a JSON object' }))
  })
})

describe('shards (rule simulate.shard)', () => {
  it('puts a customer in the same shard on every run: 1 + FNV-1a of the id’s digits, modulo N', () => {
    // FNV-1a's published test vectors: the hash is the standard one, reproducible anywhere.
    expect([fnv1a(''), fnv1a('a'), fnv1a('foobar')]).toEqual([0x811c9dc5, 0xe40c292c, 0xbf9cf968])
    expect([1, 2, 3, 4, 5, 423789336].map((id) => shardOfCustomer(id, 4))).toEqual(
      [1, 2, 3, 4, 5, 423789336].map((id) => 1 + (fnv1a(String(id)) % 4)),
    )
    expect([1, 2, 3, 4, 5, 423789336].map((id) => shardOfCustomer(id, 4))).toEqual([
      1, 2, 3, 4, 1, 3,
    ])
    expect(
      [0, -1, 1.5, '7', Number.MAX_SAFE_INTEGER + 1].map((id) => shardOfCustomer(id, 4)),
    ).toEqual([1, 1, 1, 1, 1])
  })

  it('routes a raw line as its parsed customer id would, or asks for the line to be parsed', () => {
    const lines = [
      '{"kind":"activity","customerId":423789336,"at":"2026-01-01T00:00:00Z"}',
      '{"kind":"activity", "customerId" : 5 ,"at":"2026-01-01T00:00:00Z"}',
      '{"customerId":5}',
    ]
    expect(lines.map((l) => shardOfLine(l, 4))).toEqual([
      shardOfCustomer(423789336, 4),
      shardOfCustomer(5, 4),
      shardOfCustomer(5, 4),
    ])
    expect(
      [
        '{"kind":"advance","now":"2026-01-01T00:00:00Z"}',
        '{"kind":"activity","customerId":7.5}',
        '{"kind":"activity","customerId":"7"}',
        '{"kind":"enroll","options":{"customerId":2},"customerId":5}',
      ].map((l) => shardOfLine(l, 4)),
    ).toEqual([undefined, undefined, undefined, undefined])
  })

  it('reads i/N', () => {
    expect(['1/1', '2/4', '0/4', '5/4', '1/2000', 'a/b'].map(parseShard)).toEqual([
      { index: 1, count: 1 },
      { index: 2, count: 4 },
      undefined,
      undefined,
      undefined,
      undefined,
    ])
  })
})

describe('the replay and its summary (rules simulate.refused, simulate.summary)', () => {
  it('reports each refused line with its number, code and message, and goes on', async () => {
    const { refused, summary } = await replayText(ops(), [milestone()])
    expect(refused).toEqual([
      [
        0,
        {
          line: 8,
          code: 310126,
          message: 'customer 3 is not enrolled in target 1 (never enrolled)',
        },
      ],
      [0, { line: 9, code: 300004, message: 'the line is not valid JSON' }],
      [
        0,
        {
          line: 16,
          code: 300004,
          message:
            'now (2026-02-15T00:00:00.000Z) is earlier than the watermark, the latest advance (2026-03-01T00:00:00.000Z)',
        },
      ],
    ])
    expect(summary.lines).toBe(16)
  })

  it('with --strict, stops at the first refused line', async () => {
    const { stoppedBy, summary } = await replayText(ops(), [milestone()], { strict: true })
    expect(stoppedBy).toEqual({
      line: 8,
      code: 310126,
      message: 'customer 3 is not enrolled in target 1 (never enrolled)',
    })
    expect(summary.lines).toBe(8)
  })

  it('sums enrolled, achieved, rewards issued and forfeited by allocation, and their cost, per cycle', async () => {
    const { summary } = await replayText(ops(), [milestone()])
    const tally = (count: number, cost: number) => ({ count, cost })
    const none = { IMMEDIATE: tally(0, 0), PERIOD_END: tally(0, 0) }
    expect(summary).toEqual({
      format: 'loyalty-streaks/simulate-summary',
      version: 1,
      lines: 16,
      shard: null,
      runs: [
        {
          target: {
            targetGroupId: 11,
            targetId: 1,
            name: 'Spend 100 a month',
            kind: 'MILESTONE',
            allocation: 'PERIOD_END',
            fingerprint: expect.stringMatching(/^[0-9a-f]{8}$/) as unknown,
          },
          operations: 9,
          advances: 3,
          refused: 3,
          refusals: [
            {
              line: 8,
              code: 310126,
              message: 'customer 3 is not enrolled in target 1 (never enrolled)',
            },
            { line: 9, code: 300004, message: 'the line is not valid JSON' },
            {
              line: 16,
              code: 300004,
              message:
                'now (2026-02-15T00:00:00.000Z) is earlier than the watermark, the latest advance (2026-03-01T00:00:00.000Z)',
            },
          ],
          warnings: {},
          customers: 2,
          events: 13,
          cycles: [
            {
              cycle: 1,
              refCode: '2026-01',
              // Customer 2 left during c1 and took part in it; the reward was forfeited at its end.
              enrolled: 2,
              achieved: 2,
              issued: { ...none, PERIOD_END: tally(1, 5) },
              forfeited: { ...none, PERIOD_END: tally(1, 5) },
              subTargets: tally(2, 3),
            },
            {
              cycle: 2,
              refCode: '2026-02',
              enrolled: 2,
              achieved: 1,
              issued: { ...none, PERIOD_END: tally(1, 5) },
              forfeited: none,
              subTargets: tally(1, 1.5),
            },
            {
              // c3 started at the last advance: both customers take part in it.
              cycle: 3,
              refCode: '2026-03',
              enrolled: 2,
              achieved: 0,
              issued: none,
              forfeited: none,
              subTargets: tally(0, 0),
            },
          ],
        },
      ],
    })
  })

  it('writes the events of the first target as NDJSON, in the order the library emits them', async () => {
    const { events } = await replayText(ops(), [milestone()])
    const lines = events.trimEnd().split('\n')
    expect(lines.map((l) => (JSON.parse(l) as { type: string }).type)).toEqual([
      'ENROLLED',
      'ENROLLED',
      'SUB_TARGET_REACHED',
      'CYCLE_ACHIEVED',
      'SUB_TARGET_REACHED',
      'CYCLE_ACHIEVED',
      'UNENROLLED',
      'REWARD_ISSUED',
      'REWARD_FORFEITED',
      'REENROLLED',
      'SUB_TARGET_REACHED',
      'CYCLE_ACHIEVED',
      'REWARD_ISSUED',
    ])
    expect(JSON.parse(lines[7] ?? '')).toEqual({
      type: 'REWARD_ISSUED',
      customerId: 1,
      targetGroupId: 11,
      targetId: 1,
      at: '2026-02-01T00:00:00.000Z',
      cycle: 1,
      allocation: 'PERIOD_END',
      idempotencyKey: 'tg11/t1/cust1/cycle1',
      reward: { sku: 'voucher-5', value: 5 },
    })
  })

  it('prints the summary as an aligned table, and two targets side by side with the difference (rule simulate.compare)', async () => {
    const other = right(readTargetFile(readFileSync(fixture('milestone-120.json'), 'utf8')))
    const { summary } = await replayText(ops(), [milestone(), other])
    expect(formatSummary(summary).split('\n')).toEqual([
      "target 11/1 'Spend 100 a month' (milestone, PERIOD_END): 2 customers, 9 operations and 3 advances accepted, 3 refused, 13 events",
      'cycle       enrolled  achieved  issued period-end   cost  forfeited period-end  saved  sub-targets  cost  total cost',
      'c1 2026-01         2         2                  1   5.00                     1   5.00            2  3.00        8.00',
      'c2 2026-02         2         1                  1   5.00                     0   0.00            1  1.50        6.50',
      'c3 2026-03         2         0                  0   0.00                     0   0.00            0  0.00        0.00',
      'total                        3                  2  10.00                     1   5.00            3  4.50       14.50',
      '',
      "target 11/1 'Spend 120 a month' (milestone, PERIOD_END): 2 customers, 9 operations and 3 advances accepted, 3 refused, 9 events",
      'cycle       enrolled  achieved  issued period-end  cost  forfeited period-end  saved  sub-targets  cost  total cost',
      'c1 2026-01         2         1                  0  0.00                     1   5.00            2  3.00        3.00',
      'c2 2026-02         2         0                  0  0.00                     0   0.00            1  1.50        1.50',
      'c3 2026-03         2         0                  0  0.00                     0   0.00            0  0.00        0.00',
      'total                        1                  0  0.00                     1   5.00            3  4.50        4.50',
      '',
      'comparison (B − A)',
      "A: target 11/1 'Spend 100 a month' (milestone, PERIOD_END): 2 customers, 9 operations and 3 advances accepted, 3 refused, 13 events",
      "B: target 11/1 'Spend 120 a month' (milestone, PERIOD_END): 2 customers, 9 operations and 3 advances accepted, 3 refused, 9 events",
      'cycle  A enrolled  A achieved  A issued  A cost  B enrolled  B achieved  B issued  B cost  Δ issued  Δ cost',
      'c1              2           2         1    8.00           2           1         0    3.00        -1   -5.00',
      'c2              2           1         1    6.50           2           0         0    1.50        -1   -5.00',
      'c3              2           0         0    0.00           2           0         0    0.00         0    0.00',
      'total                                 2   14.50                                 0    4.50        -2  -10.00',
      'rewards issued: A 2, B 0 (-2); cost: A 14.50, B 4.50 (-10.00)',
    ])
  })
})

describe('shards merged (rule simulate.merge)', () => {
  it('equal one whole replay, whatever the order of the shard summaries', async () => {
    const stream = `${await generated(300, 70, 5, true)}{"kind":"advance","now":"2025-01-01T00:00:00Z"}\nnot json\n`
    const targets = [
      withReturns(),
      right(readTargetFile(readFileSync(fixture('milestone-120.json'), 'utf8'))),
    ]
    const whole = (await replayText(stream, targets)).summary
    const shards = await Promise.all(
      [3, 1, 2].map(
        async (index) =>
          (await replayText(stream, targets, { shard: { index, count: 3 } })).summary,
      ),
    )
    expect(shards.map((s) => s.runs[0]?.customers)).not.toContain(0)
    expect(mergeSummaries(shards)).toEqual(E.right(whole))
    expect(whole.runs[0]?.refusals.slice(-2)).toEqual([
      {
        line: whole.lines - 1,
        code: 300004,
        message:
          'now (2025-01-01T00:00:00.000Z) is earlier than the watermark, the latest advance (2026-03-11T00:00:00.000Z)',
      },
      { line: whole.lines, code: 300004, message: 'the line is not valid JSON' },
    ])
  })

  it('refuses shards of different runs, a shard twice, a missing shard', async () => {
    const stream = ops()
    const shard = async (index: number, count: number) =>
      (await replayText(stream, [milestone()], { shard: { index, count } })).summary
    const [a, b, c] = [await shard(1, 2), await shard(2, 2), await shard(1, 3)]
    expect(mergeSummaries([])).toEqual(E.left('no summary to merge'))
    expect(mergeSummaries([a, a])).toEqual(E.left('shard 1/2 is given twice'))
    expect(mergeSummaries([a])).toEqual(E.left('shard 2 of 2 missing'))
    expect(mergeSummaries([a, c])).toEqual(
      E.left('summary 2 is not a shard of 2: merge the shards of one run'),
    )
    const other: SummaryDocument = {
      ...b,
      runs: b.runs.map((r) => ({ ...r, target: { ...r.target, fingerprint: '00000000' } })),
    }
    expect(mergeSummaries([a, other])).toEqual(
      E.left('summary 2 replayed other target definitions than summary 1'),
    )
    expect(readSummary(JSON.stringify(a))).toEqual(E.right(a))
    expect(readSummary('{"runs":[]}')).toEqual(
      E.left('is not a simulate summary (written by --summary)'),
    )
  })
})

describe('the HTML report (rule simulate.html)', () => {
  it('is self-contained: inline style and SVG, no script, no external resource, one mark per non-zero bar', async () => {
    const { summary } = await replayText(ops(), [milestone()])
    const html = htmlReport(summary, 'ops.ndjson')
    expect(html).not.toMatch(/<script|<link|src=|href=|url\(|@import/i)
    expect(html.match(/https?:\/\/[^"]*/g)).toEqual(['http://www.w3.org/2000/svg'])
    expect(
      html.match(/<rect class="mark [a-z]+"[^>]*data-cycle="\d"/g)?.map((m) => m.slice(18)),
    ).toEqual([
      'issued" data-run="0" data-cycle="1"',
      'forfeited" data-run="0" data-cycle="1"',
      'issued" data-run="0" data-cycle="2"',
    ])
  })

  it('escapes the names it shows', async () => {
    const { summary } = await replayText(ops(), [milestone()])
    const html = htmlReport(
      {
        ...summary,
        runs: summary.runs.map((r) => ({ ...r, target: { ...r.target, name: '<b>&' } })),
      },
      '<x>.ndjson',
    )
    expect(html).toContain('&#60;b&#62;&#38;')
    expect(html).not.toContain('<b>&')
    expect(html).not.toContain('<x>')
  })
})

describe('the generator (rule simulate.generate)', () => {
  it('writes the same stream for the same seed, and another for another seed', async () => {
    const a = await generated(3, 3, 7)
    expect(a.split('\n')).toEqual([
      '{"kind":"advance","now":"2026-01-01T00:00:00.000Z"}',
      '{"kind":"enroll","customerId":100001,"now":"2026-01-01T08:49:51.622Z"}',
      '{"kind":"enroll","customerId":100002,"now":"2026-01-01T12:50:01.495Z"}',
      '{"kind":"enroll","customerId":100003,"now":"2026-01-01T23:28:14.543Z"}',
      '{"kind":"advance","now":"2026-01-02T00:00:00.000Z"}',
      '{"kind":"activity","customerId":100001,"at":"2026-01-02T03:26:51.998Z","value":22.88}',
      '{"kind":"advance","now":"2026-01-03T00:00:00.000Z"}',
      '{"kind":"activity","customerId":100002,"at":"2026-01-03T14:55:08.385Z","value":60.59}',
      '',
    ])
    expect(await generated(3, 3, 7)).toBe(a)
    expect(await generated(3, 3, 8)).not.toBe(a)
  })

  it('keeps time order after each daily advance, and every line is an operation the library accepts', async () => {
    const text = await generated(400, 85, 11, true)
    const lines = text.trimEnd().split('\n')
    let watermark = Number.NEGATIVE_INFINITY
    const kinds = new Map<string, number>()
    let refunds = 0
    for (const line of lines) {
      const read = parseOperationLine(line)
      if (!read.ok) throw new Error(line)
      const op = read.operation
      kinds.set(op.kind, (kinds.get(op.kind) ?? 0) + 1)
      const t = op.kind === 'activity' ? op.activity.at.getTime() : op.now.getTime()
      expect(t).toBeGreaterThanOrEqual(watermark)
      if (op.kind === 'advance') watermark = t
      if (op.kind === 'activity' && (op.activity.value ?? 0) < 0) refunds++
    }
    expect(kinds.get('advance')).toBe(85)
    expect(kinds.get('enroll')).toBe(400)
    expect(kinds.get('unenroll')).toBeGreaterThan(10)
    expect(kinds.get('reenroll')).toBeGreaterThan(5)
    expect(refunds).toBeGreaterThan(100)
    const { summary, refused } = await replayText(text, [withReturns()])
    // Customers re-enrol with a reset flag: a milestone ignores it with a warning, never refuses.
    expect(refused).toEqual([])
    expect(summary.runs[0]?.warnings.RESET_STREAK_STATUS_IGNORED).toBeGreaterThan(0)
  })
})

describe('the command line (rule simulate.usage)', () => {
  it('reads each command, and names a usage problem', () => {
    expect(parseCommand([])).toEqual(E.right({ command: 'help' }))
    expect(
      parseCommand(['simulate', '--target', 't.json', '--events', '-', '--shard', '2/3']),
    ).toEqual(
      E.right({
        command: 'simulate',
        target: 't.json',
        events: '-',
        compare: undefined,
        out: undefined,
        summary: undefined,
        html: undefined,
        shard: { index: 2, count: 3 },
        workers: 1,
        strict: false,
        progress: true,
      }),
    )
    expect(parseCommand(['simulate', 'merge', 'a.json', 'b.json', '--html', 'r.html'])).toEqual(
      E.right({
        command: 'merge',
        files: ['a.json', 'b.json'],
        summary: undefined,
        html: 'r.html',
      }),
    )
    expect(
      parseCommand(['simulate', 'generate', '--customers', '10', '--days', '5', '--returns']),
    ).toEqual(
      E.right({
        command: 'generate',
        customers: 10,
        days: 5,
        seed: 1,
        start: at('2026-01-01T00:00:00.000Z'),
        returns: true,
        operations: undefined,
      }),
    )
    expect(
      [
        ['report'],
        ['simulate', '--events', 'x'],
        ['simulate', '--target', 't', '--events', 'x', '--shard', '4/3'],
        ['simulate', '--target', 't', '--events', 'x', '--shard', '1/3', '--workers', '2'],
        ['simulate', '--target', 't', '--events', '-', '--workers', '2'],
        ['simulate', 'generate', '--customers', '0', '--days', '5'],
        ['simulate', 'generate', '--customers', '3', '--days', '5', '--start', '2026-13-01'],
        ['simulate', 'merge'],
      ].map((argv) => parseCommand(argv)),
    ).toEqual(
      [
        'unknown command "report"',
        '--target is required',
        '--shard must be i/N with 1 ≤ i ≤ N ≤ 1024, e.g. 2/4',
        '--workers and --shard do not combine',
        '--workers reads the events from a file, not stdin',
        '--customers must be a positive integer, not "0"',
        '--start must be a date YYYY-MM-DD, not "2026-13-01"',
        'simulate merge needs the summary files to merge',
      ].map((message) => E.left(message)),
    )
    expect(E.isLeft(parseCommand(['simulate', '--tagret', 't.json']))).toBe(true)
  })
})

describe('the progress bar (rule simulate.progress)', () => {
  it('draws on a terminal, at most ten times a second, and wipes itself', () => {
    const written: Array<string> = []
    let now = 0
    const bar = progressBar({ write: (t: string) => written.push(t), columns: 70 }, true, () => now)
    now = 1000
    bar.update(512, 1024, 1500)
    now = 1050
    bar.update(600, 1024, 1700)
    now = 2000
    bar.update(0, 0, 3000)
    bar.finish()
    expect(written).toEqual([
      '\r[##########..........]  50%  1,500 lines  1,500 lines/s\u001b[K',
      '\r3,000 lines  1,500 lines/s\u001b[K',
      '\r\u001b[K',
    ])
  })

  it('draws nothing when the output is not a terminal', () => {
    const written: Array<string> = []
    const bar = progressBar({ write: (t: string) => written.push(t) }, false, () => 0)
    bar.update(1, 2, 3)
    bar.clear()
    bar.finish()
    expect(written).toEqual([])
  })
})
