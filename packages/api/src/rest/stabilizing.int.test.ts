import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  API_SCOPES,
  assertIntakeAdmitted,
  createApiAuthGuard,
  createApiKey,
  createApiKeyVerifier,
  forgetStabilizeState,
  postgresRateLimiter,
} from '@levqor/core';
import { holdStabilizeLock } from '@levqor/core/intelligence/testing';
import { stabilizeState } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rest } from '../openapi-meta';
import { createTRPCRouter, publicProcedure } from '../trpc';
import { createRestNodeHandler } from './node-handler';

/**
 * Stabilize mode's refusal over REST: 503 problem+json with its own type, its own detail and
 * Retry-After. (The shedding itself — low priority only, entered and left on a breach series — is
 * tested in core's stabilize.int.test.ts; here a procedure runs intake's guard while the flag is on.)
 */
const router = createTRPCRouter({
  shed: publicProcedure
    .meta(rest('POST', '/shed', { scope: 'jobs:write', tag: 'Test', summary: 'Shed', errors: [] }))
    .input(z.object({}))
    .output(z.object({ ok: z.boolean() }))
    .mutation(async ({ ctx }) => {
      await assertIntakeAdmitted(ctx.db, 'low');
      return { ok: true };
    }),
});

let base = '';
let key = '';
let close: () => Promise<void> = async () => {};

let unlock: () => Promise<void> = async () => {};
beforeAll(async () => {
  const db = testDb();
  unlock = await holdStabilizeLock(db);
  const { user, workspace } = await makeUser();
  key = (
    await createApiKey(db, {
      workspaceId: workspace.id,
      userId: user.id,
      input: { name: 'shed', scopes: [...API_SCOPES], rate_limit_per_min: 600 },
    })
  ).plaintext;
  const verifier = await createApiKeyVerifier(db);
  const handler = createRestNodeHandler(
    {
      db,
      events: { send: async () => {}, flush: async () => {} },
      verifier,
      limiter: postgresRateLimiter(db),
      authGuard: createApiAuthGuard(db, postgresRateLimiter(db)),
    },
    { origin: 'http://localhost:3002', router },
  );
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  close = async () => {
    await verifier.close();
    await new Promise<void>((r) => server.close(() => r()));
  };
});
afterAll(async () => {
  await close();
  await unlock();
});

describe('REST while stabilizing', () => {
  it('answers a low-priority submission 503 problem+json with type stabilizing and Retry-After 120', async () => {
    const flag = (active: boolean) =>
      testDb()
        .insert(stabilizeState)
        .values({ id: 'platform', active })
        .onConflictDoUpdate({ target: stabilizeState.id, set: { active } });
    await flag(true);
    forgetStabilizeState();
    const res = await fetch(`${base}/shed`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: '{}',
    }).finally(() => flag(false));
    forgetStabilizeState();
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('120');
    expect(await res.json()).toMatchObject({
      type: 'https://levqor.dev/problems/stabilizing',
      title: 'Stabilizing: low-priority intake paused',
      status: 503,
      detail: expect.stringMatching(/stabilize mode .* retry in 120 s or submit with priority "normal"/),
    });
  });
});
