import { type Database, type DbOrTx, featureFlagOverrides, featureFlags } from '@levqor/db';
import { evaluateFlag, type FlagState } from './flag-bucket';

/** `pg_notify` channel: every change to a flag or an override; listeners reload their snapshot. */
export const FEATURE_FLAG_CHANNEL = 'levqor_feature_flags';

export interface FeatureFlagReader {
  /** Whether `key` is on for the workspace (null: process-wide). Unknown flags are off. */
  isEnabled(key: string, workspaceId: string | null): Promise<boolean>;
  /** Stops listening. */
  close(): Promise<void>;
}

/**
 * Flags through a per-process snapshot of both tables (small: one row per flag and override). A change
 * `pg_notify`s FEATURE_FLAG_CHANNEL in its transaction: every listening process drops its snapshot at
 * once and the next read loads a fresh one. The TTL bounds staleness if a notice is missed, and a
 * reconnection of the listener drops the snapshot too (notices may have been missed meanwhile).
 * A load that a notice overtook is not kept.
 */
export async function createFeatureFlagReader(
  db: Database,
  opts: { ttlMs?: number; listen?: boolean; onInvalidated?: () => void } = {},
): Promise<FeatureFlagReader> {
  const ttlMs = opts.ttlMs ?? 30_000;
  let snapshot: { flags: Map<string, FlagState>; at: number } | null = null;
  let loading: Promise<Map<string, FlagState>> | null = null;
  let epoch = 0;
  const invalidate = () => {
    epoch++;
    snapshot = null;
    loading = null;
    opts.onInvalidated?.();
  };
  let unlisten: (() => Promise<void>) | null = null;
  if (opts.listen !== false) {
    let listening = false;
    const sub = await db.$client.listen(FEATURE_FLAG_CHANNEL, invalidate, () => {
      if (listening) invalidate();
      listening = true;
    });
    unlisten = () => sub.unlisten();
  }

  async function load(): Promise<Map<string, FlagState>> {
    const started = epoch;
    const [flags, overrides] = await Promise.all([
      db.select().from(featureFlags),
      db.select().from(featureFlagOverrides),
    ]);
    const byFlag = new Map<string, Map<string, boolean>>();
    for (const o of overrides) {
      const m = byFlag.get(o.flagKey) ?? new Map<string, boolean>();
      m.set(o.workspaceId, o.enabled);
      byFlag.set(o.flagKey, m);
    }
    const map = new Map<string, FlagState>();
    for (const f of flags)
      map.set(f.key, {
        enabled: f.enabled,
        rolloutPercent: f.rolloutPercent,
        killed: f.killed,
        overrides: byFlag.get(f.key) ?? new Map(),
      });
    if (epoch === started) snapshot = { flags: map, at: Date.now() };
    return map;
  }

  async function current(): Promise<Map<string, FlagState>> {
    if (snapshot && Date.now() - snapshot.at < ttlMs) return snapshot.flags;
    if (!loading) {
      const p = load();
      loading = p;
      void p.then(
        () => {
          if (loading === p) loading = null;
        },
        () => {
          if (loading === p) loading = null;
        },
      );
    }
    return loading;
  }

  return {
    async isEnabled(key, workspaceId) {
      return evaluateFlag((await current()).get(key), workspaceId, key);
    },
    async close() {
      await unlisten?.();
    },
  };
}

const readers = new WeakMap<Database, Promise<FeatureFlagReader>>();

/** The process's reader for `db` (one listener per database handle). */
export function featureFlagReader(db: Database): Promise<FeatureFlagReader> {
  let reader = readers.get(db);
  if (!reader) {
    reader = createFeatureFlagReader(db);
    readers.set(db, reader);
    reader.catch(() => readers.delete(db));
  }
  return reader;
}

/**
 * Whether `key` is on for the workspace, through the process's cached reader (a transaction, which
 * cannot listen, reads the tables directly).
 */
export async function isFeatureEnabled(
  db: DbOrTx,
  key: string,
  workspaceId: string | null,
): Promise<boolean> {
  if ('$client' in db && typeof (db as Database).$client?.listen === 'function')
    return (await featureFlagReader(db as Database)).isEnabled(key, workspaceId);
  const reader = await createFeatureFlagReader(db as Database, { listen: false, ttlMs: 0 });
  return reader.isEnabled(key, workspaceId);
}

/** Flags the code reads (an admin creates them in the console; a flag that does not exist is off). */
export const FLAGS = {
  /** On for a workspace: its completion webhooks are held (no POST) and retried on the back-off schedule. */
  webhooksDeliveryPaused: 'webhooks.delivery_paused',
  /**
   * On for a workspace: AI spend above its plan's included budget is metered to Stripe (billing/overage.ts)
   * instead of refusing jobs with 402; an owner's own lower cap still refuses.
   */
  billingOverage: 'billing.overage',
} as const;
