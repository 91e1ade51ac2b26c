import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@levqor/db/embedded';
import { levqorHome } from './paths';

export interface ResolvedDatabase {
  url: string;
  /** Human description for the summary. */
  description: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** `DATABASE_URL` when set; otherwise the embedded PostgreSQL under `<home>/pg` (started if needed). */
export async function resolveDatabase(env = process.env): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) {
    const u = new URL(env.DATABASE_URL);
    return {
      url: env.DATABASE_URL,
      description: `external PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname} (DATABASE_URL)`,
      embedded: false,
      stop: async () => {},
    };
  }
  const home = levqorHome(env);
  mkdirSync(home, { recursive: true });
  const port = Number(env.LEVQOR_PG_PORT ?? 54329);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`LEVQOR_PG_PORT must be a port number, got "${env.LEVQOR_PG_PORT}"`);
  const dataDir = join(home, 'pg');
  const logFile = join(home, 'pg.log');
  const handle = await startEmbeddedPostgres({
    dataDir,
    port,
    database: 'levqor',
    log: (line) => appendFileSync(logFile, `${line}\n`),
  });
  return {
    url: handle.url,
    description: `embedded PostgreSQL on 127.0.0.1:${port} (data ${dataDir}, log ${logFile})${handle.owned ? '' : ' — reused a running server'}`,
    embedded: true,
    stop: () => handle.stop(),
  };
}
