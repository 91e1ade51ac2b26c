import { randomBytes } from 'node:crypto';
import { closeDb, createDb, type Database, sql } from '@levqor/db';
import type { EngineEvent } from '../define-function';
import type { EngineClient } from '../engine-client';

/** A database handle for one test file (the run's shared test database). */
export function openTestDb(max = 10): Database {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (the vitest global setup provides it)');
  return createDb(url, { max, appName: 'levqor-engine-test' });
}

export { closeDb };

/** A unique id: test files share one database, so every function id and payload id is unique. */
export function uid(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/** Sends events in their own committed transaction. */
export async function submit(
  db: Database,
  client: EngineClient,
  events: EngineEvent | EngineEvent[],
): Promise<void> {
  await db.transaction((tx) => client.send(tx, events));
}

export interface RunRow {
  id: string;
  status: string;
  attempt: number;
  max_attempts: number;
  priority: number;
  run_at_ms: number;
  last_error: string | null;
  output: unknown;
  cancel_requested: boolean;
  payload: Record<string, unknown>;
  dedupe_key: string | null;
}

export async function runsOf(db: Database, functionId: string): Promise<RunRow[]> {
  return (await db.execute(sql`
    select id, status, attempt, max_attempts, priority, last_error, output, cancel_requested, payload, dedupe_key,
      (extract(epoch from run_at) * 1000)::float8 as run_at_ms
    from engine_runs where function_id = ${functionId} order by created_at, id`)) as unknown as RunRow[];
}

export async function onlyRun(db: Database, functionId: string): Promise<RunRow> {
  const runs = await runsOf(db, functionId);
  if (runs.length !== 1) throw new Error(`expected one run of ${functionId}, found ${runs.length}`);
  return runs[0]!;
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
  label = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves when `signal` aborts, or after `ms` (a long call that honours its signal). */
export function abortableWait(signal: AbortSignal, ms: number): Promise<'aborted' | 'elapsed'> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve('aborted');
    const timer = setTimeout(() => resolve('elapsed'), ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve('aborted');
    });
  });
}
