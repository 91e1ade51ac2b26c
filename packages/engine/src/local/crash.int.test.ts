import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from '@levqor/db';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngineClient } from '../engine-client';
import { silentSink } from '../log';
import { createRegistry } from '../registry';
import { crashFunction } from '../testing/crash-function';
import { closeDb, onlyRun, openTestDb, submit, uid, waitFor } from '../testing/helpers';
import { MAX_LOST_ATTEMPTS } from './run';
import { createWorker } from './worker';

const db = openTestDb();
const dir = mkdtempSync(join(tmpdir(), 'levqor-crash-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await closeDb(db);
});

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const script = fileURLToPath(new URL('../testing/crash-worker.ts', import.meta.url));

function lines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').trim().split('\n');
  } catch {
    return [];
  }
}

/** Starts the crash-worker script as a child process (tsx), in `mode`. */
function spawnWorker(id: string, file: string, mode: 'hang' | 'slow') {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: packageDir,
    env: { ...process.env, CRASH_FUNCTION_ID: id, CRASH_FILE: file, CRASH_MODE: mode },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, stderr: () => stderr };
}

describe('worker processes', () => {
  it('is replaced: another worker reclaims the run after the lease expires and no recorded step runs again', async () => {
    const id = uid('crash');
    const file = join(dir, `${id}.log`);
    const registry = createRegistry([crashFunction(id, file, 'finish')]);
    const client = createEngineClient({ db, registry, provider: 'local' });
    await submit(db, client, { name: 'test/crash', data: { id } });

    const { child, exited, stderr } = spawnWorker(id, file, 'hang');
    try {
      await waitFor(() => lines(file).includes('two:start'), 20_000, 'the child to start step two').catch(
        (error: Error) => Promise.reject(new Error(`${error.message}: ${stderr()}`)),
      );
    } finally {
      child.kill('SIGKILL');
    }
    expect((await exited).signal).toBe('SIGKILL');
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
    expect(lines(file)).toEqual(['one', 'two:start', 'two:start', 'two:end', 'three']);
  });

  it('stops gracefully on SIGTERM: the running run finishes, then the process exits', async () => {
    const id = uid('sigterm');
    const file = join(dir, `${id}.log`);
    const client = createEngineClient({
      db,
      registry: createRegistry([crashFunction(id, file, 'slow')]),
      provider: 'local',
    });
    await submit(db, client, { name: 'test/crash', data: { id } });
    const { child, exited, stderr } = spawnWorker(id, file, 'slow');
    try {
      await waitFor(() => lines(file).includes('two:start'), 20_000, 'the child to start step two').catch(
        (error: Error) => Promise.reject(new Error(`${error.message}: ${stderr()}`)),
      );
      const stopAt = Date.now();
      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - stopAt).toBeLessThan(5_000);
    } finally {
      child.kill('SIGKILL');
    }
    expect(await onlyRun(db, id)).toMatchObject({ status: 'succeeded', attempt: 0 });
    expect(lines(file)).toEqual(['one', 'two:start', 'two:end', 'three']);
  });
});

describe('attempts lost with their worker', () => {
  /** A run of `test/crash` as if `lost` workers had died holding it: running, its lease expired. */
  async function orphanLost(lost: number) {
    const id = uid('lost');
    const file = join(dir, `${id}.log`);
    const registry = createRegistry([crashFunction(id, file, 'finish')]);
    await submit(db, createEngineClient({ db, registry, provider: 'local' }), {
      name: 'test/crash',
      data: { id },
    });
    await db.execute(sql`
      update engine_runs set status = 'running', lease_until = now() - interval '1 second',
        locked_by = 'dead-worker', attempt = ${lost}, lost_count = ${lost}
      where function_id = ${id}`);
    const worker = createWorker({ db, registry, leaseMs: 1_000, pollMs: 50, log: silentSink });
    await worker.drain({ settle: true, timeoutMs: 15_000 });
    return onlyRun(db, id);
  }

  it('do not use up the retries: a run lost more often than it has attempts still finishes', async () => {
    const run = await orphanLost(6); // test/crash has 4 attempts (3 retries)
    expect(run).toMatchObject({ status: 'succeeded', output: 'finished', attempt: 7 });
  });

  it(`fail the run once it has lost its worker ${MAX_LOST_ATTEMPTS} times`, async () => {
    const run = await orphanLost(MAX_LOST_ATTEMPTS - 1);
    expect(run.status).toBe('failed');
    expect(run.last_error).toBe(
      `The worker running this run was lost ${MAX_LOST_ATTEMPTS} times (its lease expired each time)`,
    );
  });
});
