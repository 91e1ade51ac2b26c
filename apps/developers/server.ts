/**
 * Production server of apps/developers: answers `/api/v1/*`, `/health` and `/public/metrics` straight on
 * node:http through trpc-to-openapi's node-http adapter (no Next pipeline, no fetch objects on the hot
 * path), and hands every other request to Next.
 */
import { createServer, type ServerResponse } from 'node:http';
import { createRestNodeHandler } from '@levqor/api/rest/node-handler';
import { getRestDeps } from '@levqor/app-kit/rest-deps';
import { getPublicMetrics } from '@levqor/core';
import { getDb } from '@levqor/db';
import next from 'next';

const port = Number(process.env.PORT ?? 3002);
const origin = process.env.LEVQOR_DEVELOPERS_URL ?? `http://localhost:${port}`;
const app = next({ dev: false, dir: import.meta.dirname, port });
const nextHandler = app.getRequestHandler();

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

await app.prepare();
const rest = createRestNodeHandler(await getRestDeps(), { origin });

const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method === 'GET' && path === '/health')
    return json(res, 200, { ok: true, ts: new Date().toISOString() });
  if (req.method === 'GET' && path === '/public/metrics') {
    getPublicMetrics(getDb()).then(
      (m) => json(res, 200, m),
      () => json(res, 503, { ok: false, reason: 'metrics unavailable' }),
    );
    return;
  }
  rest(req, res)
    .then((handled) => (handled ? undefined : nextHandler(req, res)))
    .catch((err: unknown) => {
      console.error(JSON.stringify({ level: 'error', msg: 'server.unhandled', path, err: String(err) }));
      if (!res.headersSent)
        json(res, 500, {
          type: 'about:blank',
          title: 'Internal Server Error',
          status: 500,
          detail: 'Something went wrong on our side.',
        });
      else res.end();
    });
});
server.keepAliveTimeout = 65_000;
server.listen(port, () => console.log(`developers (node:http + Next) listening on ${origin}`));

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
