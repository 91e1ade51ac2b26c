import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { sql } from '@levqor/db';
import { testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../paths';

describe('levqor worker', () => {
  it('stops gracefully on SIGTERM: exit 0 and its heartbeat row removed', async () => {
    const proc = spawn(
      join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
      [join(REPO_ROOT, 'packages/cli/src/main.ts'), 'worker'],
      {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: process.env.DATABASE_URL },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 90_000;
    while (!/"msg":"worker started"/.test(out)) {
      if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`worker did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // The command's own JSON line carries the worker's pid (tsx runs it in a child process).
    const started = out
      .split('\n')
      .filter((line) => line.startsWith('{') && line.includes('"msg":"worker started"'))
      .map((line) => JSON.parse(line) as { pid?: number })
      .find((line) => typeof line.pid === 'number');
    const pid = started?.pid;
    expect(pid, out).toBeTypeOf('number');
    const rows = async () =>
      (await testDb().execute<{ id: string }>(sql`select id from engine_workers where pid = ${pid}`)).length;
    expect(await rows()).toBe(1);
    // Signal the worker itself, as a process manager would. Signalling tsx's wrapper instead races its
    // relay: it gives the child 30 ms to acknowledge, then SIGKILLs it (exit 143) on a loaded machine.
    process.kill(pid as number, 'SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toMatch(/SIGTERM received: stopping gracefully/);
    expect(out).toMatch(/"msg":"worker stopped"/);
    expect(await rows()).toBe(0);
  }, 120_000);
});
