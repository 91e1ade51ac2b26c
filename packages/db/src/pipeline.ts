import type { SQL } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import type { Database } from './client';

type Rows = Record<string, unknown>[];

/**
 * Runs `statements` in one transaction in ONE round trip: BEGIN, the statements and COMMIT are sent
 * back to back on a connection of the pool without waiting for any answer, and PostgreSQL runs them in
 * order, each with its own snapshot (a statement sent after a lock sees what the previous holder
 * committed). Resolves with each statement's raw rows. If one fails, the rest fail with it, COMMIT
 * rolls back, and this rejects with that first error. Drizzle's own execute() dispatches after a few
 * microtask hops, so it could not guarantee this order; its statements are compiled here instead.
 */
export async function pipelinedTransaction(db: Database, statements: SQL[]): Promise<Rows[]> {
  const { dialect } = db as unknown as { dialect: PgDialect };
  const queries = statements.map((s) => dialect.sqlToQuery(s));
  const conn = await db.$client.reserve();
  try {
    const sent = [
      conn.unsafe('begin').execute(),
      ...queries.map((q) =>
        conn.unsafe<Rows>(q.sql, q.params as postgres.ParameterOrJSON<never>[], { prepare: true }).execute(),
      ),
      conn.unsafe('commit').execute(),
    ];
    const settled = await Promise.allSettled(sent);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.slice(1, -1).map((s) => [...(s as PromiseFulfilledResult<Rows>).value]);
  } finally {
    conn.release();
  }
}
