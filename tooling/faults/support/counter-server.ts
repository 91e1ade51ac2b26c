import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The third party of the `http` steps: counts every call per `?n=` with its arrival time, answers after
 * a short random delay (so kills land while calls are in flight).
 */
export async function startCounterServer() {
  const hits = new Map<string, number[]>();
  const server = createServer((req, res) => {
    const n = new URL(req.url ?? '/', 'http://x').searchParams.get('n') ?? '?';
    const at = Date.now();
    hits.set(n, [...(hits.get(n) ?? []), at]);
    setTimeout(
      () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ n, call: hits.get(n)!.length }));
      },
      20 + Math.random() * 180,
    );
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
