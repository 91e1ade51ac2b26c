import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Schema = typeof schema;
export type Database = PostgresJsDatabase<Schema> & { $client: postgres.Sql };
/** A database handle or an open transaction: what domain functions accept. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type DbOrTx = Database | Tx;

export interface CreateDbOptions {
  max?: number;
  /** Application name shown in pg_stat_activity. */
  appName?: string;
  /**
   * Seconds to wait for a new connection before the query fails (postgres.js waits 30 s by default):
   * while the database is down or restarting, requests fail fast (503) instead of hanging. Default 3.
   */
  connectTimeoutS?: number;
  /** Called with each statement sent (BEGIN and COMMIT included): benchmarks count round trips with it. */
  onQuery?: (query: string) => void;
}

/**
 * Drizzle sends every query through postgres.js's `unsafe(…, { prepare: false })`, and postgres.js then
 * describes each parameterized statement before executing it: two round trips and a parse + plan on the
 * server for every query. With `prepare: true` each statement text becomes a prepared statement of its
 * connection — described once, then one round trip and a cached plan (postgres.js re-prepares after a
 * schema change; connections are recycled after 30–60 min, which bounds the cache).
 */
function preparedByDefault<T extends postgres.Sql | postgres.TransactionSql>(sql: T): T {
  const unsafe = sql.unsafe as (query: string, args?: unknown, opts?: postgres.UnsafeQueryOptions) => unknown;
  sql.unsafe = ((query: string, args?: unknown, opts?: postgres.UnsafeQueryOptions) =>
    Array.isArray(args) || args === undefined
      ? unsafe(query, args ?? [], { ...opts, prepare: true })
      : unsafe(query, [], { ...(args as postgres.UnsafeQueryOptions), prepare: true })) as T['unsafe'];
  const tx = sql as postgres.TransactionSql;
  if (typeof tx.savepoint === 'function') {
    const savepoint = tx.savepoint;
    tx.savepoint = ((...a: unknown[]) => {
      const fn = a.pop() as (s: postgres.TransactionSql) => unknown;
      return (savepoint as (...x: unknown[]) => unknown)(...a, (s: postgres.TransactionSql) =>
        fn(preparedByDefault(s)),
      );
    }) as typeof tx.savepoint;
  }
  if ('begin' in sql && typeof sql.begin === 'function') {
    const begin = sql.begin;
    sql.begin = ((...a: unknown[]) => {
      const fn = a.pop() as (s: postgres.TransactionSql) => unknown;
      return (begin as (...x: unknown[]) => unknown)(...a, (s: postgres.TransactionSql) =>
        fn(preparedByDefault(s)),
      );
    }) as postgres.Sql['begin'];
  }
  return sql;
}

/** A Drizzle client on postgres.js. The caller owns it and closes it with `closeDb`. */
export function createDb(url: string, options: CreateDbOptions = {}): Database {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connect_timeout: options.connectTimeoutS ?? 3,
    // postgres.js waits up to 20 s between reconnection attempts after repeated failures, and queries
    // queued meanwhile wait with it: while the database restarts, retry within half a second instead,
    // so each queued query fails fast (503) or runs as soon as the database is back.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.5),
    connection: { application_name: options.appName ?? 'levqor' },
    ...(options.onQuery ? { debug: (_conn: number, query: string) => options.onQuery!(query) } : {}),
  });
  return drizzle(preparedByDefault(sql), { schema }) as Database;
}

export async function closeDb(db: Database): Promise<void> {
  await db.$client.end({ timeout: 5 });
}

const GLOBAL_KEY = Symbol.for('levqor.db');
type GlobalWithDb = typeof globalThis & { [GLOBAL_KEY]?: Database };

/** One shared client per process (survives Next.js hot reload), from `DATABASE_URL`. */
export function getDb(): Database {
  const g = globalThis as GlobalWithDb;
  if (!g[GLOBAL_KEY]) {
    const url = process.env.DATABASE_URL;
    if (!url)
      throw new Error('DATABASE_URL is not set: start Levqor with `pnpm dev` or `pnpm start`, or set it.');
    g[GLOBAL_KEY] = createDb(url);
  }
  return g[GLOBAL_KEY];
}
