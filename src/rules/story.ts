// A decision being told: the facts so far and the record they make. Deciding a cascade (a count
// that reaches a level, a close that releases a waiting credit) reads the record as it now is.
import type { Customer } from './customer.js'
import { evolve } from './evolve.js'
import type { Fact } from './fact.js'

// model

/** The facts decided so far, and the record after them. Local to one decision. */
export interface Story {
  readonly customer: Customer
  readonly facts: ReadonlyArray<Fact>
  /** Adds a fact, and evolves the record with it. */
  readonly emit: (fact: Fact) => void
}

// constructors

/** A story about `customer`, with the facts that made it so far (none, or a new customer's). */
export const storyOf = (customer: Customer, told: ReadonlyArray<Fact> = []): Story => {
  let current = customer
  const facts: Array<Fact> = [...told]
  return {
    get customer() {
      return current
    },
    facts,
    emit: (fact) => {
      facts.push(fact)
      current = evolve(current, fact)
    },
  }
}
