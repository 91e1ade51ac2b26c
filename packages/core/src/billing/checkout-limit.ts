import type { Database } from '@levqor/db';
import { DomainError } from '../errors';
import { postgresRateLimiter, type RateLimiter } from '../rate-limit/rate-limiter';

const limiters = new WeakMap<Database, RateLimiter>();

/** Checkout starts allowed per user per minute: LEVQOR_RL_CHECKOUT_PER_USER (default 3). */
export function checkoutLimitPerMin(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.LEVQOR_RL_CHECKOUT_PER_USER);
  return Number.isInteger(n) && n > 0 ? n : 3;
}

/**
 * Counts a checkout start against the user's limit (shared by every instance through PostgreSQL);
 * throws `rate-limited` (429) beyond it.
 */
export async function limitCheckoutStarts(
  db: Database,
  userId: string,
  limiter?: RateLimiter,
): Promise<void> {
  let shared = limiter ?? limiters.get(db);
  if (!shared) {
    shared = postgresRateLimiter(db);
    limiters.set(db, shared);
  }
  const limit = checkoutLimitPerMin();
  const hit = await shared.hit(`checkout:user:${userId}`, limit, 60_000);
  if (!hit.allowed) {
    const retry = Math.max(1, Math.ceil((hit.resetAt.getTime() - Date.now()) / 1000));
    throw new DomainError(
      'rate-limited',
      `Too many checkout attempts: at most ${limit} a minute. Try again in ${retry} s.`,
      { retry_after_s: retry },
    );
  }
}
