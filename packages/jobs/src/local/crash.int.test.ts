import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createJobsClient } from '../jobs-client';
import { silentSink } from '../log';
import { createRegistry } from '../registry';
import { crashJob } from '../testing/crash-job';
import { closeDb, onlyRun, openTestDb, submit, uid, waitFor } from '../testing/helpers';
import { createWorker } from './worker';

const db = openTestDb();
const dir = mkdtempSync(join(tmpdir(), 'levqor-crash-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await closeDb(db);
});

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const script = fileURLToPath(new URL('../testing/crash-worker.ts', import.meta.url));

describe('a worker killed mid-job', () => {
  it('is replaced: another worker reclaims the run after the lease expires and no recorded step runs again', async () => {
    const id = uid('crash');
    const file = join(dir, `${id}.log`);
    const lines = () => {
      try {
        return readFileSync(file, 'utf8').trim().split('\n');
      } catch {
        return [];
      }
    };
    const registry = createRegistry([crashJob(id, file, 'finish')]);
    const client = createJobsClient({ db, registry, provider: 'local' });
    await submit(db, client, { name: 'test/crash', data: { id } });

    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: packageDir,
      env: { ...process.env, CRASH_FUNCTION_ID: id, CRASH_FILE: file },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_, signal) => resolve(signal)),
    );
    try {
      await waitFor(() => lines().includes('two:start'), 20_000, `the child to start step two (${stderr})`);
    } finally {
      child.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');
    const orphan = await onlyRun(db, id);
    expect(orphan.status).toBe('running'); // its worker is gone; the lease will expire

    const worker = createWorker({ db, registry, leaseMs: 1_000, pollMs: 50, log: silentSink });
    const reclaimStart = Date.now();
    expect(await worker.drain({ settle: true, timeoutMs: 15_000 })).toBe(1);
    expect(Date.now() - reclaimStart).toBeLessThan(5_000);

    const run = await onlyRun(db, id);
    expect(run).toMatchObject({ status: 'succeeded', output: 'finished', attempt: 1 });
    // Step one was recorded before the crash: never run again. Step two was running, not recorded: it
    // ran again (at-least-once for the step in flight). Step three ran once, in the new worker.
    expect(lines()).toEqual(['one', 'two:start', 'two:start', 'two:end', 'three']);
  });
});
