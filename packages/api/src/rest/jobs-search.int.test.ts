import { API_SCOPES, createApiKey } from '@levqor/core';
import { makeUser, testDb } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../context';
import { trpcHttp, useTestEvents } from '../test-client';
import { startRestTestServer } from './test-server';

let rest: Awaited<ReturnType<typeof startRestTestServer>>;
beforeAll(async () => {
  rest = await startRestTestServer();
  useTestEvents(rest.deps.events);
});
afterAll(() => rest.close());

async function tenant() {
  const { user, workspace } = await makeUser();
  const { plaintext } = await createApiKey(testDb(), {
    workspaceId: workspace.id,
    userId: user.id,
    input: { name: 'k', scopes: [...API_SCOPES] },
  });
  const session: SessionUser = { id: user.id, email: user.email, name: user.name, role: user.role };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${rest.base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${plaintext}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  return { session, call };
}

describe('GET /api/v1/jobs search and date range; jobs.counts', () => {
  it('searches payload text and job ids, filters by creation time, counts by status, per workspace', async () => {
    const a = await tenant();
    const b = await tenant();
    const hit = await a.call('POST', '/jobs', { workflow: 'demo.flow', payload: { order: 'ORD-77431' } });
    expect(hit.status).toBe(202);
    await a.call('POST', '/jobs', { workflow: 'demo.flow', payload: { order: 'ORD-10000' } });
    const id = hit.json.id as string;

    const byText = await a.call('GET', '/jobs?q=ord-77431');
    expect(byText.status).toBe(200);
    expect((byText.json.items as { id: string }[]).map((j) => j.id)).toEqual([id]);
    const byId = await a.call('GET', `/jobs?q=${id}`);
    expect((byId.json.items as { id: string }[]).map((j) => j.id)).toEqual([id]);
    expect(((await b.call('GET', `/jobs?q=${id}`)).json.items as unknown[]).length).toBe(0);

    const future = await a.call('GET', `/jobs?created_from=${encodeURIComponent('2099-01-01T00:00:00Z')}`);
    expect(future.json.items).toEqual([]);
    const bad = await a.call('GET', '/jobs?created_to=tomorrow');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('a date-time such as');

    const counts = await trpcHttp(a.session, 'jobs.counts', { q: 'ORD-' });
    expect(counts.json.result!.data.json).toMatchObject({ total: 2, counts: { queued: 2 } });
    const theirs = await trpcHttp(b.session, 'jobs.counts', {});
    expect(theirs.json.result!.data.json).toMatchObject({ total: 0 });
  });
});
