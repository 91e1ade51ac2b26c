import { eq, jobs, sql } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import type { EventSender } from '../events/events';
import { countJobsByStatus, listJobs, SEARCH_WINDOW } from './list-jobs';
import { submitJob } from './submit-job';

const events: EventSender = { send: async () => {}, flush: async () => {} };

async function tenant() {
  const { user, workspace } = await makeUser();
  const submit = async (payload: unknown, createdAt?: string) => {
    const { job } = await submitJob(
      testDb(),
      { workspaceId: workspace.id, submittedBy: user.id, events },
      { workflow: 'demo.flow', payload },
    );
    if (createdAt)
      await testDb()
        .update(jobs)
        .set({ createdAt: new Date(createdAt) })
        .where(eq(jobs.id, job.id));
    return job.id;
  };
  return { workspaceId: workspace.id, submit };
}

const ids = (page: { items: { id: string }[] }) => page.items.map((j) => j.id);

describe('listJobs search and date range', () => {
  it('finds a job by its id or the beginning of it, and never another workspace’s job', async () => {
    const a = await tenant();
    const b = await tenant();
    const one = await a.submit({ n: 1 });
    await a.submit({ n: 2 });
    expect(ids(await listJobs(testDb(), a.workspaceId, { q: one }))).toEqual([one]);
    expect(ids(await listJobs(testDb(), a.workspaceId, { q: ` ${one.slice(0, 12)} ` }))).toEqual([one]);
    expect(ids(await listJobs(testDb(), b.workspaceId, { q: one }))).toEqual([]);
    expect((await countJobsByStatus(testDb(), b.workspaceId, { q: one })).total).toBe(0);
  });

  it('finds payload text case-insensitively; % and _ are literal', async () => {
    const a = await tenant();
    const ada = await a.submit({ customer: { name: 'Ada Lovelace' } });
    const pct = await a.submit({ note: '100% done' });
    await a.submit({ customer: { name: 'Grace Hopper' } });
    await a.submit({ note: '100 x done' });
    expect(ids(await listJobs(testDb(), a.workspaceId, { q: 'lovelace' }))).toEqual([ada]);
    expect(ids(await listJobs(testDb(), a.workspaceId, { q: '100%' }))).toEqual([pct]);
    expect(ids(await listJobs(testDb(), a.workspaceId, { q: 'a_a' }))).toEqual([]);
    const other = await tenant();
    expect(ids(await listJobs(testDb(), other.workspaceId, { q: 'lovelace' }))).toEqual([]);
    expect(await countJobsByStatus(testDb(), a.workspaceId, { q: 'done' })).toMatchObject({
      total: 2,
      counts: { queued: 2, running: 0 },
      capped: false,
    });
  });

  it('filters by creation time (from inclusive, to exclusive) and counts by status within it', async () => {
    const a = await tenant();
    const early = await a.submit({}, '2026-11-01T10:00:00Z');
    const mid = await a.submit({}, '2026-11-15T10:00:00Z');
    await a.submit({}, '2026-11-30T10:00:00Z');
    await testDb().update(jobs).set({ status: 'failed' }).where(eq(jobs.id, mid));
    const range = { created_from: '2026-11-01T10:00:00Z', created_to: '2026-11-30T10:00:00Z' };
    expect(ids(await listJobs(testDb(), a.workspaceId, range))).toEqual([mid, early]);
    expect(await countJobsByStatus(testDb(), a.workspaceId, range)).toEqual({
      counts: { queued: 1, running: 0, succeeded: 0, failed: 1, cancelled: 0 },
      total: 2,
      capped: false,
    });
    expect(ids(await listJobs(testDb(), a.workspaceId, { ...range, status: 'failed' }))).toEqual([mid]);
    await expect(listJobs(testDb(), a.workspaceId, { created_from: 'yesterday' })).rejects.toThrow(
      /a date-time such as/,
    );
  });

  it(`searches payloads in windows of ${SEARCH_WINDOW} jobs: next_cursor continues into older ones`, async () => {
    const a = await tenant();
    const needle = await a.submit({ find: 'needle-in-old' }, '2026-01-01T00:00:00Z');
    // SEARCH_WINDOW newer jobs without it (one statement; same workflow version as the first).
    await testDb().execute(sql`
      insert into jobs (id, workspace_id, workflow_id, workflow_version_id, workflow_slug, workflow_version, payload, created_at)
      select 'job_' || lpad(g::text, 20, 'x'), workspace_id, workflow_id, workflow_version_id, workflow_slug,
             workflow_version, jsonb_build_object('n', g), timestamptz '2026-06-01' + g * interval '1 second'
      from jobs, generate_series(1, ${SEARCH_WINDOW}) g where jobs.id = ${needle}`);
    const first = await listJobs(testDb(), a.workspaceId, { q: 'needle' });
    expect(first.items).toEqual([]);
    expect(first.search_limited).toBe(true);
    expect(first.next_cursor).not.toBeNull();
    const second = await listJobs(testDb(), a.workspaceId, { q: 'needle', cursor: first.next_cursor });
    expect(ids(second)).toEqual([needle]);
    expect(second.search_limited).toBe(false);
    expect(second.next_cursor).toBeNull();
  });
});
