import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_SCOPES, createApiKey, verifyWebhook } from '@levqor/core';
import { and, auditEvents, eq, jobs, securityEvents, sql, workspaces } from '@levqor/db';
import { createLevqorEngine } from '@levqor/engine/functions';
import { makeUser, testDb } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../context';
import { startRestTestServer } from '../rest/test-server';
import { trpcHttp, useTestEvents } from '../test-client';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1 answering 202 with a short JSON body; records what reached it. */
async function receiver() {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res
        .writeHead(202, { 'content-type': 'application/json' })
        .end('{"received":true,"by":"test-receiver"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/levqor`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function withAllow<T>(allow: string | undefined, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.LEVQOR_SSRF_ALLOW;
  if (allow === undefined) delete process.env.LEVQOR_SSRF_ALLOW;
  else process.env.LEVQOR_SSRF_ALLOW = allow;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.LEVQOR_SSRF_ALLOW;
    else process.env.LEVQOR_SSRF_ALLOW = saved;
  }
}

async function owner() {
  const { user, workspace } = await makeUser();
  const session: SessionUser = { id: user.id, email: user.email, name: user.name, role: user.role };
  return { session, workspace, user };
}

let rest: Awaited<ReturnType<typeof startRestTestServer>>;
beforeAll(async () => {
  useTestEvents(createLevqorEngine(testDb(), { provider: 'local' }).client);
  rest = await startRestTestServer();
});
afterAll(() => rest.close());

describe('send test event', () => {
  it('delivers a signed sample through the guarded delivery code and returns status, body and time', async () => {
    const hook = await receiver();
    try {
      const a = await owner();
      const res = await withAllow(`127.0.0.1:${hook.port}`, () =>
        trpcHttp(a.session, 'developer.sendTestWebhook', { url: hook.url }, 'POST'),
      );
      expect(res.status).toBe(200);
      const out = res.json.result!.data.json as Record<string, unknown>;
      expect(out).toMatchObject({
        ok: true,
        status_code: 202,
        error: null,
        body_excerpt: '{"received":true,"by":"test-receiver"}',
        url: hook.url,
      });
      expect(out.duration_ms).toEqual(expect.any(Number));
      expect(hook.received).toHaveLength(1);
      const got = hook.received[0]!;
      const [ws] = await testDb()
        .select({ secret: workspaces.webhookSecret })
        .from(workspaces)
        .where(eq(workspaces.id, a.workspace.id));
      // Signed with this workspace's secret, over the exact body received.
      expect(verifyWebhook(ws!.secret, got.body, String(got.headers['levqor-signature']))).toBe(true);
      expect(got.headers['levqor-delivery']).toBe(out.delivery_id);
      expect(JSON.parse(got.body)).toMatchObject({ type: 'job.succeeded', test: true });
      const audit = await testDb()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.workspaceId, a.workspace.id), eq(auditEvents.action, 'webhook.test_sent')));
      expect(audit).toHaveLength(1);
      expect(audit[0]!.target).toBe(`127.0.0.1:${hook.port}`);
    } finally {
      await hook.close();
    }
  });

  it('refuses an internal target without sending (logged as ssrf.blocked)', async () => {
    const hook = await receiver();
    try {
      const a = await owner();
      const refused = await withAllow(undefined, () =>
        trpcHttp(a.session, 'developer.sendTestWebhook', { url: hook.url }, 'POST'),
      );
      expect(refused.status).toBe(200);
      expect(refused.json.result!.data.json).toMatchObject({
        ok: false,
        status_code: null,
        error: 'Refusing to connect to 127.0.0.1: a private/internal address',
        body_excerpt: '',
      });
      expect(hook.received).toHaveLength(0);
      const blocked = await testDb()
        .select()
        .from(securityEvents)
        .where(
          and(
            eq(securityEvents.type, 'ssrf.blocked'),
            sql`${securityEvents.metadata} ->> 'workspace_id' = ${a.workspace.id}`,
          ),
        );
      expect(blocked).toHaveLength(1);
      const bad = await trpcHttp(a.session, 'developer.sendTestWebhook', { url: 'ftp://x.example/' }, 'POST');
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('Enter an http(s) URL');
      const anon = await trpcHttp(null, 'developer.sendTestWebhook', { url: hook.url }, 'POST');
      expect(anon.status).toBe(401);
    } finally {
      await hook.close();
    }
  });
});

describe('a callback_url the SSRF guard would refuse is refused at submission', () => {
  const REFUSED: [string, RegExp][] = [
    ['http://127.0.0.1:9/hook', /^callback_url refused: Refusing to connect to 127\.0\.0\.1: a private/],
    ['http://0x7f.1/hook', /^callback_url refused: Refusing to connect to 127\.0\.0\.1/],
    ['http://169.254.169.254/latest', /^callback_url refused: Refusing to connect to 169\.254\.169\.254/],
    ['http://metadata.google.internal/x', /^callback_url refused: .*a local or private host name/],
    ['http://user:pw@hooks.example.com/x', /^callback_url refused: URLs with credentials are not allowed/],
    ['http://[::1]:8080/x', /^callback_url refused: Refusing to connect to ::1/],
  ];

  it('over REST POST /api/v1/jobs: 400 naming the reason, no job written', async () => {
    const a = await owner();
    const { plaintext } = await createApiKey(testDb(), {
      workspaceId: a.workspace.id,
      userId: a.user.id,
      input: { name: 'k', scopes: [...API_SCOPES] },
    });
    await withAllow(undefined, async () => {
      for (const [url, reason] of REFUSED) {
        const res = await fetch(`${rest.base}/api/v1/jobs`, {
          method: 'POST',
          headers: { authorization: `Bearer ${plaintext}`, 'content-type': 'application/json' },
          body: JSON.stringify({ workflow: 'demo.flow', callback_url: url }),
        });
        const body = (await res.json()) as { detail: string; status: number };
        expect(res.status, url).toBe(400);
        expect(body.detail, url).toMatch(reason);
      }
    });
    const written = await testDb().select().from(jobs).where(eq(jobs.workspaceId, a.workspace.id));
    expect(written).toEqual([]);
  });

  it('over tRPC jobs.submit the same; LEVQOR_SSRF_ALLOW lets a listed local receiver through', async () => {
    const hook = await receiver();
    try {
      const a = await owner();
      await withAllow(undefined, async () => {
        const res = await trpcHttp(
          a.session,
          'jobs.submit',
          { workflow: 'demo.flow', callback_url: hook.url },
          'POST',
        );
        expect(res.status).toBe(400);
        expect(res.json.error!.json.message).toBe(
          'callback_url refused: Refusing to connect to 127.0.0.1: a private/internal address',
        );
      });
      const ok = await withAllow(`127.0.0.1:${hook.port}`, () =>
        trpcHttp(a.session, 'jobs.submit', { workflow: 'demo.flow', callback_url: hook.url }, 'POST'),
      );
      expect(ok.status).toBe(200);
      expect(ok.json.result!.data.json).toMatchObject({ status: 'queued', callback_url: hook.url });
      // A public host that does not resolve here is accepted: the delivery guard checks it again.
      const later = await withAllow(undefined, () =>
        trpcHttp(
          a.session,
          'jobs.submit',
          { workflow: 'demo.flow', callback_url: 'https://hooks.levqor-test.invalid/x' },
          'POST',
        ),
      );
      expect(later.status).toBe(200);
    } finally {
      await hook.close();
    }
  });
});
