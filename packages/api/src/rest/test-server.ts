import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createApiAuthGuard,
  createApiKeyVerifier,
  createRequestLog,
  postgresRateLimiter,
} from '@levqor/core';
import { createLevqorEngine } from '@levqor/engine/functions';
import { testDb } from '@levqor/testing';
import type { RestDeps } from './gateway';
import { createRestNodeHandler } from './node-handler';

/** The REST API on a real node:http server (same handler as apps/developers/server.ts), for tests. */
export async function startRestTestServer() {
  const db = testDb();
  const deps: RestDeps = {
    db,
    events: createLevqorEngine(db, { provider: 'local' }).client,
    verifier: await createApiKeyVerifier(db),
    limiter: postgresRateLimiter(db),
    authGuard: createApiAuthGuard(db, postgresRateLimiter(db)),
    requestLog: createRequestLog(db, { intervalMs: 100 }),
  };
  const handler = createRestNodeHandler(deps, { origin: 'http://localhost:3002' });
  const server = createServer((req, res) => {
    void handler(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    deps,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await deps.requestLog?.close();
      await deps.verifier.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
