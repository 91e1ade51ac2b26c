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
