import { type DbOrTx, engineEvents, engineRuns, insertRowsSql, type SQL, sql } from '@levqor/db';
import type { EngineEvent, FunctionDefinition } from '../define-function';
import type { Registry } from '../registry';

/** The channel workers LISTEN on. Payload `run` (new work) or `cancel` (a running run was cancelled). */
export const NOTIFY_CHANNEL = 'levqor_engine';

export function asList<T>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? value : [value as T];
}

/** The concurrency key stored on a run: scoped to its function, like Inngest's default `fn` scope. */
export function concurrencyKeyOf(def: FunctionDefinition, payload: unknown): string | null {
  if (!def.concurrency) return null;
  const value = (payload as Record<string, unknown> | null)?.[def.concurrency.key];
  if (value === undefined || value === null)
    throw new Error(`Job ${def.id}: payload field "${def.concurrency.key}" (its concurrency key) is missing`);
  return `${def.id}:${String(value)}`;
}

/** The limit stored with a run's key: its payload's (`limitField`) when a positive integer, else the definition's. */
export function concurrencyLimitOf(def: FunctionDefinition, payload: unknown): number | null {
  if (!def.concurrency) return null;
  const field = def.concurrency.limitField;
  const own = field ? (payload as Record<string, unknown> | null)?.[field] : undefined;
  return typeof own === 'number' && Number.isInteger(own) && own > 0 ? own : def.concurrency.limit;
}

/** Column values of a new queued run of `def` for `payload` (validated against the definition's schema). */
export function newRunValues(def: FunctionDefinition, eventName: string, payload: unknown) {
  const parsed = def.payload.parse(payload);
  return {
    functionId: def.id,
    eventName,
    payload: payload as object,
    priority: def.priority ? Math.trunc(def.priority(parsed)) : 0,
    concurrencyKey: concurrencyKeyOf(def, parsed),
    concurrencyLimit: concurrencyLimitOf(def, parsed),
    maxAttempts: def.retries + 1,
  };
}

/**
 * The statement that inserts the runs `events` trigger and notifies the workers — the notification is
 * delivered on commit, and nothing of it exists if the transaction rolls back. A run keeps its event
 * (name and payload); events that trigger nothing are recorded as dispatched `engine_events`. Rows
 * travel as one json parameter per table: this is on the REST intake's path.
 */
export function localSendStatement(
  registry: Registry,
  events: readonly EngineEvent[],
  { wake = true }: { wake?: boolean } = {},
): SQL {
  const runs = events.flatMap((event) =>
    registry.triggeredBy(event.name).map((def) => newRunValues(def, event.name, event.data)),
  );
  const unrouted = events.filter((event) => registry.triggeredBy(event.name).length === 0);
  const dispatchedAt = new Date();
  const eventRows =
    unrouted.length > 0
      ? insertRowsSql(
          engineEvents,
          unrouted.map((event) => ({ name: event.name, data: event.data, dispatchedAt })),
        )
      : null;
  if (runs.length === 0) return eventRows ?? sql`select 1`;
  const runRows = sql`run_rows as (${insertRowsSql(engineRuns, runs)})`;
  return sql`with ${eventRows ? sql`event_rows as (${eventRows}), ` : sql``}${runRows} select ${wake ? sql`pg_notify(${NOTIFY_CHANNEL}, 'run')` : sql`1`}`;
}

/**
 * Wakes the workers in a transaction of its own, committed asynchronously: a notification is not worth a
 * WAL flush, and PostgreSQL holds one lock for all notifying commits until each has flushed. No
 * notification is lost to a crash that matters (the runs are committed; workers poll as well).
 */
export const wakeStatement = () =>
  sql`select set_config('synchronous_commit', 'off', true), pg_notify(${NOTIFY_CHANNEL}, 'run')`;

/** Whether `events` carry cancellations (which `localSendStatement` does not apply). */
export const cancelsRuns = (registry: Registry, events: readonly EngineEvent[]) =>
  events.some((event) => registry.cancelledBy(event.name).length > 0);

/**
 * Local provider `send`, in the caller's transaction: `localSendStatement`, then the cancellations the
 * events carry.
 */
export async function sendLocal(
  tx: DbOrTx,
  registry: Registry,
  events: EngineEvent | readonly EngineEvent[],
): Promise<void> {
  const list = asList(events);
  if (list.length === 0) return;
  await tx.execute(localSendStatement(registry, list));
  const cancelledRunning = await applyCancellations(tx, registry, list);
  if (cancelledRunning > 0) await tx.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, 'cancel')`);
}

/**
 * Queued and sleeping runs matched by a cancel event become `cancelled` at once; running ones get
 * `cancel_requested` and their worker aborts them. Returns how many running runs were flagged.
 */
export async function applyCancellations(
  tx: DbOrTx,
  registry: Registry,
  events: readonly EngineEvent[],
): Promise<number> {
  let running = 0;
  for (const event of events) {
    for (const def of registry.cancelledBy(event.name)) {
      const match = def.cancelOn!.match;
      const value = event.data[match];
      if (value === undefined || value === null) continue;
      const rows = await tx.execute<{ running: boolean }>(sql`
        update engine_runs set
          cancel_requested = true,
          status = case when status = 'running' then status else 'cancelled' end,
          finished_at = case when status = 'running' then finished_at else now() end,
          lease_until = case when status = 'running' then lease_until else null end,
          updated_at = now()
        where function_id = ${def.id} and payload ->> ${match} = ${String(value)}
          and status in ('queued', 'sleeping', 'running')
        returning status = 'running' as running`);
      running += rows.filter((row) => row.running).length;
    }
  }
  return running;
}
