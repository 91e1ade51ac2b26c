import { checkStabilize, forgetStabilizeState } from '@levqor/core';
import { holdStabilizeLock, seedRequests } from '@levqor/core/intelligence/testing';
import { lastMonthKey, recordOutageMonth, subscribeFromMonth } from '@levqor/core/status/testing';
import { and, auditEvents, eq, getDb, healthChecks, slaClaims, stabilizeState, workspaces } from '@levqor/db';
import { type RunningStandin, startStripeStandin } from '@levqor/stripe-standin';
import { makeMember, makeUser } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionOf, trpcHttp } from '../test-client';

const db = getDb();
let stripe: RunningStandin;
beforeAll(async () => {
  stripe = await startStripeStandin({ webhookSecret: 'whsec_status_router', prices: [] });
  process.env.STRIPE_API_BASE = stripe.url;
});
afterAll(() => stripe.close());

const session = sessionOf;
const data = <T>(r: { json: { result?: { data: { json: unknown } } } }) => r.json.result!.data.json as T;

describe('the public status page', () => {
  it('anyone reads component states from the latest checks, 90 days of bars, and the incidents admins post', async () => {
    const now = Date.now();
    await db.insert(healthChecks).values([
      { service: 'web', ok: 1, latencyMs: 4, createdAt: new Date(now - 20_000) },
      { service: 'api', ok: 0, latencyMs: 5000, createdAt: new Date(now - 10_000) },
      { service: 'database', ok: 1, latencyMs: 1, createdAt: new Date(now - 10_000) },
    ]);
    const { user: admin } = await makeUser({ admin: true });
    const created = await trpcHttp(
      session(admin, 'admin'),
      'admin.incidents.create',
      {
        title: 'Job intake slow',
        impact: 'major',
        components: ['api'],
        message: 'We are looking into slow job submissions.',
        reason: 'paged by the intake latency alert',
      },
      'POST',
    );
    expect(created.status).toBe(200);
    const incidentId = data<{ id: string }>(created).id;

    const page = await trpcHttp(null, 'status.page', {});
    expect(page.status).toBe(200);
    const body = data<{
      overall: string;
      components: { id: string; state: string; days: { day: string; ratio: number | null }[] }[];
      incidents: { active: { id: string; title: string; updates: { message: string }[] }[] };
    }>(page);
    const state = Object.fromEntries(body.components.map((c) => [c.id, c.state]));
    expect(state).toMatchObject({ web: 'operational', api: 'outage', database: 'operational' });
    expect(body.overall).toBe('outage');
    const api = body.components.find((c) => c.id === 'api')!;
    expect(api.days).toHaveLength(90);
    expect(api.days.at(-1)!.day).toBe(new Date(now).toISOString().slice(0, 10));
    expect(api.days[0]!.ratio).toBeNull(); // 89 days ago: nothing recorded in this database
    expect(body.incidents.active[0]).toMatchObject({
      id: incidentId,
      title: 'Job intake slow',
      updates: [{ message: 'We are looking into slow job submissions.' }],
    });

    // Identified → resolved: it moves to the history; updating a resolved incident is refused.
    const update = (status: string, message: string) =>
      trpcHttp(
        session(admin, 'admin'),
        'admin.incidents.update',
        { id: incidentId, status, message, reason: 'status update for customers' },
        'POST',
      );
    expect((await update('identified', 'A slow index was found.')).status).toBe(200);
    expect((await update('resolved', 'The index was rebuilt; intake is fast again.')).status).toBe(200);
    const again = await update('monitoring', 'one more');
    expect(again.status).toBe(400);
    expect(again.json.error!.json.message).toMatch(/resolved; open a new incident/);
    const after = data<{
      incidents: { active: { id: string }[]; recent: { id: string; updates: { status: string }[] }[] };
    }>(await trpcHttp(null, 'status.page', {}));
    expect(after.incidents.active.map((i) => i.id)).not.toContain(incidentId);
    expect(after.incidents.recent.find((i) => i.id === incidentId)!.updates.map((u) => u.status)).toEqual([
      'resolved',
      'identified',
      'investigating',
    ]);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.target, incidentId));
    expect(audit.map((a) => a.action).sort()).toEqual([
      'admin.incident.create',
      'admin.incident.update',
      'admin.incident.update',
    ]);
    expect(
      audit.every((a) => a.actor === admin.id && (a.metadata as { reason: string }).reason.length >= 5),
    ).toBe(true);
  });
});

describe('stabilize mode on the status page', () => {
  it('shows stabilize mode from the request it is entered in to the one it is left in (not cached)', async () => {
    const unlock = await holdStabilizeLock(db);
    try {
      const stabilize = async () =>
        data<{ stabilize: { active: boolean; reason: string | null } }>(
          await trpcHttp(null, 'status.page', {}),
        ).stabilize;
      expect((await stabilize()).active).toBe(false); // the figures are cached from here on
      // Three minutes of slow intake (p99 900 ms > 200 ms) judged one by one: the third enters.
      const t0 = Date.parse('2021-11-20T08:00:00Z');
      for (let m = 0; m < 3; m++)
        await seedRequests(
          db,
          Array.from({ length: 40 }, (_, i) => ({
            workspaceId: null,
            status: 202,
            durationMs: i < 2 ? 900 : 20,
            at: new Date(t0 + m * 60_000 + i * 1000),
          })),
        );
      const checks = [];
      for (let m = 1; m <= 3; m++)
        checks.push((await checkStabilize(db, { now: new Date(t0 + m * 60_000) })).transition);
      expect(checks).toEqual([null, null, 'entered']);
      expect(await stabilize()).toMatchObject({
        active: true,
        reason: expect.stringContaining('3 SLO breaches'),
      });
      // Thirty minutes without a breach: left, and the page says so at once.
      expect((await checkStabilize(db, { now: new Date(t0 + 34 * 60_000) })).transition).toBe('exited');
      expect((await stabilize()).active).toBe(false);
    } finally {
      await db.update(stabilizeState).set({ active: false }).where(eq(stabilizeState.id, 'platform'));
      forgetStabilizeState();
      await unlock();
    }
  });
});

// Claims are for the month that just ended; its window is open on days 1–30 of this month.
const today = new Date();
const lastMonth = lastMonthKey(today);

describe.skipIf(today.getUTCDate() > 30)('SLA claims over HTTP', () => {
  // 95 of 100 measured minutes up last month: 95.0% → 25% credit.
  beforeAll(() => recordOutageMonth(db, lastMonth));

  async function payingOwner(withCustomer: boolean) {
    const { user, workspace } = await makeUser();
    const customerId = withCustomer
      ? (stripe.standin.createCustomer({ email: user.email, metadata: {} }).id as string)
      : `cus_${workspace.id}`;
    await subscribeFromMonth(db, { workspaceId: workspace.id, month: lastMonth, customerId });
    if (withCustomer)
      await db
        .update(workspaces)
        .set({ stripeCustomerId: customerId })
        .where(eq(workspaces.id, workspace.id));
    return { user, workspace, customerId };
  }

  it('an owner files the computed claim; a member reads but cannot; another owner sees none of it', async () => {
    const a = await payingOwner(false);
    const owner = session(a.user);
    const overview = data<{
      role: string;
      months: { month: string; creditPercent: number; creditCents: number; claimable: boolean }[];
    }>(await trpcHttp(owner, 'sla.overview', {}));
    expect(overview.role).toBe('owner');
    expect(overview.months.find((m) => m.month === lastMonth)).toMatchObject({
      creditPercent: 25,
      creditCents: 725,
      claimable: true,
    });

    const { user: member } = await makeMember(a.workspace.id);
    const asMember = await trpcHttp(session(member), 'sla.fileClaim', { month: lastMonth }, 'POST');
    expect(asMember.status).toBe(403);
    expect(asMember.json.error!.json.message).toBe('Only a workspace owner can file SLA credit claims.');
    const memberView = data<{ months: { month: string; note: string | null }[] }>(
      await trpcHttp(session(member), 'sla.overview', {}),
    );
    expect(memberView.months.find((m) => m.month === lastMonth)!.note).toBe(
      'Only the workspace owner can claim',
    );

    const filed = await trpcHttp(owner, 'sla.fileClaim', { month: lastMonth }, 'POST');
    expect(filed.status).toBe(200);
    expect(data<{ workspaceId: string; creditCents: number }>(filed)).toMatchObject({
      workspaceId: a.workspace.id,
      creditCents: 725,
    });
    const twice = await trpcHttp(owner, 'sla.fileClaim', { month: lastMonth }, 'POST');
    expect(twice.status).toBe(400);

    // Another workspace's owner: their own month, no trace of A's claim (and no input names a workspace).
    const b = await makeUser();
    const bView = data<{ months: { month: string; claim: unknown }[] }>(
      await trpcHttp(session(b.user), 'sla.overview', {}),
    );
    expect(bView.months.find((m) => m.month === lastMonth)!.claim).toBeNull();
    const anonymous = await trpcHttp(null, 'sla.overview', {});
    expect(anonymous.status).toBe(401);
    const bad = await trpcHttp(owner, 'sla.fileClaim', { month: '2026-13' }, 'POST');
    expect(bad.status).toBe(400);
  });

  it('an admin approves: credit recorded and a Stripe customer balance credit; reject needs a reason', async () => {
    const a = await payingOwner(true);
    const filed = data<{ id: string }>(
      await trpcHttp(session(a.user), 'sla.fileClaim', { month: lastMonth }, 'POST'),
    );
    const { user: admin } = await makeUser({ admin: true });
    const noReason = await trpcHttp(
      session(admin, 'admin'),
      'admin.slaClaims.reject',
      { id: filed.id, reason: '' },
      'POST',
    );
    expect(noReason.status).toBe(400);
    const listed = data<{ claim: { id: string; status: string } }[]>(
      await trpcHttp(session(admin, 'admin'), 'admin.slaClaims.list', { status: 'pending' }),
    );
    expect(listed.map((r) => r.claim.id)).toContain(filed.id);
    const approved = await trpcHttp(
      session(admin, 'admin'),
      'admin.slaClaims.approve',
      { id: filed.id, reason: 'outage confirmed in the logs' },
      'POST',
    );
    expect(approved.status).toBe(200);
    const [claim] = await db.select().from(slaClaims).where(eq(slaClaims.id, filed.id));
    expect(claim).toMatchObject({ status: 'approved', decidedBy: admin.id, creditCents: 725 });
    expect(stripe.standin.balanceTransactions.get(claim!.stripeBalanceTransactionId!)).toMatchObject({
      amount: -725,
      currency: 'usd',
      customer: a.customerId,
    });
    expect(stripe.standin.customer(a.customerId).balance).toBe(-725);
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.target, filed.id), eq(auditEvents.action, 'admin.sla_claim.approve')));
    expect(audit).toMatchObject({ actor: admin.id, metadata: { reason: 'outage confirmed in the logs' } });
  });
});
