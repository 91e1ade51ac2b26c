import { type DbOrTx, sql } from '@levqor/db';
import type { Step } from '../workflows/step-schema';

/** What `runJob` reads of a live job before it starts it. */
export interface JobAtStart {
  workspaceId: string;
  payload: unknown;
  steps: Step[];
  /**
   * Queued, no replay, no callback, every step a transform: its start is written with its end, in one
   * statement (quick-job.ts).
   */
  quick: boolean;
}

type Row = {
  id: string;
  workspace_id: string;
  payload: unknown;
  steps: Step[] | null;
  quick: boolean;
};
type Waiter = { resolve: (job: JobAtStart | null) => void; reject: (error: unknown) => void };

/** Reads asked for in the current tick, by client. */
const batches = new WeakMap<DbOrTx, Map<string, Waiter[]>>();

/**
 * Reads a live job (queued or running) with its version's steps; null when it ended or is gone.
 * The reads asked for in one tick on one client go as ONE statement: the runs a worker claims together
 * start in the same tick.
 */
export function readJobAtStart(db: DbOrTx, jobId: string): Promise<JobAtStart | null> {
  let batch = batches.get(db);
  if (!batch) {
    const opened = new Map<string, Waiter[]>();
    batches.set(db, opened);
    process.nextTick(() => {
      batches.delete(db);
      void readBatch(db, opened);
    });
    batch = opened;
  }
  const waiting = batch;
  return new Promise((resolve, reject) => {
    waiting.set(jobId, [...(waiting.get(jobId) ?? []), { resolve, reject }]);
  });
}

async function readBatch(db: DbOrTx, batch: Map<string, Waiter[]>): Promise<void> {
  try {
    const rows = await db.execute<Row>(sql`
      select j.id, j.workspace_id, j.payload, v.steps,
        j.status = 'queued' and j.replay_from_step is null and j.callback_url is null
          and not exists (select 1 from jsonb_array_elements(v.steps) s where s.value ->> 'type' <> 'transform')
          as quick
      from jobs j join workflow_versions v on v.id = j.workflow_version_id
      where j.id = any(${sql.param([...batch.keys()])}::text[]) and j.status in ('queued', 'running')`);
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const [id, waiters] of batch) {
      const row = byId.get(id);
      const job = row
        ? { workspaceId: row.workspace_id, payload: row.payload, steps: row.steps ?? [], quick: row.quick }
        : null;
      for (const waiter of waiters) waiter.resolve(job);
    }
  } catch (error) {
    for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
  }
}
