import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InngestTestEngine } from '@inngest/test';
import {
  budgetStatus,
  createStripeClient,
  DomainError,
  type EventSender,
  getBillingStatus,
  PLANS,
  receiveStripeEvent,
  STRIPE_STANDIN,
  startCheckout,
  submitJob,
  syncSubscriptions,
} from '@levqor/core';
import {
  and,
  auditEvents,
  devMail,
  eq,
  inArray,
  securityEvents,
  sql,
  stripeEvents,
  subscriptions,
  workspaces,
} from '@levqor/db';
import { type RunningStandin, startStripeStandin } from '@levqor/stripe-standin';
import { makeMember, makeUser } from '@levqor/testing';
import { Inngest } from 'inngest';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineClient } from '../engine-client';
import { createInngestFunctions } from '../inngest/functions';
import { createWorker } from '../local/worker';
import { silentSink } from '../log';
import { createRegistry } from '../registry';
import { closeDb, openTestDb } from '../testing/helpers';
import { billingDunningFunction, billingStripeEventFunction } from './billing';

// Billing on the local engine: its own registry (functions.int.test.ts's worker leaves billing.* alone).
const db = openTestDb();
let client: ReturnType<typeof createEngineClient>;
const events: EventSender = { send: (tx, e) => client.send(tx, e), flush: () => client.flush() };
const registry = createRegistry([billingStripeEventFunction(db, events), billingDunningFunction(db)]);
client = createEngineClient({ db, registry, provider: 'local', log: silentSink });
const worker = createWorker({
  db,
  registry,
  concurrency: 4,
  pollMs: 50,
  backoff: { baseMs: 100, maxMs: 400 },
  log: silentSink,
});

const SECRET = STRIPE_STANDIN.webhookSecret;
let standin: RunningStandin;
let hook: Server;
let hookUrl: string;
let stripe: Stripe;

/** What apps/web's /api/stripe/webhook does (packages/app-kit/src/stripe-webhook-route.tsx), on node:http. */
function webhookServer() {
  return createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const signature = req.headers['stripe-signature'];
    try {
      const r = await receiveStripeEvent(db, events, {
        rawBody: body,
        signature: typeof signature === 'string' ? signature : null,
        secret: SECRET,
      });
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ received: true, duplicate: !r.stored }));
    } catch (err) {
      res
        .writeHead(err instanceof DomainError ? 400 : 500)
        .end(JSON.stringify({ error: (err as Error).message }));
    }
  });
}

beforeAll(async () => {
  hook = webhookServer();
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/api/stripe/webhook`;
  standin = await startStripeStandin({
    webhookUrl: hookUrl,
    webhookSecret: SECRET,
    prices: (['starter', 'growth', 'business'] as const).map((p) => ({
      id: STRIPE_STANDIN.prices[p],
      unitAmount: PLANS[p].priceCents!,
      nickname: PLANS[p].name,
    })),
  });
  process.env.STRIPE_API_BASE = standin.url;
  process.env.LEVQOR_DUNNING_SCHEDULE = '1s,1s,1s';
  stripe = createStripeClient()!;
});
afterAll(async () => {
  await standin.close();
  hook.close();
  await closeDb(db);
});

const post = (body: string, signature?: string) =>
  fetch(hookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) },
    body,
  });
const signed = (payload: string, opts: { secret?: string; timestamp?: number } = {}) =>
  Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: opts.secret ?? SECRET,
    timestamp: opts.timestamp,
  });

let seq = 0;
/** A Stripe event around `object`, as Stripe serialises it. */
function eventJson(type: string, object: Record<string, unknown>, created: number) {
  return JSON.stringify({
    id: `evt_test_${Date.now()}_${++seq}`,
    object: 'event',
    api_version: '2026-10-28.endive',
    created,
    type,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  });
}
function subscriptionObject(
  id: string,
  customer: string,
  status: string,
  plan: 'starter' | 'growth' | 'business',
) {
  const now = Math.floor(Date.now() / 1000);
  return {
    id,
    object: 'subscription',
    customer,
    status,
    cancel_at_period_end: false,
    metadata: {},
    items: {
      object: 'list',
      data: [
        {
          id: `si_${id}`,
          object: 'subscription_item',
          current_period_start: now,
          current_period_end: now + 30 * 86_400,
          price: { id: STRIPE_STANDIN.prices[plan], object: 'price' },
        },
      ],
    },
  };
}

async function customerWorkspace(customer: string) {
  const { user, workspace } = await makeUser();
  await db.update(workspaces).set({ stripeCustomerId: customer }).where(eq(workspaces.id, workspace.id));
  return { user, workspace };
}
const planOf = async (workspaceId: string) =>
  (await db.select({ plan: workspaces.plan }).from(workspaces).where(eq(workspaces.id, workspaceId)))[0]!
    .plan;
const settle = async () => {
  await standin.standin.settled();
  await worker.drain({ settle: true, timeoutMs: 30_000 });
};

describe('POST /api/stripe/webhook', () => {
  it('refuses missing, wrong-secret, stale and tampered signatures with 400, storing nothing', async () => {
    const body = eventJson(
      'customer.subscription.created',
      subscriptionObject('sub_sig', 'cus_sig', 'active', 'growth'),
      1,
    );
    const id = JSON.parse(body).id as string;
    // Failures are counted, one row per address and minute (anyone can post here: a flood is a counter).
    const countFailures = async () =>
      (
        await db
          .select({
            n: sql<number>`coalesce(sum(${securityEvents.count}), 0)::int`,
            rows: sql<number>`count(*)::int`,
          })
          .from(securityEvents)
          .where(eq(securityEvents.type, 'webhook.signature_failed'))
      )[0]!;
    const before = await countFailures();
    const tampered = body.replace('"active"', '"canceled"');
    const attempts = [
      await post(body),
      await post(body, signed(body, { secret: 'whsec_not_the_secret' })),
      await post(body, signed(body, { timestamp: Math.floor(Date.now() / 1000) - 301 })),
      await post(tampered, signed(body)),
    ];
    expect(attempts.map((r) => r.status)).toEqual([400, 400, 400, 400]);
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, id))).toEqual([]);
    const after = await countFailures();
    expect(after.n - before.n).toBe(4);
    expect(after.rows - before.rows).toBeLessThanOrEqual(2); // 1, or 2 across a minute's boundary
    // Signed right, within the 300 s tolerance: stored.
    expect((await post(body, signed(body, { timestamp: Math.floor(Date.now() / 1000) - 200 }))).status).toBe(
      200,
    );
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, id))).toHaveLength(1);
  });

  it('stores and applies the same event delivered 5 times once', async () => {
    const { workspace } = await customerWorkspace('cus_dup');
    const body = eventJson(
      'customer.subscription.created',
      subscriptionObject('sub_dup', 'cus_dup', 'active', 'growth'),
      1_800_000_000,
    );
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(body, signed(body))));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const bodies = await Promise.all(answers.map((r) => r.json() as Promise<{ duplicate: boolean }>));
    expect(bodies.filter((b) => !b.duplicate)).toHaveLength(1);
    await settle();
    expect(await planOf(workspace.id)).toBe('growth');
    const changes = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, workspace.id), eq(auditEvents.action, 'billing.plan_changed')));
    expect(changes).toHaveLength(1);
  });

  it('converges on the newest state: updated before created, and an old past_due after a newer active', async () => {
    const { workspace } = await customerWorkspace('cus_order');
    const t = 1_800_000_000;
    const deliver = async (type: string, status: string, plan: 'starter' | 'business', created: number) => {
      const body = eventJson(type, subscriptionObject('sub_order', 'cus_order', status, plan), created);
      expect((await post(body, signed(body))).status).toBe(200);
    };
    await deliver('customer.subscription.updated', 'active', 'business', t + 10);
    await deliver('customer.subscription.created', 'incomplete', 'starter', t);
    await settle();
    const stored = async () =>
      (await db.select().from(subscriptions).where(eq(subscriptions.id, 'sub_order')))[0]!;
    expect(await stored()).toMatchObject({ status: 'active', version: t + 10 });
    expect(await planOf(workspace.id)).toBe('business');
    await deliver('customer.subscription.updated', 'past_due', 'business', t + 5);
    await settle();
    expect(await stored()).toMatchObject({ status: 'active', version: t + 10 });
    await deliver('customer.subscription.deleted', 'canceled', 'business', t + 20);
    await settle();
    expect(await stored()).toMatchObject({ status: 'canceled' });
    expect(await planOf(workspace.id)).toBe('free');
  });
});

describe('checkout, dunning and suspension, through the stand-in over HTTP', () => {
  it('only the owner can start checkout; the customer is reused; checkout → plan, budget, limits', async () => {
    const { user, workspace } = await makeUser();
    const member = await makeMember(workspace.id);
    const refused = await startCheckout(db, stripe, {
      workspaceId: workspace.id,
      userId: member.user.id,
      input: { plan: 'growth', attemptId: 'attempt-member' },
    }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ reason: 'owner-only' });
    const first = await startCheckout(db, stripe, {
      workspaceId: workspace.id,
      userId: user.id,
      input: { plan: 'growth', attemptId: 'attempt-0001' },
    });
    const again = await startCheckout(db, stripe, {
      workspaceId: workspace.id,
      userId: user.id,
      input: { plan: 'growth', attemptId: 'attempt-0001' },
    });
    expect(again.sessionId).toBe(first.sessionId);
    const other = await startCheckout(db, stripe, {
      workspaceId: workspace.id,
      userId: user.id,
      input: { plan: 'starter', attemptId: 'attempt-0002' },
    });
    expect(other.sessionId).not.toBe(first.sessionId);
    const session = standin.standin.checkoutSession(first.sessionId!);
    expect(session).toMatchObject({ client_reference_id: workspace.id });
    expect(standin.standin.checkoutSession(other.sessionId!).customer).toBe(session.customer);
    // A person pays on the stand-in's checkout page.
    const paid = await fetch(`${standin.url}/_standin/checkout/${first.sessionId}/complete`, {
      method: 'POST',
      body: new URLSearchParams({ redirect: 'success' }),
      redirect: 'manual',
    });
    expect(paid.headers.get('location')).toContain(`checkout=${first.sessionId}`);
    await settle();
    expect(await planOf(workspace.id)).toBe('growth');
    expect((await budgetStatus(db, workspace.id)).budget).toBe(PLANS.growth.includedSpendCents * 10_000);
    const { job } = await submitJob(
      db,
      { workspaceId: workspace.id, submittedBy: user.id, events },
      { workflow: 'demo.flow' },
    );
    expect(job.status).toBe('queued');
  });

  it('failed renewal → day 1/7/14 emails once each → suspension (403) → payment → restored', async () => {
    const { user, workspace } = await makeUser();
    const checkout = await startCheckout(db, stripe, {
      workspaceId: workspace.id,
      userId: user.id,
      input: { plan: 'starter', attemptId: 'attempt-dunning' },
    });
    standin.standin.completeCheckout(checkout.sessionId!);
    await settle();
    expect(await planOf(workspace.id)).toBe('starter');
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.workspaceId, workspace.id));
    standin.standin.failNextRenewal.set(sub!.id, true);
    const invoice = standin.standin.renew(sub!.id);
    // Stripe retries the payment: a second payment_failed for the same invoice starts no second run.
    standin.standin.emit('invoice.payment_failed', invoice);
    await settle();
    const mails = async () =>
      (
        await db
          .select({ subject: devMail.subject, to: devMail.to, text: devMail.text })
          .from(devMail)
          .where(eq(devMail.to, user.email))
      )
        .map((m) => m.subject)
        .sort();
    expect(await mails()).toEqual(
      [
        'Action required – we could not process your payment',
        'Final notice: service will be paused',
        'Reminder: update your payment method',
      ].sort(),
    );
    // Each links straight to the Customer Portal (the page signs in, opens a portal session, redirects).
    const texts = await db.select({ text: devMail.text }).from(devMail).where(eq(devMail.to, user.email));
    expect(texts.every((m) => m.text.includes('http://localhost:3000/dashboard/billing/portal'))).toBe(true);
    const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, workspace.id));
    expect(ws!.suspendedAt).not.toBeNull();
    // Members see why in the banner: an unpaid invoice, which payment clears.
    expect((await getBillingStatus(db, workspace.id)).suspended).toMatchObject({ cause: 'unpaid' });
    const refused = await submitJob(
      db,
      { workspaceId: workspace.id, submittedBy: user.id, events },
      { workflow: 'demo.flow' },
    ).catch((e: unknown) => e);
    expect(refused).toMatchObject({ reason: 'account-suspended', code: 'FORBIDDEN' });
    // The customer pays (portal page): restored at once, audited.
    standin.standin.payInvoice(invoice.id);
    await settle();
    const [after] = await db.select().from(workspaces).where(eq(workspaces.id, workspace.id));
    expect(after!.suspendedAt).toBeNull();
    const restored = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.workspaceId, workspace.id),
          inArray(auditEvents.action, ['workspace.suspended', 'workspace.restored']),
        ),
      );
    expect(restored.map((a) => [a.action, a.actor]).sort()).toEqual([
      ['workspace.restored', 'stripe'],
      ['workspace.suspended', 'system'],
    ]);
    expect(
      (
        await submitJob(
          db,
          { workspaceId: workspace.id, submittedBy: user.id, events },
          { workflow: 'demo.flow' },
        )
      ).job.status,
    ).toBe('queued');
    expect(await mails()).toHaveLength(3);
  });

  it('invoice.paid cancels the dunning run: no reminder, no suspension', async () => {
    process.env.LEVQOR_DUNNING_SCHEDULE = '3s,3s,3s';
    try {
      const { user, workspace } = await makeUser();
      const checkout = await startCheckout(db, stripe, {
        workspaceId: workspace.id,
        userId: user.id,
        input: { plan: 'growth', attemptId: 'attempt-cancel' },
      });
      standin.standin.completeCheckout(checkout.sessionId!);
      await settle();
      const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.workspaceId, workspace.id));
      const invoice = standin.standin.renew(sub!.id, true);
      await standin.standin.settled();
      await worker.drain({ timeoutMs: 30_000 }); // the first notice; the run then sleeps
      standin.standin.payInvoice(invoice.id);
      await settle();
      const subjects = (
        await db.select({ subject: devMail.subject }).from(devMail).where(eq(devMail.to, user.email))
      ).map((m) => m.subject);
      expect(subjects).toEqual(['Action required – we could not process your payment']);
      const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, workspace.id));
      expect(ws!.suspendedAt).toBeNull();
    } finally {
      process.env.LEVQOR_DUNNING_SCHEDULE = '1s,1s,1s';
    }
  });
});

describe('reconcile (hourly billing.reconcile, pnpm levqor billing sync)', () => {
  it('repairs drift from Stripe: a missed webhook', async () => {
    const { user, workspace } = await makeUser();
    const checkout = await startCheckout(db, stripe, {
      workspaceId: workspace.id,
      userId: user.id,
      input: { plan: 'business', attemptId: 'attempt-sync' },
    });
    standin.standin.completeCheckout(checkout.sessionId!);
    await settle();
    // A change whose webhook never arrived, and a stored state gone stale.
    await db
      .update(subscriptions)
      .set({ status: 'canceled' })
      .where(eq(subscriptions.workspaceId, workspace.id));
    await db.update(workspaces).set({ plan: 'free' }).where(eq(workspaces.id, workspace.id));
    const report = await syncSubscriptions(db, stripe);
    expect(report.repaired).toBeGreaterThanOrEqual(1);
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.workspaceId, workspace.id));
    expect(sub!.status).toBe('active');
    expect(await planOf(workspace.id)).toBe('business');
  });
});

describe('dunning on Inngest (@inngest/test, same definition)', () => {
  it('sends the three notices once each and suspends; a replayed run sends nothing twice', async () => {
    const { user, workspace } = await makeUser();
    const inngest = new Inngest({ id: 'levqor-billing', isDev: true });
    const [fn] = createInngestFunctions(inngest, createRegistry([billingDunningFunction(db)]), {
      log: silentSink,
    });
    const run = () =>
      new InngestTestEngine({
        function: fn!,
        events: [
          {
            name: 'levqor/billing.dunning.started',
            data: { invoiceId: 'in_inngest_1', workspaceId: workspace.id },
          },
        ],
        steps: ['wait-reminder', 'wait-final', 'grace'].map((id) => ({ id, handler: () => undefined })),
      }).execute();
    const first = await run();
    expect(first.error).toBeUndefined();
    expect(first.result).toEqual({ suspended: true });
    const again = await run();
    expect(again.error).toBeUndefined();
    const subjects = (
      await db.select({ subject: devMail.subject }).from(devMail).where(eq(devMail.to, user.email))
    ).map((m) => m.subject);
    expect(subjects).toHaveLength(3);
    const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, workspace.id));
    expect(ws!.suspendedReason).toContain('Unpaid invoice in_inngest_1');
  });
});
