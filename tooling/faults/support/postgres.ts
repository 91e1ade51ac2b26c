import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { type EmbeddedHandle, startEmbeddedPostgres } from '@levqor/db/embedded';
import { runMigrations } from '@levqor/db/migrate';
import { FAULTS_HOME, PORTS } from './ports';

/**
 * An embedded PostgreSQL of the fault suite's own (never the machine's service on 5432), which the
 * suite may stop and start again under load. Starts from an empty data directory.
 */
export async function faultPostgres(which: 'launcher' | 'worker' = 'launcher') {
  const home = join(FAULTS_HOME, which);
  const dataDir = join(home, 'pg');
  rmSync(home, { recursive: true, force: true });
  const port = which === 'launcher' ? PORTS.postgres : PORTS.postgres + 1;
  const open = () => startEmbeddedPostgres({ dataDir, port, database: 'levqor' });
  let handle: EmbeddedHandle = await open();
  if (!handle.owned) throw new Error(`port ${port} already serves a PostgreSQL: stop it first`);
  await runMigrations(handle.url);
  return {
    url: handle.url,
    async stop() {
      await handle.stop();
    },
    async start() {
      handle = await open();
    },
  };
}
