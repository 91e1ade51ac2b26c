import {
  and,
  type DbOrTx,
  desc,
  eq,
  inArray,
  lt,
  or,
  randomBase62,
  webhookAttempts,
  webhookDeliveries,
  workspaces,
} from '@levqor/db';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { DomainError, notFound } from '../errors';
import { EVENTS, type EventSender } from '../events/events';
import { recordJobEvent } from '../jobs/job-events';
import { authorizeWorkspaceAction } from '../workspaces/authorize-workspace-action';
import {
  toWebhookDeliveryResource,
  type WebhookDeliveryPage,
  type WebhookDeliveryResource,
} from './webhook-delivery-resource';

/** A fresh signing secret: `whsec_` and 32 base62 characters (~190 bits). */
export function newWebhookSecret(): string {
  return `whsec_${randomBase62(32)}`;
}

/**
 * The workspace's webhook signing secret (a receiver needs it to verify `Levqor-Signature`). Owner only,
 * and every reveal is audited (without the secret): nothing else returns it.
 */
export async function revealWebhookSecret(
  db: DbOrTx,
  opts: { workspaceId: string; userId: string },
): Promise<{ secret: string }> {
  return db.transaction(async (tx) => {
    await authorizeWorkspaceAction(tx, { ...opts, action: 'webhook_secret.reveal' });
    const [row] = await tx
      .select({ secret: workspaces.webhookSecret })
      .from(workspaces)
      .where(eq(workspaces.id, opts.workspaceId));
    if (!row) throw notFound('Workspace');
    await recordAudit(tx, {
      workspaceId: opts.workspaceId,
      actor: opts.userId,
      action: 'webhook_secret.revealed',
      target: opts.workspaceId,
    });
    return { secret: row.secret };
  });
}

/**
 * Replaces the signing secret at once: every attempt from now on (retries of older deliveries too) is
 * signed with the new one. Owner only; audited, without the secret.
 */
export async function rotateWebhookSecret(
  db: DbOrTx,
  opts: { workspaceId: string; userId: string },
): Promise<{ secret: string }> {
  const secret = newWebhookSecret();
  return db.transaction(async (tx) => {
    await authorizeWorkspaceAction(tx, { ...opts, action: 'webhook_secret.rotate' });
    const [row] = await tx
      .update(workspaces)
      .set({ webhookSecret: secret })
      .where(eq(workspaces.id, opts.workspaceId))
      .returning({ id: workspaces.id });
    if (!row) throw notFound('Workspace');
    await recordAudit(tx, {
      workspaceId: opts.workspaceId,
      actor: opts.userId,
      action: 'webhook_secret.rotated',
      target: opts.workspaceId,
    });
    return { secret };
  });
}

export const ZListDeliveriesInput = z.object({
  cursor: z.string().min(1).max(64).optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type ListDeliveriesInput = z.input<typeof ZListDeliveriesInput>;

/** The workspace's webhook deliveries, newest first, each with its attempts. */
export async function listWebhookDeliveries(
  db: DbOrTx,
  workspaceId: string,
  raw: ListDeliveriesInput = {},
): Promise<WebhookDeliveryPage> {
  const input = ZListDeliveriesInput.parse(raw);
  const mine = eq(webhookDeliveries.workspaceId, workspaceId);
  const filters = [mine];
  if (input.cursor) {
    const [c] = await db
      .select({ createdAt: webhookDeliveries.createdAt, id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(and(mine, eq(webhookDeliveries.id, input.cursor)));
    if (!c) throw new DomainError('invalid-cursor', 'Invalid cursor');
    filters.push(
      or(
        lt(webhookDeliveries.createdAt, c.createdAt),
        and(eq(webhookDeliveries.createdAt, c.createdAt), lt(webhookDeliveries.id, c.id)),
      )!,
    );
  }
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(and(...filters))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const attempts =
    page.length === 0
      ? []
      : await db
          .select()
          .from(webhookAttempts)
          .where(
            inArray(
              webhookAttempts.deliveryId,
              page.map((d) => d.id),
            ),
          );
  const items = page.map((d) =>
    toWebhookDeliveryResource(
      d,
      attempts.filter((a) => a.deliveryId === d.id),
    ),
  );
  return { items, next_cursor: rows.length > input.limit ? page[page.length - 1]!.id : null };
}

/**
 * Sends a delivery again: resets it to pending and hands it to the engine in one transaction (the
 * engine sees the request only if the reset commits). The attempt count and log carry on. Another
 * workspace's delivery is NOT_FOUND; one still in progress (pending: being sent, or waiting to retry)
 * is a CONFLICT — a second run would send it twice.
 */
export async function redeliverWebhook(
  db: DbOrTx,
  events: EventSender,
  workspaceId: string,
  actor: string,
  deliveryId: string,
): Promise<WebhookDeliveryResource> {
  const row = await db.transaction(async (tx) => {
    const [found] = await tx
      .select({ id: webhookDeliveries.id, status: webhookDeliveries.status })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.id, deliveryId)))
      .for('update');
    if (!found) throw notFound('Webhook delivery');
    if (found.status === 'pending')
      throw new DomainError(
        'delivery-in-progress',
        'This delivery is still in progress (being sent or waiting to retry); redeliver it once it has succeeded or failed.',
      );
    const [updated] = await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', deliveredAt: null })
      .where(eq(webhookDeliveries.id, deliveryId))
      .returning();
    await events.send(tx, { name: EVENTS.webhookRequested, data: { deliveryId, workspaceId } });
    await recordAudit(tx, { workspaceId, actor, action: 'webhook.redelivered', target: deliveryId });
    if (updated!.jobId)
      await recordJobEvent(
        tx,
        updated!.jobId,
        'webhook.queued',
        `Webhook ${updated!.eventType} queued again for ${updated!.url} (manual redelivery)`,
      );
    return updated!;
  });
  await events.flush();
  const attempts = await db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, row.id));
  return toWebhookDeliveryResource(row, attempts);
}
