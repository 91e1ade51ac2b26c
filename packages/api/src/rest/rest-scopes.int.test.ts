import { getDb } from '@levqor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createContext } from '../context';
import { rest } from '../openapi-meta';
import { appRouter } from '../root';
import { createCallerFactory, createTRPCRouter, workspaceProcedure } from '../trpc';
import { assertRestScopes } from './assert-rest-scopes';
import { createRestNodeHandler } from './node-handler';
import { openApiDocument } from './openapi-document';
import { startRestTestServer } from './test-server';

/** A router with a REST route that forgot its scope, beside a correct one. */
const forgetful = createTRPCRouter({
  fine: workspaceProcedure
    .meta(rest('GET', '/fine', { scope: 'jobs:read', tag: 'Jobs', summary: 'Fine', errors: [] }))
    .input(z.object({}))
    .output(z.object({ ok: z.boolean() }))
    .query(() => ({ ok: true })),
  sneaky: workspaceProcedure
    .meta({ openapi: { method: 'GET', path: '/sneaky', protect: true } })
    .input(z.object({}))
    .output(z.object({ ok: z.boolean() }))
    .query(() => ({ ok: true })),
});

let server: Awaited<ReturnType<typeof startRestTestServer>>;
beforeAll(async () => {
  server = await startRestTestServer();
});
afterAll(() => server.close());

describe('a REST procedure without meta.scope', () => {
  it('stops the REST handler and the OpenAPI document from being built, naming the procedure', () => {
    const message = /Refusing to serve the REST API: "sneaky" \(GET \/sneaky\) has no meta\.scope/;
    expect(() =>
      createRestNodeHandler(server.deps, { origin: 'http://localhost:3002', router: forgetful }),
    ).toThrow(message);
    expect(() => openApiDocument('http://localhost:3002', forgetful)).toThrow(message);
  });

  it('is refused for an unknown scope too, and every procedure of the real router names a known one', async () => {
    const typo = createTRPCRouter({
      p: workspaceProcedure
        .meta({ scope: 'jobs:everything' as never, openapi: { method: 'GET', path: '/p' } })
        .query(() => 1),
    });
    expect(() => assertRestScopes(typo)).toThrow('"p" (GET /p) has an unknown scope "jobs:everything"');
    expect(() => assertRestScopes(appRouter)).not.toThrow();
    // The real server started (beforeAll) and answers.
    expect((await fetch(`${server.base}/api/v1/openapi.json`)).status).toBe(200);
  });

  it('is not callable with an API key even outside REST (FORBIDDEN), whatever the key’s scopes', async () => {
    const caller = createCallerFactory(forgetful)(
      createContext({
        db: getDb(),
        user: null,
        apiKey: {
          keyId: 'key_x',
          workspaceId: 'ws_x',
          scopes: ['jobs:read', 'jobs:write', 'workflows:read', 'workflows:write', 'usage:read'],
          rateLimitPerMin: 10,
          validUntil: null,
        },
        requestId: 'req_scope',
        events: { send: async () => {}, flush: async () => {} },
      }),
    );
    await expect(caller.sneaky({})).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'This operation is not available with an API key',
    });
    await expect(caller.fine({})).resolves.toEqual({ ok: true });
  });
});
