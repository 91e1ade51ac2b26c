import { type DbOrTx, eq, randomBase62, workspaces } from '@levqor/db';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { notFound } from '../errors';
import { recordSsrfBlock } from '../net/record-ssrf-block';
import { postSignedWebhook } from './run-webhook-delivery';

export const ZSendTestWebhookInput = z.object({
  url: z
    .url({ protocol: /^https?$/, error: 'Enter an http(s) URL, such as https://example.com/levqor' })
    .max(2048, 'The URL is longer than 2,048 characters'),
});
export type SendTestWebhookInput = z.input<typeof ZSendTestWebhookInput>;

export const ZTestWebhookResult = z.object({
  delivery_id: z.string(),
  url: z.string(),
  ok: z.boolean(),
  status_code: z.number().int().nullable(),
  error: z.string().nullable(),
  body_excerpt: z.string(),
  duration_ms: z.number().int(),
});
export type TestWebhookResult = z.infer<typeof ZTestWebhookResult>;

/** The body of a test event: `job.succeeded`'s shape, marked `test: true`, about an example job. */
export function sampleWebhookEvent(now = new Date()): Record<string, unknown> {
  const at = now.toISOString();
  return {
    type: 'job.succeeded',
    test: true,
    data: {
      job: {
        id: 'job_test000000000000000',
        status: 'succeeded',
        workflow: 'demo.flow',
        workflow_version: 1,
        priority: 'normal',
        tags: ['test'],
        payload: { hello: 'world' },
        result: { hello: 'world' },
        error: null,
        warnings: [],
        estimated_cost_cents: 0.01,
        cost_cents: 0.01,
        callback_url: null,
        rerun_of: null,
        created_at: at,
        started_at: at,
        finished_at: at,
      },
    },
  };
}

/**
 * Sends a signed sample event to `url` now, through the same signing and SSRF-guarded delivery code as
 * every job webhook, and returns what the receiver answered. Nothing is queued or retried; a refused
 * target is logged as `ssrf.blocked` and comes back as the error. Any member of the workspace may send
 * one (it reveals no secret); each is audited with its host and status.
 */
export async function sendTestWebhook(
  db: DbOrTx,
  opts: { workspaceId: string; userId: string; input: SendTestWebhookInput },
): Promise<TestWebhookResult> {
  const { url } = ZSendTestWebhookInput.parse(opts.input);
  const [ws] = await db
    .select({ secret: workspaces.webhookSecret })
    .from(workspaces)
    .where(eq(workspaces.id, opts.workspaceId));
  if (!ws) throw notFound('Workspace');
  const deliveryId = `whd_test_${randomBase62(16)}`;
  const sent = await postSignedWebhook({ url, secret: ws.secret, payload: sampleWebhookEvent(), deliveryId });
  if (sent.blocked)
    await recordSsrfBlock(db, sent.blocked, { source: 'webhook', workspaceId: opts.workspaceId, deliveryId });
  await recordAudit(db, {
    workspaceId: opts.workspaceId,
    actor: opts.userId,
    action: 'webhook.test_sent',
    // The host only: a receiver's path or query may carry its own token.
    target: new URL(url).host,
    metadata: { status_code: sent.statusCode, ok: sent.ok },
  });
  return {
    delivery_id: deliveryId,
    url,
    ok: sent.ok,
    status_code: sent.statusCode,
    error: sent.error,
    body_excerpt: sent.bodyExcerpt,
    duration_ms: sent.durationMs,
  };
}
