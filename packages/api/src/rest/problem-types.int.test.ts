import {
  API_SCOPES,
  type ApiScope,
  archiveWorkflow,
  createApiKey,
  createWorkflow,
  DOMAIN_REASONS,
  monthOf,
  restoreWorkspace,
  setMonthlyBudget,
  suspendWorkspace,
} from '@levqor/core';
import { costLedger, insertRowsSql } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_TYPES, type ProblemReason, problemType } from '../problem-types';
import { startRestTestServer } from './test-server';

let rest: Awaited<ReturnType<typeof startRestTestServer>>;

beforeAll(async () => {
  rest = await startRestTestServer();
});
afterAll(() => rest.close());

async function tenant(scopes: ApiScope[] = [...API_SCOPES], rate = 600) {
  const { user, workspace } = await makeUser();
  const { plaintext } = await createApiKey(testDb(), {
    workspaceId: workspace.id,
    userId: user.id,
    input: { name: 'problems', scopes, rate_limit_per_min: rate },
  });
  return { workspaceId: workspace.id, key: plaintext };
}

async function call(
  method: string,
  path: string,
  opts: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  let body = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${rest.base}/api/v1${path}`, { method, headers, body });
  return { status: res.status, contentType: res.headers.get('content-type'), json: await res.json() };
}

/** The response is the problem of `reason`: its type URI, title and status from the one table. */
function expectProblem(res: Awaited<ReturnType<typeof call>>, reason: ProblemReason) {
  expect(res.contentType).toContain('application/problem+json');
  expect(res.json).toMatchObject({
    type: problemType(reason),
    title: PROBLEM_TYPES[reason].title,
    status: PROBLEM_TYPES[reason].status,
    request_id: expect.any(String),
  });
  expect(res.status).toBe(PROBLEM_TYPES[reason].status);
}

describe('the problem types table', () => {
  it('gives every reason its own type URI, a title and an error status; every domain reason is in it', () => {
    const reasons = Object.keys(PROBLEM_TYPES) as ProblemReason[];
    expect(new Set(reasons.map(problemType)).size).toBe(reasons.length);
    for (const r of reasons) {
      expect(problemType(r)).toMatch(/^https:\/\/levqor\.dev\/problems\/[a-z]+(-[a-z]+)*$/);
      expect(PROBLEM_TYPES[r].title.length).toBeGreaterThan(0);
      expect(PROBLEM_TYPES[r].status).toBeGreaterThanOrEqual(400);
    }
    for (const r of Object.keys(DOMAIN_REASONS)) expect(reasons).toContain(r);
  });

  it('is listed in the OpenAPI document (x-problem-types and the Problem schema)', async () => {
    const doc = (await (await fetch(`${rest.base}/api/v1/openapi.json`)).json()) as {
      'x-problem-types': { type: string; status: number }[];
      components: { schemas: { Problem: { properties: { type: { enum: string[] } } } } };
    };
    const all = (Object.keys(PROBLEM_TYPES) as ProblemReason[]).map(problemType).sort();
    expect(doc['x-problem-types'].map((p) => p.type).sort()).toEqual(all);
    expect([...doc.components.schemas.Problem.properties.type.enum].sort()).toEqual(all);
  });
});

describe('REST refusals name their reason in the problem type', () => {
  it('unauthorized, missing-scope, rate-limited', async () => {
    expectProblem(await call('GET', '/jobs'), 'unauthorized');
    const reader = await tenant(['jobs:read']);
    expectProblem(
      await call('POST', '/jobs', { key: reader.key, body: { workflow: 'demo.flow' } }),
      'missing-scope',
    );
    const slow = await tenant([...API_SCOPES], 1);
    await call('GET', '/jobs', { key: slow.key });
    expectProblem(await call('GET', '/jobs', { key: slow.key }), 'rate-limited');
  });

  it('too-many-invalid-keys', async () => {
    const headers = { 'x-levqor-client-ip': '203.0.113.77' };
    let last = await call('GET', '/jobs', { key: 'lvq_live_nope', headers });
    for (let i = 0; i < 30 && last.status === 401; i++)
      last = await call('GET', '/jobs', { key: 'lvq_live_nope', headers });
    expectProblem(last, 'too-many-invalid-keys');
  });

  it('validation, invalid-json, unsupported-media-type, payload-too-large, invalid-cursor', async () => {
    const { key } = await tenant();
    expectProblem(await call('POST', '/jobs', { key, body: { workflow: 42 } }), 'validation');
    expectProblem(
      await call('POST', '/jobs', {
        key,
        raw: '{"workflow":',
        headers: { 'content-type': 'application/json' },
      }),
      'invalid-json',
    );
    expectProblem(
      await call('POST', '/jobs', { key, raw: 'workflow=x', headers: { 'content-type': 'text/plain' } }),
      'unsupported-media-type',
    );
    // Over the gateway's body cap, and a payload over the domain's 200 KB: the same reason.
    expectProblem(
      await call('POST', '/jobs', {
        key,
        body: { workflow: 'demo.flow', payload: { s: 'x'.repeat(600_000) } },
      }),
      'payload-too-large',
    );
    expectProblem(
      await call('POST', '/jobs', {
        key,
        body: { workflow: 'demo.flow', payload: { s: 'x'.repeat(300_000) } },
      }),
      'payload-too-large',
    );
    expectProblem(await call('GET', '/jobs?cursor=not-a-cursor', { key }), 'invalid-cursor');
  });

  it('not-found: an unknown job, an unknown workflow, an unknown route', async () => {
    const { key } = await tenant();
    expectProblem(await call('GET', '/jobs/job_missing', { key }), 'job-not-found');
    expectProblem(await call('POST', '/jobs', { key, body: { workflow: 'no.such.flow' } }), 'not-found');
    expectProblem(await call('GET', '/no-such-route', { key }), 'not-found');
  });

  it('budget-exceeded, workflow-not-published, workflow-archived, high-risk-data', async () => {
    const { key, workspaceId } = await tenant();
    expectProblem(
      await call('POST', '/jobs', {
        key,
        body: { workflow: 'demo.flow', payload: { text: 'We will SUE.' } },
      }),
      'high-risk-data',
    );
    const steps = [{ id: 'echo', type: 'transform', expression: '$' }] as never;
    await createWorkflow(testDb(), workspaceId, { slug: 'draft', name: 'Draft', steps });
    expectProblem(
      await call('POST', '/jobs', { key, body: { workflow: 'draft' } }),
      'workflow-not-published',
    );
    const old = await createWorkflow(testDb(), workspaceId, {
      slug: 'old',
      name: 'Old',
      steps,
      publish: true,
    });
    await archiveWorkflow(testDb(), workspaceId, old.id);
    expectProblem(await call('POST', '/jobs', { key, body: { workflow: 'old' } }), 'workflow-archived');
    await setMonthlyBudget(testDb(), workspaceId, { cents: 0 });
    expectProblem(await call('POST', '/jobs', { key, body: { workflow: 'demo.flow' } }), 'budget-exceeded');
  });

  it('account-suspended (403) while suspended, gone once restored; job-quota-exceeded (402)', async () => {
    const { key, workspaceId } = await tenant();
    await suspendWorkspace(testDb(), { workspaceId, actor: 'system', reason: 'invoice unpaid' });
    const refused = await call('POST', '/jobs', { key, body: { workflow: 'demo.flow' } });
    expect(refused.status).toBe(403);
    expectProblem(refused, 'account-suspended');
    await restoreWorkspace(testDb(), { workspaceId, actor: 'system', reason: 'paid' });
    expect((await call('POST', '/jobs', { key, body: { workflow: 'demo.flow' } })).status).toBe(202);
    await testDb().execute(
      insertRowsSql(
        costLedger,
        Array.from({ length: 1_000 }, () => ({
          workspaceId,
          kind: 'reserve' as const,
          amount: '0',
          month: monthOf(),
        })),
      ),
    );
    const quota = await call('POST', '/jobs', { key, body: { workflow: 'demo.flow' } });
    expect(quota.status).toBe(402);
    expectProblem(quota, 'job-quota-exceeded');
  });

  it('idempotency-key-reused, job-ended, workflow-slug-taken, workflow-read-only', async () => {
    const { key, workspaceId } = await tenant();
    const idem = { 'idempotency-key': 'same-key' };
    const first = await call('POST', '/jobs', { key, body: { workflow: 'demo.flow' }, headers: idem });
    expect(first.status).toBe(202);
    expectProblem(
      await call('POST', '/jobs', { key, body: { workflow: 'demo.flow', payload: { x: 2 } }, headers: idem }),
      'idempotency-key-reused',
    );
    const id = (first.json as { id: string }).id;
    expect((await call('POST', `/jobs/${id}/cancel`, { key })).status).toBe(200);
    expectProblem(await call('POST', `/jobs/${id}/cancel`, { key }), 'job-ended');
    const wf = { slug: 'twice', name: 'Twice', steps: [{ id: 'echo', type: 'transform', expression: '$' }] };
    const created = await call('POST', '/workflows', { key, body: wf });
    expect(created.status).toBe(201);
    expectProblem(await call('POST', '/workflows', { key, body: wf }), 'workflow-slug-taken');
    await archiveWorkflow(testDb(), workspaceId, (created.json as { id: string }).id);
    expectProblem(
      await call('PATCH', '/workflows/twice', { key, body: { name: 'Renamed' } }),
      'workflow-read-only',
    );
  });
});
