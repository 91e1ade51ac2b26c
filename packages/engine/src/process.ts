import { flaggedWorkerConcurrency, MAX_WORKER_CONCURRENCY } from '@levqor/core';
import { closeDb, createDb } from '@levqor/db';
import { createEngineClient, resolveProvider } from './engine-client';
import { createWorker, type WorkerOptions } from './local/worker';
import { jsonLineSink, type LogSink } from './log';
import type { Registry } from './registry';

export interface WorkerProcessOptions {
  env?: NodeJS.ProcessEnv;
  log?: LogSink;
  /** Extra worker options (tests, tuning); env values fill in the rest. */
  worker?: Partial<Omit<WorkerOptions, 'registry' | 'db' | 'url'>>;
  /** Install SIGTERM/SIGINT handlers that stop gracefully. Default true. */
  handleSignals?: boolean;
}

export interface WorkerProcess {
  /** Resolves once the worker has stopped (after a signal or `stop()`). */
  readonly stopped: Promise<void>;
  stop(): Promise<void>;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, not "${raw}"`);
  return value;
}

/**
 * Runs one worker process executes at once (`LEVQOR_WORKER_CONCURRENCY`, default 8; the `worker.concurrency`
 * flag, while on, overrides it in a running worker). A run spends most
 * of its time waiting on PostgreSQL and on step I/O: measured here (bench:engine), 4 slots kept up with
 * a steady 50 jobs/s only at the edge (seconds of queueing under load), 8 roughly doubled the drain rate.
 */
export function workerConcurrency(env: NodeJS.ProcessEnv = process.env): number {
  return positiveInt(env, 'LEVQOR_WORKER_CONCURRENCY', 8);
}

/**
 * The job worker as a process, for `pnpm levqor worker` and the launcher. From the environment:
 * `DATABASE_URL` (required), `LEVQOR_WORKER_CONCURRENCY` (default 8), `LEVQOR_JOBS_PROVIDER`.
 * Local provider: runs a local-engine worker for `registry`. Inngest provider: Inngest executes the jobs,
 * so the process only sweeps the outbox (events whose post-commit send failed). SIGTERM/SIGINT stop it
 * gracefully.
 */
export async function runWorkerProcess(
  registry: Registry,
  options: WorkerProcessOptions = {},
): Promise<WorkerProcess> {
  const env = options.env ?? process.env;
  const sink = options.log ?? jsonLineSink;
  const url = env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: the job worker needs the database.');
  const provider = resolveProvider(env);
  const concurrency = workerConcurrency(env);

  let stopImpl: () => Promise<void>;
  if (provider === 'local') {
    // The `worker.concurrency` flag (set by applying an autoscale recommendation) overrides the env value
    // while it is on; killing it returns to LEVQOR_WORKER_CONCURRENCY within seconds.
    const worker = createWorker({
      url,
      registry,
      concurrency,
      concurrencyFrom: flaggedWorkerConcurrency,
      maxConcurrency: Math.max(concurrency, MAX_WORKER_CONCURRENCY),
      log: sink,
      ...options.worker,
    });
    await worker.start();
    stopImpl = () => worker.stop();
  } else {
    const db = createDb(url, { max: 2, appName: 'levqor-outbox-sweep' });
    const client = createEngineClient({ db, registry, provider, log: sink });
    const stopSweep = client.startSweep();
    sink('info', { msg: 'inngest provider: Inngest runs the jobs; sweeping the outbox' });
    stopImpl = async () => {
      stopSweep();
      await closeDb(db);
    };
  }

  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => {
    resolveStopped = resolve;
  });
  let stopping: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    sink('info', { msg: `${signal} received: stopping gracefully` });
    void stop();
  };
  const stop = () => {
    stopping ??= stopImpl().finally(() => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolveStopped();
    });
    return stopping;
  };
  if (options.handleSignals !== false) {
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }
  return { stopped, stop };
}
