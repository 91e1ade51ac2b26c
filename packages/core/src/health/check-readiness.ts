import { type DbOrTx, sql } from '@levqor/db';

/** A local-engine worker not seen for this long no longer counts as running (readiness degrades). */
export const WORKER_STALE_MS = 30_000;

export type Readiness =
  | { status: 'ok' }
  | { status: 'degraded'; reason: string }
  | { status: 'unavailable'; reason: string };

export interface ReadinessOptions {
  /** Which engine runs the jobs: only the local engine has workers whose heartbeat is checked. */
  provider: 'local' | 'inngest';
  /** The database must answer within this. Default 2 s. */
  timeoutMs?: number;
  staleAfterMs?: number;
}

/**
 * Ready = the database answers (else `unavailable`, 503). With the local engine, also: some worker
 * recorded its heartbeat (`engine_workers.last_seen`) within the last 30 s — else `degraded` (still
 * serving: intake works, jobs wait until a worker is back).
 */
export async function checkReadiness(db: DbOrTx, options: ReadinessOptions): Promise<Readiness> {
  const staleMs = options.staleAfterMs ?? WORKER_STALE_MS;
  let timer: NodeJS.Timeout | undefined;
  let row: { ms: number | null } | undefined;
  try {
    const rows = await Promise.race([
      db.execute<{ ms: number | null }>(
        sql`select (extract(epoch from now() - max(last_seen)) * 1000)::float8 as ms from engine_workers`,
      ),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), options.timeoutMs ?? 2_000);
      }),
    ]);
    row = rows[0];
  } catch (err) {
    const timedOut = err instanceof Error && err.message === 'timeout';
    return { status: 'unavailable', reason: timedOut ? 'database timeout' : 'database unavailable' };
  } finally {
    clearTimeout(timer);
  }
  if (options.provider !== 'local') return { status: 'ok' };
  const ms = row?.ms ?? null;
  if (ms === null)
    return { status: 'degraded', reason: 'no job worker has reported in: jobs wait in the queue' };
  if (ms > staleMs)
    return {
      status: 'degraded',
      reason: `no job worker heartbeat for ${Math.round(ms / 1000)} s: jobs wait in the queue`,
    };
  return { status: 'ok' };
}
