// The package as a user installs it: `npm pack`, unpacked into a fresh project's node_modules.
// Checks the tarball's size and contents, then compiles and runs a tiny project against it under
// each module system TypeScript offers (test/package/types/*: its tsconfig.json and package.json;
// the code is types/options.ts), and type-checks and runs every `@example` of the published
// declarations. Needs the build (`npm run test:package` runs after it).
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

/** The packed tarball's budget, in bytes (gzipped, as `npm pack` reports it). */
export const TARBALL_BUDGET_BYTES = 150_000

const root = fileURLToPath(new URL('../..', import.meta.url))
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const tsc = path.join(root, 'node_modules/typescript/bin/tsc')
const fail = (message) => {
  console.error(message)
  process.exit(1)
}

assert.ok(
  existsSync(path.join(root, 'dist/index.js')),
  'dist is missing: run `npm run build` first',
)

const work = mkdtempSync(path.join(os.tmpdir(), 'loyalty-streaks-packed-'))
try {
  // The tarball: within budget, no source maps, the testing redirect for classic resolvers.
  const [packed] = JSON.parse(
    execFileSync(npm, ['pack', '--json', '--pack-destination', work], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  )
  const files = packed.files.map((f) => f.path)
  const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`
  console.log(
    `tarball: ${kB(packed.size)} packed, ${kB(packed.unpackedSize)} unpacked, ${files.length} files (budget ${kB(TARBALL_BUDGET_BYTES)})`,
  )
  if (packed.size > TARBALL_BUDGET_BYTES)
    fail(`the tarball is ${packed.size} bytes, over its budget of ${TARBALL_BUDGET_BYTES}`)
  assert.deepEqual(
    files.filter((f) => f.endsWith('.map')),
    [],
    'source maps are not published',
  )
  for (const f of ['testing/package.json', 'dist/testing.d.cts', 'README.md'])
    assert.ok(files.includes(f), `the tarball lacks ${f}`)

  // A project whose node_modules holds the unpacked tarball and this checkout's dependencies.
  const modules = path.join(work, 'node_modules')
  const installed = path.join(modules, 'loyalty-streaks')
  mkdirSync(installed, { recursive: true })
  execFileSync('tar', [
    '-xzf',
    path.join(work, packed.filename),
    '-C',
    installed,
    '--strip-components=1',
  ])
  for (const name of ['fp-ts', 'date-fns', '@date-fns/tz', 'fast-check', '@types/node']) {
    mkdirSync(path.dirname(path.join(modules, name)), { recursive: true })
    symlinkSync(path.join(root, 'node_modules', name), path.join(modules, name), 'dir')
  }

  // Each module system: a project compiled with strict and exactOptionalPropertyTypes, then run.
  const fixtures = fileURLToPath(new URL('types', import.meta.url))
  const projects = readdirSync(fixtures).filter((name) => !name.includes('.'))
  for (const name of projects) {
    cpSync(path.join(fixtures, name), path.join(work, name), { recursive: true })
    cpSync(path.join(fixtures, 'options.ts'), path.join(work, name, 'options.ts'))
    writeFileSync(
      path.join(work, name, 'index.ts'),
      `import { run } from './options.js'\n\nconsole.log(run(${JSON.stringify(name)}))\n`,
    )
  }

  // Every export of the published declarations has an @example and a @since; each example
  // becomes a module of a project of its own.
  const examples = path.join(work, 'examples')
  mkdirSync(examples)
  const entries = {
    'loyalty-streaks': 'dist/index.d.ts',
    'loyalty-streaks/testing': 'dist/testing.d.ts',
  }
  const program = ts.createProgram(
    Object.values(entries).map((f) => path.join(installed, f)),
    {
      strict: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      skipLibCheck: true,
    },
  )
  const checker = program.getTypeChecker()
  const problems = []
  const written = []
  for (const [specifier, file] of Object.entries(entries)) {
    const source = program.getSourceFile(path.join(installed, file))
    const module = checker.getSymbolAtLocation(source)
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
      const tags = symbol.getJsDocTags(checker)
      const text = (tag) => ts.displayPartsToString(tag.text)
      const name = `${specifier}: ${exported.name}`
      if (!tags.some((t) => t.name === 'since' && /^\d+\.\d+\.\d+$/.test(text(t).trim())))
        problems.push(`${name} has no @since`)
      const blocks = tags.filter((t) => t.name === 'example').map(text)
      if (blocks.length === 0) problems.push(`${name} has no @example`)
      blocks.forEach((block, i) => {
        const code = /```ts\n([\s\S]*?)```/.exec(block)?.[1] ?? block
        const file = `${String(written.length + 1).padStart(3, '0')}-${exported.name}-${i + 1}.ts`
        writeFileSync(path.join(examples, file), `${code}\nexport {}\n`)
        written.push(file)
      })
    }
  }
  if (problems.length > 0) fail(`undocumented exports:\n${problems.join('\n')}`)
  writeFileSync(path.join(examples, 'package.json'), JSON.stringify({ type: 'module' }))
  writeFileSync(
    path.join(examples, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: true,
        types: ['node'],
        outDir: 'out',
      },
      include: ['*.ts'],
    }),
  )

  // One compiler run for every project.
  const build = spawnSync(
    process.execPath,
    [tsc, '-b', ...projects.map((p) => path.join(work, p)), examples],
    { encoding: 'utf8' },
  )
  if (build.status !== 0) fail(`type check against the packed package failed:\n${build.stdout}`)
  for (const name of projects) {
    const run = spawnSync(process.execPath, [path.join(work, name, 'out/index.js')], {
      cwd: path.join(work, name),
      encoding: 'utf8',
    })
    if (run.status !== 0) fail(`${name}: the compiled project failed:\n${run.stdout}${run.stderr}`)
  }
  console.log(`types: ${projects.join(', ')}: type-checked and ran against the packed package`)

  // One process runs every example, one after the other; what they print is not shown.
  writeFileSync(
    path.join(examples, 'out/run.mjs'),
    `console.log = () => {}\nfor (const file of ${JSON.stringify(written.map((f) => f.replace(/\.ts$/, '.js')))}) {\n  try { await import('./' + file) } catch (e) { process.stderr.write(file + ': ' + e.stack + '\\n'); process.exitCode = 1 }\n}\n`,
  )
  const ran = spawnSync(process.execPath, [path.join(examples, 'out/run.mjs')], {
    encoding: 'utf8',
  })
  if (ran.status !== 0) fail(`@example blocks that throw:\n${ran.stderr}`)
  console.log(`examples: ${written.length} @example blocks type-checked and ran`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
