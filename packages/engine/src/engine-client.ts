import type { EventSender } from '@levqor/core';
import { type Database, type DbOrTx, engineEvents, insertRowsSql } from '@levqor/db';
import type { Inngest } from 'inngest';
import type { EngineEvent } from './define-function';
import { createInngestClient, dispatchOutbox } from './inngest/client';
import { asList, cancelsRuns, localSendStatement, sendLocal, wakeStatement } from './local/send';
import { errorFields, jsonLineSink, type LogSink } from './log';
import type { Registry } from './registry';

export type EngineProvider = 'local' | 'inngest';

/** `LEVQOR_JOBS_PROVIDER`: `local` (default) or `inngest`. */
export function resolveProvider(env: NodeJS.ProcessEnv = process.env): EngineProvider {
  const value = env.LEVQOR_JOBS_PROVIDER?.trim() || 'local';
  if (value !== 'local' && value !== 'inngest')
    throw new Error(`LEVQOR_JOBS_PROVIDER must be "local" or "inngest", not "${value}"`);
  return value;
}

/** The `EventSender` domain code uses, for either provider. */
export interface EngineClient extends EventSender {
  readonly provider: EngineProvider;
  /**
   * Writes `events` in the caller's transaction (outbox). Local: the triggered runs and cancellations are
   * written in that transaction too, and workers are woken on commit. Inngest: `flush()` after commit.
   * Throws (failing the transaction) when an event's data does not match a triggered job's payload schema.
   */
  send(tx: DbOrTx, events: EngineEvent | readonly EngineEvent[]): Promise<void>;
  /** Inngest: sends committed, undispatched events now; errors are logged and left to the sweep. */
  flush(): Promise<void>;
  /** Inngest: like `flush` but returns how many were sent and throws on failure. Local: 0. */
  dispatch(): Promise<number>;
  /** Inngest: re-sends undispatched events every `intervalMs` (default 5 s). Returns a stop function. */
  startSweep(intervalMs?: number): () => void;
}

export interface EngineClientOptions {
  db: Database;
  registry: Registry;
  /** Default: `LEVQOR_JOBS_PROVIDER`, else `local`. */
  provider?: EngineProvider;
  /** Inngest provider: the client to send with (default `createInngestClient()`). */
  inngest?: Inngest.Any;
  log?: LogSink;
}

export function createEngineClient(options: EngineClientOptions): EngineClient {
  const provider = options.provider ?? resolveProvider();
  const sink = options.log ?? jsonLineSink;
  if (provider === 'local') {
    // One wake-up in flight at a time, and at most one more after it: callers meanwhile share that one
    // (it is sent after their commits, so the workers it wakes see their runs).
    let inFlight: Promise<void> | null = null;
    let next: Promise<void> | null = null;
    const wakeNow = (): Promise<void> =>
      options.db.execute(wakeStatement()).then(
        () => undefined,
        () => undefined,
      );
    const wake = (): Promise<void> => {
      if (!inFlight) {
        inFlight = wakeNow().finally(() => {
          inFlight = null;
        });
        return inFlight;
      }
      next ??= inFlight.then(() => {
        next = null;
        return wake();
      });
      return next;
    };
    return {
      provider,
      send: (tx, events) => sendLocal(tx, options.registry, events),
      statementFor: (events, opts) =>
        events.length === 0 || cancelsRuns(options.registry, events)
          ? null
          : localSendStatement(options.registry, events, opts),
      wake,
      flush: async () => {},
      dispatch: async () => 0,
      startSweep: () => () => {},
    };
  }
  const inngest = options.inngest ?? createInngestClient();
  /** The outbox rows for `events` (validated against the payload schema of every job they trigger). */
  const outboxStatement = (list: readonly EngineEvent[]) => {
    if (list.length === 0) return null;
    for (const event of list)
      for (const def of options.registry.triggeredBy(event.name)) def.payload.parse(event.data);
    return insertRowsSql(
      engineEvents,
      list.map((event) => ({ name: event.name, data: event.data })),
    );
  };
  const dispatch = () => dispatchOutbox(options.db, inngest);
  const flush = async () => {
    try {
      await dispatch();
    } catch (error) {
      sink('warn', { msg: 'could not send events to Inngest; the sweep will retry', ...errorFields(error) });
    }
  };
  return {
    provider,
    async send(tx, events) {
      const statement = outboxStatement(asList(events));
      if (statement) await tx.execute(statement);
    },
    statementFor: outboxStatement,
    flush,
    dispatch,
    startSweep(intervalMs = 5_000) {
      let busy = false;
      const timer = setInterval(() => {
        if (busy) return;
        busy = true;
        void flush().finally(() => {
          busy = false;
        });
      }, intervalMs);
      return () => clearInterval(timer);
    },
  };
}
