import { and, costLedger, type DbOrTx, eq, jobSteps, jobs, notInArray, webhookDeliveries } from '@levqor/db';
import { EVENTS, type EventSender } from '../events/events';
import { centsToUnits, sumUnits, unitsToCents, unitsToDb } from '../money/money';
import { monthOf } from '../usage/budget';
import { stepsOfJob } from './before-start';
import { recordJobEvent } from './job-events';
import { toJobResource } from './job-resource';

export type TerminalStatus = 'succeeded' | 'failed' | 'cancelled';
export const TERMINAL: readonly string[] = ['succeeded', 'failed', 'cancelled'];

/**
 * Ends a job once: status, result or error, actual cost = sum of its steps, a ledger `settle` for the
 * cost and a `release` of the whole reservation, a timeline event and (with a callback_url) a
 * webhook delivery. Returns false when the job had already ended.
 */
export async function finalizeJob(
  db: DbOrTx,
  events: EventSender,
  jobId: string,
  outcome: { status: TerminalStatus; result?: unknown; error?: string },
): Promise<boolean> {
  const ended = await db.transaction(async (tx) => {
    const [job] = await tx.select().from(jobs).where(eq(jobs.id, jobId)).for('update');
    if (!job || TERMINAL.includes(job.status)) return false;
    const steps = await tx.select({ cost: jobSteps.cost }).from(jobSteps).where(eq(jobSteps.jobId, jobId));
    const cost = sumUnits(steps.map((s) => centsToUnits(s.cost)));
    const reserved = centsToUnits(job.reservedCost);
    const now = new Date();
    if (outcome.status !== 'succeeded') {
      // Steps that never finished are marked cancelled (or skipped after a failure); a job that never
      // started has no stored steps: they read as cancelled or skipped (before-start.ts).
      await tx
        .update(jobSteps)
        .set({ status: outcome.status === 'cancelled' ? 'cancelled' : 'skipped' })
        .where(and(eq(jobSteps.jobId, jobId), notInArray(jobSteps.status, ['succeeded', 'failed'])));
    }
    const [updated] = await tx
      .update(jobs)
      .set({
        status: outcome.status,
        result: outcome.status === 'succeeded' ? (outcome.result ?? null) : null,
        error: outcome.error ?? null,
        cost: unitsToDb(cost),
        reservedCost: '0',
        finishedAt: now,
        startedAt: job.startedAt ?? (outcome.status === 'cancelled' ? null : now),
        cancelRequestedAt: outcome.status === 'cancelled' ? now : job.cancelRequestedAt,
      })
      .where(eq(jobs.id, jobId))
      .returning();
    // The reservation's month: intake stamps created_at with the instant it reserved at (jobRowsSql).
    const month = monthOf(job.createdAt);
    await tx.insert(costLedger).values([
      { workspaceId: job.workspaceId, jobId, kind: 'settle', amount: unitsToDb(cost), month },
      { workspaceId: job.workspaceId, jobId, kind: 'release', amount: unitsToDb(reserved), month },
    ]);
    const message =
      outcome.status === 'succeeded'
        ? `Job succeeded (cost ${unitsToCents(cost)}¢)`
        : outcome.status === 'failed'
          ? `Job failed: ${outcome.error ?? 'unknown error'}`
          : 'Job cancelled';
    await recordJobEvent(tx, jobId, `job.${outcome.status}`, message, {
      data: { cost_cents: unitsToCents(cost) },
    });
    if (job.callbackUrl) {
      const stored = await tx.select().from(jobSteps).where(eq(jobSteps.jobId, jobId));
      const allSteps = await stepsOfJob(tx, updated!, stored);
      const [delivery] = await tx
        .insert(webhookDeliveries)
        .values({
          workspaceId: job.workspaceId,
          jobId,
          url: job.callbackUrl,
          eventType: `job.${outcome.status}`,
          payload: { type: `job.${outcome.status}`, data: { job: toJobResource(updated!, allSteps) } },
        })
        .returning({ id: webhookDeliveries.id });
      await recordJobEvent(
        tx,
        jobId,
        'webhook.queued',
        `Webhook job.${outcome.status} queued for ${job.callbackUrl}`,
      );
      await events.send(tx, {
        name: EVENTS.webhookRequested,
        data: { deliveryId: delivery!.id, workspaceId: job.workspaceId },
      });
    }
    return true;
  });
  if (ended) await events.flush();
  return ended;
}
