// Freezes a value and everything reachable from it, Dates included (their setters then throw).
export const deepFreeze = <T>(value: T, seen = new Set<unknown>()): T => {
  if (typeof value !== 'object' || value === null || seen.has(value) || Object.isFrozen(value))
    return value
  seen.add(value)
  if (value instanceof Date) {
    const frozen = value as unknown as Record<string, unknown>
    for (const setter of Object.getOwnPropertyNames(Date.prototype).filter((k) =>
      k.startsWith('set'),
    ))
      frozen[setter] = () => {
        throw new Error(`a frozen Date was mutated with ${setter}`)
      }
  }
  for (const key of Reflect.ownKeys(value))
    deepFreeze((value as Record<PropertyKey, unknown>)[key], seen)
  return Object.freeze(value)
}
