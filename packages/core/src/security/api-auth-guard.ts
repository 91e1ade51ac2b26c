import { type Database, eq, rateLimitCounters } from '@levqor/db';
import { TtlMap } from '../cache/ttl-map';
import { clientKey } from '../rate-limit/client-key';
import type { RateLimiter } from '../rate-limit/rate-limiter';
import { recordSecurityEvent } from './record-security-event';

export const API_AUTH_BLOCK = { invalidPerMinute: 20, blockMs: 15 * 60_000, recheckMs: 5_000 } as const;

/**
 * Blocks an IP's unauthenticated API attempts (missing or invalid keys) after too many invalid keys. The
 * REST gateway asks only for requests without a valid key: a valid key from a blocked IP still works.
 */
export interface ApiAuthGuard {
  /** When the IP's unauthenticated attempts are blocked, the block's end; else null. */
  blockedUntil(ip: string): Promise<Date | null>;
  /** Counts an invalid key from `ip`; the 21st within a minute blocks the IP for 15 minutes. */
  recordInvalid(ip: string, ctx: { requestId: string; path: string }): Promise<void>;
}

/**
 * Blocks shared by every instance (stored in PostgreSQL); each instance caches "not blocked" for 5 s
 * so a valid request costs no extra round trip, and a block takes effect everywhere within 5 s.
 */
export function createApiAuthGuard(db: Database, limiter: RateLimiter): ApiAuthGuard {
  /** IP → end of its block (0: not blocked), until the block ends or for RECHECK_MS when not blocked. */
  const cache = new TtlMap<string, number>(API_AUTH_BLOCK.recheckMs, 50_000);
  // Counter keys hold the keyed hash of the address (IPv6: its /64), never the address.
  const key = (ip: string) => `api-block:${clientKey(ip)}`;
  return {
    async blockedUntil(ip) {
      const now = Date.now();
      const hit = cache.get(ip, now);
      if (hit !== undefined) return hit > now ? new Date(hit) : null;
      const [row] = await db
        .select({ resetAt: rateLimitCounters.resetAt })
        .from(rateLimitCounters)
        .where(eq(rateLimitCounters.key, key(ip)));
      const until = row && row.resetAt.getTime() > now ? row.resetAt.getTime() : 0;
      cache.set(ip, until, until ? until - now : API_AUTH_BLOCK.recheckMs, now);
      return until ? new Date(until) : null;
    },
    async recordInvalid(ip, ctx) {
      await recordSecurityEvent(db, {
        type: 'api_key.invalid',
        severity: 'warning',
        requestId: ctx.requestId,
        path: ctx.path,
        ip,
      });
      const r = await limiter.hit(`api-invalid:${clientKey(ip)}`, API_AUTH_BLOCK.invalidPerMinute, 60_000);
      if (r.allowed) return;
      const until = new Date(Date.now() + API_AUTH_BLOCK.blockMs);
      await db
        .insert(rateLimitCounters)
        .values({ key: key(ip), count: 1, resetAt: until })
        .onConflictDoUpdate({ target: rateLimitCounters.key, set: { resetAt: until } });
      cache.set(ip, until.getTime(), API_AUTH_BLOCK.blockMs);
      await recordSecurityEvent(db, {
        type: 'api_auth.blocked',
        severity: 'critical',
        requestId: ctx.requestId,
        path: ctx.path,
        ip,
        metadata: { until: until.toISOString() },
      });
    },
  };
}
