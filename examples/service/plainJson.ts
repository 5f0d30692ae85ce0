// The library's read models as plain JSON: an fp-ts Option becomes its value or null, a Date its
// ISO-8601 instant.

const isOption = (
  value: object,
): value is { readonly _tag: 'None' | 'Some'; readonly value?: unknown } =>
  '_tag' in value && (value._tag === 'None' || value._tag === 'Some')

export const plainJson = (value: unknown): unknown => {
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(plainJson)
  if (typeof value !== 'object' || value === null) return value
  if (isOption(value)) return value._tag === 'Some' ? plainJson(value.value) : null
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, plainJson(field)]))
}
