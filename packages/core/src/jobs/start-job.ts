import { type DbOrTx, newId, sql } from '@levqor/db';
import type { Step } from '../workflows/step-schema';

export interface StartedJob {
  workspaceId: string;
  payload: unknown;
  steps: Step[];
}

/**
 * Moves a queued job to running (once) and records the attempt, in ONE statement: locks the job, sets
 * `running`/`started_at` (when queued) and `attempts`, stores its steps from its version (pending; ids
 * derived from job and step id, so a repeated start inserts nothing) and the `job.started` event, and
 * returns what the run needs, its version's steps included. Null when the job ended (or is gone).
 * Idempotent: a resumed or retried run calls it again and only `attempts` changes.
 */
export async function startJob(db: DbOrTx, jobId: string, attempt: number): Promise<StartedJob | null> {
  const [row] = await db.execute<{ workspace_id: string; payload: unknown; steps: Step[] | null }>(sql`
    with j as (
      select id, workspace_id, payload, workflow_version_id, status from jobs
      where id = ${jobId} and status in ('queued', 'running')
      for update
    ), v as (
      select steps from workflow_versions where id = (select workflow_version_id from j)
    ), started as (
      update jobs set status = 'running', attempts = ${attempt + 1},
        started_at = case when j.status = 'queued' then ${new Date().toISOString()}::timestamptz
          else jobs.started_at end
      from j where jobs.id = j.id
      returning j.status = 'queued' as first
    ), stored as (
      insert into job_steps (id, job_id, step_id, type, position)
      select 'step_' || left(md5(${jobId} || ':' || (s.value ->> 'id')), 20), ${jobId}, s.value ->> 'id',
        s.value ->> 'type', (s.ordinality - 1)::int
      from v, jsonb_array_elements(v.steps) with ordinality s
      where (select first from started)
      on conflict do nothing
    ), event as (
      insert into job_events (id, job_id, type, message)
      select ${newId('evt')}, ${jobId}, 'job.started', 'Job started' from started where first
    )
    select j.workspace_id, j.payload, (select steps from v) as steps from j`);
  if (!row) return null;
  return { workspaceId: row.workspace_id, payload: row.payload, steps: row.steps ?? [] };
}
