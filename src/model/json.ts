/**
 * Opaque JSON values a definition attaches to rewards.
 *
 * @since 0.2.0
 */

// model

/**
 * A JSON value: what a reward descriptor may be. The library never reads it, except a numeric
 * `value` field, which the simulator sums as a programme's cost.
 *
 * @example
 * import type { JsonValue } from 'loyalty-streaks'
 * const coffee: JsonValue = { sku: 'coffee', value: 3.5 }
 *
 * @since 0.2.0
 */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | ReadonlyArray<JsonValue>
  | { readonly [key: string]: JsonValue }

/**
 * What a reward is, as the brand describes it (`{ "sku": "coffee", "value": 3.5 }`): attached to a
 * target, a cycle, a streak level or a sub-target, and carried by the events that pay it. Stored
 * deep-frozen, so an event and the state can share it safely.
 *
 * @example
 * import type { RewardDescriptor } from 'loyalty-streaks'
 * const voucher: RewardDescriptor = { sku: 'voucher-10', value: 10 }
 *
 * @since 0.2.0
 */
export type RewardDescriptor = JsonValue
