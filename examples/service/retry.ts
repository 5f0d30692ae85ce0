// Bounded exponential backoff with full jitter for version conflicts. The clock (sleep) and the
// randomness are injected, so that tests run without waiting and without chance.

export interface RetryPolicy {
  /** Tries in all, the first included (≥ 1). */
  readonly attempts: number
  /** The ceiling of the first wait; it doubles with every conflict, up to `maxDelayMs`. */
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  /** A number in [0, 1): the share of the ceiling waited. */
  readonly random: () => number
  readonly sleep: (ms: number) => Promise<void>
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 8,
  baseDelayMs: 2,
  maxDelayMs: 100,
  random: Math.random,
  sleep: (ms) =>
    new Promise((resolve) => {
      setTimeout(resolve, ms)
    }),
}

/** The wait after the `conflicts`-th conflict in a row: anywhere below its ceiling ("full jitter"). */
export const backoffDelay = (policy: RetryPolicy, conflicts: number): number =>
  policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (conflicts - 1))

/** What one try gives: a result, or a conflict to retry. */
export type Attempt<T> =
  { readonly kind: 'done'; readonly value: T } | { readonly kind: 'conflict' }

export const done = <T>(value: T): Attempt<T> => ({ kind: 'done', value })
export const conflict: Attempt<never> = { kind: 'conflict' }

/** Runs `attempt` until it is done or the policy's tries are spent (then the last conflict). */
export const withRetries = async <T>(
  policy: RetryPolicy,
  attempt: () => Promise<Attempt<T>>,
): Promise<Attempt<T>> => {
  for (let tried = 1; ; tried++) {
    const outcome = await attempt()
    if (outcome.kind === 'done' || tried >= policy.attempts) return outcome
    await policy.sleep(backoffDelay(policy, tried))
  }
}
