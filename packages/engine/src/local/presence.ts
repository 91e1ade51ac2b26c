import { hostname } from 'node:os';
import { type DbOrTx, sql } from '@levqor/db';

/** How often a started worker records that it is alive (`engine_workers.last_seen`). */
export const PRESENCE_INTERVAL_MS = 5_000;

export interface WorkerPresence {
  id: string;
  pid?: number;
  host?: string;
}

/** Records that the worker is alive (upsert of its row); prunes rows of workers gone for a day. */
export async function recordPresence(db: DbOrTx, worker: WorkerPresence): Promise<void> {
  await db.execute(sql`
    with pruned as (delete from engine_workers where last_seen < now() - interval '1 day')
    insert into engine_workers (id, pid, host) values (${worker.id}, ${worker.pid ?? process.pid}, ${worker.host ?? hostname()})
    on conflict (id) do update set last_seen = now()`);
}

/** Removes the row of a worker that stops cleanly. */
export async function removePresence(db: DbOrTx, workerId: string): Promise<void> {
  await db.execute(sql`delete from engine_workers where id = ${workerId}`);
}
