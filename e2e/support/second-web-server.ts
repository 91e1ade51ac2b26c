import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO_ROOT = join(import.meta.dirname, '..', '..');

/**
 * A second apps/web process on `port`, on the same database and secrets as the e2e instance, to show
 * that limits are shared between processes (never per-process memory).
 */
export async function startSecondWebServer(port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const secrets = JSON.parse(
    readFileSync(join(REPO_ROOT, '.levqor', 'e2e', 'secrets.json'), 'utf8'),
  ) as Record<string, string>;
  const databaseUrl =
    process.env.DATABASE_URL ??
    `postgres://postgres:levqor@127.0.0.1:${process.env.LEVQOR_E2E_PG_PORT ?? '54331'}/levqor`;
  const child: ChildProcess = spawn(
    join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
    [join(REPO_ROOT, 'apps', 'web', 'server.ts')],
    {
      cwd: join(REPO_ROOT, 'apps', 'web'),
      env: {
        ...process.env,
        ...secrets,
        NODE_ENV: 'production',
        LEVQOR_LOCAL: '1',
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        NEXTAUTH_URL: `http://localhost:${port}`,
        LEVQOR_WEB_URL: 'http://localhost:3000',
      },
      stdio: 'ignore',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`second web server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error('second web server did not start');
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
