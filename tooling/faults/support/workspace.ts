import { randomBytes } from 'node:crypto';
import { createUser, createWorkflow, setMonthlyBudget, setWorkspacePlan } from '@levqor/core';
import type { Database } from '@levqor/db';

/** A fresh user and workspace with a budget far above what the suite spends, and `steps` published. */
export async function workspaceWithWorkflow(db: Database, steps: unknown[]) {
  const tag = randomBytes(4).toString('hex');
  const { user, workspace } = await createUser(db, { email: `faults-${tag}@faults.levqor.local` });
  await setWorkspacePlan(db, { workspaceId: workspace.id, plan: 'enterprise', actor: 'faults' });
  await setMonthlyBudget(db, workspace.id, { cents: 100_000_000 });
  const slug = `faults-${tag}`;
  await createWorkflow(db, workspace.id, { slug, name: 'Fault workload', publish: true, steps } as never);
  return { user, workspace, slug };
}

/**
 * Facts of every job of `workspaceId`: status, terminal timeline entries, and its ledger. The ledger's
 * model (core/jobs/finalize-job.ts): intake reserves the estimate; finishing settles the actual cost and
 * releases the whole reservation — balanced means reserve = release and settle = the job's cost.
 */
export async function jobFacts(db: Database, workspaceId: string) {
  const rows = await db.$client<
    {
      id: string;
      status: string;
      terminal: number;
      cost: number;
      reserved: number;
      settled: number;
      released: number;
    }[]
  >`
    select j.id, j.status::text, j.cost::float8 as cost,
      (select count(*)::int from job_events e where e.job_id = j.id
        and e.type in ('job.succeeded', 'job.failed', 'job.cancelled')) as terminal,
      coalesce((select sum(amount) from cost_ledger l where l.job_id = j.id and l.kind = 'reserve'), 0)::float8 as reserved,
      coalesce((select sum(amount) from cost_ledger l where l.job_id = j.id and l.kind = 'settle'), 0)::float8 as settled,
      coalesce((select sum(amount) from cost_ledger l where l.job_id = j.id and l.kind = 'release'), 0)::float8 as released
    from jobs j where j.workspace_id = ${workspaceId}`;
  return rows;
}
