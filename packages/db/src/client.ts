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
}

/** A Drizzle client on postgres.js. The caller owns it and closes it with `closeDb`. */
export function createDb(url: string, options: CreateDbOptions = {}): Database {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { application_name: options.appName ?? 'levqor' },
  });
  return drizzle(sql, { schema }) as Database;
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
