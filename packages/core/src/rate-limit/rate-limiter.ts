import { type Database, sql } from '@levqor/db';

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends. */
  resetAt: Date;
}

/** A limit shared by every process and instance (never per-process memory). */
export interface RateLimiter {
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult>;
}

function result(count: number, limit: number, resetAt: Date): RateLimitResult {
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetAt };
}

/** Fixed windows in PostgreSQL (`rate_limit_counters`): one upsert per hit. */
export function postgresRateLimiter(db: Database): RateLimiter {
  return {
    async hit(key, limit, windowMs) {
      const rows = await db.execute<{ count: number; reset_at: Date }>(sql`
        insert into rate_limit_counters as c (key, count, reset_at)
        values (${key}, 1, now() + make_interval(secs => ${windowMs / 1000}))
        on conflict (key) do update set
          count = case when c.reset_at <= now() then 1 else c.count + 1 end,
          reset_at = case when c.reset_at <= now() then excluded.reset_at else c.reset_at end
        returning count, reset_at`);
      const row = rows[0]!;
      return result(Number(row.count), limit, new Date(row.reset_at));
    },
  };
}

/** Minimal Redis surface used (ioredis-compatible). */
export interface RedisLike {
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

const REDIS_SCRIPT = `
local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {c, redis.call('PTTL', KEYS[1])}`;

/** Fixed windows in Redis: INCR + PEXPIRE in one script. */
export function redisRateLimiter(redis: RedisLike): RateLimiter {
  return {
    async hit(key, limit, windowMs) {
      const [count, ttl] = (await redis.eval(REDIS_SCRIPT, 1, `levqor:rl:${key}`, windowMs)) as [
        number,
        number,
      ];
      return result(Number(count), limit, new Date(Date.now() + Math.max(0, Number(ttl))));
    },
  };
}
