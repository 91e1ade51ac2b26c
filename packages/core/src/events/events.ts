import type { DbOrTx, SQL } from '@levqor/db';
import { jobPriority } from '@levqor/db';
import { z } from 'zod';

/** Events that drive background work. Names are the Inngest event names too. */
export const ZJobSubmitted = z.object({
  jobId: z.string(),
  workspaceId: z.string(),
  priority: z.enum(jobPriority.enumValues),
  /** How many jobs of the workspace may run at once (its plan's); older events carry none. */
  concurrency: z.number().int().positive().optional(),
});
export const ZJobCancelled = z.object({ jobId: z.string(), workspaceId: z.string() });
export const ZWebhookRequested = z.object({ deliveryId: z.string(), workspaceId: z.string() });
/** A Stripe event was stored (`stripe_events`); `billing.stripe-event` processes it. */
export const ZStripeEventReceived = z.object({ eventId: z.string() });
/** An invoice's payment failed: `billing.dunning` runs for it (once per invoice). */
export const ZDunningStarted = z.object({ invoiceId: z.string(), workspaceId: z.string() });
/** An invoice was paid: cancels its dunning run. */
export const ZInvoicePaid = z.object({ invoiceId: z.string(), workspaceId: z.string() });

export const ZPrivacyRequested = z.object({ requestId: z.string(), userId: z.string() });

export const EVENTS = {
  jobSubmitted: 'levqor/job.submitted',
  jobCancelled: 'levqor/job.cancelled',
  webhookRequested: 'levqor/webhook.requested',
  stripeEventReceived: 'levqor/stripe.event.received',
  dunningStarted: 'levqor/billing.dunning.started',
  invoicePaid: 'levqor/billing.invoice.paid',
  privacyExportRequested: 'levqor/privacy.export.requested',
} as const;

export type LevqorEvent =
  | { name: typeof EVENTS.jobSubmitted; data: z.infer<typeof ZJobSubmitted> }
  | { name: typeof EVENTS.jobCancelled; data: z.infer<typeof ZJobCancelled> }
  | { name: typeof EVENTS.webhookRequested; data: z.infer<typeof ZWebhookRequested> }
  | { name: typeof EVENTS.stripeEventReceived; data: z.infer<typeof ZStripeEventReceived> }
  | { name: typeof EVENTS.dunningStarted; data: z.infer<typeof ZDunningStarted> }
  | { name: typeof EVENTS.invoicePaid; data: z.infer<typeof ZInvoicePaid> }
  | { name: typeof EVENTS.privacyExportRequested; data: z.infer<typeof ZPrivacyRequested> };

/**
 * How domain code hands work to the job engine. `send` writes the event inside the caller's
 * transaction (a transactional outbox): it takes effect only if that transaction commits, so an
 * accepted job can never be lost. `flush` pushes committed events out now (a no-op for engines
 * that read the outbox themselves).
 */
export interface EventSender {
  send(tx: DbOrTx, events: LevqorEvent | LevqorEvent[]): Promise<void>;
  /**
   * The one statement `send` would run for `events`, for a caller that sends its transaction's
   * statements together (`pipelinedTransaction`); null (or absent) when sending takes more than that.
   */
  statementFor?(events: LevqorEvent[], options?: { wake?: boolean }): SQL | null;
  /**
   * Wakes the engine's workers now, outside any transaction. For a caller whose statement was built with
   * `wake: false` (and committed): the local engine's in-transaction wake-up (`NOTIFY`) makes PostgreSQL
   * commit notifying transactions one at a time, each with its WAL flush. Absent: nothing to wake.
   */
  wake?(): Promise<void>;
  flush(): Promise<void>;
}
