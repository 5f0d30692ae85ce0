// The size budget: a service bundling only `{ unenroll }` from the built package (dependencies
// included), minified and gzipped. `node bench/size.mjs` fails when over budget (part of npm test).
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'

export const BUDGET_BYTES = 10_240

/** Gzipped bytes of a minified bundle that imports `names` from the built package. */
export const gzBytes = async (names = ['unenroll']) => {
  const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url))
  const result = await build({
    stdin: {
      contents: `import { ${names.join(', ')} } from ${JSON.stringify(dist)}\nexport { ${names.join(', ')} }`,
      resolveDir: fileURLToPath(new URL('..', import.meta.url)),
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'silent',
  })
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bytes = await gzBytes()
  const ok = bytes <= BUDGET_BYTES
  console.log(
    `size: { unenroll } bundles to ${bytes} bytes gzipped (budget ${BUDGET_BYTES}) ${ok ? 'ok' : 'OVER BUDGET'}`,
  )
  process.exitCode = ok ? 0 : 1
}
