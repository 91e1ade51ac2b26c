import {
  buildExport,
  cancelJob,
  claimWindowState,
  createApiKey,
  createObjection,
  createWorkflow,
  deliverExport,
  OWNER_ONLY_ACTIONS,
  type OwnerOnlyAction,
  publishLegalDocument,
  raiseEventAlert,
  requestErasure,
  requestExport,
  submitJob,
  subscribeMarketing,
} from '@levqor/core';
import {
  alerts,
  and,
  auditEvents,
  desc,
  devMail,
  eq,
  healthChecks,
  subscriptions,
  webhookDeliveries,
  workspaces,
} from '@levqor/db';
import { createLevqorEngine } from '@levqor/engine/functions';
import { type RunningStandin, startStripeStandin } from '@levqor/stripe-standin';
import { makeMember, makeUser, testDb } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../context';
import { appRouter } from '../root';
import { trpcHttp, useTestEvents } from '../test-client';

/**
 * Owner vs member, over HTTP with a real second user holding a `member` membership. Every mutation of the
 * router is listed here as owner-only or open to members, so a new one fails this file until someone
 * decides which it is. (Admin procedures are covered by admin-guard.int.test.ts.)
 */

interface Fixture {
  workspaceId: string;
  owner: SessionUser;
  member: SessionUser;
}

const session = (u: { id: string; email: string; name: string | null }): SessionUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: 'user',
});

async function fixture(): Promise<Fixture> {
  const { user, workspace } = await makeUser();
  const { user: member } = await makeMember(workspace.id);
  return { workspaceId: workspace.id, owner: session(user), member: session(member) };
}

async function keyOf(f: Fixture): Promise<string> {
  const { key } = await createApiKey(testDb(), {
    workspaceId: f.workspaceId,
    userId: f.owner.id,
    input: { name: 'roles', scopes: ['jobs:read'] },
  });
  return key.id;
}

const steps = [{ id: 'e', type: 'transform', expression: 'input' }] as const;

async function workflowOf(f: Fixture): Promise<string> {
  const wf = await createWorkflow(testDb(), f.workspaceId, {
    slug: `roles-${Math.random().toString(36).slice(2, 8)}`,
    name: 'Roles',
    steps: [...steps],
  });
  return wf.id;
}

async function jobOf(f: Fixture): Promise<string> {
  const { job } = await submitJob(
    testDb(),
    { workspaceId: f.workspaceId, submittedBy: f.owner.id, events: engine(), requestId: 'req_roles' },
    { workflow: 'demo.flow', payload: {} },
  );
  return job.id;
}

async function deliveryOf(f: Fixture): Promise<string> {
  const [d] = await testDb()
    .insert(webhookDeliveries)
    .values({
      workspaceId: f.workspaceId,
      url: 'https://hooks.example.com/roles',
      eventType: 'job.failed',
      payload: { type: 'job.failed' },
      status: 'failed',
      attempts: 1,
    })
    .returning();
  return d!.id;
}

/**
 * Last month below the SLA for this workspace: a paid Starter subscription, and 99 of 100 recorded minutes
 * up (99.0%: a 10% credit on its own, 25% together with status.int.test.ts's 95 of 100). Inserted once.
 * (On the 31st of a month no month's claim window is open: the owner's call is then refused, see below.)
 */
const lastMonth = (now = new Date()) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);

async function slaClaimOf(f: Fixture) {
  const now = new Date();
  const month = lastMonth(now);
  const start = Date.parse(`${month}-06T00:00:00Z`);
  await testDb()
    .insert(healthChecks)
    .values(
      Array.from({ length: 100 }, (_, i) => ({
        id: `hc_roles_${month}_${i}`,
        service: 'database',
        ok: i === 0 ? 0 : 1,
        latencyMs: 1,
        createdAt: new Date(start + i * 60_000),
      })),
    )
    .onConflictDoNothing();
  await testDb()
    .insert(subscriptions)
    .values({
      id: `sub_roles_${f.workspaceId}`,
      workspaceId: f.workspaceId,
      customerId: `cus_roles_${f.workspaceId}`,
      status: 'active',
      plan: 'starter',
      currentPeriodStart: new Date(`${month}-01T00:00:00Z`),
      currentPeriodEnd: new Date(now.getTime() + 86_400_000),
      version: 1,
    })
    .onConflictDoNothing();
  return { month };
}

/** An open alert of the workspace (its own rule, as the budget and failure-spike alerts have). */
async function alertOf(f: Fixture) {
  const rule = {
    scope: f.workspaceId,
    name: 'Roles test',
    metric: 'roles.test',
    severity: 'info' as const,
    managedBy: 'workspace' as const,
    channels: [],
  };
  await raiseEventAlert(testDb(), rule, { message: 'raised by the roles test', value: 1, at: new Date() });
  const [a] = await testDb().select({ id: alerts.id }).from(alerts).where(eq(alerts.scope, f.workspaceId));
  return { id: a!.id };
}

/** Owner-only mutations: the core action each one is held to, and a valid input. */
const OWNER_ONLY: Record<string, { action: OwnerOnlyAction; input: (f: Fixture) => Promise<unknown> }> = {
  'workspace.rename': { action: 'workspace.rename', input: async () => ({ name: 'Renamed by owner' }) },
  'usage.setBudget': { action: 'budget.change', input: async () => ({ cents: 420 }) },
  'apiKeys.create': {
    action: 'api_key.create',
    input: async () => ({ name: 'by owner', scopes: ['jobs:read'] }),
  },
  'apiKeys.rotate': { action: 'api_key.rotate', input: async (f) => ({ id: await keyOf(f), grace: 'now' }) },
  'apiKeys.revoke': { action: 'api_key.revoke', input: async (f) => ({ id: await keyOf(f) }) },
  'developer.revealWebhookSecret': { action: 'webhook_secret.reveal', input: async () => undefined },
  'developer.rotateWebhookSecret': { action: 'webhook_secret.rotate', input: async () => undefined },
  'billing.checkout': {
    action: 'billing.manage',
    input: async () => ({ plan: 'growth', attemptId: `roles-${Math.random().toString(36).slice(2, 10)}` }),
  },
  'billing.portal': { action: 'billing.manage', input: async (f) => customerOf(f) },
  'billing.cancel': { action: 'billing.manage', input: async () => ({ atPeriodEnd: true }) },
  'sla.fileClaim': { action: 'sla.claim', input: async (f) => slaClaimOf(f) },
  // The REST route's procedure (POST /api/v1/sla/claims): the same domain function and owner rule.
  'sla.createClaim': { action: 'sla.claim', input: async (f) => slaClaimOf(f) },
  'alerts.acknowledge': { action: 'alerts.manage', input: async (f) => alertOf(f) },
  'alerts.setChannel': {
    action: 'alerts.manage',
    input: async () => ({ type: 'email', to: 'alerts-by-owner@example.com' }),
  },
  'alerts.setFailureThreshold': { action: 'alerts.manage', input: async () => ({ threshold: 12 }) },
};

/** Billing goes to the Stripe stand-in over HTTP (STRIPE_API_BASE; no STRIPE_SECRET_KEY in tests). */
let stripe: RunningStandin;
beforeAll(async () => {
  stripe = await startStripeStandin({
    webhookSecret: 'whsec_roles',
    prices: [{ id: 'price_standin_growth', unitAmount: 7_900, nickname: 'Growth' }],
  });
  process.env.STRIPE_API_BASE = stripe.url;
});
afterAll(() => stripe.close());

/** The workspace's Stripe customer (the portal needs one); no input for the procedure itself. */
async function customerOf(f: Fixture): Promise<undefined> {
  const customer = stripe.standin.createCustomer({ metadata: { workspace_id: f.workspaceId } });
  await testDb()
    .update(workspaces)
    .set({ stripeCustomerId: customer.id })
    .where(eq(workspaces.id, f.workspaceId));
  return undefined;
}

/** Mutations a member may make: their own profile, and the workspace's workflows, jobs and deliveries. */
const MEMBER_ALLOWED: Record<string, (f: Fixture) => Promise<unknown>> = {
  'me.updateProfile': async () => ({ name: 'Member M.' }),
  'workflows.create': async () => ({
    slug: `member-${Math.random().toString(36).slice(2, 8)}`,
    name: 'By a member',
    steps,
  }),
  'workflows.update': async (f) => ({ id: await workflowOf(f), name: 'Edited by a member' }),
  'workflows.publish': async (f) => ({ id: await workflowOf(f) }),
  'workflows.archive': async (f) => ({ id: await workflowOf(f) }),
  'jobs.submit': async () => ({ workflow: 'demo.flow', payload: { by: 'member' } }),
  'jobs.estimate': async () => ({ workflow: 'demo.flow', payload: { by: 'member' } }),
  'legacy.intake': async () => ({ workflow: 'demo.flow', payload: { by: 'member' } }),
  'jobs.cancel': async (f) => ({ id: await jobOf(f) }),
  'jobs.rerun': async (f) => ({ id: await jobOf(f) }),
  'jobs.replay': async (f) => {
    const id = await jobOf(f);
    await cancelJob(testDb(), engine(), f.workspaceId, id);
    return { id };
  },
  'jobs.bulkCancel': async (f) => ({ ids: [await jobOf(f)] }),
  'jobs.bulkRerun': async (f) => ({ ids: [await jobOf(f)] }),
  'developer.redeliver': async (f) => ({ id: await deliveryOf(f) }),
  // Refused by the SSRF guard (no request leaves), answered with the refusal: a 200 either way.
  'developer.sendTestWebhook': async () => ({ url: 'http://169.254.169.254/hook' }),
  // Privacy, consent and terms: each person's own, whatever their role.
  'privacy.requestExport': async () => undefined,
  'privacy.sendDownloadCode': async (f) => {
    const { id } = await requestExport(testDb(), { userId: f.member.id, events: noEvents });
    await buildExport(testDb(), id);
    await deliverExport(testDb(), id, { attachmentMaxBytes: 1 });
    return { requestId: id };
  },
  'privacy.requestErasure': async () => undefined,
  'privacy.confirmErasure': async (f) => {
    await requestErasure(testDb(), { userId: f.member.id });
    return { token: tokenIn(await lastMailText(f.member.email)) };
  },
  'privacy.cancelErasure': async (f) => ({
    requestId: (await requestErasure(testDb(), { userId: f.member.id })).id,
  }),
  'privacy.createObjection': async () => ({ purpose: 'profiling' }),
  'privacy.withdrawObjection': async (f) => ({
    id: (
      await createObjection(testDb(), {
        userId: f.member.id,
        actor: f.member.id,
        source: 'ui',
        input: { purpose: 'analytics' },
      })
    ).id,
  }),
  'marketing.subscribe': async () => undefined,
  'marketing.unsubscribe': async () => undefined,
  'marketing.confirm': async (f) => {
    await subscribeMarketing(testDb(), {
      email: f.member.email,
      userId: f.member.id,
      ctx: { source: 'test' },
    });
    return { token: tokenIn(await lastMailText(f.member.email)) };
  },
  'legal.accept': async (f) => {
    const doc = await publishLegalDocument(testDb(), {
      adminId: f.owner.id,
      input: {
        kind: 'privacy',
        version: `roles-${Math.random().toString(36).slice(2, 8)}`,
        summary: 'Test version',
        body: 'Privacy policy text for the roles test.',
        reason: 'A version for the roles test',
      },
    });
    return { documentIds: [doc.id] };
  },
};

const noEvents = { send: async () => {}, flush: async () => {} };
const tokenIn = (text: string) => /token=([A-Za-z0-9]+)/.exec(text)![1]!;
async function lastMailText(to: string) {
  const [mail] = await testDb()
    .select()
    .from(devMail)
    .where(eq(devMail.to, to))
    .orderBy(desc(devMail.createdAt))
    .limit(1);
  return mail!.text;
}

let engineClient: ReturnType<typeof createLevqorEngine>['client'] | null = null;
function engine() {
  engineClient ??= createLevqorEngine(testDb(), { provider: 'local' }).client;
  return engineClient;
}

beforeAll(() => useTestEvents(engine()));

const MUTATIONS = Object.entries(appRouter._def.procedures)
  .filter(
    ([path, p]) =>
      !path.startsWith('admin.') && (p as unknown as { _def: { type: string } })._def.type === 'mutation',
  )
  .map(([path]) => path)
  .sort();

describe('every mutation is classified', () => {
  it('as owner-only or open to members, and the owner-only ones cover every core owner action', () => {
    expect([...Object.keys(OWNER_ONLY), ...Object.keys(MEMBER_ALLOWED)].sort()).toEqual(MUTATIONS);
    expect(new Set(Object.values(OWNER_ONLY).map((o) => o.action))).toEqual(
      new Set(Object.keys(OWNER_ONLY_ACTIONS)),
    );
  });
});

describe('owner-only mutations', () => {
  it.each(Object.keys(OWNER_ONLY))(
    '%s: a member gets 403 (nothing changes), the owner succeeds',
    async (path) => {
      const f = await fixture();
      const spec = OWNER_ONLY[path]!;
      const input = await spec.input(f);
      const before = await testDb().select().from(workspaces).where(eq(workspaces.id, f.workspaceId));
      const denied = await trpcHttp(f.member, path, input, 'POST');
      expect(denied.status).toBe(403);
      expect(denied.json.error!.json.message).toBe(
        `Only a workspace owner can ${OWNER_ONLY_ACTIONS[spec.action]}.`,
      );
      expect(await testDb().select().from(workspaces).where(eq(workspaces.id, f.workspaceId))).toEqual(
        before,
      );
      const memberAudit = await testDb()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.workspaceId, f.workspaceId), eq(auditEvents.actor, f.member.id)));
      expect(memberAudit).toEqual([]);

      const allowed = await trpcHttp(f.owner, path, await spec.input(f), 'POST');
      // On the 31st of a month no month's claim window is open (30 days from each month's end): the
      // owner is then past the role check and refused by the window, with a reason.
      const windowShut =
        (path === 'sla.fileClaim' || path === 'sla.createClaim') &&
        claimWindowState(lastMonth(), new Date()) !== 'open';
      expect(allowed.status).toBe(windowShut ? 400 : 200);
    },
  );
});

describe('mutations open to members', () => {
  it.each(Object.keys(MEMBER_ALLOWED))('%s: a member succeeds', async (path) => {
    const f = await fixture();
    const res = await trpcHttp(f.member, path, await MEMBER_ALLOWED[path]!(f), 'POST');
    expect(res.json.error?.json.message).toBeUndefined();
    expect(res.status).toBe(200);
  });
});

describe('the webhook signing secret', () => {
  it('is in no answer of me.get, workspace.current or workspace.rename, for the owner or a member', async () => {
    const f = await fixture();
    const [ws] = await testDb().select().from(workspaces).where(eq(workspaces.id, f.workspaceId));
    for (const user of [f.owner, f.member]) {
      for (const res of [
        await trpcHttp(user, 'me.get', undefined),
        await trpcHttp(user, 'workspace.current', undefined),
      ]) {
        expect(res.status).toBe(200);
        expect(res.text).toContain(f.workspaceId);
        expect(res.text).not.toContain(ws!.webhookSecret);
        expect(res.text).not.toMatch(/webhookSecret|whsec_/);
      }
    }
    const renamed = await trpcHttp(f.owner, 'workspace.rename', { name: 'Still secret' }, 'POST');
    expect(renamed.status).toBe(200);
    expect(renamed.text).not.toMatch(/webhookSecret|whsec_/);
  });

  it('is revealed to the owner by the reveal action, and each reveal is audited without the secret', async () => {
    const f = await fixture();
    const [ws] = await testDb().select().from(workspaces).where(eq(workspaces.id, f.workspaceId));
    const res = await trpcHttp(f.owner, 'developer.revealWebhookSecret', undefined, 'POST');
    expect(res.status).toBe(200);
    expect(res.json.result!.data.json).toEqual({ secret: ws!.webhookSecret });
    // A reveal is a mutation (it writes the audit log): GET cannot call it.
    expect((await trpcHttp(f.owner, 'developer.revealWebhookSecret', undefined, 'GET')).status).toBe(405);
    const audit = await testDb().select().from(auditEvents).where(eq(auditEvents.workspaceId, f.workspaceId));
    expect(audit.map((a) => [a.action, a.actor])).toEqual([['webhook_secret.revealed', f.owner.id]]);
    expect(JSON.stringify(audit)).not.toContain(ws!.webhookSecret);
  });
});
