import { exitWithLauncher } from '@levqor/config/exit-with-launcher';
import { createDb } from '@levqor/db';
import { runMigrations } from '@levqor/db/migrate';
import { runWorkerProcess, workerConcurrency } from '@levqor/engine';
import { createLevqorEngine } from '@levqor/engine/functions';
import { log } from '@levqor/observability/logger';
import { flushSentry, initSentry } from '@levqor/observability/sentry';
import { resolveDatabase } from '../database';

/** `pnpm levqor worker`: runs background jobs until SIGTERM / Ctrl-C (graceful). */
export async function worker(): Promise<void> {
  const database = await resolveDatabase();
  try {
    await runMigrations(database.url);
    const env = { ...process.env, DATABASE_URL: database.url };
    process.env.DATABASE_URL = database.url;
    // The jobs' own statements (steps, ledger) run on this pool: one connection per slot, and a few more.
    const db = createDb(database.url, { max: workerConcurrency() + 2, appName: 'levqor-worker' });
    const { registry } = createLevqorEngine(db);
    // Error reports of failed runs (off without SENTRY_DSN).
    await initSentry('worker');
    const proc = await runWorkerProcess(registry, { env });
    exitWithLauncher();
    log.info({ provider: process.env.LEVQOR_JOBS_PROVIDER ?? 'local', pid: process.pid }, 'worker started');
    await proc.stopped;
    await flushSentry();
    await db.$client.end({ timeout: 5 });
  } finally {
    await database.stop();
  }
}
