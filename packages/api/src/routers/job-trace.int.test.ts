import { createLevqorEngine } from '@levqor/engine/functions';
import { makeUser, testDb } from '@levqor/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../context';
import { trpcHttp, useTestEvents } from '../test-client';

async function tenant() {
  const { user } = await makeUser();
  const session: SessionUser = { id: user.id, email: user.email, name: user.name, role: user.role };
  return session;
}

beforeAll(() => useTestEvents(createLevqorEngine(testDb(), { provider: 'local' }).client));

describe('jobs.trace', () => {
  it('returns the trace of the caller’s job, and NOT_FOUND for another workspace’s job', async () => {
    const a = await tenant();
    const b = await tenant();
    const submitted = await trpcHttp(a, 'jobs.submit', { workflow: 'demo.flow', payload: { x: 1 } }, 'POST');
    expect(submitted.status).toBe(200);
    const id = (submitted.json.result!.data.json as { id: string }).id;

    const mine = await trpcHttp(a, 'jobs.trace', { id });
    expect(mine.status).toBe(200);
    const trace = mine.json.result!.data.json as Record<string, unknown>;
    // Not started: its steps come from its version, pending, with no attempts yet.
    expect(trace).toMatchObject({
      id,
      status: 'queued',
      started_at: null,
      steps: [{ id: 'echo', status: 'pending', attempts: [], retry: null, wakes_at: null }],
    });
    expect(trace.origin).toBe(trace.created_at);

    const theirs = await trpcHttp(b, 'jobs.trace', { id });
    expect(theirs.status).toBe(404);
    expect(theirs.text).not.toContain('"echo"');
    expect((await trpcHttp(null, 'jobs.trace', { id })).status).toBe(401);
    expect((await trpcHttp(a, 'jobs.trace', { id: '' })).status).toBe(400);
  });
});
