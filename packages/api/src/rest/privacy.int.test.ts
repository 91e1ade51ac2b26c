import { createApiKey, mayProcess } from '@levqor/core';
import { and, eq, privacyRequests } from '@levqor/db';
import { makeMember, makeUser, testDb } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestTestServer } from './test-server';

let server: Awaited<ReturnType<typeof startRestTestServer>>;
beforeAll(async () => {
  server = await startRestTestServer();
});
afterAll(() => server.close());

async function keyFor(workspaceId: string, userId: string, scopes: string[]) {
  const { plaintext } = await createApiKey(testDb(), {
    workspaceId,
    userId,
    input: { name: 'privacy', scopes: scopes as never },
  });
  return plaintext;
}

const call = (key: string, method: string, path: string, body?: unknown) =>
  fetch(`${server.base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('REST /api/v1/privacy', () => {
  it('objects, lists and withdraws for the key’s user; enforced by mayProcess; other tenants see nothing', async () => {
    const { user, workspace } = await makeUser();
    const key = await keyFor(workspace.id, user.id, ['privacy:read', 'privacy:write']);
    const created = await call(key, 'POST', '/privacy/objections', { purpose: 'profiling', reason: 'no' });
    expect(created.status).toBe(200);
    const objection = await created.json();
    expect(objection).toMatchObject({ purpose: 'profiling', source: 'api', withdrawn_at: null });
    expect(await mayProcess(testDb(), user.id, 'profiling')).toBe(false);

    const other = await makeUser();
    const otherKey = await keyFor(other.workspace.id, other.user.id, ['privacy:read', 'privacy:write']);
    expect((await (await call(otherKey, 'GET', '/privacy/objections')).json()).data).toEqual([]);
    const stolen = await call(otherKey, 'POST', `/privacy/objections/${objection.id}/withdraw`);
    expect(stolen.status).toBe(404);
    expect(stolen.headers.get('content-type')).toContain('application/problem+json');

    const list = await (await call(key, 'GET', '/privacy/objections')).json();
    expect(list.data.map((o: { id: string }) => o.id)).toEqual([objection.id]);
    const withdrawn = await call(key, 'POST', `/privacy/objections/${objection.id}/withdraw`);
    expect((await withdrawn.json()).withdrawn_at).not.toBeNull();
    expect(await mayProcess(testDb(), user.id, 'profiling')).toBe(true);
  });

  it('refuses an unknown purpose with a message and a key without the scope with 403', async () => {
    const { user, workspace } = await makeUser();
    const key = await keyFor(workspace.id, user.id, ['privacy:write']);
    const bad = await call(key, 'POST', '/privacy/objections', { purpose: 'everything' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).detail).toMatch(/purpose/);
    const readOnly = await keyFor(workspace.id, user.id, ['jobs:read']);
    const refused = await call(readOnly, 'POST', '/privacy/objections', { purpose: 'marketing' });
    expect(refused.status).toBe(403);
  });

  it('requests an export for the key’s creator, once per 24 h', async () => {
    const { user: member, workspace } = await makeUser();
    await makeMember(workspace.id);
    const key = await keyFor(workspace.id, member.id, ['privacy:write']);
    const first = await call(key, 'POST', '/privacy/export', {});
    expect(first.status).toBe(200);
    const { id } = await first.json();
    const [row] = await testDb()
      .select()
      .from(privacyRequests)
      .where(and(eq(privacyRequests.id, id), eq(privacyRequests.userId, member.id)));
    expect(row?.kind).toBe('export');
    const second = await call(key, 'POST', '/privacy/export', {});
    expect(second.status).toBe(429);
    expect((await second.json()).type).toBe('https://levqor.dev/problems/rate-limited');
  });
});
