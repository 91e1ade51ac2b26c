import { alertRules, alerts, and, eq, featureFlags, gte, lt, stabilizeState, users } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventSender } from '../events/events';
import { submitJob } from '../jobs/submit-job';
import { holdStabilizeLock, seedRequests } from './seed-history.testing';
import {
  checkStabilize,
  forgetStabilizeState,
  STABILIZE_FLAG,
  stabilizeDisabled,
  stabilizedConcurrency,
  withAdminEmails,
} from './stabilize';

const db = testDb();
const T0 = Date.parse('2021-11-20T10:00:00Z');
const minute = (m: number) => new Date(T0 + m * 60_000);

/** A breached minute: 40 intake requests, the slowest two at 900 ms (p99 > 200 ms). */
const breach = (m: number) =>
  seedRequests(
    db,
    Array.from({ length: 40 }, (_, i) => ({
      workspaceId: null,
      status: 202,
      durationMs: i < 2 ? 900 : 20,
      at: new Date(minute(m).getTime() + i * 1000),
    })),
  );

const platformAlert = async (name: string) =>
  (
    await db
      .select({ status: alerts.status, message: alerts.message, severity: alerts.severity })
      .from(alerts)
      .innerJoin(alertRules, eq(alertRules.id, alerts.ruleId))
      .where(
        and(
          eq(alertRules.scope, 'platform'),
          eq(alertRules.name, name),
          eq(alertRules.condition, 'event'),
          // This file's series only (another file's alerts of the same rule are older).
          gte(alerts.firstSeenAt, minute(0)),
          lt(alerts.firstSeenAt, minute(24 * 60)),
        ),
      )
  ).sort((a, b) => a.status.localeCompare(b.status));

let unlock: () => Promise<void> = async () => {};
beforeAll(async () => {
  unlock = await holdStabilizeLock(db);
});

afterAll(async () => {
  await db.update(stabilizeState).set({ active: false }).where(eq(stabilizeState.id, 'platform'));
  await db.delete(featureFlags).where(eq(featureFlags.key, STABILIZE_FLAG));
  forgetStabilizeState();
  await unlock();
});

describe('stabilize mode: concurrency, alerts, flag', () => {
  it('halves a workspace’s concurrency within bounds', () => {
    expect(stabilizedConcurrency(2, true)).toBe(1);
    expect(stabilizedConcurrency(1, true)).toBe(1);
    expect(stabilizedConcurrency(5, true)).toBe(2);
    expect(stabilizedConcurrency(100, true)).toBe(50);
    expect(stabilizedConcurrency(5, false)).toBe(5);
  });

  it('its alerts go to every administrator by email', async () => {
    const { user } = await makeUser();
    await db.update(users).set({ role: 'admin' }).where(eq(users.id, user.id));
    const rule = await withAdminEmails(db, {
      scope: 'platform',
      name: 'x',
      metric: 'm',
      severity: 'info',
      managedBy: 'admin',
      channels: [],
    });
    expect(rule.channels).toContainEqual({ type: 'email', to: user.email });
    expect(rule.channels.every((c) => c.type === 'email')).toBe(true);
  });

  it('on a synthetic breach series: enters with an alert, new jobs carry halved concurrency, leaves with an alert; the flag keeps it off', async () => {
    // The flag killed: three breaches do not enter.
    await db.insert(featureFlags).values({ key: STABILIZE_FLAG, enabled: true, killed: true });
    expect(await stabilizeDisabled(db, {})).toBe(true);
    expect(await stabilizeDisabled(db, { LEVQOR_STABILIZE_DISABLED: '1' })).toBe(true);
    for (const m of [0, 2, 4]) await breach(m);
    for (let m = 1; m <= 5; m++) {
      const r = await checkStabilize(db, { now: minute(m), disabled: await stabilizeDisabled(db, {}) });
      expect(r.transition).toBeNull();
    }
    // Un-killed: the same series enters at the next check.
    await db.update(featureFlags).set({ killed: false }).where(eq(featureFlags.key, STABILIZE_FLAG));
    expect(await stabilizeDisabled(db, {})).toBe(false);
    const entered = await checkStabilize(db, { now: minute(5), disabled: await stabilizeDisabled(db, {}) });
    expect(entered.transition).toBe('entered');
    expect(await platformAlert('Stabilize mode')).toEqual([
      expect.objectContaining({
        status: 'open',
        severity: 'critical',
        message: expect.stringMatching(
          /^Stabilize mode: entered — 3 SLO breaches in 10 minutes \(latest: p99 intake 900 ms > 200 ms\)/,
        ),
      }),
    ]);

    // Jobs submitted now carry half their plan's concurrency (Free: 2 → 1).
    forgetStabilizeState();
    const sent: { data: Record<string, unknown> }[] = [];
    const events: EventSender = {
      send: async (_tx, e) => {
        sent.push(...((Array.isArray(e) ? e : [e]) as { data: Record<string, unknown> }[]));
      },
      flush: async () => {},
    };
    const { user, workspace } = await makeUser();
    await submitJob(
      db,
      { workspaceId: workspace.id, submittedBy: user.id, events },
      { workflow: 'demo.flow' },
    );
    expect(sent.at(-1)?.data).toMatchObject({ workspaceId: workspace.id, concurrency: 1 });

    // Thirty calm minutes: leaves; the entered alert resolves and a "left" alert is raised.
    const left = await checkStabilize(db, { now: minute(36), disabled: false });
    expect(left.transition).toBe('exited');
    expect((await platformAlert('Stabilize mode'))[0]).toMatchObject({ status: 'resolved' });
    expect(await platformAlert('Stabilize mode left')).toEqual([
      expect.objectContaining({ status: 'open', severity: 'info' }),
    ]);
    forgetStabilizeState();
    await submitJob(
      db,
      { workspaceId: workspace.id, submittedBy: user.id, events },
      { workflow: 'demo.flow' },
    );
    expect(sent.at(-1)?.data).toMatchObject({ concurrency: 2 });

    // Killing the flag while active leaves at once (audited and alerted like any exit).
    for (const m of [40, 42, 44]) await breach(m);
    for (let m = 41; m <= 45; m++) await checkStabilize(db, { now: minute(m), disabled: false });
    expect((await checkStabilize(db, { now: minute(45), disabled: false })).state.active).toBe(true);
    await db.update(featureFlags).set({ killed: true }).where(eq(featureFlags.key, STABILIZE_FLAG));
    const off = await checkStabilize(db, { now: minute(46), disabled: await stabilizeDisabled(db, {}) });
    expect(off).toMatchObject({ transition: 'exited', state: { active: false, reason: 'disabled by flag' } });
  });
});
