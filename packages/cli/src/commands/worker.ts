import { createDb } from '@levqor/db';
import { runMigrations } from '@levqor/db/migrate';
import { runWorkerProcess } from '@levqor/engine';
import { createLevqorEngine } from '@levqor/engine/functions';
import { resolveDatabase } from '../database';

/** `pnpm levqor worker`: runs background jobs until SIGTERM / Ctrl-C (graceful). */
export async function worker(): Promise<void> {
  const database = await resolveDatabase();
  try {
    await runMigrations(database.url);
    const env = { ...process.env, DATABASE_URL: database.url };
    process.env.DATABASE_URL = database.url;
    const db = createDb(database.url, { max: 5, appName: 'levqor-worker' });
    const { registry } = createLevqorEngine(db);
    const proc = await runWorkerProcess(registry, { env });
    console.log(
      JSON.stringify({
        level: 'info',
        msg: 'worker started',
        provider: process.env.LEVQOR_JOBS_PROVIDER ?? 'local',
        pid: process.pid,
      }),
    );
    await proc.stopped;
    await db.$client.end({ timeout: 5 });
  } finally {
    await database.stop();
  }
}
