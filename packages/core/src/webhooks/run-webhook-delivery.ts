import { type DbOrTx, eq, jobEvents, sql, webhookAttempts, webhookDeliveries, workspaces } from '@levqor/db';
import type { DurableSteps } from '../jobs/durable-steps';
import { recordSsrfBlock } from '../net/record-ssrf-block';
import { safeFetch } from '../net/safe-fetch';
import { allowListFromEnv, SsrfBlockedError } from '../net/ssrf-guard';
import { parseDuration } from '../time/duration';
import { signWebhook } from './sign-webhook';

/** Back-off between attempts: about 24 h in all, then the delivery is marked failed. */
export const WEBHOOK_BACKOFF = ['30s', '1m', '5m', '15m', '30m', '1h', '2h', '4h', '8h', '8h'] as const;

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  /** The target was refused by the SSRF guard: retrying cannot help. */
  refused?: boolean;
}

/** One signed POST of a delivery; every attempt is logged. 2xx = delivered. */
export async function attemptDelivery(
  db: DbOrTx,
  deliveryId: string,
  signal?: AbortSignal,
  env = process.env,
): Promise<AttemptResult> {
  const [d] = await db
    .select({ delivery: webhookDeliveries, secret: workspaces.webhookSecret })
    .from(webhookDeliveries)
    .innerJoin(workspaces, eq(workspaces.id, webhookDeliveries.workspaceId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!d) return { ok: true, statusCode: null, error: 'delivery no longer exists' };
  if (d.delivery.status === 'succeeded')
    return { ok: true, statusCode: d.delivery.lastStatusCode, error: null };
  const body = JSON.stringify(d.delivery.payload);
  const t0 = Date.now();
  let result: AttemptResult;
  try {
    const res = await safeFetch(
      d.delivery.url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Levqor-Webhooks/1',
          'levqor-signature': signWebhook(d.secret, body),
          'levqor-delivery': deliveryId,
        },
        body,
        timeoutMs: 10_000,
        signal,
        maxBytes: 64 * 1024,
        maxRedirects: 0,
      },
      { allow: allowListFromEnv(env) },
    );
    const ok = res.status >= 200 && res.status < 300;
    result = { ok, statusCode: res.status, error: ok ? null : `HTTP ${res.status}` };
  } catch (err) {
    result = { ok: false, statusCode: null, error: (err as Error).message };
    if (err instanceof SsrfBlockedError) {
      result.refused = err.reason !== 'too_many_redirects';
      await recordSsrfBlock(db, err, {
        source: 'webhook',
        workspaceId: d.delivery.workspaceId,
        jobId: d.delivery.jobId,
        deliveryId,
      });
    }
  }
  const durationMs = Date.now() - t0;
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookDeliveries)
      .set({
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastStatusCode: result.statusCode,
        lastError: result.error,
        ...(result.ok ? { status: 'succeeded' as const, deliveredAt: new Date() } : {}),
      })
      .where(eq(webhookDeliveries.id, deliveryId))
      .returning({ attempts: webhookDeliveries.attempts, jobId: webhookDeliveries.jobId });
    await tx.insert(webhookAttempts).values({
      deliveryId,
      attempt: row!.attempts,
      statusCode: result.statusCode,
      durationMs,
      error: result.error,
    });
    if (row!.jobId) {
      await tx.insert(jobEvents).values({
        jobId: row!.jobId,
        type: result.ok ? 'webhook.delivered' : 'webhook.failed_attempt',
        message: result.ok
          ? `Webhook delivered (HTTP ${result.statusCode}, attempt ${row!.attempts})`
          : `Webhook attempt ${row!.attempts} failed: ${result.error}`,
      });
    }
  });
  return result;
}

/** The back-off schedule: WEBHOOK_BACKOFF, or LEVQOR_WEBHOOK_BACKOFF (comma-separated durations) to tune it. */
export function webhookSchedule(env: Record<string, string | undefined> = process.env): string[] {
  const custom = env.LEVQOR_WEBHOOK_BACKOFF?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (custom?.length && custom.every((d) => parseDuration(d) !== null)) return custom;
  return [...WEBHOOK_BACKOFF];
}

/**
 * The engine-driven delivery loop: attempt, sleep with back-off, give up after ~24 h — or at once when
 * the SSRF guard refuses the target.
 */
export async function runWebhookDelivery(
  db: DbOrTx,
  deliveryId: string,
  io: DurableSteps,
  env = process.env,
): Promise<void> {
  const schedule = webhookSchedule(env);
  for (let i = 0; i <= schedule.length; i++) {
    const r = await io.step(`attempt-${i + 1}`, ({ signal }) => attemptDelivery(db, deliveryId, signal, env));
    if (r.ok) return;
    if (r.refused) break;
    if (i < schedule.length) await io.sleep(`backoff-${i + 1}`, schedule[i]!);
  }
  await io.step('give-up', async () => {
    await db.update(webhookDeliveries).set({ status: 'failed' }).where(eq(webhookDeliveries.id, deliveryId));
    return true;
  });
}
