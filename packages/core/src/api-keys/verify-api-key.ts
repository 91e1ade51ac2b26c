import { apiKeys, type Database, eq, sql, workspaces } from '@levqor/db';
import { PLANS } from '../billing/plans';
import { TtlMap } from '../cache/ttl-map';
import { hashKey, isWellFormedKey } from './key-format';
import { API_KEY_CHANNEL } from './manage-api-keys';
import type { ApiScope } from './scopes';

export interface ApiKeyPrincipal {
  keyId: string;
  workspaceId: string;
  scopes: ApiScope[];
  /** The key's own limit, or its workspace plan's API limit when lower. */
  rateLimitPerMin: number;
  /** Key validity ends (expiry or rotation grace), if any. */
  validUntil: Date | null;
}

export interface ApiKeyVerifier {
  /** The key's principal, or null for a malformed, unknown, expired, rotated-out or revoked key. */
  verify(presented: string): Promise<ApiKeyPrincipal | null>;
  /** Stops listening for invalidations. */
  close(): Promise<void>;
}

/** Test hooks, to make a race between a lookup and a revocation happen deterministically. */
export interface VerifierHooks {
  /** After a key was read from the database, before the answer may be cached. */
  afterLoad?: (hash: string) => Promise<void> | void;
  /** After a revocation or rotation notice for `hash` was applied to this verifier. */
  onInvalidated?: (hash: string) => void;
  /** After the listener reconnected and the cache was emptied. */
  onReset?: () => void;
}

/**
 * Verifies keys with a short in-process cache. Rotation and revocation `pg_notify` the key's hash,
 * and every instance listening drops it at once; the TTL bounds staleness if a notification is missed,
 * and a reconnection of the listener empties the cache (notices may have been missed meanwhile).
 * An answer read before a notice for its key arrived is never cached: the lookup reads again.
 */
export async function createApiKeyVerifier(
  db: Database,
  opts: { ttlMs?: number; listen?: boolean; hooks?: VerifierHooks } = {},
): Promise<ApiKeyVerifier> {
  const ttlMs = opts.ttlMs ?? 30_000;
  /** Key hash → principal (null: no valid key with that hash). */
  const cache = new TtlMap<string, ApiKeyPrincipal | null>(ttlMs);
  /** Well-formed presented key → its hash: a key seen lately skips the checksum and hash (two SHA-256). */
  const hashes = new TtlMap<string, string>(ttlMs);
  /** Keys whose last-used time was written within the last minute. */
  const touched = new TtlMap<string, true>(60_000);
  /** Counts invalidations; a lookup caches its answer only if none for its key came after it started. */
  let epoch = 0;
  /** Key hash → the epoch of its latest notice (kept longer than any lookup takes). */
  const noticed = new TtlMap<string, number>(ttlMs, 100_000);
  /** The epoch at which the whole cache was last emptied (listener reconnected). */
  let clearedAt = 0;
  let unlisten: (() => Promise<void>) | null = null;
  if (opts.listen !== false) {
    let listening = false;
    const sub = await db.$client.listen(
      API_KEY_CHANNEL,
      (hash) => {
        noticed.set(hash, ++epoch);
        cache.delete(hash);
        opts.hooks?.onInvalidated?.(hash);
      },
      () => {
        // Called on every (re)subscription: after a reconnection, notices may have been missed.
        if (listening) {
          clearedAt = ++epoch;
          cache.deleteWhere(() => true);
          opts.hooks?.onReset?.();
        }
        listening = true;
      },
    );
    unlisten = () => sub.unlisten();
  }

  /** Whether a notice for `hash` (or a reset) arrived since `since`. */
  const invalidatedSince = (hash: string, since: number) =>
    clearedAt > since || (noticed.get(hash) ?? 0) > since;

  /** Reads the key; caches the answer only if no notice for it arrived while it was being read. */
  async function lookup(hash: string): Promise<ApiKeyPrincipal | null> {
    let answer: ApiKeyPrincipal | null = null;
    for (let attempt = 0; attempt < 3; attempt++) {
      const started = epoch;
      answer = await load(hash);
      await opts.hooks?.afterLoad?.(hash);
      if (!invalidatedSince(hash, started)) {
        cache.set(hash, answer);
        return answer;
      }
    }
    // Changed again during each of three reads: answer with the latest read, uncached.
    return answer;
  }

  async function load(hash: string): Promise<ApiKeyPrincipal | null> {
    const [found] = await db
      .select({ key: apiKeys, plan: workspaces.plan })
      .from(apiKeys)
      .innerJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
      .where(eq(apiKeys.hash, hash));
    const row = found?.key;
    if (!found || !row || row.revokedAt) return null;
    const ends = [row.expiresAt, row.graceUntil]
      .filter((d): d is Date => d !== null)
      .sort((a, b) => a.getTime() - b.getTime());
    return {
      keyId: row.id,
      workspaceId: row.workspaceId,
      scopes: row.scopes as ApiScope[],
      rateLimitPerMin: Math.min(row.rateLimitPerMin, PLANS[found.plan].apiRequestsPerMin),
      validUntil: ends[0] ?? null,
    };
  }

  function touch(principal: ApiKeyPrincipal) {
    if (touched.get(principal.keyId)) return;
    touched.set(principal.keyId, true);
    void db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(eq(apiKeys.id, principal.keyId))
      .catch(() => {});
  }

  return {
    async verify(presented) {
      let hash = hashes.get(presented);
      if (hash === undefined) {
        if (!isWellFormedKey(presented)) return null;
        hash = hashKey(presented);
        hashes.set(presented, hash);
      }
      let p = cache.get(hash);
      if (p === undefined) p = await lookup(hash);
      if (!p || (p.validUntil && p.validUntil.getTime() <= Date.now())) return null;
      touch(p);
      return p;
    },
    async close() {
      await unlisten?.();
    },
  };
}
