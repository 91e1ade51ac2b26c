import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The sandbox script, beside this module. Joined from a variable on purpose: bundlers rewrite a
 * literal `new URL('./…', import.meta.url)`; in a Next server bundle `import.meta.url` still names
 * this source file, so the plain script (and the `jsonata` it imports) is used as it is everywhere.
 */
const SANDBOX_SCRIPT = 'transform-sandbox.mjs';

function sandboxScriptPath(): string {
  const path = join(dirname(fileURLToPath(import.meta.url)), SANDBOX_SCRIPT);
  if (!existsSync(path))
    throw new Error(`The transform sandbox script is missing: ${path} (it ships with @levqor/core)`);
  return path;
}

/** Why a transform was stopped or refused. `message` is written for the job's step record. */
export class TransformError extends Error {
  constructor(
    readonly kind: 'time' | 'memory' | 'output' | 'eval' | 'aborted' | 'busy' | 'sandbox',
    message: string,
  ) {
    super(message);
    this.name = 'TransformError';
  }
}

export interface TransformPoolOptions {
  /** Heap limit of each sandbox process (V8 old generation), in MB. */
  memoryMb: number;
  /** Sandbox processes at most (started on demand). */
  maxProcesses?: number;
  /** Transforms waiting for a sandbox at most; beyond it `run` fails at once ("busy"). */
  maxQueue?: number;
  /** A process idle this long is stopped (one stays warm). */
  idleMs?: number;
}

export interface TransformRequest {
  expression: string;
  /** JSON data: `{ input, steps }`. */
  scope: unknown;
  /** Evaluation time allowed, counted from the moment a sandbox starts the expression. */
  timeoutMs: number;
  /** Bytes of the result's JSON text allowed. */
  maxOutputBytes: number;
  /** Aborts a waiting or running transform (the job was cancelled or its step timed out). */
  signal?: AbortSignal;
}

type Reply =
  | { id: number; json: string }
  | { id: number; error: { kind: 'output'; bytes: number } | { kind: 'eval'; message: string } };

interface Task extends TransformRequest {
  id: number;
  resolve: (value: unknown) => void;
  reject: (err: TransformError) => void;
  onAbort?: () => void;
}

interface Slot {
  child: ChildProcess;
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
  idleTimer?: NodeJS.Timeout;
  /** Killed or exited: never given work again. */
  dead: boolean;
  /** The tail of its stderr: V8 prints why it aborted there. */
  stderr: string;
}

export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(2))} s` : `${ms} ms`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

/**
 * JSONata in a pool of sandbox processes. Each runs one expression at a time under a heap limit
 * (`--max-old-space-size`); the pool times it and kills the process on a breach, then starts
 * another on demand. A transform that loops or allocates without end costs its own job a failed
 * step and nothing else: the caller's event loop never runs its code, and its memory is not ours.
 *
 * Processes, not worker threads: a thread's `resourceLimits` are best-effort — one allocation
 * larger than V8's leeway past the limit (`$pad("x", 200000000)`, a 10-million-item range under
 * 128 MB) aborts the whole process with "FATAL ERROR: Reached heap limit", every other job with it.
 */
export class TransformPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  private readonly maxProcesses: number;
  private readonly maxQueue: number;
  private readonly idleMs: number;

  constructor(private readonly options: TransformPoolOptions) {
    this.maxProcesses = options.maxProcesses ?? Math.max(2, Math.min(4, availableParallelism()));
    this.maxQueue = options.maxQueue ?? 1000;
    this.idleMs = options.idleMs ?? 30_000;
  }

  /** Sandbox processes at most. */
  get maxSize(): number {
    return this.maxProcesses;
  }

  /** Sandbox processes alive (starting, running or idle). */
  get size(): number {
    return this.slots.size;
  }

  /** Process ids of the sandboxes alive (tests check that a breach replaces one). */
  get pids(): number[] {
    return [...this.slots].flatMap((s) => (s.child.pid === undefined ? [] : [s.child.pid]));
  }

  run(request: TransformRequest): Promise<unknown> {
    if (this.closed) return Promise.reject(new TransformError('sandbox', 'The transform pool is closed'));
    if (request.signal?.aborted) return Promise.reject(abortedError());
    if (this.queue.length >= this.maxQueue)
      return Promise.reject(
        new TransformError('busy', `Too many transforms waiting (${this.maxQueue}); try again shortly`),
      );
    return new Promise((resolve, reject) => {
      const task: Task = { ...request, id: this.nextId++, resolve, reject };
      if (request.signal) {
        task.onAbort = () => this.abort(task);
        request.signal.addEventListener('abort', task.onAbort, { once: true });
      }
      this.queue.push(task);
      this.dispatch();
    });
  }

  /** Stops every sandbox; waiting and running transforms fail. */
  async close(): Promise<void> {
    this.closed = true;
    const closing = new TransformError('sandbox', 'The transform pool closed');
    for (const task of this.queue.splice(0)) this.settle(task, closing);
    await Promise.all(
      [...this.slots].map((slot) => {
        if (slot.task) this.settle(slot.task, closing);
        return this.kill(slot);
      }),
    );
  }

  private dispatch(): void {
    if (this.closed) return;
    while (this.queue.length > 0) {
      const slot = [...this.slots].find((s) => s.ready && !s.task && !s.dead);
      if (!slot) {
        const starting = [...this.slots].filter((s) => !s.ready && !s.dead).length;
        if (this.slots.size < this.maxProcesses && starting < this.queue.length) this.spawn();
        return;
      }
      this.start(slot, this.queue.shift()!);
    }
  }

  private start(slot: Slot, task: Task): void {
    clearTimeout(slot.idleTimer);
    slot.task = task;
    hold(slot.child, true);
    slot.timer = setTimeout(() => {
      this.settle(task, new TransformError('time', `transform exceeded ${formatDuration(task.timeoutMs)}`));
      void this.kill(slot);
    }, task.timeoutMs);
    slot.child.send({
      id: task.id,
      expression: task.expression,
      scope: task.scope,
      maxOutputBytes: task.maxOutputBytes,
    });
  }

  private spawn(): void {
    let child: ChildProcess;
    try {
      child = fork(sandboxScriptPath(), [], {
        // Plain JavaScript: no TypeScript loader or other inherited flags, none of our environment.
        execArgv: [`--max-old-space-size=${this.options.memoryMb}`],
        env: { NODE_ENV: 'production' },
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        serialization: 'advanced',
      });
    } catch (err) {
      const message = `transform sandbox could not start: ${(err as Error).message}`;
      for (const task of this.queue.splice(0)) this.settle(task, new TransformError('sandbox', message));
      return;
    }
    const slot: Slot = { child, ready: false, dead: false, stderr: '' };
    this.slots.add(slot);
    hold(child, true);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      slot.stderr = (slot.stderr + chunk).slice(-4096);
    });
    (child.stderr as { unref?: () => void } | null)?.unref?.();
    child.on('message', (msg: { ready: true } | Reply) => this.onMessage(slot, msg));
    child.on('error', (err) => {
      slot.stderr = `${slot.stderr}\n${err.message}`.slice(-4096);
    });
    // 'close', not 'exit': V8's out-of-memory report on stderr is read by then.
    child.on('close', (code, signal) => this.onExit(slot, code, signal));
  }

  private onMessage(slot: Slot, msg: { ready: true } | Reply): void {
    if ('ready' in msg) {
      slot.ready = true;
      this.idle(slot);
      this.dispatch();
      return;
    }
    const task = slot.task;
    if (!task || task.id !== msg.id) return;
    clearTimeout(slot.timer);
    slot.task = undefined;
    if ('json' in msg) this.settle(task, null, JSON.parse(msg.json));
    else if (msg.error.kind === 'output')
      this.settle(
        task,
        new TransformError(
          'output',
          `transform output is ${formatBytes(msg.error.bytes)}, over the limit of ${formatBytes(task.maxOutputBytes)}`,
        ),
      );
    else this.settle(task, new TransformError('eval', msg.error.message));
    this.idle(slot);
    this.dispatch();
  }

  private onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    const wasReady = slot.ready;
    slot.dead = true;
    clearTimeout(slot.timer);
    clearTimeout(slot.idleTimer);
    this.slots.delete(slot);
    const task = slot.task;
    slot.task = undefined;
    if (task) {
      const outOfMemory = /heap out of memory|Allocation failed/i.test(slot.stderr);
      this.settle(
        task,
        outOfMemory
          ? new TransformError('memory', `transform exceeded its memory limit (${this.options.memoryMb} MB)`)
          : new TransformError('sandbox', `transform sandbox stopped (${signal ?? `exit code ${code}`})`),
      );
    } else if (!wasReady && !this.closed) {
      // It never came up (its script failed to load): fail what waits rather than respawn forever.
      const why = slot.stderr.trim().split('\n').slice(-3).join(' ') || signal || `exit code ${code}`;
      for (const waiting of this.queue.splice(0))
        this.settle(waiting, new TransformError('sandbox', `transform sandbox could not start: ${why}`));
    }
    this.dispatch();
  }

  /** An idle sandbox does not keep the process alive; beyond the first, it stops after idleMs. */
  private idle(slot: Slot): void {
    hold(slot.child, false);
    clearTimeout(slot.idleTimer);
    if (![...this.slots].some((s) => s !== slot && !s.dead)) return;
    slot.idleTimer = setTimeout(() => {
      if (!slot.task && this.slots.size > 1) void this.kill(slot);
    }, this.idleMs);
    slot.idleTimer.unref();
  }

  private abort(task: Task): void {
    const queued = this.queue.indexOf(task);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(task, abortedError());
      return;
    }
    const slot = [...this.slots].find((s) => s.task === task);
    if (!slot) return;
    this.settle(task, abortedError());
    void this.kill(slot);
  }

  private kill(slot: Slot): Promise<void> {
    slot.dead = true;
    slot.task = undefined;
    clearTimeout(slot.timer);
    clearTimeout(slot.idleTimer);
    this.slots.delete(slot);
    if (slot.child.exitCode !== null || slot.child.signalCode !== null) return Promise.resolve();
    hold(slot.child, true);
    return new Promise((resolve) => {
      slot.child.once('exit', () => resolve());
      slot.child.kill('SIGKILL');
    });
  }

  private settle(task: Task, err: TransformError | null, value?: unknown): void {
    if (task.onAbort) task.signal?.removeEventListener('abort', task.onAbort);
    task.onAbort = undefined;
    // Settling twice (a breach racing a reply) is harmless: a promise keeps its first outcome.
    if (err) task.reject(err);
    else task.resolve(value);
  }
}

/** A busy sandbox keeps the caller's process alive until it answers; an idle one does not. */
function hold(child: ChildProcess, busy: boolean): void {
  const channel = child.channel as { ref(): void; unref(): void } | undefined;
  if (busy) {
    child.ref();
    channel?.ref();
  } else {
    child.unref();
    channel?.unref();
  }
}

function abortedError(): TransformError {
  return new TransformError('aborted', 'transform aborted (job cancelled or step timed out)');
}
