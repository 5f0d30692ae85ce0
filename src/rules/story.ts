// A decision being told: the facts so far and the record they make. Deciding a cascade (a count
// that reaches a level, a close that releases a waiting credit) reads the record as it now is.
import { draftOf, recordOf, type Customer, type Draft } from './customer.js'
import { write } from './evolve.js'
import type { Fact } from './fact.js'

// model

/**
 * How a decision may write the customer's record: the version the record has once changed, and
 * whether the record is a draft the caller holds alone (written in place) or a record others may
 * hold (copied before the first write).
 */
export interface Writing {
  readonly version: number
  readonly owned: boolean
}

/** The facts decided so far, and the record after them. Local to one decision. */
export class Story {
  readonly #facts: Array<Fact> = []
  #record: Customer
  #draft: Draft | undefined

  constructor(
    customer: Customer,
    private readonly writing: Writing,
  ) {
    this.#record = customer
  }

  /** The record after every fact so far. */
  get customer(): Customer {
    return this.#record
  }

  /** The facts so far, in the order they arose. */
  get facts(): ReadonlyArray<Fact> {
    return this.#facts
  }

  /** Adds a fact, and writes it into the record (a copy of it, unless the record is owned). */
  emit(fact: Fact): void {
    this.#facts.push(fact)
    if (this.#draft === undefined) {
      this.#draft = this.writing.owned ? (this.#record as Draft) : draftOf(this.#record)
      this.#draft.version = this.writing.version
      this.#record = recordOf(this.#draft)
    }
    write(this.#draft, fact)
  }
}

// constructors

/** A story about `customer`, written as `writing` says. */
export const storyOf = (customer: Customer, writing: Writing): Story => new Story(customer, writing)
