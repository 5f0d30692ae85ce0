// The persistent map behind the state behaves as a Map, and never changes an earlier version.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  emptyCustomerMap,
  forEachCustomer,
  getCustomer,
  hashOf,
  mapInternals,
  removeCustomer,
  type CustomerMap,
} from '../src/runtime/customerMap.js'

/** A write, single (no owner) or in a batch (its owner): the map's internal form of `set`. */
const setCustomer = <V extends { readonly customerId: number }>(
  map: CustomerMap<V>,
  record: V,
  owner: object | null = null,
): CustomerMap<V> => mapInternals.setWithOwner(map, record, owner)

/** The map's layout: its trie's root and its recent records. */
const L = <V extends { readonly customerId: number }>(map: CustomerMap<V>) =>
  mapInternals.layoutOf(map)

/** A record as the map holds it: its key is its `customerId`. */
interface Row {
  readonly customerId: number
  readonly value: number
}
const row = (customerId: number, value: number): Row => ({ customerId, value })

const entries = (map: CustomerMap<Row>): Array<[number, number]> => {
  const out: Array<[number, number]> = []
  forEachCustomer(map, (r, key) => {
    expect(key).toBe(r.customerId)
    out.push([key, r.value])
  })
  return out.sort((a, b) => a[0] - b[0])
}
const valueOf = (map: CustomerMap<Row>, key: number): number | undefined =>
  getCustomer(map, key)?.value

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
        let map = emptyCustomerMap<Row>()
        const versions: Array<[CustomerMap<Row>, Array<[number, number]>]> = []
        for (const [k, v] of writes) {
          map = setCustomer(map, row(k, v))
          reference.set(k, v)
          versions.push([map, [...reference.entries()].sort((a, b) => a[0] - b[0])])
        }
        expect(map.size).toBe(reference.size)
        for (const [k, v] of reference) expect(valueOf(map, k)).toBe(v)
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
            (m, [k, v]) => (k === missing ? m : setCustomer(m, row(k, v))),
            emptyCustomerMap<Row>(),
          )
          expect(getCustomer(map, missing)).toBeUndefined()
        },
      ),
    )
  })

  it('a single write copies no trie path: it goes into the recent records, up to 16 of them', () => {
    const trie = setCustomer(setCustomer(emptyCustomerMap<Row>(), row(1, 1), {}), row(2, 2), {})
    expect(L(trie).recent).toEqual([])
    let map = trie
    for (let k = 3; k <= 18; k++) {
      map = setCustomer(map, row(k, k))
      expect(L(map).root).toBe(L(trie).root)
    }
    expect(L(map).recentIds).toEqual(Array.from({ length: 16 }, (_, i) => i + 3))
    expect(L(map).recent.map((r) => r.customerId)).toEqual(L(map).recentIds)
    // The 17th moves all 17 into the trie at once.
    const moved = setCustomer(map, row(19, 19))
    expect([L(moved).recent, L(moved).recentIds]).toEqual([[], []])
    expect(L(moved).root).not.toBe(L(trie).root)
    expect([moved.size, map.size, trie.size]).toEqual([19, 18, 2])
    expect(entries(moved)).toEqual(Array.from({ length: 19 }, (_, i) => [i + 1, i + 1]))
    expect(entries(map)).toHaveLength(18)
  })

  it("a recent record replaces the trie's record of its customer, counted once, listed once", () => {
    const trie = setCustomer(emptyCustomerMap<Row>(), row(5, 1), {})
    const changed = setCustomer(trie, row(5, 2))
    expect([L(changed).recentIds, L(changed).root === L(trie).root]).toEqual([[5], true])
    expect([valueOf(changed, 5), changed.size, valueOf(trie, 5)]).toEqual([2, 1, 1])
    expect(entries(changed)).toEqual([[5, 2]])
    // Written again while recent: replaced in place of the copy, the order kept.
    const again = setCustomer(setCustomer(changed, row(6, 6)), row(5, 3))
    expect([L(again).recentIds, valueOf(again, 5), again.size]).toEqual([[5, 6], 3, 2])
    expect(entries(again)).toEqual([
      [5, 3],
      [6, 6],
    ])
    // A batch takes the recent records into the trie first: its own write wins.
    const batch = setCustomer(again, row(5, 4), {})
    expect([L(batch).recentIds, valueOf(batch, 5), valueOf(batch, 6), batch.size]).toEqual([
      [],
      4,
      6,
      2,
    ])
    expect([valueOf(again, 5), valueOf(changed, 5)]).toEqual([3, 2])
  })

  it('single writes and batches in any mix hold what a Map holds, earlier versions unchanged', () => {
    const write = fc.tuple(key, fc.integer())
    // A run of single writes, or a batch: writes with one fresh owner, its map handed out at the end.
    const run = fc.record({ batch: fc.boolean(), writes: fc.array(write, { maxLength: 40 }) })
    fc.assert(
      fc.property(fc.array(run, { maxLength: 30 }), (runs) => {
        const reference = new Map<number, number>()
        let map = emptyCustomerMap<Row>()
        const versions: Array<[CustomerMap<Row>, Array<[number, number]>]> = []
        const handOut = () => {
          versions.push([map, [...reference.entries()].sort((a, b) => a[0] - b[0])])
        }
        for (const { batch, writes } of runs) {
          const owner = batch ? {} : null
          for (const [k, v] of writes) {
            map = setCustomer(map, row(k, v), owner)
            reference.set(k, v)
            if (!batch) handOut()
            expect(L(map).recent.length).toBeLessThanOrEqual(16)
          }
          if (batch) handOut()
        }
        expect(map.size).toBe(reference.size)
        for (const [k, v] of reference) expect(valueOf(map, k)).toBe(v)
        for (const [version, expected] of versions) {
          expect(entries(version)).toEqual(expected)
          expect(version.size).toBe(expected.length)
        }
      }),
    )
  })

  it('gives back the very record it was given', () => {
    const record = row(7, 1)
    expect(getCustomer(setCustomer(emptyCustomerMap<Row>(), record), 7)).toBe(record)
  })

  it("a batch's owner writes in place the nodes that batch created, never those of the map it began from", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, fc.integer()), { maxLength: 200 }),
        fc.array(fc.tuple(key, fc.integer()), { maxLength: 200 }),
        (before, during) => {
          const base = before.reduce(
            (m, [k, v]) => setCustomer(m, row(k, v)),
            emptyCustomerMap<Row>(),
          )
          const snapshot = entries(base)
          const owner = {}
          let closed = base
          const reference = new Map(snapshot)
          for (const [k, v] of during) {
            closed = setCustomer(closed, row(k, v), owner)
            reference.set(k, v)
          }
          const built = entries(closed)
          expect(entries(base)).toEqual(snapshot)
          expect(base.size).toBe(new Map(snapshot).size)
          expect(entries(closed)).toEqual([...reference].sort((a, b) => a[0] - b[0]))
          expect(closed.size).toBe(reference.size)
          const later = setCustomer(closed, row(1, -1))
          expect(entries(closed)).toEqual(built)
          expect(valueOf(later, 1)).toBe(-1)
        },
      ),
    )
  })

  it('keeps keys whose 32-bit hashes collide (only keys above 2^32 can)', () => {
    const [a, b, c] = [5, 6949403060, 2 ** 40 + 5]
    expect(hashOf(a)).toBe(hashOf(b))
    let map = setCustomer(
      setCustomer(setCustomer(emptyCustomerMap<Row>(), row(a, 1)), row(b, 2)),
      row(c, 3),
    )
    const before = map
    map = setCustomer(map, row(b, 20))
    expect([valueOf(map, a), valueOf(map, b), valueOf(map, c), map.size]).toEqual([1, 20, 3, 3])
    expect(valueOf(before, b)).toBe(2)
    expect(entries(map).map(([k]) => k)).toEqual([a, b, c])
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
    const two = setCustomer(setCustomer(emptyCustomerMap<Row>(), row(a, 1)), row(b, 2))
    const three = setCustomer(two, row(c, 3))
    const changed = setCustomer(three, row(b, 20))
    expect([two.size, three.size, changed.size]).toEqual([2, 3, 3])
    expect(getCustomer(three, absent)).toBeUndefined()
    expect([valueOf(two, c), valueOf(three, c)]).toEqual([undefined, 3])
    expect([valueOf(three, b), valueOf(changed, b)]).toEqual([2, 20])
    const first = setCustomer(changed, row(a, 10))
    expect([first.size, valueOf(first, a), valueOf(changed, a)]).toEqual([3, 10, 1])
  })

  /** The same map with its recent records in the trie: a batch writes one of them again. */
  const inTrie = (map: CustomerMap<Row>): CustomerMap<Row> => {
    const first = L(map).recent[0]
    return first === undefined ? map : setCustomer(map, first, {})
  }

  /**
   * Every node of the trie with the shift it sits at, read from its layout: full (33 long:
   * `[owner, ...32 slots]`), bucket (bitmap 0 below the root: `[owner, 0, 0, records]`), or sparse
   * (`[owner, bitmap low, bitmap high, ...entries]`).
   */
  const nodesOf = (map: CustomerMap<Row>) => {
    type Flat = ReadonlyArray<unknown>
    const out: Array<{ kind: 'full' | 'bucket' | 'sparse'; shift: number; rows: Array<Row> }> = []
    const walk = (node: Flat, shift: number): void => {
      const kind =
        node.length === 33
          ? 'full'
          : shift > 0 && node[1] === 0 && node[2] === 0
            ? 'bucket'
            : 'sparse'
      const entries =
        kind === 'full' ? node.slice(1) : kind === 'bucket' ? (node[3] as Flat) : node.slice(3)
      const rows: Array<Row> = []
      for (const entry of entries) {
        if (entry === undefined) continue
        if (Array.isArray(entry)) walk(entry as Flat, shift + 5)
        else rows.push(entry as Row)
      }
      out.push({ kind, shift, rows })
    }
    walk(L(inTrie(map)).root, 0)
    return out
  }

  it('a node takes up to 16 entries sparse, then turns full; both answer alike', () => {
    const sparse = Array.from({ length: 16 }, (_, i) => i + 1).reduce(
      (m, k) => setCustomer(m, row(k, k)),
      emptyCustomerMap<Row>(),
    )
    expect(nodesOf(sparse).map((n) => n.kind)).toEqual(['sparse'])
    const full = setCustomer(sparse, row(17, 17))
    expect(nodesOf(full).map((n) => n.kind)).toEqual(['full'])
    expect(entries(full)).toEqual(Array.from({ length: 17 }, (_, i) => [i + 1, i + 1]))
    expect(entries(sparse)).toHaveLength(16)
    expect([valueOf(full, 17), valueOf(sparse, 17), valueOf(full, 33), full.size]).toEqual([
      17,
      undefined,
      undefined,
      17,
    ])
    // 33 shares digit 1 with 1 (a node below), 18 fills a free slot.
    const more = setCustomer(setCustomer(full, row(33, 33)), row(18, 18))
    expect([valueOf(more, 1), valueOf(more, 33), valueOf(more, 18), more.size]).toEqual([
      1, 33, 18, 19,
    ])
    expect(entries(full)).toHaveLength(17)
  })

  it('sequential ids fill every node: 1,024 of them all sit at one depth', () => {
    let map = emptyCustomerMap<Row>()
    for (let k = 1; k <= 1_024; k++) map = setCustomer(map, row(k, k))
    const holding = nodesOf(map).filter((n) => n.rows.length > 0)
    expect(new Set(holding.map((n) => n.shift))).toEqual(new Set([5]))
    expect(holding.reduce((sum, n) => sum + n.rows.length, 0)).toBe(1_024)
  })

  it('a bucket holds the keys of one hash only, where the first of them was', () => {
    let map = emptyCustomerMap<Row>()
    for (let k = 1; k <= 5_000; k++) map = setCustomer(map, row(k, k))
    expect(nodesOf(map).some((n) => n.kind === 'bucket')).toBe(false)
    const shiftOf1 = nodesOf(map).find((n) => n.rows.some((r) => r.customerId === 1))?.shift
    const joined = setCustomer(map, row(collidingWith1(1), 0))
    const buckets = nodesOf(joined).filter((n) => n.kind === 'bucket')
    expect(buckets).toHaveLength(1)
    expect(buckets[0]?.shift).toBe((shiftOf1 ?? 0) + 5)
    expect(new Set(buckets[0]?.rows.map((r) => hashOf(r.customerId)))).toEqual(new Set([hashOf(1)]))
    for (let k = 1; k <= 5_000; k++) expect(valueOf(joined, k)).toBe(k)
    expect(valueOf(joined, collidingWith1(1))).toBe(0)
    expect(joined.size).toBe(5_001)
  })

  it("a bucket's records are replaced, added to and removed like any others", () => {
    const [b, c, d] = [collidingWith1(1), collidingWith1(2), collidingWith1(3)]
    const pair = setCustomer(setCustomer(emptyCustomerMap<Row>(), row(1, 1), {}), row(b, 2), {})
    const map = setCustomer(setCustomer(pair, row(b, 20), {}), row(c, 30), {})
    expect(nodesOf(map).filter((n) => n.kind === 'bucket')).toHaveLength(1)
    expect([entries(map), map.size]).toEqual([
      [
        [1, 1],
        [b, 20],
        [c, 30],
      ],
      3,
    ])
    const without = removeCustomer(map, b)
    expect([entries(without), without.size, valueOf(without, b)]).toEqual([
      [
        [1, 1],
        [c, 30],
      ],
      2,
      undefined,
    ])
    const absent = removeCustomer(map, d)
    expect([entries(absent), absent.size]).toEqual([entries(map), 3])
    const none = [1, c].reduce((m, k) => removeCustomer(m, k), without)
    expect([entries(none), none.size]).toEqual([[], 0])
    // Earlier versions are unchanged.
    expect([entries(pair), entries(map).length]).toEqual([
      [
        [1, 1],
        [b, 2],
      ],
      3,
    ])
  })

  it('a key of another hash that reaches a bucket splits it: the bucket keeps one hash', () => {
    const bucketed = setCustomer(
      setCustomer(emptyCustomerMap<Row>(), row(1, 1)),
      row(collidingWith1(1), 2),
    )
    expect(
      nodesOf(bucketed)
        .filter((n) => n.kind === 'bucket')
        .map((n) => n.shift),
    ).toEqual([5])
    // Keys whose first digits equal key 1's reach the bucket; add enough to share more digits too.
    const sameFirstDigit = Array.from({ length: 200_000 }, (_, i) => i + 2)
      .filter((k) => (hashOf(k) & 31) === (hashOf(1) & 31))
      .slice(0, 300)
    const map = sameFirstDigit.reduce((m, k) => setCustomer(m, row(k, k)), bucketed)
    const buckets = nodesOf(map).filter((n) => n.kind === 'bucket')
    expect(buckets).toHaveLength(1)
    expect(buckets[0]?.rows.map((r) => r.customerId).sort((x, y) => x - y)).toEqual([
      1,
      collidingWith1(1),
    ])
    expect(map.size).toBe(302)
    for (const k of sameFirstDigit) expect(valueOf(map, k)).toBe(k)
    expect([valueOf(map, 1), valueOf(map, collidingWith1(1))]).toEqual([1, 2])
    expect(nodesOf(bucketed).filter((n) => n.kind === 'bucket')).toHaveLength(1)
    expect(entries(bucketed)).toEqual([
      [1, 1],
      [collidingWith1(1), 2],
    ])
  })

  it('a batch writes the nodes it created in place: one root for the whole batch', () => {
    const base = setCustomer(setCustomer(emptyCustomerMap<Row>(), row(1, 1)), row(2, 2))
    const owner = {}
    const first = setCustomer(base, row(3, 3), owner)
    expect(L(first).root).not.toBe(L(base).root)
    const second = setCustomer(first, row(4, 4), owner)
    const third = setCustomer(second, row(3, 30), owner)
    expect([L(second).root, L(third).root]).toEqual([L(first).root, L(first).root])
    expect(L(third).root).toBe(L(first).root)
    expect(entries(third)).toEqual([
      [1, 1],
      [2, 2],
      [3, 30],
      [4, 4],
    ])
    expect(entries(base)).toEqual([
      [1, 1],
      [2, 2],
    ])
    // Without the owner the record goes to the recent records; with another batch's, the batch's
    // nodes are copied, not written.
    const single = setCustomer(third, row(5, 5))
    expect([L(single).root, L(single).recentIds]).toEqual([L(third).root, [5]])
    expect(L(setCustomer(third, row(5, 5), {})).root).not.toBe(L(third).root)
    expect(entries(third)).toHaveLength(4)
  })

  it('ops.forget: removing customers amid single writes and batches holds what a Map holds, earlier versions unchanged', () => {
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('set' as const),
        key,
        value: fc.integer(),
        batch: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('remove' as const), key }),
    )
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const reference = new Map<number, number>()
        let map = emptyCustomerMap<Row>()
        const versions: Array<[CustomerMap<Row>, Array<[number, number]>]> = []
        for (const s of steps) {
          if (s.kind === 'set') {
            map = setCustomer(map, row(s.key, s.value), s.batch ? {} : null)
            reference.set(s.key, s.value)
          } else {
            const before = map
            map = removeCustomer(map, s.key)
            if (!reference.has(s.key)) expect(map).toBe(before)
            reference.delete(s.key)
          }
          expect(map.size).toBe(reference.size)
          versions.push([map, [...reference.entries()].sort((a, b) => a[0] - b[0])])
        }
        for (const [k, v] of reference) expect(valueOf(map, k)).toBe(v)
        for (const [version, expected] of versions) expect(entries(version)).toEqual(expected)
      }),
    )
  })

  it('ops.forget: removing every customer of a full trie leaves an empty map that takes writes again', () => {
    let map = emptyCustomerMap<Row>()
    for (let k = 1; k <= 2_000; k++) map = setCustomer(map, row(k, k), k % 3 === 0 ? {} : null)
    for (let k = 2_000; k >= 1; k--) map = removeCustomer(map, k)
    expect([map.size, entries(map)]).toEqual([0, []])
    map = setCustomer(map, row(7, 7))
    expect(entries(map)).toEqual([[7, 7]])
  })
})
