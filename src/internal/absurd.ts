/** The exhaustiveness guard of a `switch` over a union: unreachable when the types hold. */
export const absurd = (value: never): never => {
  throw new Error(`unexpected value ${JSON.stringify(value)}`)
}
