import { randomBytes } from 'node:crypto';
import {
  apiRequests,
  costLedger,
  devMail,
  eq,
  inArray,
  jobSteps,
  jobs,
  rateLimitCounters,
  securityEvents,
  workspaces,
} from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { PLANS } from '../billing/plans';
import { submitJob } from '../jobs/submit-job';
import { applyRetention } from './apply-retention';
import { RETENTION, retentionPeriod } from './retention';

const db = testDb();
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

describe('retention', () => {
  it('deletes only what is past its period, in batches, and is idempotent', async () => {
    const tag = randomBytes(4).toString('hex');
    const reqs = await db
      .insert(apiRequests)
      .values(
        [91, 92, 93, 89, 1].map((d, i) => ({
          method: 'GET',
          path: `/retention-${tag}-${i}`,
          status: 200,
          durationMs: 1,
          requestId: `req_${tag}_${i}`,
          createdAt: ago(d),
        })),
      )
      .returning({ id: apiRequests.id, createdAt: apiRequests.createdAt });
    const sec = await db
      .insert(securityEvents)
      .values([366, 364].map((d) => ({ type: `retention.${tag}`, createdAt: ago(d) })))
      .returning({ id: securityEvents.id });
    const mails = await db
      .insert(devMail)
      .values(
        [8, 6].map((d) => ({ to: `${tag}@x.local`, subject: 's', html: 'h', text: 't', createdAt: ago(d) })),
      )
      .returning({ id: devMail.id });
    await db.insert(rateLimitCounters).values([
      { key: `retention:${tag}:old`, count: 1, resetAt: new Date(Date.now() - 1_000) },
      { key: `retention:${tag}:live`, count: 1, resetAt: new Date(Date.now() + 60_000) },
    ]);

    const figures = await applyRetention(db, {
      batch: 2,
      // Other tests share this database and may leave old rows too: enough batches to get past them.
      maxBatches: 5_000,
      only: ['requestLogs', 'securityEvents', 'devMail', 'rateLimitCounters'],
    });
    expect(figures.requestLogs).toBeGreaterThanOrEqual(3);
    const left = await db
      .select()
      .from(apiRequests)
      .where(
        inArray(
          apiRequests.id,
          reqs.map((r) => r.id),
        ),
      );
    expect(left.map((r) => r.path).sort()).toEqual([`/retention-${tag}-3`, `/retention-${tag}-4`]);
    expect(
      await db
        .select()
        .from(securityEvents)
        .where(eq(securityEvents.type, `retention.${tag}`)),
    ).toHaveLength(1);
    expect((await db.select().from(securityEvents).where(eq(securityEvents.id, sec[1]!.id))).length).toBe(1);
    expect(
      (
        await db
          .select()
          .from(devMail)
          .where(
            inArray(
              devMail.id,
              mails.map((m) => m.id),
            ),
          )
      ).length,
    ).toBe(1);
    const counters = await db
      .select({ key: rateLimitCounters.key })
      .from(rateLimitCounters)
      .where(inArray(rateLimitCounters.key, [`retention:${tag}:old`, `retention:${tag}:live`]));
    expect(counters.map((c) => c.key)).toEqual([`retention:${tag}:live`]);

    const again = await applyRetention(db, { only: ['requestLogs', 'securityEvents', 'devMail'] });
    expect(again).toEqual({ requestLogs: 0, securityEvents: 0, devMail: 0 });
  });
});

describe('job data retention, by plan', () => {
  const events = { async send() {}, async flush() {} };

  /** A job of `workspaceId` that ended `daysAgo` days ago, with a payload, a result and a recorded step. */
  async function endedJob(workspaceId: string, userId: string, daysAgo: number) {
    const { job } = await submitJob(
      db,
      { workspaceId, submittedBy: userId, events },
      { workflow: 'demo.flow', payload: { secret: 'customer data' } },
    );
    await db
      .update(jobs)
      .set({ status: 'succeeded', result: { answer: 42 }, finishedAt: ago(daysAgo) })
      .where(eq(jobs.id, job.id));
    await db.insert(jobSteps).values({
      jobId: job.id,
      stepId: 'only',
      position: 0,
      type: 'transform',
      status: 'succeeded',
      input: { secret: 'customer data' },
      output: { answer: 42 },
      cost: '0.0100',
    });
    return job.id;
  }

  it('clears payloads, results and step data after the plan’s period, keeps the job and its cost, once', async () => {
    const free = await makeUser();
    const business = await makeUser();
    await db.update(workspaces).set({ plan: 'business' }).where(eq(workspaces.id, business.workspace.id));
    expect(PLANS.free.jobDataRetentionDays).toBe(30);
    const old = await endedJob(free.workspace.id, free.user.id, 31);
    const recent = await endedJob(free.workspace.id, free.user.id, 29);
    const paidOld = await endedJob(business.workspace.id, business.user.id, 31);

    const figures = await applyRetention(db, { maxBatches: 5_000, only: ['jobData'] });
    expect(figures.jobData).toBeGreaterThanOrEqual(1);
    const state = async (id: string) => {
      const [j] = await db.select().from(jobs).where(eq(jobs.id, id));
      const [s] = await db.select().from(jobSteps).where(eq(jobSteps.jobId, id));
      return {
        payload: j!.payload,
        result: j!.result,
        status: j!.status,
        input: s!.input,
        output: s!.output,
      };
    };
    expect(await state(old)).toEqual({
      payload: null,
      result: null,
      status: 'succeeded',
      input: null,
      output: null,
    });
    const kept = { payload: { secret: 'customer data' }, result: { answer: 42 }, status: 'succeeded' };
    expect(await state(recent)).toMatchObject(kept);
    expect(await state(paidOld)).toMatchObject(kept); // Business keeps a year
    // The billing record of the cleared job stays.
    expect(await db.select().from(costLedger).where(eq(costLedger.jobId, old))).not.toEqual([]);
    // Idempotent: nothing of these is cleared again.
    await applyRetention(db, { maxBatches: 5_000, only: ['jobData'] });
    expect(await state(recent)).toMatchObject(kept);
  });

  it('the privacy page and the export README state the periods by plan', () => {
    expect(retentionPeriod(RETENTION.jobData)).toBe(
      'by plan (Free 30 days, Starter 90, Growth 180, Business 365, Enterprise 365) after the job ends',
    );
    expect(retentionPeriod(RETENTION.requestLogs)).toBe('90 days');
    expect(retentionPeriod(RETENTION.rateLimitCounters)).toBe('until its window ends');
  });
});
