// The persistent map behind the state behaves as a Map, and never changes an earlier version.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  emptyCustomerMap,
  forEachCustomer,
  getCustomer,
  hashOf,
  mapCustomers,
  openCustomerMap,
  closeCustomerMap,
  setCustomer,
  type CustomerMap,
} from '../src/internal/customerMap.js'

const entries = (map: CustomerMap<number>): Array<[number, number]> => {
  const out: Array<[number, number]> = []
  forEachCustomer(map, (value, key) => out.push([key, value]))
  return out.sort((a, b) => a[0] - b[0])
}

const key = fc.oneof(
  fc.integer({ min: 1, max: 64 }),
  fc.integer({ min: 1, max: 2 ** 31 }),
  fc.maxSafeInteger().filter((n) => n > 0),
)

describe('customerMap', () => {
  it('holds what a Map holds after the same writes, and earlier versions are unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer()), { maxLength: 300 }), (writes) => {
        const reference = new Map<number, number>()
        let map = emptyCustomerMap<number>()
        const versions: Array<[CustomerMap<number>, Array<[number, number]>]> = []
        for (const [k, v] of writes) {
          map = setCustomer(map, k, v)
          reference.set(k, v)
          versions.push([map, [...reference.entries()].sort((a, b) => a[0] - b[0])])
        }
        expect(map.size).toBe(reference.size)
        for (const [k, v] of reference) expect(getCustomer(map, k)).toBe(v)
        for (const [version, expected] of versions) expect(entries(version)).toEqual(expected)
      }),
    )
  })

  it('answers undefined for a key never set', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, fc.integer()), { maxLength: 200 }),
        key,
        (writes, missing) => {
          const map = writes.reduce(
            (m, [k, v]) => (k === missing ? m : setCustomer(m, k, v)),
            emptyCustomerMap<number>(),
          )
          expect(getCustomer(map, missing)).toBeUndefined()
        },
      ),
    )
  })

  it('mapCustomers shares what it leaves unchanged', () => {
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 200 }), (keys) => {
        const map = keys.reduce((m, k) => setCustomer(m, k, k % 3), emptyCustomerMap<number>())
        expect(mapCustomers(map, (v) => v)).toBe(map)
        const doubled = mapCustomers(map, (v, k) => (k % 2 === 0 ? v * 2 + 1 : v))
        for (const k of keys)
          expect(getCustomer(doubled, k)).toBe(k % 2 === 0 ? (k % 3) * 2 + 1 : k % 3)
        expect(entries(map)).toEqual(
          keys.map((k) => [k, k % 3]).sort((a, b) => (a[0] as number) - (b[0] as number)),
        )
      }),
    )
  })

  it('an open map writes its own nodes in place, never those of the map it was opened from', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, fc.integer()), { maxLength: 200 }),
        fc.array(fc.tuple(key, fc.integer()), { maxLength: 200 }),
        (before, during) => {
          const base = before.reduce(
            (m, [k, v]) => setCustomer(m, k, v),
            emptyCustomerMap<number>(),
          )
          const snapshot = entries(base)
          let open = openCustomerMap(base, {})
          const reference = new Map(snapshot)
          for (const [k, v] of during) {
            open = setCustomer(open, k, v)
            reference.set(k, v)
          }
          open = mapCustomers(open, (v) => v + 1)
          const closed = closeCustomerMap(open)
          expect(entries(base)).toEqual(snapshot)
          expect(entries(closed)).toEqual(
            [...reference]
              .map(([k, v]) => [k, v + 1])
              .sort((a, b) => (a[0] as number) - (b[0] as number)),
          )
          expect(closed.size).toBe(reference.size)
          const later = setCustomer(closed, 1, -1)
          expect(entries(closed)).toEqual(entries(closeCustomerMap(open)))
          expect(getCustomer(later, 1)).toBe(-1)
        },
      ),
    )
  })

  it('keeps keys whose 32-bit hashes collide (only keys above 2^32 can)', () => {
    const [a, b, c] = [5, 6949403060, 2 ** 40 + 5]
    expect(hashOf(a)).toBe(hashOf(b))
    let map = setCustomer(
      setCustomer(setCustomer(emptyCustomerMap<string>(), a, 'a'), b, 'b'),
      c,
      'c',
    )
    map = setCustomer(map, b, 'B')
    expect([getCustomer(map, a), getCustomer(map, b), getCustomer(map, c), map.size]).toEqual([
      'a',
      'B',
      'c',
      3,
    ])
    const upper = mapCustomers(map, (v) => v.toUpperCase())
    expect([getCustomer(upper, a), getCustomer(upper, b), getCustomer(map, a)]).toEqual([
      'A',
      'B',
      'a',
    ])
    const seen: Array<number> = []
    forEachCustomer(upper, (_, k) => seen.push(k))
    expect(seen.sort((x, y) => x - y)).toEqual([a, b, c])
  })

  /** A key above 2^32 whose hash equals key 1's: its low word cancels what its high word mixes in. */
  const collidingWith1 = (high: number): number =>
    high * 2 ** 32 + ((1 ^ Math.imul(high, 0x9e3779b1)) >>> 0)

  it('ids below 2^32 never collide: the hash is one-to-one on them', () => {
    const hashes = new Set<number>()
    for (let k = 1; k <= 20_000; k++) hashes.add(hashOf(k))
    hashes.add(hashOf(2 ** 32 - 1))
    expect(hashes.size).toBe(20_001)
    expect([...hashes].every((h) => Number.isInteger(h) && h >= 0 && h < 2 ** 32)).toBe(true)
  })

  it('three colliding keys: each kept, an absent colliding key is absent, old versions unchanged', () => {
    const [a, b, c, absent] = [1, collidingWith1(1), collidingWith1(2), collidingWith1(3)]
    expect(new Set([a, b, c, absent].map(hashOf)).size).toBe(1)
    const two = setCustomer(setCustomer(emptyCustomerMap<string>(), a, 'a'), b, 'b')
    const three = setCustomer(two, c, 'c')
    const changed = setCustomer(three, b, 'B')
    expect([two.size, three.size, changed.size]).toEqual([2, 3, 3])
    expect(getCustomer(three, absent)).toBeUndefined()
    expect([getCustomer(two, c), getCustomer(three, c)]).toEqual([undefined, 'c'])
    expect([getCustomer(three, b), getCustomer(changed, b)]).toEqual(['b', 'B'])
    const first = setCustomer(changed, a, 'A')
    expect([first.size, getCustomer(first, a), getCustomer(changed, a)]).toEqual([3, 'A', 'a'])
    expect(mapCustomers(changed, (v) => v)).toBe(changed)
    expect(
      getCustomer(
        mapCustomers(changed, (v) => `${v}!`),
        c,
      ),
    ).toBe('c!')
  })

  /** Every node of the trie, with the shift it sits at. */
  const nodesOf = (map: CustomerMap<number>) => {
    type AnyNode = {
      kind: string
      key?: number
      hash?: number
      leaves?: ReadonlyArray<{ hash: number }>
      children?: ReadonlyArray<AnyNode>
    }
    const out: Array<{ node: AnyNode; shift: number }> = []
    const walk = (node: AnyNode, shift: number): void => {
      out.push({ node, shift })
      for (const child of node.children ?? []) walk(child, shift + 5)
    }
    walk(map.root, 0)
    return out
  }

  it('a collision node holds keys of one hash only, where the first of them was', () => {
    let map = emptyCustomerMap<number>()
    for (let k = 1; k <= 5_000; k++) map = setCustomer(map, k, k)
    const leafOf1 = nodesOf(map).find(({ node }) => node.kind === 'leaf' && node.key === 1)
    const joined = setCustomer(map, collidingWith1(1), 0)
    const collisions = nodesOf(joined).filter(({ node }) => node.kind === 'collision')
    expect(collisions).toHaveLength(1)
    expect(collisions[0]?.shift).toBe(leafOf1?.shift)
    expect(new Set(collisions[0]?.node.leaves?.map((l) => l.hash))).toEqual(new Set([hashOf(1)]))
    for (let k = 1; k <= 5_000; k++) expect(getCustomer(joined, k)).toBe(k)
    expect(getCustomer(joined, collidingWith1(1))).toBe(0)
    expect(joined.size).toBe(5_001)
  })

  it('an open map writes the nodes it created in place: one root for the whole batch', () => {
    const base = setCustomer(setCustomer(emptyCustomerMap<number>(), 1, 1), 2, 2)
    const first = setCustomer(openCustomerMap(base, {}), 3, 3)
    expect(first.root).not.toBe(base.root)
    const second = setCustomer(first, 4, 4)
    const third = setCustomer(second, 3, 30)
    const mapped = mapCustomers(third, (v) => v + 1)
    expect([second.root, third.root, mapped.root]).toEqual([first.root, first.root, first.root])
    expect(mapped.root).toBe(first.root)
    expect(entries(closeCustomerMap(mapped))).toEqual([
      [1, 2],
      [2, 3],
      [3, 31],
      [4, 5],
    ])
    expect(entries(base)).toEqual([
      [1, 1],
      [2, 2],
    ])
  })
})
