import { randomBytes } from 'node:crypto';
import { apiRequests, devMail, eq, inArray, rateLimitCounters, securityEvents } from '@levqor/db';
import { testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { applyRetention } from './apply-retention';

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
