import { EVENTS, runWebhookDelivery, ZWebhookRequested } from '@levqor/core';
import type { DbOrTx } from '@levqor/db';
import { defineFunction } from '../define-function';

/** `webhooks.deliver`: signed POST to the job's callback_url, with back-off for up to ~24 h. */
export function webhooksDeliverFunction(db: DbOrTx) {
  return defineFunction({
    id: 'webhooks.deliver',
    trigger: { event: EVENTS.webhookRequested },
    payload: ZWebhookRequested,
    concurrency: { key: 'workspaceId', limit: 10 },
    retries: 3,
    handler: ({ payload, io }) => runWebhookDelivery(db, payload.deliveryId, io),
  });
}
