import { createServer, type RequestListener, type Server } from 'node:http';
import { log } from '@levqor/observability/logger';

function listenOn(server: Server, port: number, host?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Errors meaning "this machine has no such address family" (e.g. IPv6 disabled): skip that address. */
const UNAVAILABLE = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT']);

/**
 * One HTTP server per listen address, all answering with `handler` (`hosts` null: one server on every
 * interface). A loopback address this machine lacks (::1 without IPv6) is skipped with a warning; any
 * other failure (the port is taken) is thrown.
 */
export async function listenServers(
  handler: RequestListener,
  port: number,
  hosts: string[] | null,
): Promise<Server[]> {
  const servers: Server[] = [];
  for (const host of hosts ?? [undefined]) {
    // Request lines and headers up to 64 KB reach the handler, which refuses a long URL itself (414,
    // problem+json); past Node's default 16 KB its parser reset the connection instead.
    const server = createServer({ maxHeaderSize: 65_536 }, handler);
    server.keepAliveTimeout = 65_000;
    try {
      await listenOn(server, port, host);
      servers.push(server);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (host && servers.length > 0 && UNAVAILABLE.has(code)) {
        log.warn({ host, port, code }, 'listen.skipped');
        continue;
      }
      for (const s of servers) s.close();
      throw err;
    }
  }
  return servers;
}

/** `http://127.0.0.1:3000 and http://[::1]:3000`, or `every interface, port 3000`. */
export function describeAddresses(servers: Server[], port: number): string {
  const urls = servers.map((s) => {
    const a = s.address();
    if (!a || typeof a === 'string') return String(a);
    if (a.address === '::' || a.address === '0.0.0.0') return `every interface, port ${port}`;
    return `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`;
  });
  return urls.join(' and ');
}
