import { randomBytes } from 'node:crypto';
import {
  createAlertRule,
  createFeatureFlag,
  createIncident,
  updateIncident,
  ZAdminReason,
} from '@levqor/core';
import {
  alerts,
  and,
  auditEvents,
  eq,
  jobs,
  recommendations,
  sessions,
  slaClaims,
  sql,
  stripeEvents,
  workspaces,
} from '@levqor/db';
import { createLevqorEngine } from '@levqor/engine/functions';
import { type RunningStandin, startStripeStandin } from '@levqor/stripe-standin';
import { makeUser, testDb } from '@levqor/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../context';
import { appRouter } from '../../root';
import { callerFor, sessionOf, useTestEvents } from '../../test-client';

/**
 * A generated check over the admin router: every mutation — found by walking the router's procedures,
 * not by a hand-written list — requires a reason in its input schema, and, called as an administrator
 * with valid input, writes an audit entry carrying the administrator's id and that reason.
 *
 * A new admin mutation fails this file until it gets an entry in FIXTURES (its minimal valid input).
 */

const db = testDb();
let stripe: RunningStandin;
beforeAll(async () => {
  useTestEvents(createLevqorEngine(db, { provider: 'local' }).client);
  // Applying a discount recommendation creates a coupon: Stripe's local stand-in answers.
  stripe = await startStripeStandin({ webhookSecret: 'whsec_admin_mutations', prices: [] });
  process.env.STRIPE_API_BASE = stripe.url;
});
afterAll(() => stripe.close());

type Procedure = {
  _def: { type: 'query' | 'mutation' | 'subscription'; inputs: { safeParse: (v: unknown) => Parsed }[] };
};
type Parsed = { success: boolean; error?: { issues: { path: PropertyKey[] }[] } };

const procedures = appRouter._def.procedures as unknown as Record<string, Procedure>;
const ADMIN_MUTATIONS = Object.entries(procedures)
  .filter(([path, p]) => path.startsWith('admin.') && p._def.type === 'mutation')
  .map(([path]) => path)
  .sort();

/** What a fixture gets: the acting administrator. */
interface Ctx {
  admin: SessionUser;
}
/** Minimal valid input of one admin mutation, without its reason (the test adds one), set up fresh. */
type Fixture = (ctx: Ctx) => Promise<Record<string, unknown>>;

const tag = () => randomBytes(4).toString('hex');

async function customer() {
  const { user, workspace } = await makeUser({ label: 'admin-mutations' });
  return { user, workspace, session: sessionOf(user) };
}

async function queuedJob() {
  const c = await customer();
  const job = await callerFor(c.session).jobs.submit({ workflow: 'demo.flow', payload: { n: 1 } });
  return job.id;
}

async function openAlert(admin: SessionUser) {
  const { workspace } = await customer();
  const rule = await createAlertRule(db, {
    userId: admin.id,
    input: {
      name: `Audit check ${tag()}`,
      scope: workspace.id,
      metric: 'jobs.failed',
      condition: 'gt',
      threshold: 3,
      severity: 'warning',
      channels: [{ type: 'email', to: 'ops@example.com' }],
    },
  });
  const now = new Date();
  const [alert] = await db
    .insert(alerts)
    .values({
      ruleId: rule.id,
      scope: workspace.id,
      metric: 'jobs.failed',
      severity: 'warning',
      groupKey: workspace.id,
      message: 'Audit check: jobs failed 8 is above 3',
      value: 8,
      firstSeenAt: now,
      lastSeenAt: now,
    })
    .returning();
  return alert!.id;
}

async function pendingClaim() {
  const { user, workspace } = await customer();
  const [claim] = await db
    .insert(slaClaims)
    .values({
      workspaceId: workspace.id,
      month: '2020-01',
      availability: 0.98,
      measuredMinutes: 44_640,
      creditPercent: 10,
      feeCents: 4_900,
      creditCents: 490,
      filedBy: user.id,
    })
    .returning();
  return claim!.id;
}

async function openRecommendation() {
  const t = tag();
  const [rec] = await db
    .insert(recommendations)
    .values({
      kind: 'discount',
      subject: `signup-${t}`,
      period: '2020-01-01',
      title: '10% off the first 3 months',
      explanation: 'Audit check',
      inputs: {},
      proposal: {
        percent_off: 10,
        duration_in_months: 3,
        code: `AUDIT${t.toUpperCase()}`,
        max_redemptions: 5,
      },
    })
    .returning();
  return rec!.id;
}

const FIXTURES: Record<string, Fixture> = {
  'admin.accounts.setRole': async () => ({ userId: (await customer()).user.id, role: 'admin' }),
  'admin.accounts.revokeSessions': async () => {
    const { user } = await customer();
    await db
      .insert(sessions)
      .values({ sessionToken: tag() + tag(), userId: user.id, expires: new Date(Date.now() + 3.6e6) });
    return { userId: user.id };
  },
  'admin.alerts.acknowledge': async ({ admin }) => ({ id: await openAlert(admin) }),
  'admin.alerts.resolve': async ({ admin }) => ({ id: await openAlert(admin) }),
  'admin.alerts.createRule': async () => ({
    name: `Audit rule ${tag()}`,
    scope: (await customer()).workspace.id,
    metric: 'jobs.failed',
    condition: 'gt',
    threshold: 5,
    severity: 'info',
    channels: [{ type: 'email', to: 'ops@example.com' }],
  }),
  'admin.billing.replayStripeEvent': async () => {
    const id = `evt_audit_${tag()}`;
    await db
      .insert(stripeEvents)
      .values({ id, type: 'invoice.paid', created: 1, payload: { id, type: 'invoice.paid' } });
    return { eventId: id };
  },
  'admin.billing.suspend': async () => ({ workspaceId: (await customer()).workspace.id }),
  'admin.billing.restore': async () => {
    const { workspace } = await customer();
    await db
      .update(workspaces)
      .set({ suspendedAt: new Date(), suspendedReason: 'audit check' })
      .where(eq(workspaces.id, workspace.id));
    return { workspaceId: workspace.id };
  },
  'admin.billing.setPlan': async () => ({ workspaceId: (await customer()).workspace.id, plan: 'growth' }),
  'admin.featureFlags.create': async () => ({ key: `audit.check-${tag()}` }),
  'admin.featureFlags.update': async ({ admin }) => {
    const key = `audit.update-${tag()}`;
    await createFeatureFlag(db, { actor: admin.id, input: { key, reason: 'set up for the audit check' } });
    return { key, enabled: true };
  },
  'admin.featureFlags.setOverride': async ({ admin }) => {
    const key = `audit.override-${tag()}`;
    await createFeatureFlag(db, { actor: admin.id, input: { key, reason: 'set up for the audit check' } });
    return { key, workspaceId: (await customer()).workspace.id, enabled: true };
  },
  'admin.incidents.create': async () => ({
    title: `Audit check incident ${tag()}`,
    impact: 'minor',
    components: ['api'],
    message: 'Checking that incidents are audited.',
  }),
  'admin.incidents.update': async ({ admin }) => {
    const incident = await createIncident(db, {
      actor: admin.id,
      input: {
        title: `Audit check update ${tag()}`,
        impact: 'minor',
        components: ['api'],
        message: 'Opened for the audit check.',
        reason: 'set up for the audit check',
      },
    });
    return { id: incident.id, status: 'resolved', message: 'Closed by the audit check.' };
  },
  'admin.jobs.cancel': async () => ({ id: await queuedJob() }),
  'admin.jobs.rerun': async () => {
    const id = await queuedJob();
    await db
      .update(jobs)
      .set({ status: 'failed', error: 'audit check', finishedAt: new Date() })
      .where(eq(jobs.id, id));
    return { id };
  },
  'admin.legal.publish': async () => ({
    kind: 'privacy',
    version: `audit-${tag()}`,
    summary: 'Audit check version',
    body: 'Privacy policy text published by the audit check.',
  }),
  'admin.recommendations.applyOne': async () => ({ id: await openRecommendation() }),
  'admin.recommendations.dismiss': async () => ({ id: await openRecommendation() }),
  'admin.slaClaims.approve': async () => ({ id: await pendingClaim() }),
  'admin.slaClaims.reject': async () => ({ id: await pendingClaim() }),
};

function call(caller: ReturnType<typeof callerFor>, path: string, input: unknown) {
  const fn = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  return fn(input);
}

/** Whether `input` parses under every input schema of the procedure. */
const parses = (path: string, input: unknown) =>
  procedures[path]!._def.inputs.map((schema) => schema.safeParse(input));

async function asAdmin(): Promise<SessionUser> {
  const { user } = await makeUser({ admin: true, label: 'admin-mutations' });
  return sessionOf(user, 'admin');
}

describe('every admin mutation (walked from the router)', () => {
  it('is found, and each has a fixture — a new mutation fails here until it gets one', () => {
    expect(ADMIN_MUTATIONS.length).toBeGreaterThanOrEqual(20);
    expect(ADMIN_MUTATIONS).toEqual(
      expect.arrayContaining(['admin.legal.publish', 'admin.alerts.acknowledge', 'admin.alerts.resolve']),
    );
    expect(ADMIN_MUTATIONS.filter((path) => !FIXTURES[path])).toEqual([]);
    // …and no fixture outlives its mutation.
    expect(Object.keys(FIXTURES).filter((path) => !ADMIN_MUTATIONS.includes(path))).toEqual([]);
  });

  it.each(ADMIN_MUTATIONS)(
    '%s: its input schema requires a reason of at least 5 characters',
    async (path) => {
      const fixture = FIXTURES[path];
      expect(fixture, `${path} has no entry in FIXTURES`).toBeDefined();
      const input = await fixture!({ admin: await asAdmin() });
      expect(procedures[path]!._def.inputs.length).toBeGreaterThan(0);
      // Valid with a reason…
      for (const r of parses(path, { ...input, reason: 'a reason long enough' }))
        expect(r.success).toBe(true);
      // …and refused without one, with an empty or a too-short one — the issue is on `reason`.
      for (const reason of [undefined, '', '   ', 'abc']) {
        const results = parses(path, { ...input, reason });
        expect(results.some((r) => !r.success)).toBe(true);
        const issues = results.flatMap((r) => r.error?.issues ?? []);
        expect(issues.map((i) => i.path[0])).toContain('reason');
      }
      // The same refusal through the procedure: a 400, nothing done.
      const refused = await call(callerFor(await asAdmin()), path, input).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(TRPCError);
      expect((refused as TRPCError).code).toBe('BAD_REQUEST');
      expect(ZAdminReason.safeParse('abc').success).toBe(false);
    },
  );

  it.each(ADMIN_MUTATIONS)(
    '%s: called by an administrator, writes an audit entry with their id and the reason',
    async (path) => {
      const admin = await asAdmin();
      const input = await FIXTURES[path]!({ admin });
      const reason = `audit check of ${path} ${tag()}`;
      const result = await call(callerFor(admin), path, { ...input, reason });
      expect(result).toBeDefined();
      const entries = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.actor, admin.id), sql`${auditEvents.metadata} ->> 'reason' = ${reason}`));
      expect(entries.length, `${path} wrote no audit entry with the admin and the reason`).toBeGreaterThan(0);
      expect(entries[0]).toMatchObject({ actor: admin.id, metadata: expect.objectContaining({ reason }) });
      // An incident the check opened is closed again, so the status page of other tests stays green.
      if (path === 'admin.incidents.create')
        await updateIncident(db, {
          actor: admin.id,
          input: {
            id: (result as { id: string }).id,
            status: 'resolved',
            message: 'Closed by the audit check.',
            reason: 'closing the audit check incident',
          },
        });
    },
  );
});
