import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeForm } from './form';
import { type RunningStandin, startStripeStandin } from './server';

const SECRET = 'whsec_standin_test_secret';
let standin: RunningStandin;
let stripe: Stripe;
const received: { body: string; signature: string }[] = [];
let receiver: ReturnType<typeof createServer>;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ body, signature: String(req.headers['stripe-signature']) });
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  standin = await startStripeStandin({
    webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/stripe/webhook`,
    webhookSecret: SECRET,
    prices: [{ id: 'price_growth', unitAmount: 7_900, nickname: 'Growth' }],
  });
  const u = new URL(standin.url);
  stripe = new Stripe('sk_test_standin', {
    host: u.hostname,
    port: Number(u.port),
    protocol: 'http',
    maxNetworkRetries: 0,
  });
});
afterAll(async () => {
  await standin.close();
  receiver.close();
});

describe('form decoding', () => {
  it('nests brackets as the SDK writes them', () => {
    expect(
      decodeForm('line_items[0][price]=p&line_items[0][quantity]=1&metadata[ws]=ws_1&expand[]=a&expand[]=b'),
    ).toEqual({
      line_items: [{ price: 'p', quantity: '1' }],
      metadata: { ws: 'ws_1' },
      expand: ['a', 'b'],
    });
  });
});

describe('the Stripe stand-in, through the Stripe SDK over HTTP', () => {
  it('checkout → subscription, invoice and signed events the SDK verifies', async () => {
    const customer = await stripe.customers.create({
      email: 'a@levqor.local',
      metadata: { workspace_id: 'ws_1' },
    });
    expect(customer).toMatchObject({
      object: 'customer',
      email: 'a@levqor.local',
      metadata: { workspace_id: 'ws_1' },
    });
    expect(customer.id).toMatch(/^cus_/);
    const params = {
      mode: 'subscription' as const,
      customer: customer.id,
      client_reference_id: 'ws_1',
      line_items: [{ price: 'price_growth', quantity: 1 }],
      success_url: 'http://localhost:3000/dashboard/billing?checkout={CHECKOUT_SESSION_ID}',
      cancel_url: 'http://localhost:3000/dashboard/billing',
    };
    const session = await stripe.checkout.sessions.create(params, { idempotencyKey: 'attempt-1' });
    expect(session).toMatchObject({
      object: 'checkout.session',
      status: 'open',
      client_reference_id: 'ws_1',
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`${standin.url}/checkout/${session.id}`);
    // The same idempotency key: the same session.
    expect((await stripe.checkout.sessions.create(params, { idempotencyKey: 'attempt-1' })).id).toBe(
      session.id,
    );
    // A person completes the checkout page: redirected to success_url with the session id.
    const page = await fetch(session.url!);
    expect(await page.text()).toContain('Pay $79.00 and subscribe');
    const done = await fetch(`${standin.url}/_standin/checkout/${session.id}/complete`, {
      method: 'POST',
      body: new URLSearchParams({ redirect: 'success' }),
      redirect: 'manual',
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(
      `http://localhost:3000/dashboard/billing?checkout=${session.id}`,
    );
    const subs = await stripe.subscriptions.list({ customer: customer.id, status: 'all' });
    expect(subs.data).toHaveLength(1);
    const sub = subs.data[0]!;
    expect(sub).toMatchObject({ object: 'subscription', status: 'active', customer: customer.id });
    expect(sub.items.data[0]!.price.id).toBe('price_growth');
    expect((await stripe.subscriptions.retrieve(sub.id)).id).toBe(sub.id);
    const invoices = await stripe.invoices.list({ customer: customer.id });
    expect(invoices.data[0]).toMatchObject({ object: 'invoice', status: 'paid', amount_paid: 7_900 });
    await standin.standin.settled();
    const types = received.map((r) => {
      const event = stripe.webhooks.constructEvent(r.body, r.signature, SECRET, 300);
      return event.type;
    });
    expect(types).toEqual(['customer.subscription.created', 'invoice.paid', 'checkout.session.completed']);
    expect(() =>
      stripe.webhooks.constructEvent(received[0]!.body, received[0]!.signature, 'whsec_wrong'),
    ).toThrow();
    const portal = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: 'http://localhost:3000/dashboard/billing',
    });
    expect(portal).toMatchObject({ object: 'billing_portal.session' });
    expect(await (await fetch(portal.url)).text()).toContain('Make the next renewal fail');
  });

  it('a failed renewal leaves an open invoice and a past_due subscription; paying it restores active', async () => {
    const customer = await stripe.customers.create({});
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      line_items: [{ price: 'price_growth', quantity: 1 }],
      success_url: 'http://localhost/ok',
    });
    standin.standin.completeCheckout(session.id);
    const subId = (await stripe.subscriptions.list({ customer: customer.id })).data[0]!.id;
    const ctl = (path: string, body: Record<string, string> = {}) =>
      fetch(`${standin.url}/_standin/${path}`, { method: 'POST', body: new URLSearchParams(body) }).then(
        (r) => r.json() as Promise<Record<string, unknown>>,
      );
    await ctl(`subscriptions/${subId}/next-renewal`, { outcome: 'fail' });
    const failed = await ctl(`subscriptions/${subId}/renew`);
    expect(failed).toMatchObject({ object: 'invoice', status: 'open' });
    expect((await stripe.subscriptions.retrieve(subId)).status).toBe('past_due');
    await ctl(`invoices/${String(failed.id)}/pay`);
    expect((await stripe.subscriptions.retrieve(subId)).status).toBe('active');
    expect((await stripe.invoices.retrieve(String(failed.id))).status).toBe('paid');
  });

  it('answers Stripe-style errors the SDK raises as typed errors', async () => {
    const err = await stripe.subscriptions.retrieve('sub_nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      message: "No such subscription: 'sub_nope'",
    });
    const bad = new Stripe('pk_test_nope', {
      host: '127.0.0.1',
      port: Number(new URL(standin.url).port),
      protocol: 'http',
    });
    expect(await bad.customers.create({}).catch((e: unknown) => e)).toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    );
    const meter = {
      event_name: 'ai_overage',
      identifier: 'led_1',
      payload: { stripe_customer_id: 'cus_1', value: '5' },
    };
    expect(await stripe.billing.meterEvents.create(meter)).toMatchObject({
      object: 'billing.meter_event',
      identifier: 'led_1',
    });
    expect(await stripe.billing.meterEvents.create(meter).catch((e: unknown) => e)).toMatchObject({
      code: 'resource_already_exists',
    });
  });

  it('customer balance transactions: a credit lowers the balance, idempotent per key, listed newest first', async () => {
    const customer = await stripe.customers.create({ email: 'credit@levqor.local' });
    const credit = await stripe.customers.createBalanceTransaction(
      customer.id,
      { amount: -790, currency: 'usd', description: 'SLA credit', metadata: { sla_claim_id: 'slc_1' } },
      { idempotencyKey: 'sla-credit-slc_1' },
    );
    expect(credit).toMatchObject({
      object: 'customer_balance_transaction',
      amount: -790,
      currency: 'usd',
      customer: customer.id,
      ending_balance: -790,
      type: 'adjustment',
      metadata: { sla_claim_id: 'slc_1' },
    });
    expect(credit.id).toMatch(/^cbtxn_/);
    const again = await stripe.customers.createBalanceTransaction(
      customer.id,
      { amount: -790, currency: 'usd' },
      { idempotencyKey: 'sla-credit-slc_1' },
    );
    expect(again.id).toBe(credit.id);
    expect((await stripe.customers.retrieve(customer.id)) as { balance: number }).toMatchObject({
      balance: -790,
    });
    const listed = await stripe.customers.listBalanceTransactions(customer.id);
    expect(listed.data.map((t) => t.id)).toEqual([credit.id]);
    const missing = await stripe.customers
      .createBalanceTransaction(customer.id, { currency: 'usd' } as never)
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'amount' });
    const unknown = await stripe.customers
      .createBalanceTransaction('cus_nope', { amount: -1, currency: 'usd' })
      .catch((e: unknown) => e);
    expect(unknown).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('creates coupons and promotion codes as Stripe does (form-encoded, Stripe shapes and errors)', async () => {
    const coupon = await stripe.coupons.create({
      percent_off: 20,
      duration: 'repeating',
      duration_in_months: 3,
      name: '20% off for 3 months',
      metadata: { recommendation: 'rec_1' },
    });
    expect(coupon).toMatchObject({
      object: 'coupon',
      percent_off: 20,
      duration: 'repeating',
      duration_in_months: 3,
      valid: true,
      metadata: { recommendation: 'rec_1' },
    });
    expect(await stripe.coupons.retrieve(coupon.id)).toMatchObject({ id: coupon.id });
    const code = await stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      code: 'WELCOME20',
      max_redemptions: 100,
    });
    expect(code).toMatchObject({
      object: 'promotion_code',
      code: 'WELCOME20',
      active: true,
      max_redemptions: 100,
      promotion: { type: 'coupon', coupon: coupon.id },
    });
    expect((await stripe.promotionCodes.list({ code: 'WELCOME20' })).data.map((p) => p.id)).toEqual([
      code.id,
    ]);
    const dup = await stripe.promotionCodes
      .create({ promotion: { type: 'coupon', coupon: coupon.id }, code: 'welcome20' })
      .catch((e: unknown) => e);
    expect(dup).toMatchObject({ statusCode: 400, code: 'resource_already_exists' });
    const none = await stripe.promotionCodes
      .create({ promotion: { type: 'coupon', coupon: 'nope' } })
      .catch((e: unknown) => e);
    expect(none).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    const both = await stripe.coupons
      .create({ duration: 'once' } as Stripe.CouponCreateParams)
      .catch((e: unknown) => e);
    expect(both).toMatchObject({ statusCode: 400, code: 'parameter_missing' });
  });

  it('products and prices (/v1/products, /v1/prices): create, retrieve, list; a new price is subscribable', async () => {
    // The configured plan price is a monthly USD price of its own product.
    const growth = await stripe.prices.retrieve('price_growth');
    expect(growth).toMatchObject({
      object: 'price',
      unit_amount: 7_900,
      currency: 'usd',
      type: 'recurring',
      recurring: { interval: 'month', interval_count: 1, usage_type: 'licensed' },
      product: 'prod_growth',
    });
    expect(await stripe.products.retrieve('prod_growth')).toMatchObject({
      object: 'product',
      name: 'Growth',
    });

    const price = await stripe.prices.create(
      {
        product: String(growth.product),
        unit_amount: 8_500,
        currency: 'usd',
        recurring: { interval: 'month' },
        nickname: 'Growth $85',
        metadata: { plan: 'growth' },
      },
      { idempotencyKey: 'rec_1:price' },
    );
    expect(price).toMatchObject({
      object: 'price',
      active: true,
      unit_amount: 8_500,
      currency: 'usd',
      recurring: { interval: 'month', interval_count: 1 },
      product: 'prod_growth',
      metadata: { plan: 'growth' },
    });
    expect(price.id).toMatch(/^price_/);
    // The same idempotency key gives the same price, not a second one.
    const again = await stripe.prices.create(
      { product: 'prod_growth', unit_amount: 8_500, currency: 'usd', recurring: { interval: 'month' } },
      { idempotencyKey: 'rec_1:price' },
    );
    expect(again.id).toBe(price.id);
    expect((await stripe.prices.retrieve(price.id)).unit_amount).toBe(8_500);
    const listed = await stripe.prices.list({ product: 'prod_growth', active: true });
    expect(listed.data.map((p) => p.id).sort()).toEqual([price.id, 'price_growth'].sort());

    // product_data makes a product on the way; a one-off price has no recurring.
    const oneOff = await stripe.prices.create({
      product_data: { name: 'Setup fee' },
      unit_amount: 1_000,
      currency: 'usd',
    });
    expect(oneOff).toMatchObject({ type: 'one_time', recurring: null });
    expect((await stripe.products.retrieve(String(oneOff.product))).name).toBe('Setup fee');
    const product = await stripe.products.create({ name: 'Levqor Extra', metadata: { plan: 'extra' } });
    expect((await stripe.products.list({ limit: 100 })).data.map((p) => p.id)).toContain(product.id);

    // Stripe's errors, typed by the SDK.
    await expect(
      stripe.prices.create({ product: 'prod_nope', unit_amount: 1, currency: 'usd' }),
    ).rejects.toMatchObject({ type: 'StripeInvalidRequestError', code: 'resource_missing' });
    await expect(
      stripe.prices.create({ product: 'prod_growth', currency: 'usd' } as Stripe.PriceCreateParams),
    ).rejects.toMatchObject({ param: 'unit_amount', code: 'parameter_missing' });
    await expect(
      stripe.prices.create({
        product: 'prod_growth',
        unit_amount: 1,
        currency: 'usd',
        recurring: { interval: 'fortnight' as 'month' },
      }),
    ).rejects.toMatchObject({ param: 'recurring[interval]' });
    await expect(stripe.prices.retrieve('price_nope')).rejects.toMatchObject({ statusCode: 404 });

    // A checkout session for the new price subscribes at its amount; a one-off price cannot be subscribed to.
    const customer = await stripe.customers.create({ email: 'p@levqor.local' });
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: 'http://localhost/ok',
    });
    await fetch(`${standin.url}/_standin/checkout/${session.id}/complete`, { method: 'POST' });
    const subs = await stripe.subscriptions.list({ customer: customer.id });
    expect(subs.data[0]!.items.data[0]!.price).toMatchObject({ id: price.id, unit_amount: 8_500 });
    await expect(
      stripe.checkout.sessions.create({
        mode: 'subscription',
        line_items: [{ price: oneOff.id, quantity: 1 }],
        success_url: 'http://localhost/ok',
      }),
    ).rejects.toMatchObject({ param: 'line_items[0][price]' });
  });
});
