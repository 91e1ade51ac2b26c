import { auditEvents, eq, inArray, sloBreaches, sql, stabilizeState } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitJob } from '../jobs/submit-job';
import { holdStabilizeLock, seedRequests } from './seed-history.testing';
import { checkStabilize, forgetStabilizeState, getStabilizeState } from './stabilize';

const db = testDb();
const T0 = Date.parse('2021-11-02T10:00:00Z');
const minute = (m: number) => new Date(T0 + m * 60_000);
const noEvents = { send: async () => {}, flush: async () => {} };

/** One minute of intake traffic: 40 requests, `slowMs` for the slowest few, `errors` 5xx. */
async function traffic(m: number, opts: { slowMs?: number; errors?: number } = {}) {
  await seedRequests(
    db,
    Array.from({ length: 40 }, (_, i) => ({
      workspaceId: null,
      status: i < (opts.errors ?? 0) ? 503 : 202,
      durationMs: i < 2 && opts.slowMs ? opts.slowMs : 20 + i,
      at: new Date(minute(m).getTime() + i * 1000),
    })),
  );
}

let unlock: () => Promise<void> = async () => {};
beforeAll(async () => {
  unlock = await holdStabilizeLock(db);
});

afterAll(async () => {
  // Leave the shared database's platform flag off for every other test file.
  await db.update(stabilizeState).set({ active: false }).where(eq(stabilizeState.id, 'platform'));
  forgetStabilizeState();
  await unlock();
});

describe('stabilize mode on a synthetic breach series', () => {
  it('enters on the third breach in 10 minutes, sheds only low-priority intake, exits after 30 calm minutes', async () => {
    // Audit entries of this test only (other files switch stabilize mode too, under the same lock).
    const started = new Date();
    const { user, workspace } = await makeUser();
    const submit = (priority: 'low' | 'normal' | 'high') =>
      submitJob(
        db,
        { workspaceId: workspace.id, submittedBy: user.id, events: noEvents },
        { workflow: 'demo.flow', priority },
      );
    // Minutes 0–11: normal traffic except breaches at 1 (latency), 4 (errors: 2/40 = 5%), 8 (latency).
    for (let m = 0; m <= 11; m++)
      await traffic(m, m === 1 || m === 8 ? { slowMs: 900 } : m === 4 ? { errors: 2 } : {});
    const transitions: (string | null)[] = [];
    for (let m = 1; m <= 9; m++) {
      const r = await checkStabilize(db, { now: minute(m) }); // judges minute m − 1
      transitions.push(r.transition);
      if (m === 2) expect(r.minute.reasons).toEqual([expect.stringMatching(/^p99 intake \d+ ms > 200 ms$/)]);
      if (m === 5) expect(r.minute.reasons).toEqual(['error rate 5.00% > 0.5%']);
    }
    // Breaches judged at 2, 5 and 9: enters at the ninth minute's check, not before.
    expect(transitions).toEqual([null, null, null, null, null, null, null, null, 'entered']);
    // Idempotent: the same minute checked again neither re-enters nor adds a breach row.
    expect((await checkStabilize(db, { now: minute(9) })).transition).toBeNull();
    const breaches = await db
      .select()
      .from(sloBreaches)
      .where(inArray(sloBreaches.minuteStart, [minute(1), minute(4), minute(8)]));
    expect(breaches).toHaveLength(3);
    expect(await getStabilizeState(db)).toMatchObject({
      active: true,
      reason: expect.stringMatching(/^3 SLO breaches in 10 minutes/),
    });

    forgetStabilizeState();
    const refused = await submit('low').catch((e: unknown) => e);
    expect(refused).toMatchObject({
      reason: 'stabilizing',
      code: 'UNAVAILABLE',
      details: { retryAfterSeconds: 120 },
    });
    expect((await submit('normal')).job.status).toBe('queued');
    expect((await submit('high')).job.status).toBe('queued');

    // Calm from minute 9: still in at 30 minutes after the last breach minute's end − 1, out after.
    expect((await checkStabilize(db, { now: minute(38) })).state.active).toBe(true);
    const out = await checkStabilize(db, { now: minute(40) });
    expect(out.transition).toBe('exited');
    forgetStabilizeState();
    expect((await submit('low')).job.status).toBe('queued');
    const audit = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(
        sql`${auditEvents.action} like 'stabilize.%' and ${auditEvents.createdAt} >= ${started.toISOString()}::timestamptz`,
      );
    expect(audit.map((a) => a.action).sort()).toEqual(['stabilize.entered', 'stabilize.exited']);
  });
});
