import { randomBytes } from 'node:crypto';
import { and, auditEvents, engineRuns, eq, sql, stripeEvents, workspaces } from '@levqor/db';
import { createLevqorEngine } from '@levqor/engine/functions';
import { makeUser, testDb } from '@levqor/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../context';
import { sessionOf, trpcHttp, useTestEvents } from '../../test-client';

beforeAll(() => useTestEvents(createLevqorEngine(testDb(), { provider: 'local' }).client));

const db = testDb();

async function admin(): Promise<SessionUser> {
  const { user } = await makeUser({ admin: true });
  return { id: user.id, email: user.email, name: user.name, role: 'admin' };
}

/** A mutation as the console's browser sends it. */
const post = (who: SessionUser, path: string, input: unknown) =>
  trpcHttp(who, `admin.billing.${path}`, input, 'POST');

const audits = (target: string, action: string) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.target, target), eq(auditEvents.action, action)));

describe('admin billing overrides', () => {
  it('suspend, restore and set the plan only with a reason, each audited with the admin and the reason', async () => {
    const who = await admin();
    const { user: owner, workspace } = await makeUser();
    const refused = await post(who, 'suspend', { workspaceId: workspace.id, reason: 'no' });
    expect(refused.status).toBe(400);
    const noReason = await post(who, 'setPlan', { workspaceId: workspace.id, plan: 'growth' });
    expect(noReason.status).toBe(400);

    // Restoring a workspace in good standing is refused (409, saying so), and nothing is written or audited.
    const notSuspended = await post(who, 'restore', {
      workspaceId: workspace.id,
      reason: 'Stale page click',
    });
    expect(notSuspended.status).toBe(409);
    expect(notSuspended.json.error?.json).toMatchObject({
      message: `Workspace “${workspace.name}” (${workspace.id}) is not suspended; nothing to restore`,
      data: { code: 'CONFLICT', reason: 'suspension-state' },
    });
    expect(await audits(workspace.id, 'workspace.restored')).toEqual([]);

    const s = await post(who, 'suspend', { workspaceId: workspace.id, reason: 'Chargeback under review' });
    expect(s.status).toBe(200);
    const [suspended] = await db.select().from(workspaces).where(eq(workspaces.id, workspace.id));
    expect(suspended!.suspendedAt).not.toBeNull();
    expect(await audits(workspace.id, 'workspace.suspended')).toEqual([
      expect.objectContaining({ actor: who.id, metadata: { reason: 'Chargeback under review' } }),
    ]);

    // Suspending it again is refused the same way: the first suspension (its time and reason) stands.
    const again = await post(who, 'suspend', {
      workspaceId: workspace.id,
      reason: 'Second admin, same idea',
    });
    expect(again.status).toBe(409);
    expect(again.json.error?.json.message).toBe(
      `Workspace “${workspace.name}” (${workspace.id}) is already suspended (since ${suspended!.suspendedAt!.toISOString().slice(0, 16).replace('T', ' ')} UTC); nothing to suspend`,
    );
    const [still] = await db.select().from(workspaces).where(eq(workspaces.id, workspace.id));
    expect([still!.suspendedAt, still!.suspendedReason]).toEqual([
      suspended!.suspendedAt,
      'Chargeback under review',
    ]);
    expect(await audits(workspace.id, 'workspace.suspended')).toHaveLength(1);

    // The owner sees a suspension by Levqor's team, not the admin's reason (an internal note).
    const status = await trpcHttp(sessionOf(owner), 'billing.status', undefined);
    expect(status.json.result!.data.json).toMatchObject({ suspended: { cause: 'admin' } });
    expect(JSON.stringify(status.json)).not.toContain('Chargeback');

    // The billing page lists it as suspended, by hand.
    const attention = await trpcHttp(who, 'admin.billing.attention', { limit: 100 });
    const items = (
      attention.json.result!.data.json as {
        items: { workspaceId: string; stage: string; nextStep: string }[];
      }
    ).items;
    expect(items.find((i) => i.workspaceId === workspace.id)).toMatchObject({
      stage: 'suspended',
      nextStep: expect.stringMatching(/override/),
    });

    expect((await post(who, 'restore', { workspaceId: workspace.id, reason: 'Chargeback won' })).status).toBe(
      200,
    );
    expect(await audits(workspace.id, 'workspace.restored')).toEqual([
      expect.objectContaining({
        actor: who.id,
        metadata: expect.objectContaining({ reason: 'Chargeback won' }),
      }),
    ]);
    // A second restore (another admin, or a payment got there first) is refused; one entry stays.
    const twice = await post(who, 'restore', { workspaceId: workspace.id, reason: 'Chargeback won again' });
    expect(twice.status).toBe(409);
    expect(twice.json.error?.json.message).toMatch(/is not suspended; nothing to restore$/);
    expect(await audits(workspace.id, 'workspace.restored')).toHaveLength(1);

    const plan = await post(who, 'setPlan', {
      workspaceId: workspace.id,
      plan: 'business',
      reason: 'Contract signed by hand',
    });
    expect(plan.status).toBe(200);
    expect(await audits(workspace.id, 'billing.plan_changed')).toEqual([
      expect.objectContaining({
        actor: who.id,
        metadata: { from: 'free', to: 'business', reason: 'Contract signed by hand' },
      }),
    ]);
  });
});

describe('Stripe event replay', () => {
  it('re-enqueues an unprocessed event (audited) and refuses to replay a processed one', async () => {
    const who = await admin();
    const pending = `evt_${randomBytes(6).toString('hex')}`;
    const done = `evt_${randomBytes(6).toString('hex')}`;
    await db.insert(stripeEvents).values([
      { id: pending, type: 'invoice.paid', created: 1, payload: { id: pending, type: 'invoice.paid' } },
      { id: done, type: 'invoice.paid', created: 1, payload: {}, processedAt: new Date() },
    ]);
    const runsOf = (id: string) =>
      db
        .select({ id: engineRuns.id })
        .from(engineRuns)
        .where(
          and(
            eq(engineRuns.functionId, 'billing.stripe-event'),
            sql`${engineRuns.payload} ->> 'eventId' = ${id}`,
          ),
        );

    expect((await post(who, 'replayStripeEvent', { eventId: pending, reason: 'x' })).status).toBe(400);
    const r = await post(who, 'replayStripeEvent', { eventId: pending, reason: 'Stripe outage is over' });
    expect(r.status).toBe(200);
    expect(r.json.result!.data.json).toMatchObject({ replayed: true });
    expect(await runsOf(pending)).toHaveLength(1);
    expect(await audits(pending, 'admin.billing.stripe_event_replayed')).toEqual([
      expect.objectContaining({
        actor: who.id,
        metadata: { reason: 'Stripe outage is over', type: 'invoice.paid' },
      }),
    ]);

    const again = await post(who, 'replayStripeEvent', { eventId: done, reason: 'Try it once more' });
    expect(again.json.result!.data.json).toMatchObject({ replayed: false });
    expect(await runsOf(done)).toHaveLength(0);
    expect(await audits(done, 'admin.billing.stripe_event_replayed')).toHaveLength(0);

    const missing = await post(who, 'replayStripeEvent', {
      eventId: 'evt_missing',
      reason: 'Does not exist',
    });
    expect(missing.status).toBe(404);
  });

  it('analytics refuses an unbounded range with a 400 and a human message', async () => {
    const who = await admin();
    const r = await trpcHttp(who, 'admin.analytics.get', { from: '2020-01-01', to: '2026-01-01' });
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/at most 366 days/);
  });
});
