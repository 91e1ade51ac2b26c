import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeFetch } from './safe-fetch';
import { type Resolver, SsrfBlockedError } from './ssrf-guard';

interface Local {
  url: string;
  port: number;
  hits: { path: string; host: string }[];
  close(): Promise<void>;
}

/** A server on 127.0.0.1 only, counting the requests it receives. */
async function local(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Local> {
  const hits: Local['hits'] = [];
  const server = createServer((req, res) => {
    hits.push({ path: req.url ?? '', host: req.headers.host ?? '' });
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The address of every outbound TCP connection made by this file: none may go anywhere but 127.0.0.1. */
const connections: string[] = [];
const originalConnect = net.Socket.prototype.connect;
beforeAll(() => {
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const first = args[0];
    const opts = (Array.isArray(first) ? first[0] : first) as { host?: string; port?: number } | number;
    const host = String((typeof opts === 'object' && opts !== null ? opts.host : args[1]) ?? 'localhost');
    // An IP is connected to as is; a name goes through `lookup` (pinned by safeFetch): record its answer.
    if (net.isIP(host)) connections.push(host);
    else this.once('lookup', (_err: Error | null, address: string) => connections.push(address));
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
});
afterAll(() => {
  net.Socket.prototype.connect = originalConnect;
});

const resolve: Resolver = async (host) =>
  (
    ({
      'pinned.test': ['127.0.0.1'],
      'intranet.test': ['10.0.0.5'],
      'public.test': ['93.184.216.34'],
    }) as Record<string, string[]>
  )[host]?.map((address) => ({ address, family: 4 })) ?? [];

const init = { timeoutMs: 5_000, maxBytes: 64 * 1024 };

describe('safeFetch: every redirect hop is checked', () => {
  let target: Local;
  let redirector: Local;
  let location = '';

  beforeAll(async () => {
    target = await local((_req, res) => res.writeHead(200).end('secret'));
    redirector = await local((req, res) => {
      if (req.url === '/hop') res.writeHead(302, { location: '/final' }).end();
      else if (req.url === '/final') res.writeHead(302, { location }).end();
      else res.writeHead(302, { location }).end();
    });
  });
  afterAll(async () => {
    await target.close();
    await redirector.close();
  });

  // The redirector (127.0.0.1) is allow-listed; the places it sends us are not.
  const cases = [
    (t: Local) => `http://localhost:${t.port}/`,
    (t: Local) => `http://LOCALHOST.:${t.port}/`,
    (t: Local) => `http://[::1]:${t.port}/`,
    (t: Local) => `http://[::ffff:127.0.0.2]:${t.port}/`,
    (t: Local) => `http://127.0.0.2:${t.port}/`,
    (t: Local) => `http://0x7f.2:${t.port}/`,
    () => 'http://169.254.169.254/latest/meta-data/',
    () => 'http://10.0.0.1/',
    () => 'http://[fd00::1]/',
    () => 'http://intranet.test/',
    () => 'file:///etc/passwd',
    () => 'gopher://127.0.0.1:6379/_INFO',
    () => 'http://user:pw@public.test/',
  ];

  it.each(cases.map((c, i) => [i, c] as const))(
    'refuses redirect #%i at the second hop',
    async (_i, make) => {
      location = make(target);
      const before = target.hits.length;
      const hits = redirector.hits.length;
      const err = await safeFetch(`${redirector.url}/start`, init, { allow: ['127.0.0.1'], resolve }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SsrfBlockedError);
      expect((err as SsrfBlockedError).hop).toBe(1);
      expect((err as SsrfBlockedError).message).toMatch(/^Redirect 1 refused: /);
      expect(redirector.hits.length).toBe(hits + 1);
      expect(target.hits.length).toBe(before);
    },
  );

  it('refuses at the third hop after an allowed relative redirect', async () => {
    location = `http://localhost:${target.port}/`;
    const err = (await safeFetch(`${redirector.url}/hop`, init, { allow: ['127.0.0.1'], resolve }).catch(
      (e: unknown) => e,
    )) as SsrfBlockedError;
    expect(err).toBeInstanceOf(SsrfBlockedError);
    expect(err.hop).toBe(2);
    expect(target.hits).toHaveLength(0);
  });

  it('follows a redirect to an allowed target', async () => {
    location = `${target.url}/ok`;
    const res = await safeFetch(`${redirector.url}/start`, init, { allow: ['127.0.0.1'], resolve });
    expect(res).toMatchObject({ status: 200, body: 'secret' });
    expect(target.hits.at(-1)!.path).toBe('/ok');
  });

  it('connects to the checked address, not to a fresh lookup (no DNS rebinding)', async () => {
    // `pinned.test` exists only in the test's resolver: the system resolver would fail.
    const res = await safeFetch(`http://pinned.test:${target.port}/pin`, init, {
      allow: ['pinned.test'],
      resolve,
    });
    expect(res.status).toBe(200);
    expect(target.hits.at(-1)).toEqual({ path: '/pin', host: `pinned.test:${target.port}` });
  });

  it('refuses the first hop without connecting at all', async () => {
    const before = connections.length;
    for (const url of [
      `http://127.0.0.1:${target.port}/`,
      'http://169.254.169.254/',
      'http://intranet.test/',
    ]) {
      await expect(safeFetch(url, init, { resolve })).rejects.toBeInstanceOf(SsrfBlockedError);
    }
    expect(connections.length).toBe(before);
  });

  it('made no connection to anything but 127.0.0.1', () => {
    expect(connections.length).toBeGreaterThan(0);
    expect(new Set(connections)).toEqual(new Set(['127.0.0.1']));
  });
});
