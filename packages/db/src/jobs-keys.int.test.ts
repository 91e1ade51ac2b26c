import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, createDb, type Database } from './client';
import { newId } from './ids';

const url = process.env.DATABASE_URL!;
let db: Database;
const ids = {
  ws: newId('ws'),
  wf1: newId('wf'),
  wf2: newId('wf'),
  v1: newId('wfv'),
  v2: newId('wfv'),
};

beforeAll(async () => {
  db = createDb(url, { max: 2 });
  const sql = db.$client;
  await sql`insert into workspaces (id, name) values (${ids.ws}, 'keys')`;
  await sql`insert into workflows (id, workspace_id, slug, name) values
    (${ids.wf1}, ${ids.ws}, 'one', 'One'), (${ids.wf2}, ${ids.ws}, 'two', 'Two')`;
  await sql`insert into workflow_versions (id, workflow_id, version, steps) values
    (${ids.v1}, ${ids.wf1}, 1, '[]'), (${ids.v2}, ${ids.wf2}, 1, '[]')`;
});

afterAll(async () => {
  await db.$client`delete from workspaces where id = ${ids.ws}`;
  await closeDb(db);
});

const insertJob = (workflowId: string, versionId: string, tags: string[] = []) =>
  db.$client`insert into jobs (id, workspace_id, workflow_id, workflow_version_id, workflow_slug, workflow_version, payload, tags)
    values (${newId('job')}, ${ids.ws}, ${workflowId}, ${versionId}, 'one', 1, '{}', ${tags}) returning id`;

describe('jobs keys', () => {
  it('refuses a job whose version belongs to another workflow (one foreign key for both columns)', async () => {
    await expect(insertJob(ids.wf1, ids.v1)).resolves.toHaveLength(1);
    await expect(insertJob(ids.wf1, ids.v2)).rejects.toMatchObject({
      code: '23503',
      constraint_name: 'jobs_workflow_version_fk',
    });
    await expect(insertJob(ids.wf1, newId('wfv'))).rejects.toMatchObject({ code: '23503' });
  });

  it('a workflow with jobs cannot be deleted', async () => {
    await expect(db.$client`delete from workflows where id = ${ids.wf1}`).rejects.toMatchObject({
      code: '23503',
    });
  });

  it('the tags index holds tagged jobs and serves a tag filter that states cardinality(tags) > 0', async () => {
    await insertJob(ids.wf1, ids.v1, ['billing']);
    const plan = await db.$client.begin(async (tx) => {
      await tx`set local enable_seqscan = off`;
      return tx.unsafe(
        `explain select id from jobs where tags @> array['billing'] and cardinality(tags) > 0`,
      );
    });
    expect(plan.map((r) => Object.values(r)[0]).join('\n')).toContain('jobs_tags_idx');
    const found = await db.$client`select id from jobs
      where workspace_id = ${ids.ws} and tags @> array['billing'] and cardinality(tags) > 0`;
    expect(found).toHaveLength(1);
  });

  it('deleting a job takes its idempotency keys and webhook deliveries (by index) and leaves its ledger rows', async () => {
    const [{ id: jobId }] = (await insertJob(ids.wf1, ids.v1)) as unknown as [{ id: string }];
    const sql = db.$client;
    await sql`insert into job_idempotency_keys (workspace_id, key, request_hash, job_id, expires_at)
      values (${ids.ws}, ${`k-${jobId}`}, 'h', ${jobId}, now() + interval '1 day')`;
    await sql`insert into webhook_deliveries (id, workspace_id, job_id, url, event_type, payload)
      values (${newId('whd')}, ${ids.ws}, ${jobId}, 'https://example.com/hook', 'job.succeeded', '{}')`;
    await sql`insert into cost_ledger (id, workspace_id, job_id, kind, amount, month)
      values (${newId('led')}, ${ids.ws}, ${jobId}, 'reserve', '0.0100', '2026-11')`;
    await sql`delete from jobs where id = ${jobId}`;
    const count = async (table: string) =>
      (await sql.unsafe(`select count(*)::int as n from ${table} where job_id = $1`, [jobId]))[0]!.n;
    expect(await count('job_idempotency_keys')).toBe(0);
    expect(await count('webhook_deliveries')).toBe(0);
    expect(await count('cost_ledger')).toBe(1);
    const plans = await sql.begin(async (tx) => {
      await tx`set local enable_seqscan = off`;
      return Promise.all(
        ['job_idempotency_keys', 'webhook_deliveries'].map(async (table) =>
          (await tx.unsafe(`explain delete from ${table} where job_id = 'x'`))
            .map((r) => Object.values(r)[0])
            .join('\n'),
        ),
      );
    });
    expect(plans[0]).toContain('job_idempotency_keys_job_idx');
    expect(plans[1]).toContain('webhook_deliveries_job_idx');
  });
});
