import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { E2E_DATABASE_URL } from './second-web-server';

const REPO_ROOT = join(import.meta.dirname, '..', '..');

/** The web app of the e2e instance, by IP (the session cookie and links follow the host used). */
export const WEB = 'http://127.0.0.1:3000';

/** A unique address for this test run. */
export const fresh = (label: string) =>
  `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@e2e.levqor.local`;

/** A non-loopback IPv4 address of this machine (e.g. eth0's), or undefined when it has none. */
export function outsideAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a && !a.internal && a.family === 'IPv4')?.address;
}

/** The e2e instance's generated secrets (`.levqor/e2e/secrets.json`). */
export function e2eSecrets(): Record<string, string> {
  return JSON.parse(readFileSync(join(REPO_ROOT, '.levqor', 'e2e', 'secrets.json'), 'utf8'));
}

/** The keyed hash the security log and the rate-limit keys use for `value` (HMAC-SHA256, LEVQOR_SECRET). */
export function keyedHash(value: string): string {
  return createHmac('sha256', e2eSecrets().LEVQOR_SECRET!).update(value.trim().toLowerCase()).digest('hex');
}

type Sql = ((strings: TemplateStringsArray, ...values: unknown[]) => Promise<Record<string, unknown>[]>) & {
  end(): Promise<void>;
};

/**
 * A query on the e2e database, for facts no page shows (what rate-limit counters hold). The `postgres`
 * client is borrowed from the test tooling package.
 */
export async function withDb<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
  const require = createRequire(join(REPO_ROOT, 'tooling', 'testing', 'package.json'));
  const postgres = require('postgres') as (url: string, opts: object) => Sql;
  const sql = postgres(E2E_DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

/** A small deterministic PRNG (mulberry32), so a fuzz run can be repeated from its seed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
