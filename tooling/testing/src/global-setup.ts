import { join } from 'node:path';
import { startEmbeddedPostgres } from '@levqor/db/embedded';
import { runMigrations } from '@levqor/db/migrate';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * One real PostgreSQL database for the whole run: `DATABASE_URL` when set (used as given), otherwise a
 * fresh database on the embedded server under `.levqor/test` (port LEVQOR_TEST_PG_PORT, default 54339),
 * dropped at the end. Migrations are applied before any test starts.
 */
export default async function setup(project: TestProject) {
  let url = process.env.DATABASE_URL;
  let teardown = async () => {};
  if (!url) {
    const root = project.vitest.config.root;
    const port = Number(process.env.LEVQOR_TEST_PG_PORT ?? 54339);
    const name = `test_${Date.now().toString(36)}_${process.pid}`;
    const handle = await startEmbeddedPostgres({
      dataDir: join(root, '.levqor', 'test', 'pg'),
      port,
      database: name,
    });
    url = handle.url;
    teardown = async () => {
      const admin = new URL(handle.url);
      admin.pathname = '/postgres';
      const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
      // Another test run may be using the same server (its own database): leave it running for them.
      const [others] =
        await sql`select count(*)::int as n from pg_database where datname like 'test\_%'`.catch(() => [
          { n: 0 },
        ]);
      await sql.end();
      if (!others || Number(others.n) === 0) await handle.stop();
    };
  }
  await runMigrations(url);
  project.provide('databaseUrl', url);
  return teardown;
}
