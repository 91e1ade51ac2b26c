import {
  confirmErasure,
  createStripeClient,
  eraseUser,
  requestErasure,
  STRIPE_STANDIN,
  type Stripe,
} from '@levqor/core';
import { devMail, eq, workspaces } from '@levqor/db';
import { type RunningStandin, startStripeStandin } from '@levqor/stripe-standin';
import { makeMember, makeUser } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, openTestDb } from '../testing/helpers';

const db = openTestDb();
const DAY = 86_400_000;
let standin: RunningStandin;
let stripe: Stripe;

beforeAll(async () => {
  standin = await startStripeStandin({
    webhookSecret: 'whsec_erasure',
    prices: [{ id: STRIPE_STANDIN.prices.growth, unitAmount: 7_900, nickname: 'Growth' }],
  });
  process.env.STRIPE_API_BASE = standin.url;
  stripe = createStripeClient()!;
});
afterAll(async () => {
  await standin.close();
  await closeDb(db);
});

/** A workspace subscribed through the stand-in's checkout: its customer and live subscription. */
function subscribe(workspaceId: string) {
  const s = standin.standin;
  const customer = s.createCustomer({ metadata: { workspace_id: workspaceId } });
  const session = s.createCheckoutSession({
    mode: 'subscription',
    customer: customer.id,
    priceId: STRIPE_STANDIN.prices.growth,
    successUrl: 'http://localhost/ok',
    clientReferenceId: workspaceId,
  });
  s.completeCheckout(session.id);
  return { customer: customer.id, subscription: String(s.checkoutSession(session.id).subscription) };
}

/** A user with a confirmed erasure request, and the moment its cooling-off has ended. */
async function leaver() {
  const u = await makeUser({ name: 'Leaver' });
  const { id } = await requestErasure(db, { userId: u.user.id });
  const [mail] = await db.select().from(devMail).where(eq(devMail.to, u.user.email));
  const token = /token=([A-Za-z0-9]+)/.exec(mail!.text)![1]!;
  await confirmErasure(db, { userId: u.user.id, token });
  return { ...u, id, at: new Date(Date.now() + 7 * DAY + 60_000) };
}

describe('delete my data cancels the Stripe subscription', () => {
  it("cancels a workspace's subscription when the leaver owned it alone, through the Stripe API", async () => {
    const u = await leaver();
    const { customer, subscription } = subscribe(u.workspace.id);
    await db.update(workspaces).set({ stripeCustomerId: customer }).where(eq(workspaces.id, u.workspace.id));
    expect((await stripe.subscriptions.retrieve(subscription)).status).toBe('active');

    const outcome = await eraseUser(db, { requestId: u.id, now: u.at, stripe });
    expect(outcome).toMatchObject({ emptiedWorkspaces: 1, cancelledSubscriptions: [subscription] });
    expect((await stripe.subscriptions.retrieve(subscription)).status).toBe('canceled');
    // Stripe tells the webhook (which returns the plan to Free).
    expect(
      standin.standin.events.map((e) => [e.type, (e.data as { object: { id: string } }).object.id]),
    ).toContainEqual(['customer.subscription.deleted', subscription]);
  });

  it('leaves the subscription of a workspace handed over to a colleague', async () => {
    const u = await leaver();
    await makeMember(u.workspace.id);
    const { customer, subscription } = subscribe(u.workspace.id);
    await db.update(workspaces).set({ stripeCustomerId: customer }).where(eq(workspaces.id, u.workspace.id));
    const outcome = await eraseUser(db, { requestId: u.id, now: u.at, stripe });
    expect(outcome).toMatchObject({ handedOver: 1, cancelledSubscriptions: [] });
    expect((await stripe.subscriptions.retrieve(subscription)).status).toBe('active');
  });

  it('rolls the erasure back when Stripe cannot be reached, and completes on the next sweep', async () => {
    const u = await leaver();
    const { customer, subscription } = subscribe(u.workspace.id);
    await db.update(workspaces).set({ stripeCustomerId: customer }).where(eq(workspaces.id, u.workspace.id));
    const unreachable = new (stripe.constructor as typeof import('stripe').default)('sk_test_x', {
      host: '127.0.0.1',
      port: 9,
      protocol: 'http',
      maxNetworkRetries: 0,
    });
    await expect(eraseUser(db, { requestId: u.id, now: u.at, stripe: unreachable })).rejects.toThrow();
    const [still] = await db.select().from(workspaces).where(eq(workspaces.id, u.workspace.id));
    expect(still!.name).not.toBe('Erased workspace');
    expect(await eraseUser(db, { requestId: u.id, now: u.at, stripe })).toMatchObject({
      cancelledSubscriptions: [subscription],
    });
  });
});
