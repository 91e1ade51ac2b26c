import { randomBytes } from 'node:crypto';
import { auditCsvStream, csvField, csvFieldSql, streamAuditCsv } from '@levqor/core';
import { auditEvents, eq, jobs, sessions, sql } from '@levqor/db';
import { createLevqorEngine } from '@levqor/engine/functions';
import { makeUser, testDb } from '@levqor/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../context';
import { trpcHttp, useTestEvents } from '../../test-client';

beforeAll(() => useTestEvents(createLevqorEngine(testDb(), { provider: 'local' }).client));

async function person(opts: { admin?: boolean; name?: string } = {}) {
  const made = await makeUser({ admin: opts.admin, name: opts.name });
  const session: SessionUser = {
    id: made.user.id,
    email: made.user.email,
    name: made.user.name,
    role: made.user.role,
  };
  return { ...made, session };
}

const data = <T>(r: { json: { result?: { data: { json: unknown } } } }) => r.json.result!.data.json as T;

async function auditOf(target: string) {
  return testDb().select().from(auditEvents).where(eq(auditEvents.target, target));
}

async function submit(who: SessionUser) {
  const r = await trpcHttp(who, 'jobs.submit', { workflow: 'demo.flow', payload: { x: 1 } }, 'POST');
  expect(r.status).toBe(200);
  return data<{ id: string }>(r).id;
}

describe('admin jobs explorer', () => {
  it('lists jobs across workspaces with filters and pages; cancels and reruns on a customer’s behalf, audited', async () => {
    const admin = await person({ admin: true });
    const a = await person();
    const b = await person();
    const jobA = await submit(a.session);
    const jobB = await submit(b.session);
    const jobB2 = await submit(b.session);

    // Both tenants' jobs, newest first; the workspace filter narrows to one; pages continue.
    const both = data<{ items: { id: string }[] }>(
      await trpcHttp(admin.session, 'admin.jobs.list', { limit: 100 }),
    );
    const ids = both.items.map((j) => j.id);
    expect(ids).toEqual(expect.arrayContaining([jobA, jobB, jobB2]));
    expect(ids.indexOf(jobB2)).toBeLessThan(ids.indexOf(jobA));
    const first = data<{ items: { id: string }[]; nextCursor: string | null }>(
      await trpcHttp(admin.session, 'admin.jobs.list', { workspaceId: b.workspace.id, limit: 1 }),
    );
    expect(first.items.map((j) => j.id)).toEqual([jobB2]);
    const second = data<{ items: { id: string }[]; nextCursor: string | null }>(
      await trpcHttp(admin.session, 'admin.jobs.list', {
        workspaceId: b.workspace.id,
        limit: 1,
        cursor: first.nextCursor,
      }),
    );
    expect(second.items.map((j) => j.id)).toEqual([jobB]);
    expect(second.nextCursor).toBeNull();
    expect((await trpcHttp(admin.session, 'admin.jobs.list', { cursor: 'garbage' })).status).toBe(400);

    // A failure, found by its error text and counted in the last 24 h.
    const marker = `upstream exploded ${randomBytes(4).toString('hex')}`;
    await testDb()
      .update(jobs)
      .set({ status: 'failed', error: marker, finishedAt: new Date() })
      .where(eq(jobs.id, jobA));
    const byError = data<{ items: { id: string }[] }>(
      await trpcHttp(admin.session, 'admin.jobs.list', { error: marker.slice(9), status: 'failed' }),
    );
    expect(byError.items.map((j) => j.id)).toEqual([jobA]);
    const stats = data<{
      failed: number;
      ended: number;
      failureRate: number;
      topErrors: { error: string }[];
    }>(await trpcHttp(admin.session, 'admin.jobs.stats', {}));
    expect(stats.failed).toBeGreaterThanOrEqual(1);
    expect(stats.failureRate).toBeGreaterThan(0);
    expect(stats.topErrors.map((e) => e.error)).toContain(marker);

    // The customer's own view of the job.
    const detail = data<{ workspaceId: string; job: { id: string; steps: unknown[] } }>(
      await trpcHttp(admin.session, 'admin.jobs.get', { id: jobB }),
    );
    expect(detail).toMatchObject({ workspaceId: b.workspace.id, job: { id: jobB } });

    // Cancel: a reason is required; a customer cannot use it; the admin can, and it is audited.
    expect(
      (await trpcHttp(admin.session, 'admin.jobs.cancel', { id: jobB, reason: '' }, 'POST')).status,
    ).toBe(400);
    expect(
      (await trpcHttp(a.session, 'admin.jobs.cancel', { id: jobB, reason: 'not mine to cancel' }, 'POST'))
        .status,
    ).toBe(403);
    expect(
      (await trpcHttp(null, 'admin.jobs.cancel', { id: jobB, reason: 'anonymous try' }, 'POST')).status,
    ).toBe(401);
    const cancelled = await trpcHttp(
      admin.session,
      'admin.jobs.cancel',
      { id: jobB, reason: 'customer asked by email' },
      'POST',
    );
    expect(cancelled.status).toBe(200);
    expect(data<{ status: string }>(cancelled).status).toBe('cancelled');
    expect(await auditOf(jobB)).toEqual([
      expect.objectContaining({
        actor: admin.user.id,
        action: 'admin.job.cancel',
        workspaceId: b.workspace.id,
        metadata: { reason: 'customer asked by email' },
      }),
    ]);
    // The customer's rules still hold: an ended job cannot be cancelled again.
    expect(
      (await trpcHttp(admin.session, 'admin.jobs.cancel', { id: jobB, reason: 'second time' }, 'POST'))
        .status,
    ).toBe(409);

    const rerun = await trpcHttp(
      admin.session,
      'admin.jobs.rerun',
      { id: jobB, reason: 'after the fix' },
      'POST',
    );
    expect(rerun.status).toBe(200);
    const newId = data<{ id: string }>(rerun).id;
    const [newJob] = await testDb().select().from(jobs).where(eq(jobs.id, newId));
    expect(newJob).toMatchObject({ workspaceId: b.workspace.id, rerunOf: jobB });
    expect((await auditOf(jobB)).map((e) => e.action).sort()).toEqual([
      'admin.job.cancel',
      'admin.job.rerun',
    ]);
  });
});

describe('admin users and workspaces', () => {
  it('searches, shows a workspace and a user, changes a role and revokes sessions — audited', async () => {
    const admin = await person({ admin: true });
    const name = `Zed ${randomBytes(4).toString('hex')}`;
    const c = await person({ name });
    const found = data<{ users: { id: string }[]; workspaces: { id: string }[] }>(
      await trpcHttp(admin.session, 'admin.accounts.search', { query: c.user.email }),
    );
    expect(found.users.map((u) => u.id)).toEqual([c.user.id]);
    // The workspace is found through its member's email.
    expect(found.workspaces.map((w) => w.id)).toEqual([c.workspace.id]);
    const byName = data<{ users: { id: string }[] }>(
      await trpcHttp(admin.session, 'admin.accounts.search', { query: name }),
    );
    expect(byName.users.map((u) => u.id)).toEqual([c.user.id]);

    const ws = data<{ members: { userId: string }[]; budget: { budgetCents: number }; keys: unknown[] }>(
      await trpcHttp(admin.session, 'admin.accounts.workspace', { id: c.workspace.id }),
    );
    expect(ws.members.map((m) => m.userId)).toEqual([c.user.id]);
    expect(ws.budget.budgetCents).toBeGreaterThan(0);
    expect((await trpcHttp(admin.session, 'admin.accounts.workspace', { id: 'ws_nope' })).status).toBe(404);

    await testDb()
      .insert(sessions)
      .values([
        {
          sessionToken: randomBytes(16).toString('hex'),
          userId: c.user.id,
          expires: new Date(Date.now() + 3.6e6),
        },
        {
          sessionToken: randomBytes(16).toString('hex'),
          userId: c.user.id,
          expires: new Date(Date.now() + 3.6e6),
        },
      ]);
    const user = data<{ liveSessions: number; workspaces: { workspaceId: string }[] }>(
      await trpcHttp(admin.session, 'admin.accounts.user', { id: c.user.id }),
    );
    expect(user).toMatchObject({ liveSessions: 2, workspaces: [{ workspaceId: c.workspace.id }] });

    expect(
      (
        await trpcHttp(
          c.session,
          'admin.accounts.setRole',
          { userId: c.user.id, role: 'admin', reason: 'promote me' },
          'POST',
        )
      ).status,
    ).toBe(403);
    const promoted = await trpcHttp(
      admin.session,
      'admin.accounts.setRole',
      { userId: c.user.id, role: 'admin', reason: 'joined the support team' },
      'POST',
    );
    expect(promoted.status).toBe(200);
    const selfDemote = await trpcHttp(
      admin.session,
      'admin.accounts.setRole',
      { userId: admin.user.id, role: 'user', reason: 'stepping down' },
      'POST',
    );
    expect(selfDemote.status).toBe(400);

    const revoked = await trpcHttp(
      admin.session,
      'admin.accounts.revokeSessions',
      { userId: c.user.id, reason: 'laptop stolen' },
      'POST',
    );
    expect(data<{ revoked: number }>(revoked).revoked).toBe(2);
    expect(await testDb().select().from(sessions).where(eq(sessions.userId, c.user.id))).toEqual([]);
    const audit = await auditOf(c.user.id);
    expect(audit.map((e) => [e.actor, e.action, (e.metadata as { reason: string }).reason]).sort()).toEqual([
      [admin.user.id, 'admin.user.revoke_sessions', 'laptop stolen'],
      [admin.user.id, 'admin.user.role', 'joined the support team'],
    ]);
  });
});

describe('admin audit log', () => {
  it('filters, pages and streams CSV in batches', async () => {
    const admin = await person({ admin: true });
    const actor = `usr_audit${randomBytes(4).toString('hex')}`;
    const rows = Array.from({ length: 2_345 }, (_, i) => ({
      actor,
      action: i % 2 ? 'admin.test.odd' : 'admin.test.even',
      target: `t_${i}`,
      workspaceId: null,
      metadata: { reason: i === 7 ? '=HYPERLINK("x"), "quoted"' : `r${i}` },
      createdAt: new Date(Date.now() - i * 1_000),
    }));
    await testDb().insert(auditEvents).values(rows);

    const page = data<{ items: { target: string }[]; nextCursor: string }>(
      await trpcHttp(admin.session, 'admin.auditLog.list', { actor, action: 'admin.test.odd', limit: 2 }),
    );
    expect(page.items.map((e) => e.target)).toEqual(['t_1', 't_3']);
    const next = data<{ items: { target: string }[] }>(
      await trpcHttp(admin.session, 'admin.auditLog.list', {
        actor,
        action: 'admin.test.odd',
        limit: 2,
        cursor: page.nextCursor,
      }),
    );
    expect(next.items.map((e) => e.target)).toEqual(['t_5', 't_7']);

    const chunks: string[] = [];
    for await (const chunk of streamAuditCsv(testDb(), { actor })) chunks.push(chunk);
    // The header, then one chunk per batch of 1,000 rows.
    expect(chunks).toHaveLength(4);
    const lines = chunks.join('').trimEnd().split('\n');
    expect(lines[0]).toBe('id,created_at,actor,action,target,workspace_id,reason,metadata');
    expect(lines).toHaveLength(2_346);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[4])).size).toBe(2_345);
    const formula = lines.find((l) => l.includes(',t_7,'))!;
    expect(formula).toContain(`"'=HYPERLINK(""x""), ""quoted"""`);

    // The route's body: the same bytes, one batch per read.
    const reader = auditCsvStream(testDb(), { actor }).getReader();
    const decoder = new TextDecoder();
    let body = '';
    let reads = 0;
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      body += decoder.decode(r.value, { stream: true });
      reads += 1;
    }
    expect(reads).toBe(4);
    expect(body).toBe(chunks.join(''));
  });

  it('renders CSV fields in PostgreSQL exactly as csvField does', async () => {
    const values = [
      null,
      '',
      'plain',
      'a,b',
      'say "hi"',
      'two\nlines',
      'cr\rhere',
      '=SUM(A1)',
      '+1',
      '-2',
      '@x',
      '\tx',
      "'q",
    ];
    for (const value of values) {
      const [row] = await testDb().execute<{ f: string }>(
        sql`select ${csvFieldSql(sql`${value}::text`)} as f`,
      );
      expect(row?.f, JSON.stringify(value)).toBe(csvField(value));
    }
  });
});
