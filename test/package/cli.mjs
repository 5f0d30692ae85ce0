// The `loyalty-streaks` bin from a packed install, as a user gets it: `npm pack`, installed into a
// fresh project without the network, run with `npx`. Needs the build (`npm run test:package` runs
// after it). Replays a generated stream and checks its events against the installed library's own
// applyAll, with one process and with worker threads; and that the library's entry never loads
// the CLI.
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const fixtures = path.join(root, 'test/fixtures/simulate')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'

assert.ok(
  existsSync(path.join(root, 'dist/cli.js')),
  'dist/cli.js is missing: run `npm run build` first',
)
// The library's own files never reach the CLI's code (it is a separate, self-contained bundle).
for (const file of readdirSync(path.join(root, 'dist')).filter(
  (f) => /\.(c?js)$/.test(f) && f !== 'cli.js',
))
  assert.ok(
    !readFileSync(path.join(root, 'dist', file), 'utf8').includes('parseArgs'),
    `${file} holds CLI code`,
  )

const work = mkdtempSync(path.join(os.tmpdir(), 'loyalty-streaks-cli-'))
try {
  execFileSync(npm, ['pack', '--pack-destination', work, '--silent'], { cwd: root, stdio: 'pipe' })
  const [tarball] = readdirSync(work).filter((f) => f.endsWith('.tgz'))
  assert.ok(tarball, 'npm pack wrote no tarball')
  const project = path.join(work, 'project')
  execFileSync('mkdir', ['-p', project])
  const install = (dependencies) => {
    writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify(
        { name: 'try-the-simulator', private: true, type: 'module', dependencies },
        null,
        2,
      ),
    )
    return spawnSync(
      npm,
      [
        'install',
        path.join(work, tarball),
        '--offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
      ],
      { cwd: project, encoding: 'utf8' },
    )
  }
  // The npm cache holds the dependencies after `npm ci` (CI); without it, this checkout's own copies
  // stand in for the registry, as `file:` dependencies.
  let installed = install({})
  if (installed.status !== 0) {
    const { dependencies } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
    installed = install(
      Object.fromEntries(
        Object.keys(dependencies).map((name) => [
          name,
          `file:${path.join(root, 'node_modules', name)}`,
        ]),
      ),
    )
  }
  assert.equal(installed.status, 0, `npm install of the tarball failed:\n${installed.stderr}`)

  const run = (args) =>
    spawnSync(npx, ['--offline', 'loyalty-streaks', ...args], { cwd: project, encoding: 'utf8' })

  const help = run(['simulate', '--help'])
  assert.equal(help.status, 0, help.stderr)
  assert.match(help.stdout, /loyalty-streaks simulate --target target\.json --events ops\.ndjson/)

  for (const name of ['milestone-returns.json', 'milestone.json', 'ops.ndjson'])
    copyFileSync(path.join(fixtures, name), path.join(project, name))

  const small = run(['simulate', '--target', 'milestone.json', '--events', 'ops.ndjson'])
  assert.equal(small.status, 0, small.stderr)
  assert.equal(
    small.stderr.split('\n')[0],
    'line 8: 310126 customer 3 is not enrolled in target 1 (never enrolled)',
  )
  assert.match(
    small.stdout,
    /^target 11\/1 'Spend 100 a month' \(milestone, PERIOD_END\): 2 customers/,
  )

  const stream = run([
    'simulate',
    'generate',
    '--customers',
    '300',
    '--days',
    '75',
    '--seed',
    '5',
    '--returns',
  ])
  assert.equal(stream.status, 0, stream.stderr)
  writeFileSync(path.join(project, 'stream.ndjson'), stream.stdout)
  const one = run([
    'simulate',
    '--target',
    'milestone-returns.json',
    '--events',
    'stream.ndjson',
    '--out',
    'one.ndjson',
  ])
  assert.equal(one.status, 0, one.stderr)
  const two = run([
    'simulate',
    '--workers',
    '2',
    '--target',
    'milestone-returns.json',
    '--events',
    'stream.ndjson',
    '--out',
    'two.ndjson',
    '--html',
    'report.html',
  ])
  assert.equal(two.status, 0, two.stderr)
  assert.equal(two.stdout, one.stdout)
  const written = readFileSync(path.join(project, 'one.ndjson'), 'utf8')
  assert.equal(readFileSync(path.join(project, 'two.ndjson'), 'utf8'), written)
  assert.match(readFileSync(path.join(project, 'report.html'), 'utf8'), /<svg class="chart"/)

  // The same operations through the installed library's applyAll give the same events.
  const library = await import(
    pathToFileURL(path.join(project, 'node_modules/loyalty-streaks/dist/index.js')).href
  )
  const target = library.decodeTarget({
    schemaVersion: library.SCHEMA_VERSION,
    target: JSON.parse(
      readFileSync(path.join(fixtures, 'milestone-returns.json'), 'utf8').replaceAll(
        /T00:00Z/g,
        'T00:00:00.000Z',
      ),
    ),
  })
  assert.equal(target._tag, 'Right', JSON.stringify(target.left))
  const operations = stream.stdout
    .trimEnd()
    .split('\n')
    .map((line) => {
      const o = JSON.parse(line)
      if (o.kind === 'advance') return { kind: 'advance', now: new Date(o.now) }
      if (o.kind === 'activity')
        return {
          kind: 'activity',
          customerId: o.customerId,
          activity: { at: new Date(o.at), value: o.value },
        }
      return { kind: o.kind, customerId: o.customerId, now: new Date(o.now), options: o.options }
    })
  const expected = library.applyAll(library.initialState(target.right), operations).events
  assert.equal(written, expected.map((e) => `${JSON.stringify(e)}\n`).join(''))
  console.log(
    `packed install: npx loyalty-streaks simulate ok (${expected.length} events, 1 process and 2 workers)`,
  )
} finally {
  rmSync(work, { recursive: true, force: true })
}
