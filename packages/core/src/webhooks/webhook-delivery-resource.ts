import type { webhookAttempts, webhookDeliveries } from '@levqor/db';
import { webhookDeliveryStatus } from '@levqor/db';
import { z } from 'zod';

type DeliveryRow = typeof webhookDeliveries.$inferSelect;
type AttemptRow = typeof webhookAttempts.$inferSelect;

export const ZWebhookAttemptResource = z.object({
  attempt: z.number().int(),
  status_code: z.number().int().nullable(),
  duration_ms: z.number().int(),
  error: z.string().nullable(),
  created_at: z.string(),
});
export type WebhookAttemptResource = z.infer<typeof ZWebhookAttemptResource>;

export const ZWebhookDeliveryResource = z.object({
  id: z.string(),
  job_id: z.string().nullable(),
  event_type: z.string(),
  url: z.string(),
  status: z.enum(webhookDeliveryStatus.enumValues),
  attempts: z.number().int(),
  last_status_code: z.number().int().nullable(),
  last_error: z.string().nullable(),
  /** Duration of the most recent attempt, null before the first one. */
  last_duration_ms: z.number().int().nullable(),
  payload: z.unknown(),
  created_at: z.string(),
  delivered_at: z.string().nullable(),
  /** Every attempt, oldest first. */
  attempt_log: z.array(ZWebhookAttemptResource),
});
export type WebhookDeliveryResource = z.infer<typeof ZWebhookDeliveryResource>;

export const ZWebhookDeliveryPage = z.object({
  items: z.array(ZWebhookDeliveryResource),
  next_cursor: z.string().nullable(),
});
export type WebhookDeliveryPage = z.infer<typeof ZWebhookDeliveryPage>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toWebhookDeliveryResource(
  row: DeliveryRow,
  attempts: readonly AttemptRow[],
): WebhookDeliveryResource {
  const log = [...attempts]
    .sort((a, b) => a.attempt - b.attempt)
    .map((a) => ({
      attempt: a.attempt,
      status_code: a.statusCode,
      duration_ms: a.durationMs,
      error: a.error,
      created_at: a.createdAt.toISOString(),
    }));
  return {
    id: row.id,
    job_id: row.jobId,
    event_type: row.eventType,
    url: row.url,
    status: row.status,
    attempts: row.attempts,
    last_status_code: row.lastStatusCode,
    last_error: row.lastError,
    last_duration_ms: log.at(-1)?.duration_ms ?? null,
    payload: row.payload,
    created_at: row.createdAt.toISOString(),
    delivered_at: iso(row.deliveredAt),
    attempt_log: log,
  };
}
