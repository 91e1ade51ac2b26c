import { closeDb, createDb, type Database } from '@levqor/db';
import { runMigrations } from '@levqor/db/migrate';
import { resolveDatabase } from './database';

/** Runs `fn` against a migrated database (embedded unless DATABASE_URL), then releases everything. */
export async function withDatabase<T>(fn: (db: Database, url: string) => Promise<T>): Promise<T> {
  const resolved = await resolveDatabase();
  try {
    await runMigrations(resolved.url);
    const db = createDb(resolved.url, { max: 2, appName: 'levqor-cli' });
    try {
      return await fn(db, resolved.url);
    } finally {
      await closeDb(db);
    }
  } finally {
    await resolved.stop();
  }
}
