import { spawnSync } from 'node:child_process';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { PORTS } from './ports';
import { type Proc, start } from './processes';

export interface StoppableRedis {
  url: string;
  /** How it is provided: a redis-server of its own, or a proxy in front of the machine's Redis. */
  kind: 'redis-server' | 'proxy';
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A Redis the suite may stop: a `redis-server` of its own on PORTS.redis when one is installed;
 * otherwise a TCP proxy on that port in front of the machine's Redis (127.0.0.1:6379), "stopped" by
 * closing it and every connection through it — the machine's Redis itself is never touched.
 */
export function stoppableRedis(): StoppableRedis {
  const url = `redis://127.0.0.1:${PORTS.redis}`;
  const installed = spawnSync('redis-server', ['--version']).status === 0;
  if (installed) {
    let proc: Proc | undefined;
    return {
      url,
      kind: 'redis-server',
      async start() {
        proc = start(
          'redis',
          'redis-server',
          ['--port', String(PORTS.redis), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
          process.env,
        );
        await proc.waitFor(/Ready to accept connections/, 20_000);
      },
      async stop() {
        proc?.signal('SIGKILL');
        await proc?.exited;
      },
    };
  }
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  return {
    url,
    kind: 'proxy',
    async start() {
      server = createServer((client) => {
        const upstream = createConnection({ host: '127.0.0.1', port: 6379 });
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((r) => server!.listen(PORTS.redis, '127.0.0.1', r));
    },
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    },
  };
}
