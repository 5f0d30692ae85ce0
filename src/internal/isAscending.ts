/** Whether `key` never decreases along `items` (a sort can then be skipped: O(n), no copy). */
export const isAscending = <A>(items: ReadonlyArray<A>, key: (item: A) => number): boolean => {
  for (let i = 1; i < items.length; i++)
    if (key(items[i - 1] as A) > key(items[i] as A)) return false
  return true
}
