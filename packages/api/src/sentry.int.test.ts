import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiKey } from '@levqor/core';
import { getDb } from '@levqor/db';
import { flushSentry, initSentry } from '@levqor/observability/sentry';
import { type FakeSentry, startFakeSentry } from '@levqor/observability/testing/fake-sentry';
import { makeUser, testDb } from '@levqor/testing';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createContext } from './context';
import { rest } from './openapi-meta';
import { createRestNodeHandler } from './rest/node-handler';
import { startRestTestServer } from './rest/test-server';
import { createTRPCRouter, workspaceProcedure } from './trpc';

// What a customer put in: it must never reach Sentry.
const EMAIL = 'grace.hopper@example.com';
const SECRET_NOTE = 'payload-card-4242-4242';

/** A procedure failing unexpectedly with the caller's input in its message and beside it. */
const failing = createTRPCRouter({
  explode: workspaceProcedure
    .meta(rest('POST', '/explode', { scope: 'jobs:write', tag: 'Jobs', summary: 'Explode', errors: [] }))
    .input(z.object({ email: z.string(), note: z.string() }))
    .output(z.object({ ok: z.boolean() }))
    .mutation(({ input }) => {
      const err = new Error(`could not process ${input.email} (${input.note.length} chars)`);
      Object.assign(err, { payload: input });
      throw err;
    }),
});

let ingest: FakeSentry;
let restServer: Awaited<ReturnType<typeof startRestTestServer>>;
let restBase = '';
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  ingest = await startFakeSentry();
  expect(await initSentry('api-test', { SENTRY_DSN: ingest.dsn, NODE_ENV: 'test' })).toBe(true);
  restServer = await startRestTestServer();
  // The REST handler of apps/developers/server.ts, serving the failing router.
  const handler = createRestNodeHandler(restServer.deps, {
    origin: 'http://localhost:3002',
    router: failing,
  });
  const http = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  restBase = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  closers.push(() => new Promise<void>((r) => http.close(() => r())));
});
afterAll(async () => {
  for (const close of closers) await close();
  await restServer.close();
  await ingest.close();
});

function eventFor(requestId: string) {
  return ingest
    .events()
    .find((e) => (e.tags as Record<string, string> | undefined)?.request_id === requestId);
}

describe('an error thrown in a procedure', () => {
  it('over REST (API key): answers 500 without details and reaches Sentry tagged, with no email or payload', async () => {
    const { user, workspace } = await makeUser();
    const { plaintext } = await createApiKey(testDb(), {
      workspaceId: workspace.id,
      userId: user.id,
      input: { name: 'sentry', scopes: ['jobs:write'], rate_limit_per_min: 600 },
    });
    const res = await fetch(`${restBase}/api/v1/explode`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${plaintext}`,
        'content-type': 'application/json',
        'x-request-id': 'req_sentry_rest',
        cookie: 'levqor.session-token=cookie-secret',
      },
      body: JSON.stringify({ email: EMAIL, note: SECRET_NOTE }),
    });
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain(EMAIL);
    await flushSentry();
    await ingest.waitForEvents(1);
    const event = eventFor('req_sentry_rest');
    expect(event?.tags).toMatchObject({
      service: 'api-test',
      request_id: 'req_sentry_rest',
      workspace_id: workspace.id,
    });
    expect(JSON.stringify(event)).toContain('could not process [email]');
    const raw = ingest.envelopes.map((e) => e.raw).join('\n');
    for (const secret of [EMAIL, SECRET_NOTE, plaintext, 'cookie-secret']) expect(raw).not.toContain(secret);
  });

  it('over tRPC (a signed-in user, as the dashboard calls it): tagged with the workspace found for the user', async () => {
    const { user, workspace } = await makeUser();
    // tRPC's fetch adapter as the apps' route handler uses it (packages/app-kit/src/trpc-route.tsx).
    const http = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const response = await fetchRequestHandler({
        endpoint: '/api/trpc',
        req: new Request(`http://x${req.url}`, {
          method: req.method,
          headers: { 'content-type': 'application/json' },
          body: Buffer.concat(chunks),
        }),
        router: failing,
        createContext: () =>
          createContext({
            db: getDb(),
            user: { id: user.id, email: user.email, name: null, role: 'user' },
            requestId: 'req_sentry_trpc',
            events: restServer.deps.events,
          }),
      });
      res.writeHead(response.status, { 'content-type': 'application/json' });
      res.end(await response.text());
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => http.close(() => r())));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const res = await fetch(`${base}/api/trpc/explode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { email: user.email, note: SECRET_NOTE } }),
    });
    expect(res.status).toBe(500);
    await flushSentry();
    await ingest.waitForEvents(2);
    const event = eventFor('req_sentry_trpc');
    expect(event?.tags).toMatchObject({ request_id: 'req_sentry_trpc', workspace_id: workspace.id });
    expect(event?.user).toBeUndefined();
    const raw = ingest.envelopes.map((e) => e.raw).join('\n');
    for (const secret of [user.email, SECRET_NOTE]) expect(raw).not.toContain(secret);
  });
});
