// The library as a service runs it: the built package (`dist`), typed as the source it is built from.
import type * as Library from '../../src/index.js'

export const library = (await import(
  new URL('../../dist/index.js', import.meta.url).href
)) as typeof Library
