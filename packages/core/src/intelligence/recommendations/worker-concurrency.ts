import { type DbOrTx, eq, featureFlags, sql } from '@levqor/db';
import { FEATURE_FLAG_CHANNEL } from '../../feature-flags/feature-flag-reader';
import { MAX_WORKER_CONCURRENCY, MIN_WORKER_CONCURRENCY } from './autoscale';

/** The flag whose `value` is the local workers' concurrency while it is on (and not killed). */
export const WORKER_CONCURRENCY_FLAG = 'worker.concurrency';

/**
 * The concurrency the flag sets, bounded to 1–64; null when the flag is absent, off, killed, rolled out
 * to no one or carries no value (the worker then keeps `LEVQOR_WORKER_CONCURRENCY`).
 */
export async function flaggedWorkerConcurrency(db: DbOrTx): Promise<number | null> {
  const [f] = await db
    .select({
      enabled: featureFlags.enabled,
      killed: featureFlags.killed,
      rollout: featureFlags.rolloutPercent,
      value: featureFlags.value,
    })
    .from(featureFlags)
    .where(eq(featureFlags.key, WORKER_CONCURRENCY_FLAG));
  if (!f?.enabled || f.killed || f.rollout < 100 || f.value === null) return null;
  return Math.min(MAX_WORKER_CONCURRENCY, Math.max(MIN_WORKER_CONCURRENCY, f.value));
}

/** Turns the flag on with `value` (created if missing; a killed flag stays killed). Notifies readers. */
export async function setWorkerConcurrencyFlag(db: DbOrTx, opts: { value: number; actor: string }) {
  const value = Math.min(MAX_WORKER_CONCURRENCY, Math.max(MIN_WORKER_CONCURRENCY, Math.round(opts.value)));
  const [row] = await db
    .insert(featureFlags)
    .values({
      key: WORKER_CONCURRENCY_FLAG,
      description: "The local workers' concurrency (set by applying an autoscale recommendation).",
      enabled: true,
      value,
      updatedBy: opts.actor,
    })
    .onConflictDoUpdate({
      target: featureFlags.key,
      set: { enabled: true, value, updatedBy: opts.actor, updatedAt: new Date() },
    })
    .returning({ killed: featureFlags.killed });
  await db.execute(sql`select pg_notify(${FEATURE_FLAG_CHANNEL}, ${WORKER_CONCURRENCY_FLAG})`);
  return { flag: WORKER_CONCURRENCY_FLAG, value, killed: row?.killed ?? false };
}
