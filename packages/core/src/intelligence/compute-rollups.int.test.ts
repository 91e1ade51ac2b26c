import { and, eq, metricRollups, sql, webhookAttempts, webhookDeliveries } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { BUCKET_MS } from './buckets';
import { computeRollup, rollupRecent } from './compute-rollups';
import { seedJob, seedRequests } from './seed-history.testing';

const db = testDb();
// A bucket far from "now": other test files write rows at the current time into the same database.
const B = new Date('2021-03-02T14:00:00Z');
const at = (sec: number) => new Date(B.getTime() + sec * 1000);

async function values(scope: string, bucket = B) {
  const rows = await db
    .select({ metric: metricRollups.metric, value: metricRollups.value })
    .from(metricRollups)
    .where(and(eq(metricRollups.scope, scope), eq(metricRollups.bucketStart, bucket)));
  return Object.fromEntries(rows.map((r) => [r.metric, r.value]));
}

describe('five-minute rollups from recorded rows', () => {
  it('per workspace and platform-wide; idempotent; late data corrects its bucket; tenants apart', async () => {
    const a = (await makeUser()).workspace;
    const b = (await makeUser()).workspace;
    // Workspace a: 4 jobs finished in the bucket (durations 100, 200, 300, 4000 ms), one failed, one AI.
    for (const [i, ms] of [100, 200, 300, 4000].entries())
      await seedJob(db, a.id, {
        createdAt: at(10 + i),
        startedAt: at(20),
        finishedAt: new Date(at(20).getTime() + ms),
        status: i === 3 ? 'failed' : 'succeeded',
        ai: i === 0 ? { promptTokens: 1200, completionTokens: 150, costCents: 0.127 } : undefined,
      });
    // One still queued at the bucket's end (created inside it), one queued before and started after.
    await seedJob(db, a.id, { createdAt: at(200), status: 'queued' });
    await seedJob(db, a.id, {
      createdAt: at(-600),
      startedAt: at(400),
      finishedAt: at(401),
      status: 'succeeded',
    });
    // Workspace b: one job.
    await seedJob(db, b.id, {
      createdAt: at(30),
      startedAt: at(31),
      finishedAt: at(32),
      status: 'succeeded',
    });
    await seedRequests(db, [
      ...Array.from({ length: 99 }, (_, i) => ({
        workspaceId: a.id,
        status: 202,
        durationMs: 10 + (i % 5),
        at: at(i),
      })),
      { workspaceId: a.id, status: 500, durationMs: 250, at: at(100) },
      { workspaceId: b.id, status: 404, durationMs: 5, at: at(50), path: '/jobs/job_x' },
      { workspaceId: null, status: 401, durationMs: 1, at: at(60) },
    ]);

    // Webhooks of workspace a: one failed attempt (HTTP 500) and one delivered in the bucket.
    const [delivery] = await db
      .insert(webhookDeliveries)
      .values({ workspaceId: a.id, url: 'https://example.com/h', eventType: 'job.succeeded', payload: {} })
      .returning();
    await db.insert(webhookAttempts).values([
      { deliveryId: delivery!.id, attempt: 1, statusCode: 500, durationMs: 30, createdAt: at(40) },
      { deliveryId: delivery!.id, attempt: 2, statusCode: 200, durationMs: 30, createdAt: at(90) },
    ]);

    const n1 = await computeRollup(db, B);
    const first = await values(a.id);
    expect(first).toMatchObject({
      'jobs.created': 5,
      'intake.per_min': 1,
      'jobs.succeeded': 3,
      'jobs.failed': 1,
      'jobs.error_rate': 0.25,
      'jobs.duration_p50': 250,
      'queue.depth': 2,
      'ai.tokens': 1350,
      'ai.spend_cents': 0.127,
      'api.requests': 100,
      'api.5xx': 1,
      'api.4xx': 0,
      'api.error_rate': 0.01,
      'webhooks.failures': 1,
    });
    expect(first['jobs.duration_p99']).toBeCloseTo(300 + 0.97 * 3700, 5);
    expect(first['api.intake_p99_ms']).toBeGreaterThan(14);
    expect(await values(b.id)).toMatchObject({ 'jobs.created': 1, 'jobs.succeeded': 1, 'api.4xx': 1 });
    // Platform: both workspaces plus the anonymous request (which belongs to no workspace).
    expect(await values('platform')).toMatchObject({
      'jobs.created': 6,
      'jobs.succeeded': 4,
      'api.requests': 102,
      'api.4xx': 2,
    });

    // Run twice → the same rows, not more.
    const count = () =>
      db.execute<{ n: number }>(
        sql`select count(*)::int as n from metric_rollups where bucket_start = ${B.toISOString()}::timestamptz`,
      );
    const [before] = await count();
    expect(await computeRollup(db, B)).toBe(n1);
    const [after] = await count();
    expect(after!.n).toBe(before!.n);
    expect(await values(a.id)).toEqual(first);

    // A late row (finished inside the bucket, recorded later) corrects the bucket on the next pass.
    await seedJob(db, a.id, { createdAt: at(5), startedAt: at(6), finishedAt: at(7), status: 'failed' });
    await rollupRecent(db, { now: new Date(B.getTime() + 2 * BUCKET_MS + 1000), lookback: 3 });
    expect(await values(a.id)).toMatchObject({ 'jobs.failed': 2, 'jobs.created': 6, 'jobs.error_rate': 0.4 });
  });

  it('an idle bucket still gets platform zeros (a continuous series) and no workspace rows', async () => {
    const idle = new Date('2021-03-01T03:00:00Z');
    await computeRollup(db, idle);
    const rows = await db.select().from(metricRollups).where(eq(metricRollups.bucketStart, idle));
    expect(rows.every((r) => r.scope === 'platform')).toBe(true);
    expect(rows.find((r) => r.metric === 'jobs.created')?.value).toBe(0);
    expect(rows.find((r) => r.metric === 'jobs.duration_p95')).toBeUndefined();
  });
});
