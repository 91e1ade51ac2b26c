import type { DbOrTx } from '@levqor/db';
import { getPublicMetrics, type PublicMetrics } from './public-metrics';

export interface CachedPublicMetrics {
  /** The figures, at most `ttlMs` old, and when they go stale (for Cache-Control). */
  get(): Promise<{ metrics: PublicMetrics; expiresAt: number }>;
}

/**
 * `/public/metrics` is unauthenticated: whatever the request rate, one process computes the figures at
 * most once per `ttlMs` (default 15 s), with one computation in flight at a time — every request arriving
 * meanwhile waits for it. A failed computation is not cached (the next request tries again).
 */
export function createPublicMetricsCache(
  db: DbOrTx,
  opts: { ttlMs?: number; now?: () => number } = {},
): CachedPublicMetrics {
  const ttlMs = opts.ttlMs ?? 15_000;
  const now = opts.now ?? Date.now;
  let fresh: { metrics: PublicMetrics; expiresAt: number } | null = null;
  let inFlight: Promise<{ metrics: PublicMetrics; expiresAt: number }> | null = null;
  return {
    get() {
      if (fresh && fresh.expiresAt > now()) return Promise.resolve(fresh);
      inFlight ??= getPublicMetrics(db)
        .then((metrics) => {
          fresh = { metrics, expiresAt: now() + ttlMs };
          return fresh;
        })
        .finally(() => {
          inFlight = null;
        });
      return inFlight;
    },
  };
}
