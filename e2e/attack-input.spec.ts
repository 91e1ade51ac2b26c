import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { e2eSecrets, fresh, WEB } from './support/attack';
import { csrfFor, rawRequest, rawUpload, signInRaw, trpcQuery } from './support/raw-http';
import { E2E_DATABASE_URL, startWebProcess } from './support/second-web-server';

/**
 * Issue E 4 and 5: bodies counted while they stream (413, never a reset), batches capped, tRPC calls
 * limited per user; inputs that used to crash a handler answer a 4xx with a readable reason.
 */
const REPO_ROOT = join(import.meta.dirname, '..');
const MB = 1024 * 1024;
const json = { 'content-type': 'application/json' };

function apiKeyFor(email: string): string {
  const run = spawnSync(
    join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
    [
      join(REPO_ROOT, 'packages/cli/src/main.ts'),
      'api-key',
      'create',
      '--email',
      email,
      '--scopes',
      'jobs:write',
    ],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...e2eSecrets(), DATABASE_URL: E2E_DATABASE_URL },
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(`api-key create failed: ${run.stderr}`);
  return run.stdout.trim().split('\n').at(-1)!;
}

test.describe('attack: unbounded input', () => {
  test('a 16 MB chunked body answers 413 (not a reset) on tRPC, auth and the REST API, and the servers go on', async () => {
    const key = apiKeyFor('demo@levqor.local');
    const targets: [string, Record<string, string>, number][] = [
      [`${WEB}/api/trpc/workspace.rename`, { ...json, origin: WEB }, 512],
      [`${WEB}/api/auth/signin/email`, { 'content-type': 'application/x-www-form-urlencoded' }, 16],
      ['http://127.0.0.1:3002/api/v1/jobs', { ...json, authorization: `Bearer ${key}` }, 512],
    ];
    for (const [url, headers, capKb] of targets) {
      for (const total of [capKb * 1024 + 1, 16 * MB]) {
        const res = await rawUpload(url, { total, headers });
        expect(res.error, `${url} ${total} B`).toBeUndefined();
        expect(res.status, `${url} ${total} B`).toBe(413);
        expect(JSON.parse(res.body)).toMatchObject({
          status: 413,
          type: 'https://levqor.dev/problems/payload-too-large',
        });
        expect(JSON.parse(res.body).detail).toContain(`${capKb} KB`);
      }
    }
    expect((await rawRequest(`${WEB}/api/health`)).status).toBe(200);
    expect((await rawRequest('http://127.0.0.1:3002/health')).status).toBe(200);
  });

  test('a tRPC batch carries at most 10 calls', async () => {
    const batch = (n: number) =>
      rawRequest(
        `${WEB}/api/trpc/${Array(n).fill('devMailbox.list').join(',')}?batch=1&input=${encodeURIComponent(
          JSON.stringify(
            Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: { limit: 1 } }])),
          ),
        )}`,
        { from: '127.0.0.48' },
      );
    const ten = await batch(10);
    expect(ten.status).toBe(200);
    expect(JSON.parse(ten.body)).toHaveLength(10);
    const many = await batch(100);
    expect(many.status).toBe(400);
    expect(many.body).toContain('Batch call exceeds maximum size');
    expect((await batch(11)).status).toBe(400);
  });

  test('tRPC calls are limited per signed-in user, queries and mutations apart (LEVQOR_RL_TRPC_*_PER_MIN)', async () => {
    const server = await startWebProcess(3013, {
      env: { LEVQOR_RL_TRPC_QUERIES_PER_MIN: '6', LEVQOR_RL_TRPC_MUTATIONS_PER_MIN: '2' },
    });
    try {
      const cookie = await signInRaw(WEB, fresh('trpc-limit'), '127.0.0.49');
      const base = server.url;
      const me = () => trpcQuery(base, 'me.get', {}, { headers: { cookie } });
      // A batch of three counts three.
      const three = await rawRequest(
        `${base}/api/trpc/me.get,me.get,me.get?batch=1&input=${encodeURIComponent('{}')}`,
        { headers: { cookie } },
      );
      expect(three.status).toBe(200);
      expect([(await me()).status, (await me()).status, (await me()).status]).toEqual([200, 200, 200]);
      const refused = await me();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(refused.body).error.message).toContain('6 queries per minute');
      // Mutations have their own budget.
      const rename = () =>
        rawRequest(`${base}/api/trpc/workspace.rename`, {
          method: 'POST',
          headers: { ...json, cookie, origin: base },
          body: JSON.stringify({ json: { name: 'Limited' } }),
        });
      expect([(await rename()).status, (await rename()).status, (await rename()).status]).toEqual([
        200, 200, 429,
      ]);
      // Another user is not affected.
      const other = await signInRaw(WEB, fresh('trpc-other'), '127.0.0.50');
      expect((await trpcQuery(base, 'me.get', {}, { headers: { cookie: other } })).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

test.describe('attack: inputs that used to answer 500', () => {
  test('Origin: null, a callbackUrl that is not a URL, malformed JSON, superjson __proto__ paths, 5,000 levels of nesting', async () => {
    const cookie = await signInRaw(WEB, fresh('bad-input'), '127.0.0.51');
    const post = (body: string, headers: Record<string, string> = {}) =>
      rawRequest(`${WEB}/api/trpc/workspace.rename`, {
        method: 'POST',
        headers: { ...json, cookie, origin: WEB, ...headers },
        body,
      });
    const reasonOf = (body: string) => {
      const parsed = JSON.parse(body);
      return String(parsed.error?.json?.message ?? parsed.error?.message ?? parsed.detail);
    };

    const nullOrigin = await post(JSON.stringify({ json: { name: 'x' } }), { origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    expect(reasonOf(nullOrigin.body)).toBe('Cross-origin requests are not allowed');

    const { token, cookie: csrf } = await csrfFor(WEB, '127.0.0.52');
    for (const callbackUrl of ['http://localhost:3000.evil.example/', 'http://[::1', 'javascript:alert(1)']) {
      const res = await rawRequest(`${WEB}/api/auth/signin/email`, {
        method: 'POST',
        from: '127.0.0.52',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf },
        body: new URLSearchParams({
          email: fresh('cb'),
          csrfToken: token,
          callbackUrl,
          json: 'true',
        }).toString(),
      });
      expect(res.status, callbackUrl).toBe(400);
      expect(reasonOf(res.body)).toBe('callbackUrl must be a path on this site or an http(s) URL.');
      expect(JSON.parse(res.body).type).toBe('https://levqor.dev/problems/validation');
    }
    const signInPage = await rawRequest(
      `${WEB}/api/auth/signin?callbackUrl=http://localhost:3000.evil.example/`,
    );
    expect(signInPage.status).toBe(400);

    const badPost = await post('{"json":');
    expect(badPost.status).toBe(400);
    expect(reasonOf(badPost.body)).toMatch(/^The input is not valid JSON/);
    const badGet = await rawRequest(`${WEB}/api/trpc/devMailbox.list?input=%7Bbad`, { headers: { cookie } });
    expect(badGet.status).toBe(400);
    expect(reasonOf(badGet.body)).toMatch(/^The input is not valid JSON/);

    for (const meta of [
      { values: { '__proto__.polluted': ['Date'] } },
      { values: { 'constructor.prototype.polluted': ['Date'] } },
      { values: { name: ['nonsense-type'] } },
    ]) {
      const res = await post(JSON.stringify({ json: { name: 'x' }, meta }));
      expect(res.status, JSON.stringify(meta)).toBe(400);
      expect(reasonOf(res.body)).toMatch(/^The input's superjson encoding is invalid/);
    }

    const deep = `{"json":{"name":${'['.repeat(5_000)}1${']'.repeat(5_000)}}}`;
    const nested = await post(deep);
    expect(nested.status).toBe(400);
    expect(reasonOf(nested.body)).toBe('The input is nested more than 100 levels deep');
    expect((await rawRequest(`${WEB}/api/health`)).status).toBe(200);
  });
});
