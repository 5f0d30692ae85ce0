/**
 * A persistent map of customer records, keyed by their `customerId` (a positive safe integer): a hash
 * array mapped trie with flat nodes.
 *
 * Why here and not a library: an operation on one customer must not copy every customer's record
 * (the state is immutable and may hold a million customers), so the map shares structure between
 * versions; `set` copies one path of at most 7 small nodes. Neither fp-ts (its ReadonlyMap copies
 * the whole map on insert) nor date-fns has one, and the persistent maps of general libraries
 * (Immutable.js and the like) weigh more gzipped than this whole package's size budget.
 *
 * Why flat nodes: at a million customers every lookup misses the CPU caches at each level it
 * reads, so the cost is the number of heap objects on the path. A node is one array holding its
 * records themselves (no leaf objects, no separate children array): about half the objects a
 * textbook trie reads (issue #5, `scaleRatio`).
 */

// model

/** What the map holds: a record that names its customer. Never an array (arrays are nodes). */
export interface Keyed {
  readonly customerId: number
}

/** A batch's identity: nodes it created carry it and may be written in place by that batch only. */
export type Owner = object

/**
 * One node, flat: `[owner, low half of the bitmap, high half, ...entries]`.
 * - Bit d of the bitmap is set when hash digit d has an entry. The entries are in digit order, each
 *   either a record or a deeper node (an array).
 * - The bitmap is split in two 16-bit halves so that V8 keeps both as small integers, unboxed.
 * - A node whose bitmap is 0, below the root, is a *bucket*: the records of keys whose 32-bit hashes
 *   are all equal (only ids above 2^32 can collide), in no order.
 * - `owner` is the batch that created the node: only that batch, while its map is open, writes the
 *   node in place. Every batch takes a fresh owner, so a closed map's nodes are never written.
 */
type Node<V> = Array<V | Node<V> | Owner | number | null>

const OWNER = 0
const LOW = 1
const HIGH = 2
const FIRST = 3

const BITS = 5
const MASK = (1 << BITS) - 1

/**
 * An immutable map of customer records; every update returns a new map sharing the rest.
 * Inside a batch (`owner` set) updates write the nodes the batch created in place instead of
 * copying them again: the map the batch started from is never touched.
 */
export interface CustomerMap<V extends Keyed> {
  readonly size: number
  readonly root: ReadonlyArray<V | Node<V> | Owner | number | null>
  readonly owner: Owner | null
}

// constructors

const emptyRoot: ReadonlyArray<never> = Object.freeze([null, 0, 0]) as ReadonlyArray<never>

/** The map with no customers. */
export const emptyCustomerMap = <V extends Keyed>(): CustomerMap<V> => ({
  size: 0,
  root: emptyRoot,
  owner: null,
})

/** The same map, open for a batch: its updates may write in place the nodes the batch creates. */
export const openCustomerMap = <V extends Keyed>(
  map: CustomerMap<V>,
  owner: Owner,
): CustomerMap<V> => ({ ...map, owner })

/** The map a batch built, closed: no one may write any of its nodes in place any more. */
export const closeCustomerMap = <V extends Keyed>(map: CustomerMap<V>): CustomerMap<V> => ({
  ...map,
  owner: null,
})

// operations

/**
 * The 32 bits the trie reads, five at a time from the lowest: the id's low word itself, with its
 * high word mixed in. One-to-one on ids below 2^32, so those never collide.
 *
 * Not avalanched, on purpose: sequential ids (the usual kind) differ in their low bits, so they
 * fill every node and a million customers sit at one depth, 4, with no deeper node for digit
 * clashes; a scrambled hash leaves 60% of them a level deeper, and at that size each level read is
 * a cache miss (issue #5). Ids that share low bits (multiples of 1,024, a shard suffix) only share
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

const bitmapOf = <V>(node: ReadonlyArray<V | Node<V> | Owner | number | null>): number =>
  (node[LOW] as number) | ((node[HIGH] as number) << 16)

const setBitmap = <V>(node: Node<V>, bitmap: number): void => {
  node[LOW] = bitmap & 0xffff
  node[HIGH] = bitmap >>> 16
}

/** Where the entry of `bit` is, or goes, in a node with this bitmap. */
const slotOf = (bitmap: number, bit: number): number => FIRST + popcount(bitmap & (bit - 1))

const entryAt = <V>(node: ReadonlyArray<V | Node<V> | Owner | number | null>, at: number) =>
  node[at] as V | Node<V>

const bucketIndex = <V extends Keyed>(node: Node<V>, customerId: number): number => {
  for (let at = FIRST; at < node.length; at++)
    if ((node[at] as V).customerId === customerId) return at
  return -1
}

/** The record of `customerId`, if the map has one. */
export const getCustomer = <V extends Keyed>(
  map: CustomerMap<V>,
  customerId: number,
): V | undefined => {
  const hash = hashOf(customerId)
  let node = map.root as Node<V>
  for (let shift = 0; ; shift += BITS) {
    const bitmap = bitmapOf(node)
    const bit = 1 << ((hash >>> shift) & MASK)
    if ((bitmap & bit) === 0) {
      if (bitmap !== 0) return undefined
      const at = bucketIndex(node, customerId)
      return at < 0 ? undefined : (node[at] as V)
    }
    const entry = entryAt(node, slotOf(bitmap, bit))
    if (!isNode(entry)) return entry.customerId === customerId ? entry : undefined
    node = entry
  }
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
  owner: Owner | null,
): Node<V> => {
  // Equal hashes: `a` is a record (a bucket only ever joins a record of another hash).
  if (hashA === hashB) return [owner, 0, 0, a, b]
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

/** One `setCustomer` in progress: who may write in place, and whether the key was new. */
interface Writing {
  readonly owner: Owner | null
  added: boolean
}

const insert = <V extends Keyed>(
  node: Node<V>,
  record: V,
  hash: number,
  shift: number,
  writing: Writing,
): Node<V> => {
  const owner = writing.owner
  const bitmap = bitmapOf(node)
  if (bitmap === 0 && shift > 0) {
    const bucketHash = hashOf((node[FIRST] as V).customerId)
    if (bucketHash !== hash) {
      writing.added = true
      return join(node, bucketHash, record, hash, shift, owner)
    }
  }
  const out = owner !== null && node[OWNER] === owner ? node : node.slice()
  out[OWNER] = owner
  if (bitmap === 0 && shift > 0) {
    const at = bucketIndex(node, record.customerId)
    if (at < 0) {
      out.push(record)
      writing.added = true
    } else out[at] = record
    return out
  }
  const bit = 1 << ((hash >>> shift) & MASK)
  const at = slotOf(bitmap, bit)
  if ((bitmap & bit) === 0) {
    out.splice(at, 0, record)
    setBitmap(out, bitmap | bit)
    writing.added = true
    return out
  }
  const entry = entryAt(node, at)
  if (isNode(entry)) out[at] = insert(entry, record, hash, shift + BITS, writing)
  else if (entry.customerId === record.customerId) out[at] = record
  else {
    out[at] = join(entry, hashOf(entry.customerId), record, hash, shift + BITS, owner)
    writing.added = true
  }
  return out
}

/** A map with the record of `record.customerId` set to `record`; the given map is unchanged. */
export const setCustomer = <V extends Keyed>(map: CustomerMap<V>, record: V): CustomerMap<V> => {
  const writing: Writing = { owner: map.owner, added: false }
  const root = insert(map.root as Node<V>, record, hashOf(record.customerId), 0, writing)
  return { size: writing.added ? map.size + 1 : map.size, root, owner: map.owner }
}

const visit = <V extends Keyed>(
  node: Node<V>,
  f: (record: V, customerId: number) => void,
): void => {
  for (let at = FIRST; at < node.length; at++) {
    const entry = entryAt(node, at)
    if (isNode(entry)) visit(entry, f)
    else f(entry, entry.customerId)
  }
}

/** Calls `f` for every record, in the trie's order (deterministic for the same set of keys). */
export const forEachCustomer = <V extends Keyed>(
  map: CustomerMap<V>,
  f: (record: V, customerId: number) => void,
): void => {
  visit(map.root as Node<V>, f)
}
