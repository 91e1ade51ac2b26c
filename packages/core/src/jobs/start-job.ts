import { type DbOrTx, newId, sql } from '@levqor/db';
import type { Step } from '../workflows/step-schema';

export interface StartedJob {
  workspaceId: string;
  payload: unknown;
  steps: Step[];
  /**
   * A replay: the steps before `fromStep` are not executed; their outputs (by step id) are the
   * original job's recorded ones. `outputs` misses some when the original job was deleted meanwhile.
   */
  replay: { fromStep: number; of: string; outputs: Record<string, unknown> } | null;
}

/**
 * Moves a queued job to running (once) and records the attempt, in ONE statement: locks the job, sets
 * `running`/`started_at` (when queued) and `attempts`, stores its steps from its version (pending; ids
 * derived from job and step id, so a repeated start inserts nothing) and the `job.started` event, and
 * returns what the run needs, its version's steps included. Null when the job ended (or is gone).
 * Idempotent: a resumed or retried run calls it again and only `attempts` changes.
 */
export async function startJob(db: DbOrTx, jobId: string, attempt: number): Promise<StartedJob | null> {
  const now = new Date().toISOString();
  const [row] = await db.execute<{
    workspace_id: string;
    payload: unknown;
    steps: Step[] | null;
    rerun_of: string | null;
    replay_from_step: number | null;
    reused: Record<string, unknown> | null;
  }>(sql`
    with j as (
      select id, workspace_id, payload, workflow_version_id, status, rerun_of, replay_from_step from jobs
      where id = ${jobId} and status in ('queued', 'running')
      for update
    ), v as (
      select steps from workflow_versions where id = (select workflow_version_id from j)
    ), started as (
      update jobs set status = 'running', attempts = ${attempt + 1},
        started_at = case when j.status = 'queued' then ${now}::timestamptz
          else jobs.started_at end
      from j where jobs.id = j.id
      returning j.status = 'queued' as first
    ), plan as (
      -- A replay's steps before replay_from_step take the original's recorded input and output.
      select s.value ->> 'id' as step_id, s.value ->> 'type' as type, (s.ordinality - 1)::int as position,
        o.input, o.output, o.id is not null as reused
      from v cross join jsonb_array_elements(v.steps) with ordinality s
      left join job_steps o on o.job_id = (select rerun_of from j)
        and o.step_id = s.value ->> 'id' and o.status = 'succeeded'
        and s.ordinality - 1 < coalesce((select replay_from_step from j), 0)
    ), stored as (
      insert into job_steps (id, job_id, step_id, type, position, status, input, output, duration_ms,
        started_at, finished_at, reused_from_job_id)
      select 'step_' || left(md5(${jobId} || ':' || p.step_id), 20), ${jobId}, p.step_id, p.type, p.position,
        case when p.reused then 'succeeded' else 'pending' end::job_step_status,
        p.input, p.output, case when p.reused then 0 end, case when p.reused then ${now}::timestamptz end,
        case when p.reused then ${now}::timestamptz end, case when p.reused then (select rerun_of from j) end
      from plan p
      where (select first from started)
      on conflict do nothing
    ), event as (
      insert into job_events (id, job_id, type, message)
      select ${newId('evt')}, ${jobId}, 'job.started', 'Job started' from started where first
    ), reuse_events as (
      insert into job_events (id, job_id, type, message, step_id, data)
      select 'evt_' || left(md5(${jobId} || ':reused:' || p.step_id), 20), ${jobId}, 'step.reused',
        'Step ' || p.step_id || ' reused the output of job ' || (select rerun_of from j) || ' (not executed again)',
        p.step_id, jsonb_build_object('job_id', (select rerun_of from j))
      from plan p where p.reused and (select first from started)
      on conflict do nothing
    )
    select j.workspace_id, j.payload, (select steps from v) as steps, j.rerun_of, j.replay_from_step,
      (select coalesce(jsonb_object_agg(step_id, coalesce(output, 'null'::jsonb)), '{}'::jsonb)
        from plan where reused) as reused
    from j`);
  if (!row) return null;
  const replay =
    row.replay_from_step && row.rerun_of
      ? { fromStep: row.replay_from_step, of: row.rerun_of, outputs: row.reused ?? {} }
      : null;
  return { workspaceId: row.workspace_id, payload: row.payload, steps: row.steps ?? [], replay };
}
