import { request } from 'node:http';
import {
  API_SCOPES,
  type ApiScope,
  createApiKey,
  revokeApiKey,
  rotateApiKey,
  setMonthlyBudget,
  setWorkspacePlan,
} from '@levqor/core';
import { apiRequests, eq } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RestDeps } from './gateway';
import { startRestTestServer } from './test-server';

let rest: Awaited<ReturnType<typeof startRestTestServer>>;
let base = '';
let deps: RestDeps;

interface Tenant {
  workspaceId: string;
  userId: string;
  key: string;
}

async function tenant(scopes: ApiScope[] = [...API_SCOPES], rate = 600): Promise<Tenant> {
  const { user, workspace } = await makeUser();
  // Starter: its API limit (600/min) leaves the key's own limit in charge (Free's is 60).
  await setWorkspacePlan(testDb(), { workspaceId: workspace.id, plan: 'starter', actor: 'system' });
  const { plaintext } = await createApiKey(testDb(), {
    workspaceId: workspace.id,
    userId: user.id,
    input: {
      name: 'test',
      scopes,
      rate_limit_per_min: rate,
    },
  });
  return { workspaceId: workspace.id, userId: user.id, key: plaintext };
}

async function call(
  method: string,
  path: string,
  opts: { key?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  let body: string | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${base}/api/v1${path}`, { method, headers, body });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** POSTs `total` bytes of JSON-ish text with Transfer-Encoding: chunked (no Content-Length), 64 KB a chunk. */
function sendChunked(url: string, total: number, headers: Record<string, string>) {
  return new Promise<{ status?: number; body: string; error?: string }>((resolve) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', (err) => resolve({ body: '', error: String(err) }));
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  rest = await startRestTestServer();
  base = rest.base;
  deps = rest.deps;
  a = await tenant();
  b = await tenant();
});

afterAll(() => rest.close());

const submitBody = { workflow: 'demo.flow', payload: { x: 1 }, priority: 'normal' };

describe('authentication', () => {
  it('answers 401 with the same problem body for a missing, malformed, unknown, revoked or expired key', async () => {
    const revoked = await tenant();
    const revokedKey = await createApiKey(testDb(), {
      workspaceId: revoked.workspaceId,
      userId: revoked.userId,
      input: {
        name: 'r',
        scopes: ['jobs:read'],
      },
    });
    await revokeApiKey(testDb(), {
      workspaceId: revoked.workspaceId,
      userId: revoked.userId,
      keyId: revokedKey.key.id,
    });
    const expired = await createApiKey(testDb(), {
      workspaceId: revoked.workspaceId,
      userId: revoked.userId,
      input: {
        name: 'e',
        scopes: ['jobs:read'],
        expires_at: new Date(Date.now() + 200),
      },
    });
    await new Promise((r) => setTimeout(r, 250));
    const unknown = 'lvq_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA_000000';
    const bodies = [];
    for (const key of [null, 'garbage', unknown, revokedKey.plaintext, expired.plaintext]) {
      const res = await call('GET', '/jobs', { key });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const { request_id: _r, ...rest } = res.json;
      bodies.push(JSON.stringify(rest));
    }
    expect(new Set(bodies).size).toBe(1);
    const viaHeader = await call('GET', '/usage', { headers: { 'x-api-key': a.key } });
    expect(viaHeader.status).toBe(200);
  });

  it('answers 403 naming the missing scope', async () => {
    const reader = await tenant(['jobs:read']);
    const res = await call('POST', '/jobs', { key: reader.key, body: submitBody });
    expect(res.status).toBe(403);
    expect(res.json.detail).toBe('This API key lacks the "jobs:write" scope');
    expect((await call('GET', '/usage', { key: reader.key })).json.detail).toContain('"usage:read"');
  });
});

describe('POST /jobs', () => {
  it('202 with Location, X-Request-Id echoed and rate-limit headers', async () => {
    const res = await call('POST', '/jobs', {
      key: a.key,
      body: submitBody,
      headers: { 'x-request-id': 'req-abc-123' },
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/api/v1/jobs/${res.json.id}`);
    expect(res.headers.get('x-request-id')).toBe('req-abc-123');
    expect(res.headers.get('x-ratelimit-limit')).toBe('600');
    expect(Number(res.headers.get('x-ratelimit-remaining'))).toBeLessThan(600);
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(res.json).toMatchObject({
      status: 'queued',
      workflow: 'demo.flow',
      workflow_version: 1,
      priority: 'normal',
      payload: { x: 1 },
      estimated_cost_cents: 0.01,
    });
  });

  it('400 with per-field errors, 404 for an unknown workflow, 422 for an unpublished one', async () => {
    const bad = await call('POST', '/jobs', {
      key: a.key,
      body: { workflow: 'demo.flow', priority: 'urgent', tags: ['ok', 'bad tag!'] },
    });
    expect(bad.status).toBe(400);
    const paths = (bad.json.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['priority', 'tags.1']));
    expect((await call('POST', '/jobs', { key: a.key, body: { workflow: 'nope' } })).status).toBe(404);
    const draft = await call('POST', '/jobs', {
      key: a.key,
      body: { workflow: 'summarize-url', payload: {} },
    });
    expect(draft.status).toBe(422);
    expect(draft.json.detail).toContain('has no published version');
  });

  it('honours Idempotency-Key: same body → same job, different body → 409', async () => {
    const headers = { 'idempotency-key': `idem-${Date.now()}` };
    const first = await call('POST', '/jobs', { key: a.key, body: submitBody, headers });
    const again = await call('POST', '/jobs', { key: a.key, body: submitBody, headers });
    expect(again.json.id).toBe(first.json.id);
    const conflict = await call('POST', '/jobs', {
      key: a.key,
      body: { ...submitBody, payload: { x: 2 } },
      headers,
    });
    expect(conflict.status).toBe(409);
    // The header is held to the same rule as the body's idempotency_key.
    const tooLong = await call('POST', '/jobs', {
      key: a.key,
      body: submitBody,
      headers: { 'idempotency-key': 'k'.repeat(256) },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.errors).toEqual([
      expect.objectContaining({ path: 'idempotency_key', message: expect.stringContaining('255') }),
    ]);
  });

  it('413 (not a reset connection) for a chunked body over 512 KB, counted while it streams', async () => {
    for (const total of [600 * 1024, 16 * 1024 * 1024]) {
      const res = await sendChunked(`${base}/api/v1/jobs`, total, {
        authorization: `Bearer ${a.key}`,
        'content-type': 'application/json',
      });
      expect(res.error, `${total} bytes`).toBeUndefined();
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toMatchObject({ status: 413, detail: 'The request body exceeds 512 KB.' });
    }
    // The server still answers afterwards.
    expect((await call('GET', '/jobs', { key: a.key })).status).toBe(200);
  });

  it('413 for a body over 512 KB, 413 for a payload over 200 KB, 415 for non-JSON, 400 for broken JSON', async () => {
    const huge = await call('POST', '/jobs', {
      key: a.key,
      raw: JSON.stringify({ workflow: 'demo.flow', payload: { s: 'x'.repeat(600 * 1024) } }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.status).toBe(413);
    const bigPayload = await call('POST', '/jobs', {
      key: a.key,
      body: { workflow: 'demo.flow', payload: { s: 'x'.repeat(210 * 1024) } },
    });
    expect(bigPayload.status).toBe(413);
    expect(bigPayload.json.detail).toContain('200 KB');
    expect(
      (
        await call('POST', '/jobs', {
          key: a.key,
          raw: 'workflow=demo.flow',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).status,
    ).toBe(415);
    // Content sent as text (fetch's default for a string) is refused too.
    expect((await call('POST', '/jobs', { key: a.key, raw: JSON.stringify(submitBody) })).status).toBe(415);
    expect(
      (
        await call('POST', '/jobs', {
          key: a.key,
          raw: '{"workflow":',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400);
  });

  it('402 over budget, with the three numbers', async () => {
    const poor = await tenant();
    await setMonthlyBudget(testDb(), poor.workspaceId, { cents: 0 });
    const res = await call('POST', '/jobs', { key: poor.key, body: submitBody });
    expect(res.status).toBe(402);
    expect(res.json.detail).toContain('budget 0¢ − spent 0¢ − reserved 0¢');
  });

  it('429 with Retry-After once the key’s limit is spent', async () => {
    const slow = await tenant(['usage:read'], 2);
    expect((await call('GET', '/usage', { key: slow.key })).status).toBe(200);
    expect((await call('GET', '/usage', { key: slow.key })).status).toBe(200);
    const limited = await call('GET', '/usage', { key: slow.key });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
  });
});

describe('jobs resources', () => {
  it('lists with filters and cursor pagination; gets with steps; cancels; reruns', async () => {
    const t = await tenant();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        String(
          (await call('POST', '/jobs', { key: t.key, body: { ...submitBody, tags: [`n${i}`, 'batch'] } }))
            .json.id,
        ),
      );
    const page1 = await call('GET', '/jobs?limit=2&tag=batch', { key: t.key });
    expect(page1.status).toBe(200);
    expect((page1.json.items as unknown[]).length).toBe(2);
    const page2 = await call('GET', `/jobs?limit=2&tag=batch&cursor=${page1.json.next_cursor}`, {
      key: t.key,
    });
    expect(
      [...(page1.json.items as { id: string }[]), ...(page2.json.items as { id: string }[])]
        .map((j) => j.id)
        .sort(),
    ).toEqual([...ids].sort());
    expect((await call('GET', '/jobs?status=running', { key: t.key })).json.items).toEqual([]);
    expect((await call('GET', '/jobs?limit=0', { key: t.key })).status).toBe(400);
    const one = await call('GET', `/jobs/${ids[0]}`, { key: t.key });
    expect(one.status).toBe(200);
    expect(one.json.steps).toMatchObject([{ id: 'echo', type: 'transform', status: 'pending' }]);
    // No content, no Content-Type needed (as `curl -X POST` sends it).
    const cancelled = await call('POST', `/jobs/${ids[0]}/cancel`, { key: t.key });
    expect(cancelled.json.status).toBe('cancelled');
    expect((await call('POST', `/jobs/${ids[0]}/cancel`, { key: t.key, body: {} })).status).toBe(409);
    const rerun = await call('POST', `/jobs/${ids[0]}/rerun`, { key: t.key, body: {} });
    expect(rerun.status).toBe(202);
    expect(rerun.json).toMatchObject({ rerun_of: ids[0], status: 'queued' });
  });

  it('never shows another workspace’s job or workflow: 404 on every route with an id', async () => {
    const job = await call('POST', '/jobs', { key: a.key, body: submitBody });
    const id = String(job.json.id);
    const wf = await call('GET', '/workflows/demo.flow', { key: a.key });
    const wfId = String(wf.json.id);
    const attempts = [
      await call('GET', `/jobs/${id}`, { key: b.key }),
      await call('POST', `/jobs/${id}/cancel`, { key: b.key, body: {} }),
      await call('POST', `/jobs/${id}/rerun`, { key: b.key, body: {} }),
      await call('GET', `/status/${id}`, { key: b.key }),
      await call('GET', `/workflows/${wfId}`, { key: b.key }),
      await call('PATCH', `/workflows/${wfId}`, { key: b.key, body: { name: 'stolen' } }),
      await call('POST', `/workflows/${wfId}/publish`, { key: b.key, body: {} }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(404);
      expect(res.text).not.toContain(a.workspaceId);
    }
    const listed = await call('GET', '/jobs?limit=100', { key: b.key });
    expect((listed.json.items as { id: string }[]).some((j) => j.id === id)).toBe(false);
  });
});

describe('workflows', () => {
  it('create 201, duplicate 409, invalid 400, update makes a version, publish', async () => {
    const t = await tenant();
    const body = {
      slug: 'echo-two',
      name: 'Echo',
      steps: [{ id: 'e', type: 'transform', expression: 'input' }],
    };
    const created = await call('POST', '/workflows', { key: t.key, body });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/workflows/${created.json.id}`);
    expect(created.json).toMatchObject({
      slug: 'echo-two',
      status: 'draft',
      version: 1,
      published_version: null,
    });
    expect((await call('POST', '/workflows', { key: t.key, body })).status).toBe(409);
    const invalid = await call('POST', '/workflows', {
      key: t.key,
      body: { ...body, slug: 'x2', steps: [{ id: 'w', type: 'delay', duration: '9d' }] },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'steps.0.duration', message: 'A delay is at most 7 days' }),
      ]),
    );
    const updated = await call('PATCH', `/workflows/${created.json.id}`, {
      key: t.key,
      body: { steps: [{ id: 'e', type: 'transform', expression: "{'v': 2}" }] },
    });
    expect(updated.json).toMatchObject({ version: 2 });
    expect((await call('PATCH', `/workflows/${created.json.id}`, { key: t.key, body: {} })).status).toBe(400);
    const published = await call('POST', `/workflows/${created.json.id}/publish`, { key: t.key, body: {} });
    expect(published.json).toMatchObject({ status: 'published', published_version: 2 });
    const list = await call('GET', '/workflows?limit=100', { key: t.key });
    expect((list.json.items as { slug: string }[]).map((w) => w.slug)).toEqual(
      expect.arrayContaining(['echo-two', 'demo.flow']),
    );
  });
});

describe('http step headers at save', () => {
  it('a static header value with CR/LF is a 400 naming the header, never stored', async () => {
    const t = await tenant();
    const res = await call('POST', '/workflows', {
      key: t.key,
      body: {
        slug: 'header-injection',
        name: 'Injected',
        steps: [
          {
            id: 'call',
            type: 'http',
            url: 'https://api.example.com/',
            headers: { 'X-Evil': 'a\r\nHost: x' },
          },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      {
        path: 'steps.0.headers.X-Evil',
        message: 'A header value is one line: no line breaks (CR/LF) or other control characters',
      },
    ]);
    expect((await call('GET', '/workflows/header-injection', { key: t.key })).status).toBe(404);
  });
});

describe('usage and the original contract', () => {
  it('GET /usage has the documented shape', async () => {
    const res = await call('GET', '/usage', { key: a.key });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual([
      'budget_cents',
      'jobs',
      'month',
      'per_day',
      'reserved_cents',
      'spent_cents',
    ]);
    expect(res.json.budget_cents).toBe(2000);
    expect(res.json.jobs).toMatchObject({ total: expect.any(Number), succeeded: 0, failed: 0 });
  });

  it('intake → 202 {job_id, status}, status → 200', async () => {
    const intake = await call('POST', '/intake', {
      key: a.key,
      body: { workflow: 'demo.flow', payload: { hello: 'world' } },
    });
    expect(intake.status).toBe(202);
    expect(intake.json).toEqual({ job_id: expect.stringMatching(/^job_/), status: 'queued' });
    const status = await call('GET', `/status/${intake.json.job_id}`, { key: a.key });
    expect(status.status).toBe(200);
    expect(Object.keys(status.json).sort()).toEqual(['created_at', 'error', 'job_id', 'result', 'status']);
  });

  it('serves the OpenAPI document publicly and 404s unknown routes as problem+json', async () => {
    const doc = await call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.json.openapi).toMatch(/^3\.1/);
    const missing = await call('GET', '/nothing-here', { key: a.key });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });

  it('logs every request for the usage charts', async () => {
    const res = await call('GET', '/usage', { key: a.key, headers: { 'x-request-id': 'logged-req-1' } });
    expect(res.status).toBe(200);
    await deps.requestLog!.flush();
    const rows = await testDb().select().from(apiRequests).where(eq(apiRequests.requestId, 'logged-req-1'));
    expect(rows).toMatchObject([{ workspaceId: a.workspaceId, method: 'GET', path: '/usage', status: 200 }]);
  });
});

describe('rotation over HTTP', () => {
  it('old key works during the grace and stops after; revoke is immediate', async () => {
    const t = await tenant(['usage:read']);
    const keys = await testDb().query.apiKeys.findMany({
      where: (k, { eq: e }) => e(k.workspaceId, t.workspaceId),
    });
    const rotated = await rotateApiKey(testDb(), {
      workspaceId: t.workspaceId,
      userId: t.userId,
      keyId: keys[0]!.id,
      input: { grace: '1h' },
    });
    expect((await call('GET', '/usage', { key: t.key })).status).toBe(200);
    expect((await call('GET', '/usage', { key: rotated.plaintext })).status).toBe(200);
    const now = await rotateApiKey(testDb(), {
      workspaceId: t.workspaceId,
      userId: t.userId,
      keyId: rotated.key.id,
      input: { grace: 'now' },
    });
    await new Promise((r) => setTimeout(r, 200));
    expect((await call('GET', '/usage', { key: rotated.plaintext })).status).toBe(401);
    await revokeApiKey(testDb(), { workspaceId: t.workspaceId, userId: t.userId, keyId: now.key.id });
    await new Promise((r) => setTimeout(r, 200));
    expect((await call('GET', '/usage', { key: now.plaintext })).status).toBe(401);
  });
});

describe('invalid API keys', () => {
  it('20 invalid keys in a minute from one IP block that IP’s unauthenticated attempts for 15 minutes; valid keys from it and other IPs still work', async () => {
    const t = await tenant(['usage:read']);
    const attacker = { 'x-levqor-client-ip': `198.51.100.${Math.floor(Math.random() * 200) + 20}` };
    const bogus = 'lvq_live_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB_000000';
    for (let i = 0; i < 21; i++)
      expect((await call('GET', '/usage', { key: bogus, headers: attacker })).status).toBe(401);
    const blocked = await call('GET', '/usage', { key: bogus, headers: attacker });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect(blocked.json.detail).toContain('requests without a valid key are refused');
    expect((await call('GET', '/usage', { headers: attacker })).status).toBe(429);
    // A valid key from the blocked address is not refused (a shared NAT or office keeps working).
    const valid = await call('GET', '/usage', { key: t.key, headers: attacker });
    expect(valid.status).toBe(200);
    expect(
      (await call('GET', '/usage', { key: t.key, headers: { 'x-levqor-client-ip': '198.51.100.250' } }))
        .status,
    ).toBe(200);
  });
});
