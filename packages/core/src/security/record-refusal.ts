import { type DbOrTx, securityEvents, sql } from '@levqor/db';
import { log } from '@levqor/observability/logger';
import { hashPii } from './pii-hash';

export interface Refusal {
  /** The limit's counter key (it names clients by keyed hashes only). */
  key: string;
  /** What was limited, for people reading the log, e.g. `signin-link per ip`. */
  rule: string;
  limit: number;
  windowMs: number;
  /** Plain values: hashed here, never stored. */
  ip?: string | null;
  email?: string | null;
  path?: string | null;
  requestId?: string | null;
}

/**
 * The security log's record of rate-limit refusals: one `rate_limited` row per limit key and window
 * (windows aligned to the clock, of the limit's length) whose `count` says how many requests were
 * refused — a flood of refusals costs a few upserts, not a row each. The first refusal's request id,
 * path and hashed client are kept; `metadata.last_at` is the latest.
 *
 * Writes for one row are coalesced in this process: refusals that arrive while its upsert is in flight
 * are added by the next one. Never throws: a failed write is logged.
 */
export interface RefusalLog {
  /** Resolves once this refusal is counted in the database (callers need not wait). */
  record(refusal: Refusal): Promise<void>;
}

interface Pending {
  refusal: Refusal;
  windowStart: Date;
  count: number;
  waiters: (() => void)[];
}

export function createRefusalLog(db: DbOrTx, now: () => number = Date.now): RefusalLog {
  const pending = new Map<string, Pending>();
  const writing = new Set<string>();

  async function upsert(aggregateKey: string, p: Pending) {
    const r = p.refusal;
    await db
      .insert(securityEvents)
      .values({
        type: 'rate_limited',
        severity: 'warning',
        requestId: r.requestId ?? null,
        path: r.path ?? null,
        ipHash: r.ip ? hashPii(r.ip) : null,
        emailHash: r.email ? hashPii(r.email) : null,
        metadata: {
          rule: r.rule,
          limit: r.limit,
          window_ms: r.windowMs,
          window_start: p.windowStart.toISOString(),
        },
        count: p.count,
        aggregateKey,
      })
      .onConflictDoUpdate({
        target: securityEvents.aggregateKey,
        set: {
          count: sql`${securityEvents.count} + excluded.count`,
          metadata: sql`coalesce(${securityEvents.metadata}, '{}'::jsonb) || jsonb_build_object('last_at', now())`,
        },
      });
  }

  async function drain(aggregateKey: string) {
    writing.add(aggregateKey);
    for (let p = pending.get(aggregateKey); p; p = pending.get(aggregateKey)) {
      pending.delete(aggregateKey);
      try {
        await upsert(aggregateKey, p);
      } catch (err) {
        log.error({ type: 'rate_limited', rule: p.refusal.rule, err }, 'security_event.write_failed');
      }
      for (const done of p.waiters) done();
    }
    writing.delete(aggregateKey);
  }

  return {
    record(refusal) {
      const start = Math.floor(now() / refusal.windowMs) * refusal.windowMs;
      const aggregateKey = `${refusal.key}@${new Date(start).toISOString()}`;
      return new Promise<void>((resolve) => {
        const p = pending.get(aggregateKey);
        if (p) {
          p.count += 1;
          p.waiters.push(resolve);
        } else
          pending.set(aggregateKey, { refusal, windowStart: new Date(start), count: 1, waiters: [resolve] });
        if (!writing.has(aggregateKey)) void drain(aggregateKey);
      });
    },
  };
}
