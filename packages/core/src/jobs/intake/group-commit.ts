import type { Database } from '@levqor/db';
import { log } from '@levqor/observability/logger';
import type { EventSender } from '../../events/events';
import { optimisticBatch, recoverBatch } from './batch';
import type { Outcome, PreparedSubmit } from './types';

interface Waiting {
  item: PreparedSubmit;
  resolve: (o: Outcome) => void;
}

/** At most this many submissions, and about this much payload, share one intake transaction. */
const MAX_BATCH = 64;
const MAX_BATCH_PAYLOAD = 4 * 1024 * 1024;
/**
 * Intake transactions in flight at once per workspace (per process). One round trip each, so the
 * submissions arriving meanwhile make the next batch; measured on 2 cores, a second flight only made
 * the batches smaller and each submission dearer (bench/README.md). Other processes' flights for the
 * same workspace run in parallel: they queue only for the workspace lock, at the end.
 */
const MAX_FLIGHTS = 1;

/** The first waiting submissions within MAX_BATCH and MAX_BATCH_PAYLOAD (always at least one). */
function takeBatch(waiting: Waiting[]): Waiting[] {
  let n = 0;
  let bytes = 0;
  while (n < waiting.length && n < MAX_BATCH) {
    bytes += waiting[n]!.item.payloadBytes;
    if (n > 0 && bytes > MAX_BATCH_PAYLOAD) break;
    n += 1;
  }
  return waiting.splice(0, n);
}

interface IntakeQueue {
  waiting: Waiting[];
  /** Intake transactions in progress for this workspace. */
  flights: number;
}
const queues = new WeakMap<object, WeakMap<EventSender, Map<string, IntakeQueue>>>();

function queueFor(db: Database, events: EventSender, workspaceId: string) {
  const byEvents = queues.get(db) ?? new WeakMap<EventSender, Map<string, IntakeQueue>>();
  queues.set(db, byEvents);
  const byWorkspace = byEvents.get(events) ?? new Map<string, IntakeQueue>();
  byEvents.set(events, byWorkspace);
  const q = byWorkspace.get(workspaceId) ?? { waiting: [], flights: 0 };
  byWorkspace.set(workspaceId, q);
  return { q, forget: () => byWorkspace.delete(workspaceId) };
}

/**
 * Group commit per workspace: up to MAX_FLIGHTS intake transactions run at once, and the submissions
 * that arrive while they are all busy go together in the next one (within MAX_BATCH and
 * MAX_BATCH_PAYLOAD). Alone, a submission goes at once.
 */
export function enqueue(
  db: Database,
  workspaceId: string,
  events: EventSender,
  item: PreparedSubmit,
): Promise<Outcome> {
  const { q, forget } = queueFor(db, events, workspaceId);
  const done = new Promise<Outcome>((resolve) => q.waiting.push({ item, resolve }));

  const flight = async (batch: Waiting[]) => {
    const items = batch.map((w) => w.item);
    let outcomes: Outcome[];
    let committed = false;
    try {
      outcomes = await optimisticBatch(db, workspaceId, events, items);
      committed = true;
    } catch (error) {
      outcomes = await recoverBatch(db, workspaceId, events, items, error).catch((err: unknown) =>
        items.map((): Outcome => ({ error: err })),
      );
    }
    if (committed && outcomes.some((o) => 'ok' in o && o.ok.created))
      // Committed: the jobs are accepted whatever happens here (an engine that reads its outbox again).
      await events.flush().catch((err: unknown) => log.error({ err }, 'intake.flush_failed'));
    for (const [i, w] of batch.entries()) w.resolve(outcomes[i] ?? { error: new Error('intake failed') });
  };

  const pump = () => {
    while (q.waiting.length > 0 && q.flights < MAX_FLIGHTS) {
      q.flights += 1;
      void flight(takeBatch(q.waiting)).finally(() => {
        q.flights -= 1;
        if (q.flights === 0 && q.waiting.length === 0) forget();
        else pump();
      });
    }
  };

  pump();
  return done;
}
