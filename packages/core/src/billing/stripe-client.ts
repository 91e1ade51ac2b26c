import { STRIPE_STANDIN, type StripeSettings, stripeSettings } from '@levqor/config';
import Stripe from 'stripe';

export type { Stripe };
/** The local stand-in's fixed credentials and price ids (for tests and the launcher). */
export { STRIPE_STANDIN };

/**
 * The Stripe SDK for `settings` (real Stripe, or the local stand-in through STRIPE_API_BASE parsed into
 * host/port/protocol); null when billing is off (production without STRIPE_SECRET_KEY).
 */
export function createStripeClient(settings: StripeSettings = stripeSettings()): Stripe | null {
  if (settings.mode === 'off') return null;
  return new Stripe(settings.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'Levqor' },
    ...(settings.api ?? {}),
  });
}

/** Verifies a webhook delivery with the SDK (raw body, `Stripe-Signature`, 300 s tolerance); throws when bad. */
export function verifyStripeEvent(
  rawBody: string | Buffer,
  signature: string | undefined,
  secret: string,
): Stripe.Event {
  if (!signature)
    throw new Stripe.errors.StripeSignatureVerificationError('', '', {
      message: 'No Stripe-Signature header',
    });
  return Stripe.webhooks.constructEvent(rawBody, signature, secret, 300);
}
