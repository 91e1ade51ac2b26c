import { type Database, sql } from '@levqor/db';
import { type ClientOptions, Inngest } from 'inngest';

export const INNGEST_APP_ID = 'levqor';

/**
 * The Inngest client of the app. Keys, the dev-server switch and URLs come from the usual Inngest
 * variables (`INNGEST_EVENT_KEY`, `INNGEST_SIGNING_KEY`, `INNGEST_DEV`, `INNGEST_BASE_URL`…) unless given.
 */
export function createInngestClient(options: Partial<ClientOptions> = {}): Inngest {
  return new Inngest({ id: INNGEST_APP_ID, ...options });
}

/**
 * Sends outbox events (`engine_events` not yet dispatched) to Inngest and marks them dispatched, in
 * batches. Rows are locked with SKIP LOCKED while being sent, so concurrent dispatchers do not overlap;
 * each event keeps its outbox id as its Inngest id, which Inngest de-duplicates, so a send repeated after a
 * crash starts no second run. Throws when Inngest cannot be reached (the events stay in the outbox).
 */
export async function dispatchOutbox(db: Database, inngest: Inngest.Any, batchSize = 100): Promise<number> {
  let total = 0;
  while (true) {
    const sent = await db.transaction(async (tx) => {
      const rows = await tx.execute<{ id: string; name: string; data: Record<string, unknown> }>(sql`
        select id, name, data from engine_events where dispatched_at is null
        order by created_at limit ${batchSize} for update skip locked`);
      if (rows.length === 0) return 0;
      await inngest.send(rows.map((row) => ({ id: row.id, name: row.name, data: row.data })));
      await tx.execute(
        sql`update engine_events set dispatched_at = now() where id = any(${sql.param(rows.map((r) => r.id))}::text[])`,
      );
      return rows.length;
    });
    total += sent;
    if (sent < batchSize) return total;
  }
}
