import 'server-only';
import { stripeSettings } from '@levqor/config';
import { DomainError, receiveStripeEvent } from '@levqor/core';
import { getDb } from '@levqor/db';
import { log } from '@levqor/observability/logger';
import { getLevqorEngine } from './engine';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * `app/api/stripe/webhook/route.ts`: the raw body and `Stripe-Signature` go to `receiveStripeEvent`
 * (SDK verification, stored once, processed by the engine); 2xx as soon as the event is stored. The app
 * server caps the body (1 MiB) while it streams.
 */
export const stripeWebhookRoute = {
  async POST(req: Request): Promise<Response> {
    const settings = stripeSettings();
    if (settings.mode === 'off' || !settings.webhookSecret)
      return json(503, { error: 'Billing is not configured (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET)' });
    const rawBody = await req.text();
    try {
      const r = await receiveStripeEvent(getDb(), getLevqorEngine().client, {
        rawBody,
        signature: req.headers.get('stripe-signature'),
        secret: settings.webhookSecret,
        requestId: req.headers.get('x-request-id'),
        ip: req.headers.get('x-levqor-client-ip'),
      });
      return json(200, { received: true, id: r.eventId, duplicate: !r.stored });
    } catch (err) {
      if (err instanceof DomainError) return json(400, { error: err.message });
      log.error({ err }, 'stripe.webhook_failed');
      // Stripe retries non-2xx deliveries with back-off.
      return json(500, { error: 'Could not store the event; Stripe will retry' });
    }
  },
};
