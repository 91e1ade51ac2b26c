import { isLocal } from '@levqor/config';
import { closeDb, createDb, type Database } from '@levqor/db';
import { runMigrations } from '@levqor/db/migrate';
import { resolveDatabase } from './database';
import { loadLocalSecrets } from './secrets';

/** Runs `fn` against a migrated database (embedded unless DATABASE_URL), then releases everything. */
export async function withDatabase<T>(fn: (db: Database, url: string) => Promise<T>): Promise<T> {
  // Locally, commands use the same generated secrets as the running apps (e.g. to hash security-log data).
  if (isLocal()) Object.assign(process.env, loadLocalSecrets().secrets);
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
