import { eq, metricAnomalies, metricRollups } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { BUCKET_MS } from './buckets';
import { detectAnomalies } from './detect-anomalies';

const db = testDb();

describe('anomalies from the stored rollups', () => {
  it('flags a spike against the same hour on previous days, explains it, and stores it once', async () => {
    const { user, workspace } = await makeUser();
    const other = (await makeUser()).workspace;
    const spike = new Date('2021-06-10T14:10:00Z');
    // Ten previous days of p95 around 300–600 ms between 13:00 and 15:00, for two workspaces.
    const rows = [];
    for (let d = 1; d <= 10; d++)
      for (let m = -60; m <= 60; m += 5) {
        const t = new Date(spike.getTime() - d * 86_400_000 + m * 60_000);
        const v = 300 + ((d * 7 + m + 60) % 300);
        rows.push({ scope: workspace.id, metric: 'jobs.duration_p95', bucketStart: t, value: v });
        rows.push({ scope: other.id, metric: 'jobs.duration_p95', bucketStart: t, value: v });
      }
    rows.push({ scope: workspace.id, metric: 'jobs.duration_p95', bucketStart: spike, value: 2400 });
    rows.push({ scope: other.id, metric: 'jobs.duration_p95', bucketStart: spike, value: 450 });
    await db.insert(metricRollups).values(rows);

    // The owner objects to profiling: the workspace is not judged (its series are left alone).
    const objects = { mayProcess: async (userId: string) => userId !== user.id };
    expect(await detectAnomalies(db, { bucketStart: spike, gate: objects })).toEqual([]);
    const found = await detectAnomalies(db, { bucketStart: spike });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ scope: workspace.id, metric: 'jobs.duration_p95', value: 2400 });
    expect(found[0]!.explanation).toMatch(
      /^p95 duration 2\.4 s vs \d+ ms–\d+ ms usual for 14:10 UTC on previous weekdays; \d+\.\dσ, above the \d+ ms fence/,
    );
    await detectAnomalies(db, { bucketStart: spike });
    const stored = await db.select().from(metricAnomalies).where(eq(metricAnomalies.bucketStart, spike));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.zScore).toBeGreaterThan(3);
    // A normal point of the next bucket is not flagged.
    const next = new Date(spike.getTime() + BUCKET_MS);
    await db
      .insert(metricRollups)
      .values({ scope: workspace.id, metric: 'jobs.duration_p95', bucketStart: next, value: 420 });
    expect(await detectAnomalies(db, { bucketStart: next })).toEqual([]);
  });
});
