import { createRequire } from 'node:module'
import path from 'node:path'
import { defineConfig, type Options } from 'tsup'

const require = createRequire(import.meta.url)
const fpTsRoot = path.dirname(require.resolve('fp-ts/package.json'))

/**
 * The source imports fp-ts as `fp-ts/lib/<Module>.js` (the only form Node's ESM loader accepts, see
 * TOOLCHAIN.md). For the ESM build those resolve to fp-ts's own ES modules instead, bundled in, so
 * a service bundling `{ unenroll }` keeps only the few fp-ts functions it calls (the CommonJS
 * `lib` build cannot be tree-shaken: it would triple the bundle). Either and Option stay plain
 * `{ _tag }` data, so results work with the caller's own fp-ts.
 */
const fpTsEs6: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'fp-ts-es6',
  setup(build) {
    build.onResolve({ filter: /^fp-ts\/lib\/[A-Za-z]+\.js$/ }, (args) => ({
      path: path.join(fpTsRoot, 'es6', path.basename(args.path)),
    }))
  },
}

/** The CLI's imports of the library's entry (`src/index.ts`) become imports of the built `./index.js`. */
const libraryFromPackage: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'library-from-package',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/index\.js$/ }, () => ({ path: './index.js', external: true }))
  },
}

const common: Options = {
  dts: true,
  // No source maps: with the sources they carry they were 60% of the packed package, and a user
  // has little use for them, as the library answers every input with a value instead of throwing.
  // The package stays within its size budget (test/package/packed.mjs); debug from a checkout.
  sourcemap: false,
  target: 'node20',
  treeshake: true,
  // Minified, names and all: a cold start spends most of its import compiling the package's
  // source, byte by byte (coldImportMs: ~15.5 ms unminified, ~12.3 minified, 137 KB of
  // JavaScript against 65).
  minify: true,
}

export default defineConfig([
  {
    ...common,
    // The main entry never loads fast-check; ./testing (arbitraries for property tests) does.
    // The calendar is an entry of its own so that code importing only the engine drops date-fns.
    entry: {
      index: 'src/index.ts',
      testing: 'src/testing/index.ts',
      calendar: 'src/calendar/calendarCycles.ts',
    },
    format: ['esm'],
    clean: true,
    splitting: true,
    // fp-ts, date-fns and @date-fns/tz are bundled in (tree-shaken): one file to load instead of
    // a hundred small modules to resolve, which is most of a cold start.
    noExternal: [/^fp-ts/, /^date-fns/, /^@date-fns\/tz/],
    esbuildPlugins: [fpTsEs6],
  },
  {
    ...common,
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
    format: ['cjs'],
  },
  // The `loyalty-streaks` bin (the simulator): the CLI's own code in one file, importing the
  // library from the package's own entry (./index.js) rather than bundling a second copy of it;
  // nothing of the CLI reaches the library's entry points.
  {
    ...common,
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    splitting: false,
    noExternal: [/^fp-ts/, /^date-fns/, /^@date-fns\/tz/],
    esbuildPlugins: [fpTsEs6, libraryFromPackage],
    banner: { js: '#!/usr/bin/env node' },
  },
])
