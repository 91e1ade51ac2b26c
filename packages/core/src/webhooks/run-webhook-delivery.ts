import { type DbOrTx, eq, jobEvents, sql, webhookAttempts, webhookDeliveries, workspaces } from '@levqor/db';
import { FLAGS, isFeatureEnabled } from '../feature-flags/feature-flag-reader';
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
  /** Not attempted: the `webhooks.delivery_paused` flag holds this workspace's deliveries. */
  paused?: boolean;
}

export interface SignedPostResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  /** The first 2,000 characters of the response body ('' when there was no response). */
  bodyExcerpt: string;
  durationMs: number;
  /** Set when the SSRF guard refused the target (or a redirect); the caller logs it. */
  blocked: SsrfBlockedError | null;
}

const EXCERPT_CHARS = 2_000;

/**
 * The one way a webhook leaves Levqor: a POST of `payload` signed with `secret` (`Levqor-Signature`),
 * through the SSRF-guarded `safeFetch` (LEVQOR_SSRF_ALLOW honoured), 10 s timeout, 64 KB read, no
 * redirects. 2xx = delivered. Never throws for a network failure or a refusal: they come back as `error`.
 */
export async function postSignedWebhook(opts: {
  url: string;
  secret: string;
  payload: unknown;
  deliveryId: string;
  signal?: AbortSignal;
  env?: Record<string, string | undefined>;
}): Promise<SignedPostResult> {
  const body = JSON.stringify(opts.payload);
  const t0 = Date.now();
  try {
    const res = await safeFetch(
      opts.url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Levqor-Webhooks/1',
          'levqor-signature': signWebhook(opts.secret, body),
          'levqor-delivery': opts.deliveryId,
        },
        body,
        timeoutMs: 10_000,
        signal: opts.signal,
        maxBytes: 64 * 1024,
        maxRedirects: 0,
      },
      { allow: allowListFromEnv(opts.env ?? process.env) },
    );
    const ok = res.status >= 200 && res.status < 300;
    return {
      ok,
      statusCode: res.status,
      error: ok ? null : `HTTP ${res.status}`,
      bodyExcerpt: res.body.slice(0, EXCERPT_CHARS),
      durationMs: Date.now() - t0,
      blocked: null,
    };
  } catch (err) {
    return {
      ok: false,
      statusCode: null,
      error: (err as Error).message,
      bodyExcerpt: '',
      durationMs: Date.now() - t0,
      blocked: err instanceof SsrfBlockedError ? err : null,
    };
  }
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
  // An administrator's pause: no POST, no attempt counted; the back-off schedule tries again later.
  if (await isFeatureEnabled(db, FLAGS.webhooksDeliveryPaused, d.delivery.workspaceId))
    return { ok: false, statusCode: null, error: 'Webhook delivery paused by Levqor', paused: true };
  const sent = await postSignedWebhook({
    url: d.delivery.url,
    secret: d.secret,
    payload: d.delivery.payload,
    deliveryId,
    signal,
    env,
  });
  const result: AttemptResult = { ok: sent.ok, statusCode: sent.statusCode, error: sent.error };
  if (sent.blocked) {
    result.refused = sent.blocked.reason !== 'too_many_redirects';
    await recordSsrfBlock(db, sent.blocked, {
      source: 'webhook',
      workspaceId: d.delivery.workspaceId,
      jobId: d.delivery.jobId,
      deliveryId,
    });
  }
  const durationMs = sent.durationMs;
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
