import { randomBytes } from 'node:crypto';
import { type DbOrTx, sql } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { PLATFORM_SCOPE } from '../intelligence/metrics';
import { HEALTH_SPARKLINES, opsHealthQueries } from './ops-health';

/**
 * The operations health page reads tables that only grow (engine runs, jobs, webhook deliveries, the
 * security log, the rollups). Over a production-like volume — 100k engine runs, 100k jobs, 100k webhook
 * deliveries, 50k security events, a month of rollups — each of its statements must reach those tables
 * through an index, never a sequential scan: the page is what an operator opens when things are slow.
 *
 * The volume is written, ANALYZEd and EXPLAINed inside one transaction that is rolled back, so no other
 * test sees it. The planner chooses freely (no enable_* switches): with fresh statistics it only avoids
 * a scan of a 100k-row table when an index makes that cheaper.
 */
const db = testDb();
const BIG = ['engine_runs', 'jobs', 'webhook_deliveries', 'security_events', 'metric_rollups'];
const N = 100_000;

class Rollback extends Error {}

async function seedVolume(tx: DbOrTx, workspaceId: string) {
  const t = randomBytes(4).toString('hex');
  const wf = `wf_vol${t}`;
  const wfv = `wfv_vol${t}`;
  await tx.execute(
    sql`insert into workflows (id, workspace_id, slug, name) values (${wf}, ${workspaceId}, ${`vol-${t}`}, 'Volume')`,
  );
  await tx.execute(
    sql`insert into workflow_versions (id, workflow_id, version, steps) values (${wfv}, ${wf}, 1, '[]'::jsonb)`,
  );
  // A month of jobs, one every 26 s (~140 in the last hour): 3% failed, the newest 50 still queued.
  await tx.execute(sql`
    insert into jobs (id, workspace_id, workflow_id, workflow_version_id, workflow_slug, workflow_version,
                      payload, status, created_at, started_at, finished_at)
    select ${`job_vol${t}_`} || i, ${workspaceId}, ${wf}, ${wfv}, 'volume', 1, '{}'::jsonb,
           (case when i <= 50 then 'queued' when i % 33 = 0 then 'failed' else 'succeeded' end)::job_status,
           now() - i * interval '26 seconds',
           case when i > 50 then now() - i * interval '26 seconds' + interval '2 seconds' end,
           case when i > 50 then now() - i * interval '26 seconds' + interval '5 seconds' end
    from generate_series(1, ${N}) i`);
  // Engine runs: 1,500 queued (half due, half waiting to retry), 300 sleeping, 50 running, the rest
  // finished; three in four with a per-workspace concurrency key (as jobs.run has); one in 500 lost an
  // attempt with its worker.
  await tx.execute(sql`
    insert into engine_runs (id, function_id, event_name, payload, status, run_at, attempt, lost_count,
                             locked_by, lease_until, concurrency_key, concurrency_limit,
                             created_at, updated_at, finished_at)
    select ${`run_vol${t}_`} || i, 'jobs.run', 'levqor/job.submitted', jsonb_build_object('jobId', 'job_vol' || i),
           (case when i <= 1500 then 'queued' when i <= 1800 then 'sleeping' when i <= 1850 then 'running'
                 when i % 100 = 0 then 'failed' else 'succeeded' end)::engine_run_status,
           case when i <= 750 then now() - i * interval '1 second'
                when i <= 1800 then now() + i * interval '1 second'
                else now() - i * interval '26 seconds' end,
           case when i % 500 = 0 then 2 else 1 end, case when i % 500 = 0 then 1 else 0 end,
           case when i between 1801 and 1850 then 'wkr_vol' end,
           case when i between 1801 and 1850 then now() + interval '30 seconds' end,
           case when i % 4 <> 0 then 'jobs.run:ws_vol' || (i % 200) end, case when i % 4 <> 0 then 5 end,
           now() - i * interval '26 seconds', now() - i * interval '26 seconds' + interval '5 seconds',
           case when i > 1850 then now() - i * interval '26 seconds' + interval '5 seconds' end
    from generate_series(1, ${N}) i`);
  // Webhook deliveries: 500 pending, the rest delivered (2% given up on).
  await tx.execute(sql`
    insert into webhook_deliveries (id, workspace_id, url, event_type, payload, status, attempts, created_at, delivered_at)
    select ${`whd_vol${t}_`} || i, ${workspaceId}, 'https://hooks.example.com/levqor', 'job.completed', '{}'::jsonb,
           (case when i <= 500 then 'pending' when i % 50 = 0 then 'failed' else 'succeeded' end)::webhook_delivery_status,
           1, now() - i * interval '26 seconds',
           case when i > 500 and i % 50 <> 0 then now() - i * interval '26 seconds' + interval '1 second' end
    from generate_series(1, ${N}) i`);
  // A month of the security log, one event a minute, one in 20 an aggregated rate-limit refusal.
  await tx.execute(sql`
    insert into security_events (id, type, severity, metadata, count, created_at)
    select ${`sec_vol${t}_`} || i,
           case when i % 20 = 0 then 'rate_limited' else 'signin.succeeded' end, 'info',
           case when i % 20 = 0 then jsonb_build_object('rule', 'api-key') end,
           case when i % 20 = 0 then 7 else 1 end, now() - i * interval '52 seconds'
    from generate_series(1, ${N / 2}) i`);
  // A month of platform rollups, every five minutes, for the page's series and five others.
  await tx.execute(sql`
    insert into metric_rollups (scope, metric, bucket_start, value)
    select ${PLATFORM_SCOPE}, m, date_trunc('hour', now()) - i * interval '5 minutes', i % 97
    from generate_series(1, 8640) i,
         unnest(array[${sql.join(
           [...HEALTH_SPARKLINES, 'a.one', 'a.two', 'a.three', 'a.four', 'a.five'].map((m) => sql`${m}`),
           sql`, `,
         )}]) m
    on conflict do nothing`);
  await tx.execute(sql`analyze engine_runs, jobs, webhook_deliveries, security_events, metric_rollups`);
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const walk = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(walk)];

async function explain(tx: DbOrTx, query: ReturnType<typeof sql>, analyze: boolean) {
  const rows = (await tx.execute(
    sql`explain (${sql.raw(analyze ? 'analyze, ' : '')}format json) ${query}`,
  )) as unknown as { 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time'?: number }] }[];
  const [out] = rows[0]!['QUERY PLAN'];
  return { nodes: walk(out.Plan), ms: out['Execution Time'] ?? null };
}

describe('operations health over a production-like volume', () => {
  it('reads engine runs, jobs, webhook deliveries, the security log and the rollups through indexes only', async () => {
    const ws = (await makeUser()).workspace;
    const now = new Date();
    const q = opsHealthQueries(now);
    const queries = {
      queueByState: q.queueByState,
      oldestQueued: q.oldestQueued,
      claimLatency: q.claimLatency,
      workers: q.workers,
      lastCrash: q.lastCrash,
      jobWindowHour: q.jobWindow(new Date(now.getTime() - 3_600_000)),
      jobWindowDay: q.jobWindow(new Date(now.getTime() - 86_400_000)),
      webhookBacklog: q.webhookBacklog,
      rateLimitTotals: q.rateLimitTotals,
      rateLimitTopRules: q.rateLimitTopRules,
      sparklines: q.sparklines,
    };
    const report: Record<string, { scans: string[]; indexes: string[]; ms: number | null }> = {};
    await db
      .transaction(async (tx) => {
        await seedVolume(tx, ws.id);
        const [{ n }] = (await tx.execute(
          sql`select (select count(*) from engine_runs)::int + (select count(*) from jobs)::int as n`,
        )) as unknown as [{ n: number }];
        expect(n).toBeGreaterThanOrEqual(2 * N);
        for (const [name, query] of Object.entries(queries)) {
          const { nodes } = await explain(tx, query, false);
          const { ms } = await explain(tx, query, !!process.env.LEVQOR_PLAN_TIMINGS);
          const onBig = nodes.filter((p) => p['Relation Name'] && BIG.includes(p['Relation Name']));
          report[name] = {
            scans: onBig.map((p) =>
              `${p['Node Type']} ${p['Relation Name']} ${p['Index Name'] ?? ''}`.trim(),
            ),
            indexes: nodes.flatMap((p) => (p['Index Name'] ? [p['Index Name']] : [])),
            ms,
          };
        }
        throw new Rollback();
      })
      .catch((err) => {
        if (!(err instanceof Rollback)) throw err;
      });
    if (process.env.LEVQOR_PLAN_TIMINGS) console.info(JSON.stringify(report, null, 2));

    for (const [name, { scans }] of Object.entries(report)) {
      // Every statement but the workers list (engine_workers is small) reads at least one big table...
      if (name !== 'workers') expect(scans.length, name).toBeGreaterThan(0);
      // ...and none of them by reading it whole.
      expect(
        scans.filter((s) => s.startsWith('Seq Scan')),
        name,
      ).toEqual([]);
    }
    // The backlog statements use the indexes made for them.
    // The queue reads only the engine's backlog indexes (the due runs with and without a concurrency
    // key, the running runs): its cost follows the backlog, not the history.
    const BACKLOG = ['engine_runs_unkeyed_due_idx', 'engine_runs_key_due_idx', 'engine_runs_key_next_idx'];
    for (const name of ['queueByState', 'oldestQueued']) {
      const used = report[name]!.indexes;
      expect(used, name).toContain('engine_runs_unkeyed_due_idx');
      // ...and one of the keyed runs' two (which one is the planner's choice).
      expect(
        used.filter((i) => i !== 'engine_runs_unkeyed_due_idx' && BACKLOG.includes(i)),
        name,
      ).not.toEqual([]);
    }
    expect(report.queueByState!.indexes).toContain('engine_runs_running_idx');
    expect(report.lastCrash!.indexes).toContain('engine_runs_lost_idx');
    expect(report.claimLatency!.indexes).toContain('jobs_started_idx');
    expect(report.webhookBacklog!.indexes).toContain('webhook_deliveries_pending_idx');
  }, 180_000);
});
