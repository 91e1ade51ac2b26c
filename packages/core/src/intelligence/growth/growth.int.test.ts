import { eq, metricRollups, privacyObjections, users, workspaces } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { cohortRetention, growthFunnel } from './growth';

const db = testDb();

async function userAt(createdAt: string, opts: { paid?: boolean; activeAt?: string[] } = {}) {
  const { user, workspace } = await makeUser({ label: 'growth' });
  await db
    .update(users)
    .set({ createdAt: new Date(createdAt) })
    .where(eq(users.id, user.id));
  if (opts.paid) await db.update(workspaces).set({ plan: 'starter' }).where(eq(workspaces.id, workspace.id));
  for (const t of opts.activeAt ?? [])
    await db
      .insert(metricRollups)
      .values({ scope: workspace.id, metric: 'jobs.created', bucketStart: new Date(t), value: 3 });
  return user;
}

describe('growth (weeks of 2018: other files write rows at the current time)', () => {
  it('funnel signup → first job → paid, and the weekly cohort triangle, without objecting users', async () => {
    // Week of Monday 2018-02-05: a (active weeks 0 and 1, paid), b (active week 1 only).
    await userAt('2018-02-05T10:00:00Z', {
      paid: true,
      activeAt: ['2018-02-06T10:00:00Z', '2018-02-13T10:00:00Z'],
    });
    await userAt('2018-02-07T10:00:00Z', { activeAt: ['2018-02-14T10:00:00Z'] });
    // Week of 2018-02-12: c (active week 0), d (never ran a job).
    await userAt('2018-02-12T10:00:00Z', { activeAt: ['2018-02-12T11:00:00Z'] });
    await userAt('2018-02-15T10:00:00Z');
    // An objector: ran jobs and paid, but is counted nowhere.
    const objector = await userAt('2018-02-06T10:00:00Z', {
      paid: true,
      activeAt: ['2018-02-06T12:00:00Z', '2018-02-13T12:00:00Z'],
    });
    await db.insert(privacyObjections).values({ userId: objector.id, purpose: 'analytics', source: 'ui' });

    const funnel = await growthFunnel(db, { from: '2018-02-05', to: '2018-02-18' });
    expect(funnel.map((s) => [s.step, s.users])).toEqual([
      ['signed_up', 4],
      ['first_job', 3],
      ['paid', 1],
    ]);
    expect(funnel[2]!.rate).toBe(0.25);

    const triangle = await cohortRetention(db, { to: '2018-02-18', weeks: 2 });
    expect(triangle).toEqual([
      { cohort: '2018-02-05', size: 2, active: [1, 2], retention: [0.5, 1] },
      { cohort: '2018-02-12', size: 2, active: [1], retention: [0.5] },
    ]);

    // A withdrawn objection counts the user again.
    await db
      .update(privacyObjections)
      .set({ withdrawnAt: new Date() })
      .where(eq(privacyObjections.userId, objector.id));
    expect((await growthFunnel(db, { from: '2018-02-05', to: '2018-02-18' }))[0]!.users).toBe(5);
    await expect(growthFunnel(db, { from: '2018-03-01', to: '2018-02-01' })).rejects.toThrow();
  });
});
