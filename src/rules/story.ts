// A decision being told: the record the facts so far make, and the events among them. Deciding a
// cascade (a count that reaches a level, a close that releases a waiting credit) reads the record
// as it now is.
import { draftOf, empty, recordOf, type Customer, type Draft } from './customer.js'
import { write } from './evolve.js'
import { isEvent, type Fact } from './fact.js'
import type { EnrolmentEvent } from '../model/event.js'

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

/** The record after the facts decided so far, and their events. Local to one decision. */
export class Story {
  #events: Array<EnrolmentEvent> | undefined
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

  /** Whether any fact was decided: the record changed. */
  get changed(): boolean {
    return this.#draft !== undefined
  }

  /** The events among the facts so far, in the order they arose. */
  get events(): ReadonlyArray<EnrolmentEvent> {
    return this.#events ?? empty
  }

  /** Adds a fact, and writes it into the record (a copy of it, unless the record is owned). */
  emit(fact: Fact): void {
    if (isEvent(fact)) {
      if (this.#events === undefined) this.#events = [fact]
      else this.#events.push(fact)
    }
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
