import { apiKeys, type Database, eq, sql } from '@levqor/db';
import { TtlMap } from '../cache/ttl-map';
import { hashKey, isWellFormedKey } from './key-format';
import { API_KEY_CHANNEL } from './manage-api-keys';
import type { ApiScope } from './scopes';

export interface ApiKeyPrincipal {
  keyId: string;
  workspaceId: string;
  scopes: ApiScope[];
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

/**
 * Verifies keys with a short in-process cache. Rotation and revocation `pg_notify` the key's hash,
 * and every instance listening drops it at once; the TTL bounds staleness if a notification is missed.
 */
export async function createApiKeyVerifier(
  db: Database,
  opts: { ttlMs?: number; listen?: boolean } = {},
): Promise<ApiKeyVerifier> {
  const ttlMs = opts.ttlMs ?? 30_000;
  /** Key hash → principal (null: no valid key with that hash). */
  const cache = new TtlMap<string, ApiKeyPrincipal | null>(ttlMs);
  /** Well-formed presented key → its hash: a key seen lately skips the checksum and hash (two SHA-256). */
  const hashes = new TtlMap<string, string>(ttlMs);
  /** Keys whose last-used time was written within the last minute. */
  const touched = new TtlMap<string, true>(60_000);
  let unlisten: (() => Promise<void>) | null = null;
  if (opts.listen !== false) {
    const sub = await db.$client.listen(API_KEY_CHANNEL, (hash) => cache.delete(hash));
    unlisten = () => sub.unlisten();
  }

  async function load(hash: string): Promise<ApiKeyPrincipal | null> {
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.hash, hash));
    if (!row || row.revokedAt) return null;
    const ends = [row.expiresAt, row.graceUntil]
      .filter((d): d is Date => d !== null)
      .sort((a, b) => a.getTime() - b.getTime());
    return {
      keyId: row.id,
      workspaceId: row.workspaceId,
      scopes: row.scopes as ApiScope[],
      rateLimitPerMin: row.rateLimitPerMin,
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
      if (p === undefined) {
        p = await load(hash);
        cache.set(hash, p);
      }
      if (!p || (p.validUntil && p.validUntil.getTime() <= Date.now())) return null;
      touch(p);
      return p;
    },
    async close() {
      await unlisten?.();
    },
  };
}
