import { type RunningStandin, startStripeStandin } from '@levqor/stripe-standin';
import { makeMember, makeUser } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../context';
import { trpcHttp } from '../test-client';

let stripe: RunningStandin;
beforeAll(async () => {
  stripe = await startStripeStandin({
    webhookSecret: 'whsec_billing_router',
    prices: [
      { id: 'price_standin_starter', unitAmount: 2_900, nickname: 'Starter' },
      { id: 'price_standin_growth', unitAmount: 7_900, nickname: 'Growth' },
    ],
  });
  process.env.STRIPE_API_BASE = stripe.url;
});
afterAll(() => stripe.close());

const session = (u: { id: string; email: string; name: string | null }): SessionUser => ({
  ...u,
  role: 'user',
});

describe('billing procedures', () => {
  it('checkout answers a stand-in Checkout URL; the 4th start within a minute is refused (429)', async () => {
    const { user, workspace } = await makeUser();
    const owner = session(user);
    const attempt = (n: number) =>
      trpcHttp(owner, 'billing.checkout', { plan: 'growth', attemptId: `limit-attempt-${n}` }, 'POST');
    const first = await attempt(1);
    expect(first.status).toBe(200);
    const url = (first.json as { result: { data: { json: { url: string } } } }).result.data.json.url;
    expect(url).toMatch(new RegExp(`^${stripe.url}/checkout/cs_test_`));
    expect(stripe.standin.checkoutSession(url.split('/').at(-1)!).client_reference_id).toBe(workspace.id);
    expect((await attempt(2)).status).toBe(200);
    expect((await attempt(3)).status).toBe(200);
    const limited = await attempt(4);
    expect(limited.status).toBe(429);
    expect(limited.json.error!.json.message).toMatch(/at most 3 a minute/);
    // Another user has their own allowance.
    const other = await makeUser();
    expect(
      (
        await trpcHttp(
          session(other.user),
          'billing.checkout',
          { plan: 'starter', attemptId: 'other-attempt-1' },
          'POST',
        )
      ).status,
    ).toBe(200);
  });

  it('a member reads the billing status (read-only) and cannot open the portal', async () => {
    const { workspace } = await makeUser();
    const { user: member } = await makeMember(workspace.id);
    const status = await trpcHttp(session(member), 'billing.status', undefined);
    expect(status.status).toBe(200);
    expect(status.json).toMatchObject({
      result: { data: { json: { role: 'member', plan: { id: 'free' }, suspended: null } } },
    });
    expect((await trpcHttp(session(member), 'billing.portal', undefined, 'POST')).status).toBe(403);
  });
});
