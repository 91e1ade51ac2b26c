import { createHmac, randomBytes } from 'node:crypto';
import { CouponStore } from './coupons';
import { PriceStore } from './prices';

/** Stripe-shaped objects (the fields Levqor reads, plus `id` and `object`). */
export type StripeObject = Record<string, unknown> & { id: string; object: string };

export interface StandinPrice {
  id: string;
  /** Monthly amount in cents (USD). */
  unitAmount: number;
  nickname: string;
}

export interface StandinOptions {
  /** Where events are POSTed (Levqor's `/api/stripe/webhook`); none: events are only recorded. */
  webhookUrl?: string;
  /** Signs deliveries exactly as Stripe does (`Stripe-Signature: t=…,v1=…`). */
  webhookSecret: string;
  prices: StandinPrice[];
  /** The stand-in's own base URL (checkout and portal pages), set once listening. */
  publicUrl?: string;
  /** Delivery attempts per event (1 s, 2 s, 4 s… apart); default 5. */
  deliveryAttempts?: number;
}

const DAY = 86_400;

export const newStripeId = (prefix: string) =>
  `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
const now = () => Math.floor(Date.now() / 1000);
const addMonth = (t: number) => {
  const d = new Date(t * 1000);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return Math.floor(d.getTime() / 1000);
};

/** `Stripe-Signature` for `payload` at `timestamp` (seconds): what `stripe.webhooks.generateTestHeaderString` computes. */
export function signPayload(payload: string, secret: string, timestamp = now()): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

/** A Stripe-style API error (`{ error: { type, message, param?, code? } }`). */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly param?: string,
    readonly code?: string,
  ) {
    super(message);
  }
  toJSON() {
    return { error: { type: this.type, message: this.message, param: this.param, code: this.code } };
  }
}

export const missing = (what: string, id: string) =>
  new StripeApiError(404, 'invalid_request_error', `No such ${what}: '${id}'`, 'id', 'resource_missing');

/**
 * The state of a local Stripe account: customers, Checkout and portal sessions, subscriptions, invoices,
 * meter events and the events it sends. The server (server.ts) speaks Stripe's wire format over it.
 */
export class StripeStandin {
  readonly customers = new Map<string, StripeObject>();
  readonly checkoutSessions = new Map<string, StripeObject>();
  readonly portalSessions = new Map<string, StripeObject>();
  readonly subscriptions = new Map<string, StripeObject>();
  readonly invoices = new Map<string, StripeObject>();
  readonly meterEvents = new Map<string, StripeObject>();
  /** Customer balance transactions (`cbtxn_…`), in creation order. */
  readonly balanceTransactions = new Map<string, StripeObject>();
  readonly events: StripeObject[] = [];
  /** Coupons and promotion codes (coupons.ts). */
  readonly discounts = new CouponStore();
  /** Subscription id → whether its next renewal fails (set on the portal page or the control API). */
  readonly failNextRenewal = new Map<string, boolean>();
  /** Idempotency-Key → the response first given for it. */
  readonly idempotent = new Map<string, { status: number; body: unknown }>();
  /** Deliveries: attempts made per event id, and the last status. */
  readonly deliveries = new Map<string, { attempts: number; status: number | null }>();
  /** Products and prices: the configured ones, and those created through `/v1/prices` (prices.ts). */
  readonly catalog: PriceStore;
  private queue: Promise<void> = Promise.resolve();
  private lastCreated = 0;

  constructor(readonly opts: StandinOptions) {
    this.catalog = new PriceStore(opts.prices);
  }

  /** A price that can be subscribed to (active, recurring). */
  price(id: string, param = 'line_items[0][price]'): StandinPrice & { object: StripeObject } {
    const p = this.catalog.price(id, param);
    if (!p.active || !p.recurring)
      throw new StripeApiError(
        400,
        'invalid_request_error',
        `The price '${id}' is ${p.active ? 'not recurring' : 'inactive'}`,
        param,
      );
    const nickname = p.nickname ?? this.catalog.products.get(String(p.product))?.name ?? '';
    return { id: p.id, unitAmount: p.unit_amount as number, nickname: String(nickname), object: p };
  }

  createCustomer(params: { email?: string; name?: string; metadata?: Record<string, string> }): StripeObject {
    const c: StripeObject = {
      id: newStripeId('cus'),
      object: 'customer',
      created: now(),
      email: params.email ?? null,
      name: params.name ?? null,
      metadata: params.metadata ?? {},
      /** Cents; negative is a credit the next invoice uses first. */
      balance: 0,
      livemode: false,
    };
    this.customers.set(c.id, c);
    return c;
  }

  customer(id: string): StripeObject {
    const c = this.customers.get(id);
    if (!c) throw missing('customer', id);
    return c;
  }

  createCheckoutSession(params: {
    mode?: string;
    customer?: string;
    priceId?: string;
    quantity?: number;
    successUrl?: string;
    cancelUrl?: string;
    clientReferenceId?: string;
    metadata?: Record<string, string>;
  }): StripeObject {
    if (params.mode !== 'subscription')
      throw new StripeApiError(
        400,
        'invalid_request_error',
        'This stand-in supports mode=subscription only',
        'mode',
      );
    if (!params.successUrl)
      throw new StripeApiError(
        400,
        'invalid_request_error',
        'Missing required param: success_url.',
        'success_url',
        'parameter_missing',
      );
    if (!params.priceId)
      throw new StripeApiError(
        400,
        'invalid_request_error',
        'Missing required param: line_items[0][price].',
        'line_items',
        'parameter_missing',
      );
    this.price(params.priceId);
    if (params.customer) this.customer(params.customer);
    const id = newStripeId('cs_test');
    const s: StripeObject = {
      id,
      object: 'checkout.session',
      created: now(),
      expires_at: now() + DAY,
      mode: 'subscription',
      status: 'open',
      payment_status: 'unpaid',
      customer: params.customer ?? null,
      client_reference_id: params.clientReferenceId ?? null,
      metadata: params.metadata ?? {},
      success_url: params.successUrl,
      cancel_url: params.cancelUrl ?? null,
      subscription: null,
      url: `${this.opts.publicUrl}/checkout/${id}`,
      livemode: false,
      // Not part of Stripe's object: the line item this stand-in subscribes to.
      _price: params.priceId,
      _quantity: params.quantity ?? 1,
    };
    this.checkoutSessions.set(id, s);
    return s;
  }

  checkoutSession(id: string): StripeObject {
    const s = this.checkoutSessions.get(id);
    if (!s) throw missing('checkout.session', id);
    return s;
  }

  createPortalSession(params: { customer?: string; returnUrl?: string }): StripeObject {
    if (!params.customer)
      throw new StripeApiError(
        400,
        'invalid_request_error',
        'Missing required param: customer.',
        'customer',
        'parameter_missing',
      );
    this.customer(params.customer);
    const id = newStripeId('bps');
    const s: StripeObject = {
      id,
      object: 'billing_portal.session',
      created: now(),
      customer: params.customer,
      return_url: params.returnUrl ?? null,
      url: `${this.opts.publicUrl}/portal/${id}`,
      livemode: false,
    };
    this.portalSessions.set(id, s);
    return s;
  }

  subscription(id: string): StripeObject {
    const s = this.subscriptions.get(id);
    if (!s) throw missing('subscription', id);
    return s;
  }

  invoice(id: string): StripeObject {
    const i = this.invoices.get(id);
    if (!i) throw missing('invoice', id);
    return i;
  }

  /** Stripe's wire shape of a subscription (periods on its item, as in API versions since 2025-03-31). */
  private subscriptionObject(params: {
    customer: string;
    priceId: string;
    quantity: number;
    metadata: Record<string, string>;
  }) {
    const start = now();
    const end = addMonth(start);
    const price = this.price(params.priceId);
    const id = newStripeId('sub');
    return {
      id,
      object: 'subscription',
      created: start,
      customer: params.customer,
      status: 'active',
      cancel_at_period_end: false,
      canceled_at: null,
      ended_at: null,
      metadata: params.metadata,
      latest_invoice: null as string | null,
      items: {
        object: 'list',
        data: [
          {
            id: newStripeId('si'),
            object: 'subscription_item',
            created: start,
            current_period_start: start,
            current_period_end: end,
            quantity: params.quantity,
            subscription: id,
            price: { ...price.object },
          },
        ],
        has_more: false,
        url: `/v1/subscription_items?subscription=${id}`,
      },
      livemode: false,
    } satisfies StripeObject;
  }

  private item(sub: StripeObject) {
    return (sub.items as { data: Record<string, unknown>[] }).data[0]! as {
      current_period_start: number;
      current_period_end: number;
      quantity: number;
      price: { id: string; unit_amount: number };
    };
  }

  private createInvoice(sub: StripeObject, reason: string, paid: boolean): StripeObject {
    const item = this.item(sub);
    const amount = item.price.unit_amount * item.quantity;
    const id = newStripeId('in');
    const number = `STANDIN-${String(this.invoices.size + 1).padStart(4, '0')}`;
    const inv: StripeObject = {
      id,
      object: 'invoice',
      created: now(),
      customer: sub.customer,
      number,
      currency: 'usd',
      amount_due: amount,
      amount_paid: paid ? amount : 0,
      amount_remaining: paid ? 0 : amount,
      total: amount,
      status: paid ? 'paid' : 'open',
      attempt_count: 1,
      billing_reason: reason,
      period_start: item.current_period_start,
      period_end: item.current_period_end,
      hosted_invoice_url: `${this.opts.publicUrl}/invoices/${id}`,
      invoice_pdf: null,
      next_payment_attempt: paid ? null : now() + 3 * DAY,
      parent: {
        type: 'subscription_details',
        subscription_details: { subscription: sub.id, metadata: sub.metadata },
      },
      status_transitions: { paid_at: paid ? now() : null, finalized_at: now() },
      livemode: false,
    };
    this.invoices.set(id, inv);
    sub.latest_invoice = id;
    return inv;
  }

  /** The person completed the Checkout page: a subscription starts, its first invoice is paid. */
  completeCheckout(sessionId: string): StripeObject {
    const session = this.checkoutSession(sessionId);
    if (session.status !== 'open')
      throw new StripeApiError(
        400,
        'invalid_request_error',
        `Checkout session ${sessionId} is ${String(session.status)}`,
      );
    let customer = session.customer as string | null;
    if (!customer)
      customer = this.createCustomer({
        metadata: { client_reference_id: String(session.client_reference_id ?? '') },
      }).id;
    const sub = this.subscriptionObject({
      customer,
      priceId: session._price as string,
      quantity: session._quantity as number,
      metadata: session.metadata as Record<string, string>,
    });
    this.subscriptions.set(sub.id, sub);
    const inv = this.createInvoice(sub, 'subscription_create', true);
    Object.assign(session, { status: 'complete', payment_status: 'paid', customer, subscription: sub.id });
    this.emit('customer.subscription.created', sub);
    this.emit('invoice.paid', inv);
    this.emit('checkout.session.completed', this.publicSession(session));
    return session;
  }

  /** The next renewal: a new period and invoice; paid, or (when set to fail) open with the subscription past_due. */
  renew(subscriptionId: string, fail = this.failNextRenewal.get(subscriptionId) ?? false): StripeObject {
    const sub = this.subscription(subscriptionId);
    if (sub.status === 'canceled')
      throw new StripeApiError(400, 'invalid_request_error', 'This subscription is canceled');
    const item = this.item(sub);
    item.current_period_start = item.current_period_end;
    item.current_period_end = addMonth(item.current_period_start);
    const inv = this.createInvoice(sub, 'subscription_cycle', !fail);
    if (fail) {
      const previous = { status: sub.status };
      sub.status = 'past_due';
      this.emit('invoice.payment_failed', inv);
      this.emit('customer.subscription.updated', sub, previous);
    } else {
      this.emit('invoice.paid', inv);
      this.emit('customer.subscription.updated', sub, { items: sub.items });
    }
    return inv;
  }

  /** The customer pays an open invoice (new card in the portal): paid, and the subscription active again. */
  payInvoice(invoiceId: string): StripeObject {
    const inv = this.invoice(invoiceId);
    if (inv.status !== 'open')
      throw new StripeApiError(400, 'invalid_request_error', `Invoice ${invoiceId} is ${String(inv.status)}`);
    Object.assign(inv, {
      status: 'paid',
      amount_paid: inv.amount_due,
      amount_remaining: 0,
      attempt_count: (inv.attempt_count as number) + 1,
      next_payment_attempt: null,
      status_transitions: {
        paid_at: now(),
        finalized_at: (inv.status_transitions as { finalized_at: number }).finalized_at,
      },
    });
    const subId = (inv.parent as { subscription_details: { subscription: string } }).subscription_details
      .subscription;
    const sub = this.subscription(subId);
    this.failNextRenewal.delete(subId);
    this.emit('invoice.paid', inv);
    if (sub.status !== 'active') {
      const previous = { status: sub.status };
      sub.status = 'active';
      this.emit('customer.subscription.updated', sub, previous);
    }
    return inv;
  }

  /** Changes the subscription's price (upgrade/downgrade) or its cancel_at_period_end. */
  updateSubscription(id: string, params: { priceId?: string; cancelAtPeriodEnd?: boolean }): StripeObject {
    const sub = this.subscription(id);
    const previous: Record<string, unknown> = {};
    if (params.priceId) {
      const price = this.price(params.priceId, 'items[0][price]');
      const item = this.item(sub);
      previous.items = JSON.parse(JSON.stringify(sub.items));
      item.price = { ...(price.object as unknown as typeof item.price) };
    }
    if (params.cancelAtPeriodEnd !== undefined) {
      previous.cancel_at_period_end = sub.cancel_at_period_end;
      sub.cancel_at_period_end = params.cancelAtPeriodEnd;
    }
    this.emit('customer.subscription.updated', sub, previous);
    return sub;
  }

  cancelSubscription(id: string): StripeObject {
    const sub = this.subscription(id);
    Object.assign(sub, { status: 'canceled', canceled_at: now(), ended_at: now() });
    this.emit('customer.subscription.deleted', sub);
    return sub;
  }

  createMeterEvent(params: {
    eventName?: string;
    identifier?: string;
    payload: Record<string, string>;
  }): StripeObject {
    if (!params.eventName)
      throw new StripeApiError(
        400,
        'invalid_request_error',
        'Missing required param: event_name.',
        'event_name',
        'parameter_missing',
      );
    const identifier = params.identifier ?? newStripeId('mev');
    if (this.meterEvents.has(identifier))
      throw new StripeApiError(
        400,
        'invalid_request_error',
        `An event already exists with identifier ${identifier}.`,
        'identifier',
        'resource_already_exists',
      );
    const e: StripeObject = {
      id: identifier,
      object: 'billing.meter_event',
      created: now(),
      event_name: params.eventName,
      identifier,
      payload: params.payload,
      timestamp: now(),
      livemode: false,
    };
    this.meterEvents.set(identifier, e);
    return e;
  }

  /**
   * `POST /v1/customers/:id/balance_transactions`: adjusts the customer's balance (negative amount: a
   * credit) and returns Stripe's `customer_balance_transaction` with the balance after it.
   */
  createBalanceTransaction(
    customerId: string,
    params: { amount?: string; currency?: string; description?: string; metadata: Record<string, string> },
  ): StripeObject {
    const customer = this.customer(customerId);
    const amount = Number(params.amount);
    if (params.amount === undefined || !Number.isInteger(amount) || amount === 0)
      throw new StripeApiError(
        400,
        'invalid_request_error',
        params.amount === undefined
          ? 'Missing required param: amount.'
          : 'Invalid integer: amount must be a non-zero integer.',
        'amount',
        params.amount === undefined ? 'parameter_missing' : 'parameter_invalid_integer',
      );
    if (!params.currency)
      throw new StripeApiError(
        400,
        'invalid_request_error',
        'Missing required param: currency.',
        'currency',
        'parameter_missing',
      );
    const ending = Number(customer.balance ?? 0) + amount;
    customer.balance = ending;
    const t: StripeObject = {
      id: newStripeId('cbtxn'),
      object: 'customer_balance_transaction',
      amount,
      created: now(),
      credit_note: null,
      currency: params.currency.toLowerCase(),
      customer: customerId,
      description: params.description ?? null,
      ending_balance: ending,
      invoice: null,
      livemode: false,
      metadata: params.metadata,
      type: 'adjustment',
    };
    this.balanceTransactions.set(t.id, t);
    return t;
  }

  /** A session as the API returns it (without the stand-in's private fields). */
  publicSession(s: StripeObject): StripeObject {
    return Object.fromEntries(Object.entries(s).filter(([k]) => !k.startsWith('_'))) as StripeObject;
  }

  /** Records an event (a snapshot of `object`) and queues its signed delivery, in order. */
  emit(type: string, object: StripeObject, previous?: Record<string, unknown>): StripeObject {
    // Strictly increasing `created` (Stripe's is per second): a receiver ordering by it sees this account's order.
    this.lastCreated = Math.max(now(), this.lastCreated + 1);
    const event: StripeObject = {
      id: newStripeId('evt'),
      object: 'event',
      api_version: '2026-10-28.endive',
      created: this.lastCreated,
      type,
      data: {
        object: JSON.parse(JSON.stringify(object)),
        ...(previous ? { previous_attributes: previous } : {}),
      },
      livemode: false,
      pending_webhooks: this.opts.webhookUrl ? 1 : 0,
      request: { id: null, idempotency_key: null },
    };
    this.events.push(event);
    if (this.opts.webhookUrl) {
      const url = this.opts.webhookUrl;
      this.queue = this.queue.then(() => this.deliver(url, event));
    }
    return event;
  }

  /** Resolves once every queued delivery has been attempted to completion. */
  settled(): Promise<void> {
    return this.queue;
  }

  private async deliver(url: string, event: StripeObject): Promise<void> {
    const payload = JSON.stringify(event, null, 2);
    const attempts = this.opts.deliveryAttempts ?? 5;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let status: number | null = null;
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'stripe-signature': signPayload(payload, this.opts.webhookSecret),
            'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          },
          body: payload,
          signal: AbortSignal.timeout(10_000),
        });
        status = res.status;
        await res.arrayBuffer();
      } catch {
        status = null;
      }
      this.deliveries.set(event.id, { attempts: attempt, status });
      if (status !== null && status >= 200 && status < 300) return;
      if (attempt < attempts) await new Promise((r) => setTimeout(r, 1000 * 2 ** (attempt - 1)));
    }
  }
}
