import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, createDb } from './client';
import { pipelinedTransaction } from './pipeline';

/**
 * postgres.js 3.4.9 (patched, see patches/postgres@3.4.9.patch): a reserved connection whose backend
 * goes away (a database restart) used to be put back in the pool as "open" without a socket when it
 * was released — every later query on it hung, and writing to it threw an uncaught TypeError. Under
 * steady intake a PostgreSQL restart therefore took intake down for good.
 */
const url = process.env.DATABASE_URL!;
const admin = postgres(url, { max: 1, onnotice: () => {} });
afterAll(() => admin.end({ timeout: 1 }));

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)),
  ]);

async function killBackend(pid: number) {
  await admin`select pg_terminate_backend(${pid})`;
  await new Promise((r) => setTimeout(r, 200));
}

describe('the pool after a reserved connection lost its backend', () => {
  it('fails queries on the dead reservation at once, then serves from a fresh connection', async () => {
    const db = createDb(url, { max: 1 });
    try {
      const conn = await db.$client.reserve();
      const [row0] = await conn<{ pid: number }[]>`select pg_backend_pid() as pid`;
      const pid = row0!.pid;
      await killBackend(pid);
      await expect(within(conn`select 1`.execute(), 3_000)).rejects.toMatchObject({
        code: expect.stringMatching(/CONNECTION_CLOSED|57P01/),
      });
      conn.release();
      const [row] = await within(db.$client<{ pid: number }[]>`select pg_backend_pid() as pid`, 3_000);
      expect(row!.pid).not.toBe(pid);
    } finally {
      await closeDb(db);
    }
  });

  it('a pipelined transaction works again after its connection was killed', async () => {
    const db = createDb(url, { max: 1 });
    try {
      const first = (await pipelinedTransaction(db, [sql`select pg_backend_pid() as pid`]))[0]![0];
      await killBackend(Number(first!.pid));
      // The first attempt may meet the dead connection and fail; it must not hang, and the next works.
      await within(pipelinedTransaction(db, [sql`select 1`]), 6_000).catch(() => {});
      const again = (
        await within(pipelinedTransaction(db, [sql`select pg_backend_pid() as pid`]), 6_000)
      )[0]![0];
      expect(again!.pid).not.toBe(first!.pid);
    } finally {
      await closeDb(db);
    }
  });
});
