import { SQL, StringChunk } from 'drizzle-orm';
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
  const queries = statements.map((s) => compileText(s) ?? dialect.sqlToQuery(s));
  const conn = await reserveWithin(db, RESERVE_TIMEOUT_MS);
  try {
    const sent = [
      conn.unsafe('begin').execute(),
      ...queries.map((q) =>
        conn.unsafe<Rows>(q.sql, q.params as postgres.ParameterOrJSON<never>[], { prepare: true }).execute(),
      ),
      conn.unsafe('commit').execute(),
    ];
    const settled = await settledWithin(sent, PIPELINE_TIMEOUT_MS);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.slice(1, -1).map((s) => [...(s as PromiseFulfilledResult<Rows>).value]);
  } finally {
    conn.release();
  }
}

/**
 * How long a pipelined transaction waits for a connection of the pool (the database may be down): the
 * caller answers 503 within a client's patience (the fault suite asks for < 5 s end to end).
 */
const RESERVE_TIMEOUT_MS = 2_000;
/**
 * How long its statements may take: when the connection is lost mid-pipeline (a database restart),
 * statements queued on the reserved connection are never answered — without a deadline the caller (and
 * every intake waiting behind it) would hang for good.
 */
const PIPELINE_TIMEOUT_MS = 4_000;

async function settledWithin<T>(promises: Promise<T>[], ms: number): Promise<PromiseSettledResult<T>[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          Object.assign(new Error(`pipelined transaction unanswered after ${ms} ms`), {
            code: 'CONNECTION_CLOSED',
          }),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([Promise.allSettled(promises), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A reserved connection, or a CONNECT_TIMEOUT error (isDatabaseUnavailable) after `ms`: while the
 * database restarts, a reservation must fail like a query does instead of waiting for it. A connection
 * that arrives after the deadline is released at once.
 */
async function reserveWithin(db: Database, ms: number): Promise<postgres.ReservedSql> {
  const reserving = db.$client.reserve();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void reserving.then(
        (late) => late.release(),
        () => {},
      );
      reject(Object.assign(new Error(`no database connection within ${ms} ms`), { code: 'CONNECT_TIMEOUT' }));
    }, ms);
  });
  try {
    return await Promise.race([reserving, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The text and parameters of a statement made only of SQL text and plain values (strings, numbers,
 * booleans, null) — what drizzle's compiler would produce, without its type checks on every chunk
 * (most of the cost of a hot statement); null for anything else (columns, tables, arrays, dates…),
 * which drizzle compiles.
 */
export function compileText(statement: SQL): { sql: string; params: unknown[] } | null {
  let text = '';
  const params: unknown[] = [];
  const walk = (chunks: unknown[]): boolean => {
    for (const chunk of chunks) {
      if (chunk instanceof StringChunk) text += chunk.value.join('');
      else if (chunk instanceof SQL) {
        if ((chunk as unknown as { shouldInlineParams: boolean }).shouldInlineParams) return false;
        if (!walk(chunk.queryChunks)) return false;
      } else if (chunk === undefined) continue;
      else if (chunk === null || ['string', 'number', 'boolean'].includes(typeof chunk)) {
        params.push(chunk);
        text += `$${params.length}`;
      } else return false;
    }
    return true;
  };
  return walk(statement.queryChunks) ? { sql: text, params } : null;
}
