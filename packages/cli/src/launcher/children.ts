import { type ChildProcess, spawn } from 'node:child_process';
import { LAUNCHER_PIPE_ENV } from '@levqor/config/exit-with-launcher';

export interface Child {
  name: string;
  proc: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * Spawns a process in its own process group, prefixing its output lines with `[name]`. Its stdin is a
 * pipe from this process: if the launcher dies, even by SIGKILL, the child sees the pipe close and
 * stops itself (exitWithLauncher) rather than living on as an orphan.
 */
export function spawnChild(
  name: string,
  cmd: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv },
): Child {
  const proc = spawn(cmd, args, {
    cwd: opts.cwd,
    env: { ...opts.env, [LAUNCHER_PIPE_ENV]: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const prefix = `[${name}]`.padEnd(13);
  for (const stream of [proc.stdout, proc.stderr]) {
    let buffered = '';
    stream?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) process.stdout.write(`${prefix} ${line}\n`);
    });
  }
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { name, proc, exited };
}

/** SIGTERM to the child's whole process group, SIGKILL after `graceMs`. */
export async function stopChild(child: Child, graceMs = 8000): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  const pid = child.proc.pid;
  if (!pid) return;
  const kill = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      // already gone
    }
  };
  kill('SIGTERM');
  const timer = setTimeout(() => kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
  kill('SIGKILL'); // anything left in the group
}

/** Resolves when `url` answers 2xx, rejects after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number, isAlive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`process exited before ${url} answered`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
}
