export interface BackoffOptions {
  /** Delay before the first retry, before jitter. Default 1 s. */
  baseMs?: number;
  /** Upper bound of any delay. Default 10 min. */
  maxMs?: number;
}

/**
 * Delay before retry number `failures` (1 after the first failure): exponential, capped, with "equal
 * jitter" — half the delay is fixed, half random — so retries of many runs spread out but a later retry
 * never waits less than half its nominal delay.
 */
export function backoffMs(failures: number, options: BackoffOptions = {}, random = Math.random): number {
  const base = options.baseMs ?? 1_000;
  const max = options.maxMs ?? 600_000;
  const nominal = Math.min(max, base * 2 ** Math.max(0, failures - 1));
  return Math.round(nominal / 2 + random() * (nominal / 2));
}
