import { stripeWebhookRoute } from '@levqor/app-kit/stripe-webhook-route';

export const dynamic = 'force-dynamic';
export const { POST } = stripeWebhookRoute;
