import { webAppUrl } from '@levqor/config';
import type { DbOrTx } from '@levqor/db';
import type { DurableSteps } from '../jobs/durable-steps';
import { durationMs } from '../time/duration';
import { noticeExists, sendBillingNoticeOnce } from './billing-notices';
import { suspendWorkspace } from './suspension';

/** A suspension for non-payment starts with this (payment lifts only these; see stripe-events.ts). */
export const UNPAID_REASON = 'Unpaid invoice';

/** The billing page (the portal's return URL). */
export const billingPageUrl = () => webAppUrl('/dashboard/billing');

/**
 * Where dunning emails send the owner: straight into the Stripe Customer Portal (the page signs in
 * first, then opens a portal session and redirects).
 */
export const billingPortalUrl = () => webAppUrl('/dashboard/billing/portal');

/**
 * Waits after the first notice (sent at once, "day 1"): before the reminder, before the final notice,
 * and the grace before suspension. Default 6d,7d,3d: emails on days 1, 7 and 14, suspension on day 17.
 * LEVQOR_DUNNING_SCHEDULE changes them (tests use seconds).
 */
export function dunningSchedule(env: Record<string, string | undefined> = process.env) {
  const [reminder, final, grace] = (env.LEVQOR_DUNNING_SCHEDULE || '6d,7d,3d')
    .split(',')
    .map((d) => durationMs(d.trim()));
  return { reminderAfterMs: reminder!, finalAfterMs: final!, graceMs: grace! };
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The three emails (subjects from the issue), each with the way out. */
function notices(invoiceId: string, pauseOn: Date) {
  const action = { label: 'Update payment method', url: billingPortalUrl() };
  return [
    {
      stage: 'day1',
      subject: 'Action required – we could not process your payment',
      paragraphs: [
        `We could not collect the payment for invoice ${invoiceId}. Please update your payment method; we will retry automatically.`,
        'Your workspace keeps running meanwhile.',
      ],
      action,
    },
    {
      stage: 'day7',
      subject: 'Reminder: update your payment method',
      paragraphs: [
        `Invoice ${invoiceId} is still unpaid. Unless it is paid, new jobs will be paused on ${day(pauseOn)}.`,
        'Update your payment method under Billing (Manage billing) and it is settled at once.',
      ],
      action,
    },
    {
      stage: 'day14',
      subject: 'Final notice: service will be paused',
      paragraphs: [
        `Invoice ${invoiceId} is still unpaid: new jobs will be paused on ${day(pauseOn)}. Jobs already running finish.`,
        'Your data is kept for 30 days after the pause. Paying the invoice restores everything at once.',
      ],
      action,
    },
  ];
}

/**
 * The dunning of one unpaid invoice, as an engine function's handler: three emails (each in its own step,
 * and each keyed in `billing_notices`, so sent once even if the run retries or a second run starts),
 * sleeps between them, then — unless the invoice was paid meanwhile (the run is also cancelled by
 * `invoice.paid`) — the workspace's suspension.
 */
export async function runDunning(
  db: DbOrTx,
  payload: { invoiceId: string; workspaceId: string },
  io: DurableSteps,
  env: Record<string, string | undefined> = process.env,
): Promise<{ suspended: boolean }> {
  const { invoiceId, workspaceId } = payload;
  const schedule = dunningSchedule(env);
  const started = new Date(await io.step('started', async () => new Date().toISOString()));
  const pauseOn = new Date(
    started.getTime() + schedule.reminderAfterMs + schedule.finalAfterMs + schedule.graceMs,
  );
  const [first, second, third] = notices(invoiceId, pauseOn);
  const paid = () => noticeExists(db, `invoice-paid:${invoiceId}`);
  for (const [i, notice] of [first!, second!, third!].entries()) {
    if (i === 1) await io.sleep('wait-reminder', schedule.reminderAfterMs);
    if (i === 2) await io.sleep('wait-final', schedule.finalAfterMs);
    const sent = await io.step(`notice-${notice.stage}`, async () => {
      if (await paid()) return 'paid';
      return (await sendBillingNoticeOnce(db, {
        key: `dunning:${invoiceId}:${notice.stage}`,
        workspaceId,
        kind: `dunning.${notice.stage}`,
        subject: notice.subject,
        paragraphs: notice.paragraphs,
        action: notice.action,
        metadata: { invoice: invoiceId },
      }))
        ? 'sent'
        : 'sent before';
    });
    if (sent === 'paid') return { suspended: false };
  }
  await io.sleep('grace', schedule.graceMs);
  return io.step('suspend', async () => {
    if (await paid()) return { suspended: false };
    await suspendWorkspace(db, {
      workspaceId,
      actor: 'system',
      reason: `${UNPAID_REASON} ${invoiceId}: the final notice's grace period ended`,
    });
    return { suspended: true };
  });
}
