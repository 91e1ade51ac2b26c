/**
 * apps/developers behind Levqor's app server. `/api/v1/*`, `/health` and `/public/metrics` are answered
 * straight on node:http (trpc-to-openapi's node-http adapter: no Next pipeline, no fetch objects on the
 * hot path); every other request goes to Next.
 */
import type { ServerResponse } from 'node:http';
import { createRestNodeHandler } from '@levqor/api/rest/node-handler';
import { getRestDeps } from '@levqor/app-kit/rest-deps';
import { startAppServer } from '@levqor/app-kit/server/create-app-server';
import { corsHeaders } from '@levqor/app-kit/server/security-headers';
import { createPublicMetricsCache } from '@levqor/core';
import { getDb } from '@levqor/db';

const port = Number(process.env.PORT ?? 3002);
const origin = process.env.LEVQOR_DEVELOPERS_URL ?? `http://localhost:${port}`;
const rest = createRestNodeHandler(await getRestDeps(), { origin });
/** Unauthenticated: computed at most once per 15 s, one computation at a time, whatever the request rate. */
const publicMetrics = createPublicMetricsCache(getDb());

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

await startAppServer({
  app: 'developers',
  dir: import.meta.dirname,
  port,
  dev: process.env.LEVQOR_DEV === '1',
  before: async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method === 'GET' && path === '/health') {
      json(res, 200, { ok: true, ts: new Date().toISOString() });
      return true;
    }
    if (req.method === 'GET' && path === '/public/metrics') {
      await publicMetrics.get().then(
        ({ metrics, expiresAt }) => {
          const maxAge = Math.max(0, Math.floor((expiresAt - Date.now()) / 1000));
          res.writeHead(200, {
            'content-type': 'application/json',
            'cache-control': `public, max-age=${maxAge}`,
          });
          res.end(JSON.stringify(metrics));
        },
        () => json(res, 503, { ok: false, reason: 'metrics unavailable' }),
      );
      return true;
    }
    if (path.startsWith('/api/v1')) {
      const cors = corsHeaders(req.headers.origin);
      if (cors) for (const [k, v] of Object.entries(cors)) res.setHeader(k, v);
      if (req.method === 'OPTIONS') {
        res.writeHead(cors ? 204 : 403).end();
        return true;
      }
    }
    return rest(req, res);
  },
});
