import { type DbOrTx, eq, rateLimitCounters, sql } from '@levqor/db';
import { hashPii } from './pii-hash';

export const LOCKOUT = { failures: 5, windowMs: 10 * 60_000, lockMs: 15 * 60_000 } as const;

const lockKey = (email: string) => `signin-lock:${hashPii(email)}`;
const failKey = (email: string) => `signin-fail:${hashPii(email)}`;

/** When the email's sign-in is locked, the time the lock ends; else null. */
export async function signInLockedUntil(db: DbOrTx, email: string): Promise<Date | null> {
  const [row] = await db
    .select({ resetAt: rateLimitCounters.resetAt })
    .from(rateLimitCounters)
    .where(eq(rateLimitCounters.key, lockKey(email)));
  return row && row.resetAt > new Date() ? row.resetAt : null;
}

/**
 * Counts a failed sign-in verification (wrong or expired link). The 5th failure within 10 minutes
 * locks the email's sign-in for 15 minutes. Requesting links never counts here.
 */
export async function recordVerificationFailure(
  db: DbOrTx,
  email: string,
): Promise<{ failures: number; lockedUntil: Date | null }> {
  const rows = await db.execute<{ count: number }>(sql`
    insert into rate_limit_counters as c (key, count, reset_at)
    values (${failKey(email)}, 1, now() + make_interval(secs => ${LOCKOUT.windowMs / 1000}))
    on conflict (key) do update set
      count = case when c.reset_at <= now() then 1 else c.count + 1 end,
      reset_at = case when c.reset_at <= now() then excluded.reset_at else c.reset_at end
    returning count`);
  const failures = Number(rows[0]!.count);
  if (failures < LOCKOUT.failures) return { failures, lockedUntil: null };
  const lockedUntil = new Date(Date.now() + LOCKOUT.lockMs);
  await db
    .insert(rateLimitCounters)
    .values({ key: lockKey(email), count: 1, resetAt: lockedUntil })
    .onConflictDoUpdate({ target: rateLimitCounters.key, set: { resetAt: lockedUntil, count: 1 } });
  await db.delete(rateLimitCounters).where(eq(rateLimitCounters.key, failKey(email)));
  return { failures, lockedUntil };
}
