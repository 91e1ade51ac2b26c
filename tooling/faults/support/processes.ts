import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './ports';

export const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

export interface Proc {
  proc: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  exited: Promise<number | null>;
  /** Resolves when its output matches `pattern`; rejects if it exits first or after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Signal to its whole process group (tsx and the node process it runs): kills, crashes. */
  signal(sig: NodeJS.Signals): void;
  /** SIGTERM to the process itself, as `kill <pid>` or a supervisor sends it (tsx relays it). */
  terminate(): void;
  readonly alive: boolean;
}

/** Spawns `cmd` in its own process group, collecting its output. */
export function start(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): Proc {
  const proc = spawn(cmd, args, { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    out += chunk.toString();
    if (out.length > 4_000_000) out = out.slice(-2_000_000);
    for (const l of listeners) l();
    if (process.env.LEVQOR_FAULTS_VERBOSE) process.stdout.write(`[${name}] ${chunk}`);
  };
  proc.stdout!.on('data', collect);
  proc.stderr!.on('data', collect);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    proc.on('exit', (code) => {
      exitCode = code;
      for (const l of listeners) l();
      resolve(code);
    }),
  );
  return {
    proc,
    output: () => out,
    exited,
    get alive() {
      return exitCode === undefined;
    },
    terminate() {
      proc.kill('SIGTERM');
    },
    signal(sig) {
      try {
        process.kill(-proc.pid!, sig);
      } catch {
        // gone already
      }
    },
    waitFor(pattern, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(
            new Error(`${name}: no ${pattern} within ${timeoutMs} ms; output tail:\n${out.slice(-3000)}`),
          );
        }, timeoutMs);
        function check() {
          if (pattern.test(out)) {
            clearTimeout(timer);
            listeners.delete(check);
            resolve();
          } else if (exitCode !== undefined) {
            clearTimeout(timer);
            listeners.delete(check);
            reject(
              new Error(`${name} exited (${exitCode}) before ${pattern}; output tail:\n${out.slice(-3000)}`),
            );
          }
        }
        listeners.add(check);
        check();
      });
    },
  };
}

/** Runs the Levqor CLI (`pnpm levqor …`) to completion and returns its output. */
export async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const p = start('cli', TSX, [join(REPO_ROOT, 'packages/cli/src/main.ts'), ...args], env);
  const code = await p.exited;
  if (code !== 0) throw new Error(`levqor ${args.join(' ')} failed (${code}):\n${p.output()}`);
  return p.output();
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function until<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs: number,
  label: string,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await sleep(everyMs);
  }
}
