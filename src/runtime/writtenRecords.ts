// The records a workspace wrote since it last published, by customer id. A pure call writes one
// record: it is kept in a field, and a `Map` is made only once a second customer is written.
import type { Customer } from '../rules/customer.js'

export class WrittenRecords {
  #one: Customer | undefined
  #many: Map<number, Customer> | undefined

  get size(): number {
    return this.#many?.size ?? (this.#one === undefined ? 0 : 1)
  }

  get(customerId: number): Customer | undefined {
    if (this.#many !== undefined) return this.#many.get(customerId)
    return this.#one?.customerId === customerId ? this.#one : undefined
  }

  has(customerId: number): boolean {
    return this.get(customerId) !== undefined
  }

  set(customer: Customer): void {
    if (this.#many !== undefined) this.#many.set(customer.customerId, customer)
    else if (this.#one === undefined || this.#one.customerId === customer.customerId)
      this.#one = customer
    else {
      this.#many = new Map([[this.#one.customerId, this.#one]])
      this.#many.set(customer.customerId, customer)
      this.#one = undefined
    }
  }

  /** The record of a workspace that wrote exactly one. */
  only(): Customer | undefined {
    return this.#many === undefined ? this.#one : undefined
  }

  /** The records, in the order their customers were first written. */
  values(): IterableIterator<Customer> {
    return this.#many?.values() ?? (this.#one === undefined ? [] : [this.#one]).values()
  }

  clear(): void {
    this.#one = undefined
    this.#many = undefined
  }
}
