// A decision being told: the facts so far and the record they make. Deciding a cascade (a count
// that reaches a level, a close that releases a waiting credit) reads the record as it now is.
import type { Customer } from './customer.js'
import { evolve } from './evolve.js'
import type { Fact } from './fact.js'

// model

/** The facts decided so far, and the record after them. Local to one decision. */
export class Story {
  #customer: Customer
  readonly #facts: Array<Fact>

  constructor(customer: Customer, told: ReadonlyArray<Fact>) {
    this.#customer = customer
    this.#facts = [...told]
  }

  /** The record after every fact so far. */
  get customer(): Customer {
    return this.#customer
  }

  /** The facts so far, in the order they arose. */
  get facts(): ReadonlyArray<Fact> {
    return this.#facts
  }

  /** Adds a fact, and evolves the record with it. */
  emit(fact: Fact): void {
    this.#facts.push(fact)
    this.#customer = evolve(this.#customer, fact)
  }
}

// constructors

/** A story about `customer`, with the facts that made it so far (none, or a new customer's). */
export const storyOf = (customer: Customer, told: ReadonlyArray<Fact> = []): Story =>
  new Story(customer, told)
