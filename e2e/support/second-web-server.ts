import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO_ROOT = join(import.meta.dirname, '..', '..');

export const E2E_DATABASE_URL =
  process.env.DATABASE_URL ??
  `postgres://postgres:levqor@127.0.0.1:${process.env.LEVQOR_E2E_PG_PORT ?? '54331'}/levqor`;

export interface AppProcess {
  url: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * An extra apps/web process on `port` against the e2e instance's database and secrets, production
 * build: through Levqor's app server (`server.ts`, the default) or, with `direct`, plain `next start`
 * without it. `env` adds or overrides variables (LEVQOR_HOST, limits, DATABASE_URL…); `app` starts
 * apps/developers instead (through its app server).
 */
export async function startWebProcess(
  port: number,
  opts: {
    env?: Record<string, string>;
    direct?: boolean;
    app?: 'web' | 'developers';
    startTimeoutMs?: number;
  } = {},
): Promise<AppProcess> {
  const app = opts.app ?? 'web';
  const secrets = JSON.parse(
    readFileSync(join(REPO_ROOT, '.levqor', 'e2e', 'secrets.json'), 'utf8'),
  ) as Record<string, string>;
  const bin = join(REPO_ROOT, 'node_modules', '.bin');
  const [cmd, args] = opts.direct
    ? [join(REPO_ROOT, 'apps', app, 'node_modules', '.bin', 'next'), ['start', '-p', String(port)]]
    : [join(bin, 'tsx'), [join(REPO_ROOT, 'apps', app, 'server.ts')]];
  let output = '';
  const child: ChildProcess = spawn(cmd, args, {
    cwd: join(REPO_ROOT, 'apps', app),
    env: {
      ...process.env,
      ...secrets,
      NODE_ENV: 'production',
      LEVQOR_LOCAL: '1',
      DATABASE_URL: E2E_DATABASE_URL,
      PORT: String(port),
      NEXTAUTH_URL: `http://localhost:${port}`,
      LEVQOR_WEB_URL: 'http://localhost:3000',
      NEXT_TELEMETRY_DISABLED: '1',
      // As for the e2e instance (playwright.config.ts): the suite signs up many addresses a minute.
      LEVQOR_RL_UNAUTH_GLOBAL: '2000',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr])
    stream?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${app} process on ${port} exited with ${child.exitCode}:\n${output.slice(-2000)}`);
    // Our own process must be the one answering (not a leftover on the same port).
    const listening = opts.direct ? /Ready in|started server/i.test(output) : output.includes('listening on');
    const ok =
      listening &&
      (await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      ));
    if (ok) break;
    if (Date.now() > deadline)
      throw new Error(`${app} process on ${port} did not start:\n${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A second apps/web process on `port` (through the app server), on the same database and secrets as the
 * e2e instance, to show that limits are shared between processes (never per-process memory).
 */
export function startSecondWebServer(port: number): Promise<AppProcess> {
  return startWebProcess(port);
}
