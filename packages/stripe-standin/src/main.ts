#!/usr/bin/env tsx
import { parseArgs } from 'node:util';
import { startStripeStandin } from './server';
import type { StandinPrice } from './standin';

/**
 * `tsx packages/stripe-standin/src/main.ts --port 12111 --webhook-url URL --prices JSON`: the local Stripe
 * stand-in as the launcher runs it. The webhook secret comes from STRIPE_WEBHOOK_SECRET (never argv).
 * Loopback only. Its state lives in memory: a restart starts a fresh local Stripe account.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '12111' },
    'webhook-url': { type: 'string' },
    prices: { type: 'string', default: '[]' },
  },
});
const secret = process.env.STRIPE_WEBHOOK_SECRET;
if (!secret) {
  console.error('stripe stand-in: STRIPE_WEBHOOK_SECRET is required to sign events');
  process.exit(2);
}
const running = await startStripeStandin({
  port: Number(values.port),
  webhookUrl: values['webhook-url'],
  webhookSecret: secret,
  prices: JSON.parse(values.prices ?? '[]') as StandinPrice[],
});
console.log(
  `Stripe stand-in listening on ${running.url}; events go to ${values['webhook-url'] ?? '(nowhere)'}`,
);
const stop = () => void running.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
