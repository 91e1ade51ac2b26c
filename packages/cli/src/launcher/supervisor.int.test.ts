import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../paths';
import type { SupervisorOptions } from './supervisor';

/**
 * The launcher's supervisor and lifecycle (createLifecycle) in a real process with fake children
 * (fixtures/fake-child.mjs): restarts with growing back-off, a reset after staying up, the crash-loop
 * exit, and a clean stop on SIGTERM. Back-off is shortened through the options, as a caller would.
 */
interface FakeSpec {
  name: string;
  mode: 'serve' | 'crash';
  ms?: number;
}

const dirs: string[] = [];
const procs: ChildProcess[] = [];
afterEach(() => {
  for (const p of procs.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function supervise(options: SupervisorOptions, children: FakeSpec[]) {
  const dir = mkdtempSync(join(tmpdir(), 'levqor-supervisor-'));
  dirs.push(dir);
  const log = join(dir, 'children.log');
  const proc = spawn(
    join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
    [join(import.meta.dirname, 'fixtures', 'supervise-fakes.ts'), JSON.stringify({ log, options, children })],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  procs.push(proc);
  let output = '';
  proc.stdout.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const events = () =>
    readFileSyncSafe(log)
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [name, what, pid, at] = line.split(' ');
        return { name: name!, what: what!, pid: Number(pid), at: Number(at) };
      });
  return { proc, exited, events, output: () => output };
}

function readFileSyncSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

async function until(check: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('launcher supervisor', () => {
  it('restarts a crashing child with doubling back-off while the others keep running', async () => {
    const run = supervise(
      { initialBackoffMs: 200, maxBackoffMs: 800, resetAfterMs: 60_000, crashLoopCount: 100 },
      [
        { name: 'app', mode: 'serve' },
        { name: 'worker', mode: 'crash', ms: 50 },
      ],
    );
    const starts = () => run.events().filter((e) => e.name === 'worker' && e.what === 'start');
    await until(() => starts().length >= 6);
    const at = starts().map((e) => e.at);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    // Each gap is the child's 50 ms of life plus the back-off: 200, 400, 800, then capped at 800.
    for (const [i, backoff] of [200, 400, 800, 800, 800].entries()) {
      expect(gaps[i]).toBeGreaterThanOrEqual(backoff + 50);
      expect(gaps[i]).toBeLessThan(backoff + 50 + 1_500);
    }
    expect(run.output()).toMatch(/worker exited unexpectedly \(code 3\); restarting in 200 ms\./);
    expect(run.output()).toMatch(/worker exited unexpectedly \(code 3\); restarting in 800 ms\./);
    expect(run.output()).toMatch(/restarting worker \(restart 5\)\./);
    // The app was started once and never stopped meanwhile.
    const app = run.events().filter((e) => e.name === 'app');
    expect(app.map((e) => e.what)).toEqual(['start']);
    expect(alive(app[0]!.pid)).toBe(true);
    run.proc.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('starts the back-off again from the beginning after a child stayed up long enough', async () => {
    const run = supervise(
      { initialBackoffMs: 200, maxBackoffMs: 5_000, resetAfterMs: 300, crashLoopCount: 100 },
      [{ name: 'worker', mode: 'crash', ms: 400 }],
    );
    await until(() => run.events().filter((e) => e.what === 'start').length >= 4);
    expect(run.output()).not.toMatch(/restarting in 400 ms/);
    expect(run.output().match(/restarting in 200 ms/g)?.length).toBeGreaterThanOrEqual(3);
    run.proc.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('stops everything and exits non-zero on a crash loop', async () => {
    const run = supervise(
      { initialBackoffMs: 20, maxBackoffMs: 100, crashLoopCount: 5, crashWindowMs: 60_000 },
      [
        { name: 'web', mode: 'serve' },
        { name: 'worker', mode: 'crash', ms: 20 },
      ],
    );
    expect(await run.exited).toBe(1);
    const events = run.events();
    expect(events.filter((e) => e.name === 'worker' && e.what === 'start')).toHaveLength(5);
    const web = events.filter((e) => e.name === 'web');
    expect(web.map((e) => e.what)).toEqual(['start', 'term']);
    expect(alive(web[0]!.pid)).toBe(false);
    expect(run.output()).toMatch(
      /worker crashed 5 times within 60 s \(last exit: code 3\); stopping everything\./,
    );
    expect(run.output()).toMatch(/Levqor stopped: worker keeps crashing/);
  });

  it('stops every child on SIGTERM, also one waiting to restart, and exits 0', async () => {
    const run = supervise({ initialBackoffMs: 60_000, crashLoopCount: 100 }, [
      { name: 'web', mode: 'serve' },
      { name: 'admin', mode: 'serve' },
      { name: 'worker', mode: 'crash', ms: 10 },
    ]);
    await until(() => /worker exited unexpectedly/.test(run.output()));
    await until(() => run.events().filter((e) => e.what === 'start').length === 3);
    run.proc.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const events = run.events();
    for (const name of ['web', 'admin']) {
      const own = events.filter((e) => e.name === name);
      expect(own.map((e) => e.what)).toEqual(['start', 'term']);
      expect(alive(own[0]!.pid)).toBe(false);
    }
    expect(events.filter((e) => e.name === 'worker').map((e) => e.what)).toEqual(['start']);
    expect(run.output()).toMatch(/Stopped\./);
  });

  it('a child stops by itself when the launcher is SIGKILLed (no orphan keeps its port)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'levqor-orphan-'));
    dirs.push(dir);
    const log = join(dir, 'child.log');
    const parent = spawn(
      join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
      [join(import.meta.dirname, 'fixtures', 'orphan-parent.ts'), log],
      // Its own group, so that SIGKILL reaches tsx and the node process it runs, as `kill -9` would.
      { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    procs.push(parent);
    await until(() => /start \d+/.test(readFileSyncSafe(log)));
    const pid = Number(readFileSyncSafe(log).match(/start (\d+)/)![1]);
    expect(alive(pid)).toBe(true);
    process.kill(-parent.pid!, 'SIGKILL');
    await until(() => !alive(pid), 15_000);
    expect(readFileSyncSafe(log)).toContain(`term ${pid}`);
  });
});
