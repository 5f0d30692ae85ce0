/**
 * A persistent map from customer id (a positive safe integer) to a value: a hash array mapped trie.
 *
 * Why here and not a library: an operation on one customer must not copy every customer's record
 * (the state is immutable and may hold a million customers), so the map shares structure between
 * versions; `set` copies one path of at most 7 small nodes. Neither fp-ts (its ReadonlyMap copies
 * the whole map on insert) nor date-fns has one, and the persistent maps of general libraries
 * (Immutable.js and the like) weigh more gzipped than this whole package's size budget.
 */

import { absurd } from './absurd.js'

// model

const BITS = 5
const WIDTH = 1 << BITS
const MASK = WIDTH - 1
const MAX_SHIFT = 30

interface Leaf<V> {
  readonly kind: 'leaf'
  readonly hash: number
  readonly key: number
  readonly value: V
}

/** Keys whose 32-bit hashes are equal (rare): kept in a small list. */
interface Collision<V> {
  readonly kind: 'collision'
  readonly hash: number
  readonly leaves: ReadonlyArray<Leaf<V>>
}

interface Branch<V> {
  readonly kind: 'branch'
  readonly bitmap: number
  readonly children: ReadonlyArray<Node<V>>
  /** The batch that created this node and may still write it in place; null once published. */
  readonly owner: Owner | null
}

/** A batch's identity: nodes it created carry it and may be written in place by that batch only. */
export type Owner = object

/** A branch being written in place by the batch that owns it. */
interface WritableBranch<V> {
  bitmap: number
  readonly children: Array<Node<V>>
}

type Node<V> = Leaf<V> | Collision<V> | Branch<V>

/**
 * An immutable map keyed by customer id; every update returns a new map sharing the rest.
 * Inside a batch (`owner` set) updates write the nodes the batch created in place instead of
 * copying them again: the map the batch started from is never touched.
 */
export interface CustomerMap<V> {
  readonly size: number
  readonly root: Branch<V>
  readonly owner: Owner | null
}

// constructors

const emptyBranch: Branch<never> = { kind: 'branch', bitmap: 0, children: [], owner: null }

/** The map with no customers. */
export const emptyCustomerMap = <V>(): CustomerMap<V> => ({
  size: 0,
  root: emptyBranch,
  owner: null,
})

/** The same map, open for a batch: its updates may write in place the nodes the batch creates. */
export const openCustomerMap = <V>(map: CustomerMap<V>, owner: Owner): CustomerMap<V> => ({
  ...map,
  owner,
})

/** The map a batch built, closed: no one may write any of its nodes in place any more. */
export const closeCustomerMap = <V>(map: CustomerMap<V>): CustomerMap<V> => ({
  ...map,
  owner: null,
})

// operations

/** Spreads a safe integer over 32 bits (its high and low words mixed, then avalanched). */
export const hashOf = (key: number): number => {
  let h = (key | 0) ^ Math.imul(Math.floor(key / 0x1_0000_0000) | 0, 0x9e3779b1)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

const popcount = (n: number): number => {
  let x = n - ((n >>> 1) & 0x55555555)
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff
}

const slotOf = (bitmap: number, bit: number): number => popcount(bitmap & (bit - 1))

const lookup = <V>(node: Node<V>, hash: number, key: number, shift: number): V | undefined => {
  switch (node.kind) {
    case 'leaf':
      return node.key === key ? node.value : undefined
    case 'collision':
      return node.leaves.find((leaf) => leaf.key === key)?.value
    case 'branch': {
      const bit = 1 << ((hash >>> shift) & MASK)
      if ((node.bitmap & bit) === 0) return undefined
      return lookup(node.children[slotOf(node.bitmap, bit)] as Node<V>, hash, key, shift + BITS)
    }
    default:
      return absurd(node)
  }
}

/** The value of `key`, if the map has one. */
export const getCustomer = <V>(map: CustomerMap<V>, key: number): V | undefined =>
  lookup(map.root, hashOf(key), key, 0)

const merge = <V>(a: Leaf<V>, b: Leaf<V>, shift: number, owner: Owner | null): Node<V> => {
  if (shift > MAX_SHIFT || a.hash === b.hash)
    return { kind: 'collision', hash: a.hash, leaves: [a, b] }
  const ia = (a.hash >>> shift) & MASK
  const ib = (b.hash >>> shift) & MASK
  if (ia === ib)
    return {
      kind: 'branch',
      bitmap: 1 << ia,
      children: [merge(a, b, shift + BITS, owner)],
      owner,
    }
  return {
    kind: 'branch',
    bitmap: (1 << ia) | (1 << ib),
    children: ia < ib ? [a, b] : [b, a],
    owner,
  }
}

const writable = <V>(branch: Branch<V>): WritableBranch<V> => branch as unknown as WritableBranch<V>

interface Inserted<V> {
  readonly node: Node<V>
  readonly added: boolean
}

const insert = <V>(
  node: Node<V>,
  leaf: Leaf<V>,
  shift: number,
  owner: Owner | null,
): Inserted<V> => {
  switch (node.kind) {
    case 'leaf':
      return node.key === leaf.key
        ? { node: leaf, added: false }
        : { node: merge(node, leaf, shift, owner), added: true }
    case 'collision': {
      const at = node.leaves.findIndex((l) => l.key === leaf.key)
      if (at < 0) return { node: { ...node, leaves: [...node.leaves, leaf] }, added: true }
      const leaves = node.leaves.slice()
      leaves[at] = leaf
      return { node: { ...node, leaves }, added: false }
    }
    case 'branch': {
      const bit = 1 << ((leaf.hash >>> shift) & MASK)
      const slot = slotOf(node.bitmap, bit)
      const inPlace = owner !== null && node.owner === owner
      if ((node.bitmap & bit) === 0) {
        if (inPlace) {
          const w = writable(node)
          w.children.splice(slot, 0, leaf)
          w.bitmap |= bit
          return { node, added: true }
        }
        const children = node.children.slice()
        children.splice(slot, 0, leaf)
        return { node: { kind: 'branch', bitmap: node.bitmap | bit, children, owner }, added: true }
      }
      const inner = insert(node.children[slot] as Node<V>, leaf, shift + BITS, owner)
      if (inPlace) {
        writable(node).children[slot] = inner.node
        return { node, added: inner.added }
      }
      const children = node.children.slice()
      children[slot] = inner.node
      return { node: { kind: 'branch', bitmap: node.bitmap, children, owner }, added: inner.added }
    }
    default:
      return absurd(node)
  }
}

/** A map with `key` set to `value`; the given map is unchanged. */
export const setCustomer = <V>(map: CustomerMap<V>, key: number, value: V): CustomerMap<V> => {
  const leaf: Leaf<V> = { kind: 'leaf', hash: hashOf(key), key, value }
  const { node, added } = insert(map.root, leaf, 0, map.owner)
  return { size: added ? map.size + 1 : map.size, root: node as Branch<V>, owner: map.owner }
}

const mapNode = <V>(
  node: Node<V>,
  f: (value: V, key: number) => V,
  owner: Owner | null,
): Node<V> => {
  switch (node.kind) {
    case 'leaf': {
      const value = f(node.value, node.key)
      return value === node.value ? node : { ...node, value }
    }
    case 'collision': {
      const leaves = node.leaves.map((leaf) => mapNode(leaf, f, owner) as Leaf<V>)
      return leaves.every((leaf, i) => leaf === node.leaves[i]) ? node : { ...node, leaves }
    }
    case 'branch': {
      if (owner !== null && node.owner === owner) {
        const w = writable(node)
        for (let i = 0; i < w.children.length; i++)
          w.children[i] = mapNode(w.children[i] as Node<V>, f, owner)
        return node
      }
      const children = node.children.map((child) => mapNode(child, f, owner))
      return children.every((child, i) => child === node.children[i])
        ? node
        : { kind: 'branch', bitmap: node.bitmap, children, owner }
    }
    default:
      return absurd(node)
  }
}

/**
 * A map with every value replaced by `f(value, key)`, in one pass that keeps the trie's shape;
 * subtrees whose values `f` returns unchanged (`===`) are shared, not copied.
 */
export const mapCustomers = <V>(
  map: CustomerMap<V>,
  f: (value: V, key: number) => V,
): CustomerMap<V> => {
  const root = mapNode(map.root, f, map.owner) as Branch<V>
  return root === map.root ? map : { size: map.size, root, owner: map.owner }
}

const visit = <V>(node: Node<V>, f: (value: V, key: number) => void): void => {
  switch (node.kind) {
    case 'leaf':
      f(node.value, node.key)
      return
    case 'collision':
      node.leaves.forEach((leaf) => {
        f(leaf.value, leaf.key)
      })
      return
    case 'branch':
      node.children.forEach((child) => {
        visit(child, f)
      })
      return
    default:
      absurd(node)
  }
}

/** Calls `f` for every entry, in the trie's order (deterministic for the same set of keys). */
export const forEachCustomer = <V>(
  map: CustomerMap<V>,
  f: (value: V, key: number) => void,
): void => {
  visit(map.root, f)
}
