import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  API_SCOPES,
  createApiAuthGuard,
  createApiKey,
  createApiKeyVerifier,
  postgresRateLimiter,
} from '@levqor/core';
import { createDb } from '@levqor/db';
import { createLevqorEngine } from '@levqor/engine/functions';
import { makeUser, testDb } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RestDeps } from './gateway';
import { createRestNodeHandler } from './node-handler';

/**
 * The REST API while its database cannot be reached (a restart, a failover): 503 problem+json with
 * Retry-After, at once — never a 500, never a hang. Nothing listens on port 9 of loopback, so every
 * connection attempt of `down` is refused as during a PostgreSQL restart.
 */
const down = createDb('postgres://postgres:x@127.0.0.1:9/levqor', { max: 2 });
const closers: (() => Promise<void>)[] = [];
let key = '';

beforeAll(async () => {
  const { user, workspace } = await makeUser();
  key = (
    await createApiKey(testDb(), {
      workspaceId: workspace.id,
      userId: user.id,
      input: { name: 'outage', scopes: [...API_SCOPES], rate_limit_per_min: 600 },
    })
  ).plaintext;
});
afterAll(async () => {
  for (const close of closers) await close();
  await down.$client.end({ timeout: 1 });
});

async function serve(overrides: Partial<RestDeps>) {
  const db = testDb();
  const verifier = await createApiKeyVerifier(db);
  const deps: RestDeps = {
    db,
    events: createLevqorEngine(db, { provider: 'local' }).client,
    verifier,
    limiter: postgresRateLimiter(db),
    authGuard: createApiAuthGuard(db, postgresRateLimiter(db)),
    ...overrides,
  };
  const handler = createRestNodeHandler(deps, { origin: 'http://localhost:3002' });
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(async () => {
    await verifier.close();
    await new Promise<void>((r) => server.close(() => r()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
}

async function expectUnavailable(res: Response, startedAt: number) {
  expect(Date.now() - startedAt).toBeLessThan(5_000);
  expect(res.status).toBe(503);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.headers.get('retry-after')).toBe('5');
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status: 503, title: 'Service unavailable' });
  expect(body.detail).toMatch(/briefly unavailable .*retry in 5 s/);
}

describe('REST while the database is down', () => {
  it('answers 503 with Retry-After when a procedure cannot reach the database', async () => {
    const base = await serve({ db: down });
    const started = Date.now();
    const res = await fetch(`${base}/jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ workflow: 'demo.flow', payload: {} }),
    });
    await expectUnavailable(res, started);
    const list = await fetch(`${base}/jobs`, { headers: { authorization: `Bearer ${key}` } });
    await expectUnavailable(list, started);
  });

  it('fails a burst of submissions sharing one intake transaction together, at once', async () => {
    const base = await serve({ db: down });
    const started = Date.now();
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, n) =>
        fetch(`${base}/jobs`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ workflow: 'demo.flow', payload: { n } }),
        }),
      ),
    );
    for (const res of burst) await expectUnavailable(res, started);
  });

  it('answers 503 with Retry-After when the rate limit cannot reach the database', async () => {
    const base = await serve({ limiter: postgresRateLimiter(down) });
    const started = Date.now();
    const res = await fetch(`${base}/jobs`, { headers: { authorization: `Bearer ${key}` } });
    await expectUnavailable(res, started);
  });
});
