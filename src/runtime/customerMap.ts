/**
 * A persistent map of customer records, keyed by their `customerId` (a positive safe integer): a hash
 * array mapped trie with flat nodes.
 *
 * Why here and not a library: an operation on one customer must not copy every customer's record
 * (the state is immutable and may hold a million customers), so the map shares structure between
 * versions; `set` copies one path of at most 8 small nodes, and a single write (a pure call's) not
 * even that: it joins the map's few recent records, which later go into the trie together. Neither
 * fp-ts (its ReadonlyMap copies the whole map on insert) nor date-fns has one, and the persistent
 * maps of general libraries (Immutable.js and the like) weigh more gzipped than this whole
 * package's size budget.
 *
 * Why flat nodes: at a million customers every lookup misses the CPU caches at each level it
 * reads, so the cost is the number of heap objects on the path. A node is one array holding its
 * records themselves (no leaf objects, no separate children array): about half the objects a
 * textbook trie reads. A node with more than 16 entries keeps a slot per digit, so a lookup
 * there reads one slot and no bitmap. (Measured gains: bench/FINDINGS.md.)
 *
 * The map is opaque outside this file: get, set, set many, remove, size, iterate.
 */

// model

/** What the map holds: a record that names its customer. Never an array (arrays are nodes). */
export interface Keyed {
  readonly customerId: number
}

/** A batch's identity: nodes it created carry it and may be written in place by that batch only. */
export type Owner = object

/**
 * One node: an array of one of three layouts, told apart by the array's own length (read with the
 * array itself, so telling them apart costs no extra cache miss).
 * - *Sparse* (up to 16 entries): `[owner, low half of the bitmap, high half, ...entries]`. Bit d of
 *   the bitmap is set when digit d has an entry; the entries are in digit order. The bitmap is split
 *   in two 16-bit halves so that V8 keeps both as small integers, unboxed.
 * - *Full* (more than 16 entries; exactly `FULL_LENGTH` long): `[owner, ...32 slots]`, the entry of
 *   digit d at `1 + d`, `undefined` where there is none: no bitmap to read, no count to take.
 * - *Bucket* (a sparse node of bitmap 0, below the root): `[owner, 0, 0, records]`, the records of
 *   keys whose 32-bit hashes are equal (only ids above 2^32 can collide), in no order.
 * An entry is a record or a deeper node (an array). `owner` is the batch that created the node:
 * later writes of that batch (the same owner passed to `setCustomer`) write it in place. Every
 * batch takes a fresh owner and drops it when done, so a map handed out is never written.
 * (Clojure's persistent hash map splits its nodes the same way, sparse and full.)
 */
type Node<V> = Array<V | Node<V> | ReadonlyArray<V> | Owner | number | null | undefined>

const OWNER = 0
const LOW = 1
const HIGH = 2
const FIRST = 3
const RECORDS = 3

const BITS = 5
const WIDTH = 1 << BITS
const MASK = WIDTH - 1
const FULL_LENGTH = 1 + WIDTH
/** A sparse node holds at most this many entries; one more and it becomes full. */
const MAX_SPARSE = 16

/**
 * A write with no batch puts its record in `recent` instead of the trie, until `RECENT` of them
 * are there; the next such write moves them all into the trie at once. (Clojure's persistent
 * vector keeps its last 32 elements in a tail outside its trie for the same reason.)
 */
const RECENT = 16

/**
 * `list` and then `item`, in an array exactly as long (a spread or a push would leave room for
 * sixteen more, and `concat` is slow): the recent records are copied at every single write.
 */
const appended = <A>(list: ReadonlyArray<A>, item: A): ReadonlyArray<A> => {
  const out = new Array<A>(list.length + 1)
  for (let i = 0; i < list.length; i++) out[i] = list[i] as A
  out[list.length] = item
  return out
}

/** An immutable map of customer records; every update returns a new map sharing the rest. */
interface Trie<V extends Keyed> {
  readonly size: number
  readonly root: ReadonlyArray<V | Node<V> | ReadonlyArray<V> | Owner | number | null | undefined>
  /**
   * Records set by single writes since the trie was last written, at most `RECENT`, one per
   * customer: each one replaces whatever the trie holds for its customer. So a single write (a
   * pure call) copies two short arrays, not a trie path of up to four 33-slot nodes, and costs the
   * same at any size.
   */
  readonly recent: ReadonlyArray<V>
  /** The ids of `recent`, in its order: found without reading the records. */
  readonly recentIds: ReadonlyArray<number>
}

// constructors

const emptyRoot: ReadonlyArray<never> = Object.freeze([null, 0, 0]) as ReadonlyArray<never>
const noRecent: ReadonlyArray<never> = Object.freeze([])

const emptyTrie = <V extends Keyed>(): Trie<V> => ({
  size: 0,
  root: emptyRoot,
  recent: noRecent,
  recentIds: noRecent,
})

// operations

/**
 * The 32 bits the trie reads, five at a time from the lowest: the id's low word itself, with its
 * high word mixed in. One-to-one on ids below 2^32, so those never collide.
 *
 * Not avalanched, on purpose: sequential ids (the usual kind) differ in their low bits, so they
 * fill every node and a million customers sit at one depth, 4, with no deeper node for digit
 * clashes; a scrambled hash leaves 60% of them a level deeper, and at that size each level read is
 * a cache miss. Ids that share low bits (multiples of 1,024, a shard suffix) only share
 * the top nodes, which every lookup keeps hot; no id is ever deeper than 7 levels plus a bucket.
 */
export const hashOf = (key: number): number => {
  return ((key | 0) ^ Math.imul(Math.floor(key / 0x1_0000_0000) | 0, 0x9e3779b1)) >>> 0
}

const popcount = (n: number): number => {
  let x = n - ((n >>> 1) & 0x55555555)
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff
}

const isNode = <V>(entry: V | Node<V>): entry is Node<V> => Array.isArray(entry)

const isFull = <V>(node: Node<V>): boolean => node.length === FULL_LENGTH

const bitmapOf = <V>(node: Node<V>): number =>
  (node[LOW] as number) | ((node[HIGH] as number) << 16)

const setBitmap = <V>(node: Node<V>, bitmap: number): void => {
  node[LOW] = bitmap & 0xffff
  node[HIGH] = bitmap >>> 16
}

/** Where the entry of `bit` is, or goes, in a sparse node with this bitmap. */
const slotOf = (bitmap: number, bit: number): number => FIRST + popcount(bitmap & (bit - 1))

const entryAt = <V>(node: Node<V>, at: number) => node[at] as V | Node<V> | undefined

const recordsOf = <V>(bucket: Node<V>) => bucket[RECORDS] as ReadonlyArray<V>

/** The trie's record of `customerId`, if it has one (stale if `recent` has the customer). */
const findInTrie = <V extends Keyed>(map: Trie<V>, customerId: number): V | undefined => {
  const hash = hashOf(customerId)
  let node = map.root as Node<V>
  for (let shift = 0; ; shift += BITS) {
    const digit = (hash >>> shift) & MASK
    let entry: V | Node<V> | undefined
    if (isFull(node)) entry = entryAt(node, 1 + digit)
    else {
      const bitmap = bitmapOf(node)
      const bit = 1 << digit
      if ((bitmap & bit) !== 0) entry = entryAt(node, slotOf(bitmap, bit))
      else if (bitmap === 0 && shift > 0)
        return recordsOf(node).find((record) => record.customerId === customerId)
    }
    if (entry === undefined) return undefined
    if (!isNode(entry)) return entry.customerId === customerId ? entry : undefined
    node = entry
  }
}

/** The record of `customerId`, if the map has one. */
const get = <V extends Keyed>(map: Trie<V>, customerId: number): V | undefined => {
  const at = map.recentIds.indexOf(customerId)
  return at < 0 ? findInTrie(map, customerId) : map.recent[at]
}

/**
 * A node holding `a` (a record, or a bucket of records of one hash) and the record `b` of another
 * customer, reading hash digits from `shift` on.
 */
const join = <V extends Keyed>(
  a: V | Node<V>,
  hashA: number,
  b: V,
  hashB: number,
  shift: number,
  owner: Owner,
): Node<V> => {
  // Equal hashes: `a` is a record (a bucket only ever joins a record of another hash).
  if (hashA === hashB) return [owner, 0, 0, [a, b]]
  const digitA = (hashA >>> shift) & MASK
  const digitB = (hashB >>> shift) & MASK
  const node: Node<V> = [owner, 0, 0]
  if (digitA === digitB) {
    setBitmap(node, 1 << digitA)
    node.push(join(a, hashA, b, hashB, shift + BITS, owner))
  } else {
    setBitmap(node, (1 << digitA) | (1 << digitB))
    if (digitA < digitB) node.push(a, b)
    else node.push(b, a)
  }
  return node
}

/** The full node holding a sparse node's entries and `record` at digit `digit`. */
const filled = <V>(sparse: Node<V>, record: V, digit: number, owner: Owner): Node<V> => {
  const full: Node<V> = new Array<undefined>(FULL_LENGTH)
  full[OWNER] = owner
  const bitmap = bitmapOf(sparse)
  for (let d = 0, at = FIRST; d < WIDTH; d++)
    if ((bitmap & (1 << d)) !== 0) full[1 + d] = sparse[at++]
  full[1 + digit] = record
  return full
}

/** One write into the trie in progress: who may write in place, and whether the key was new. */
interface Writing {
  readonly owner: Owner
  added: boolean
}

/** `node` itself if the batch writing owns it, else a copy the batch owns. */
const own = <V>(node: Node<V>, owner: Owner): Node<V> => {
  if (node[OWNER] === owner) return node
  const copy = node.slice()
  copy[OWNER] = owner
  return copy
}

/**
 * What takes the place of `existing` (the entry at `record`'s digit) once `record` is set: the deeper
 * node written, `record` itself for the same customer, or a node joining the two customers.
 */
const descend = <V extends Keyed>(
  existing: V | Node<V>,
  record: V,
  hash: number,
  shift: number,
  writing: Writing,
): V | Node<V> => {
  if (isNode(existing)) return insert(existing, record, hash, shift + BITS, writing)
  if (existing.customerId === record.customerId) return record
  writing.added = true
  return join(existing, hashOf(existing.customerId), record, hash, shift + BITS, writing.owner)
}

const insert = <V extends Keyed>(
  node: Node<V>,
  record: V,
  hash: number,
  shift: number,
  writing: Writing,
): Node<V> => {
  const owner = writing.owner
  const digit = (hash >>> shift) & MASK
  if (isFull(node)) {
    const existing = entryAt(node, 1 + digit)
    const out = own(node, owner)
    if (existing === undefined) {
      out[1 + digit] = record
      writing.added = true
    } else out[1 + digit] = descend(existing, record, hash, shift, writing)
    return out
  }
  const bitmap = bitmapOf(node)
  if (bitmap === 0 && shift > 0) {
    const records = recordsOf(node)
    const bucketHash = hashOf((records[0] as V).customerId)
    if (bucketHash !== hash) {
      writing.added = true
      return join(node, bucketHash, record, hash, shift, owner)
    }
    const at = records.findIndex((r) => r.customerId === record.customerId)
    const out = own(node, owner)
    if (at < 0) writing.added = true
    out[RECORDS] = at < 0 ? [...records, record] : records.map((r, i) => (i === at ? record : r))
    return out
  }
  const bit = 1 << digit
  const at = slotOf(bitmap, bit)
  if ((bitmap & bit) === 0) {
    writing.added = true
    if (popcount(bitmap) === MAX_SPARSE) return filled(node, record, digit, owner)
    const out = own(node, owner)
    out.splice(at, 0, record)
    setBitmap(out, bitmap | bit)
    return out
  }
  const existing = entryAt(node, at) as V | Node<V>
  const out = own(node, owner)
  out[at] = descend(existing, record, hash, shift, writing)
  return out
}

/** The trie with `record` in it, and whether its customer was new to the trie. */
const trieWith = <V extends Keyed>(
  root: Node<V>,
  record: V,
  owner: Owner,
): { readonly root: Node<V>; readonly added: boolean } => {
  const writing: Writing = { owner, added: false }
  return { root: insert(root, record, hashOf(record.customerId), 0, writing), added: writing.added }
}

/** The same map with its recent records moved into the trie (written in place if `owner`'s). */
const settled = <V extends Keyed>(map: Trie<V>, owner: Owner): Trie<V> => {
  if (map.recent.length === 0) return map
  let root = map.root as Node<V>
  for (const record of map.recent) root = trieWith(root, record, owner).root
  return { size: map.size, root, recent: noRecent, recentIds: noRecent }
}

/**
 * A map with the record of `record.customerId` set to `record`; the given map is unchanged.
 * Within a batch, pass the batch's `owner` (a fresh object): the record goes into the trie, and
 * nodes this batch created are written in place instead of copied again. Never pass an owner again
 * once its map is handed out. A single write (no owner) goes into `recent`.
 */
const set = <V extends Keyed>(map: Trie<V>, record: V, owner: Owner | null = null): Trie<V> => {
  const customerId = record.customerId
  if (owner === null) {
    const at = map.recentIds.indexOf(customerId)
    if (at >= 0)
      return {
        size: map.size,
        root: map.root,
        recent: map.recent.map((r, i) => (i === at ? record : r)),
        recentIds: map.recentIds,
      }
    if (map.recent.length < RECENT)
      return {
        size: findInTrie(map, customerId) === undefined ? map.size + 1 : map.size,
        root: map.root,
        recent: appended(map.recent, record),
        recentIds: appended(map.recentIds, customerId),
      }
  }
  // A batch's first write, or a single write with `recent` full: the trie takes them all.
  const batch = owner ?? {}
  const base = settled(map, batch)
  const written = trieWith(base.root as Node<V>, record, batch)
  return {
    size: written.added ? base.size + 1 : base.size,
    root: written.root,
    recent: noRecent,
    recentIds: noRecent,
  }
}

const visit = <V extends Keyed>(
  node: Node<V>,
  shift: number,
  f: (record: V, customerId: number) => void,
): void => {
  if (!isFull(node) && bitmapOf(node) === 0 && shift > 0) {
    recordsOf(node).forEach((record) => {
      f(record, record.customerId)
    })
    return
  }
  for (let at = isFull(node) ? 1 : FIRST; at < node.length; at++) {
    const entry = entryAt(node, at)
    if (entry === undefined) continue
    if (isNode(entry)) visit(entry, shift + BITS, f)
    else f(entry, entry.customerId)
  }
}

/**
 * `node` without the record of `customerId`: the same node if it has none, a copy along the path
 * if it had it, or undefined if nothing is left in it.
 */
const removed = <V extends Keyed>(
  node: Node<V>,
  customerId: number,
  hash: number,
  shift: number,
): Node<V> | undefined => {
  const digit = (hash >>> shift) & MASK
  const without = (at: number, entry: V | Node<V>): Node<V> | undefined => {
    const rest = isNode(entry) ? removed(entry, customerId, hash, shift + BITS) : undefined
    if (isNode(entry) && rest === entry) return node
    const out = node.slice()
    out[OWNER] = null
    if (isFull(out)) out[at] = rest
    else if (rest !== undefined) out[at] = rest
    else {
      out.splice(at, 1)
      setBitmap(out, bitmapOf(out) & ~(1 << digit))
    }
    const left = isFull(out) ? out.slice(1).some((e) => e !== undefined) : bitmapOf(out) !== 0
    return left || shift === 0 ? out : undefined
  }
  if (isFull(node)) {
    const entry = entryAt(node, 1 + digit)
    if (entry === undefined || (!isNode(entry) && entry.customerId !== customerId)) return node
    return without(1 + digit, entry)
  }
  const bitmap = bitmapOf(node)
  if (bitmap === 0 && shift > 0) {
    const records = recordsOf(node)
    const kept = records.filter((r) => r.customerId !== customerId)
    if (kept.length === records.length) return node
    if (kept.length === 0) return undefined
    const out = node.slice()
    out[OWNER] = null
    out[RECORDS] = kept
    return out
  }
  const bit = 1 << digit
  if ((bitmap & bit) === 0) return node
  const at = slotOf(bitmap, bit)
  const entry = entryAt(node, at) as V | Node<V>
  if (!isNode(entry) && entry.customerId !== customerId) return node
  return without(at, entry)
}

// the opaque map

/** An immutable map of customer records by id; every update returns a new map sharing the rest. */
export interface CustomerMap<V extends Keyed> {
  readonly size: number
  /** Never read: it only keeps maps of different records apart in the type system. */
  readonly _records?: V
}

const trieOf = <V extends Keyed>(map: CustomerMap<V>): Trie<V> => map as unknown as Trie<V>
const mapOf = <V extends Keyed>(trie: Trie<V>): CustomerMap<V> => trie

/** The map with no customers. */
export const emptyCustomerMap = <V extends Keyed>(): CustomerMap<V> => mapOf(emptyTrie<V>())

/** The record of `customerId`, if the map has one. */
export const getCustomer = <V extends Keyed>(
  map: CustomerMap<V>,
  customerId: number,
): V | undefined => get(trieOf(map), customerId)

/** The map with `record` as the record of its customer (one write: it joins the recent records). */
export const setCustomer = <V extends Keyed>(map: CustomerMap<V>, record: V): CustomerMap<V> =>
  mapOf(set(trieOf(map), record))

/**
 * The map with every record of `records` set: one batch, whose new trie nodes are written in place
 * until it returns (no path is copied twice).
 */
export const setCustomers = <V extends Keyed>(
  map: CustomerMap<V>,
  records: Iterable<V>,
): CustomerMap<V> => {
  const owner = {}
  let trie = trieOf(map)
  for (const record of records) trie = set(trie, record, owner)
  return mapOf(trie)
}

/** The map without the record of `customerId` (the same map if it has none). */
export const removeCustomer = <V extends Keyed>(
  map: CustomerMap<V>,
  customerId: number,
): CustomerMap<V> => {
  const trie = trieOf(map)
  const recentAt = trie.recentIds.indexOf(customerId)
  const root = removed(trie.root as Node<V>, customerId, hashOf(customerId), 0) ?? emptyRoot
  if (recentAt < 0 && root === trie.root) return map
  const keep = (_: unknown, i: number) => i !== recentAt
  return mapOf({
    size: trie.size - 1,
    root: root,
    recent: recentAt < 0 ? trie.recent : trie.recent.filter(keep),
    recentIds: recentAt < 0 ? trie.recentIds : trie.recentIds.filter(keep),
  })
}

/** Calls `f` for every record, in the trie's order (deterministic for the same set of keys). */
export const forEachCustomer = <V extends Keyed>(
  map: CustomerMap<V>,
  f: (record: V, customerId: number) => void,
): void => {
  visit(settled(trieOf(map), {}).root as Node<V>, 0, f)
}

/** Every record, in ascending customer id. */
export const customersInIdOrder = <V extends Keyed>(map: CustomerMap<V>): ReadonlyArray<V> => {
  const records: Array<V> = []
  forEachCustomer(map, (record) => records.push(record))
  return records.sort((a, b) => a.customerId - b.customerId)
}

/** How many of the map's records are its recent ones, outside the trie (for the map's own tests). */
export const recentCount = <V extends Keyed>(map: CustomerMap<V>): number =>
  trieOf(map).recent.length

/**
 * The map's own tests look inside: its layout (the trie's root, the recent records) and a write
 * with a batch owner of their choosing. Nothing else may.
 */
export const mapInternals = {
  layoutOf: <V extends Keyed>(map: CustomerMap<V>): Trie<V> => trieOf(map),
  setWithOwner: <V extends Keyed>(
    map: CustomerMap<V>,
    record: V,
    owner: Owner | null,
  ): CustomerMap<V> => mapOf(set(trieOf(map), record, owner)),
}
