import { createHash } from 'node:crypto';
import {
  and,
  costLedger,
  type DbOrTx,
  eq,
  jobIdempotencyKeys,
  jobSteps,
  jobs,
  sql,
  workspaces,
} from '@levqor/db';
import { z } from 'zod';
import { DomainError, notFound } from '../errors';
import { EVENTS, type EventSender } from '../events/events';
import { type Units, unitsToCents, unitsToDb } from '../money/money';
import { budgetStatus, monthOf } from '../usage/budget';
import { findWorkflowRow, publishedVersion } from '../workflows/manage-workflows';
import { estimateJob } from './estimate';
import { recordJobEvent } from './job-events';
import { type JobResource, toJobResource } from './job-resource';

export const MAX_PAYLOAD_BYTES = 200 * 1024;
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export const ZJobPriority = z.enum(['low', 'normal', 'high'], {
  error: 'priority is "low", "normal" or "high"',
});

export const ZSubmitJobInput = z.object({
  workflow: z.string().min(1, 'workflow is required (a slug such as "demo.flow", or a wf_ id)').max(100),
  payload: z.unknown().default({}),
  priority: ZJobPriority.default('normal'),
  callback_url: z
    .url({ protocol: /^https?$/, error: 'callback_url must be an http(s) URL' })
    .max(2048)
    .nullish(),
  tags: z
    .array(z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'a tag is 1–64 letters, digits, "_", ".", ":" or "-"'))
    .max(10, 'at most 10 tags')
    .default([]),
  idempotency_key: z.string().min(1).max(255).nullish(),
});
export type SubmitJobInput = z.input<typeof ZSubmitJobInput>;

export interface SubmitContext {
  workspaceId: string;
  /** `usr_…` or `key_…`. */
  submittedBy: string;
  events: EventSender;
  rerunOf?: string;
}

export interface SubmitResult {
  job: JobResource;
  /** False when an idempotency key returned an earlier job. */
  created: boolean;
}

const PRIORITY_RANK = { low: 0, normal: 1, high: 2 } as const;
export const priorityRank = (p: keyof typeof PRIORITY_RANK) => PRIORITY_RANK[p];

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function formatCents(units: Units): string {
  return `${unitsToCents(units)}¢`;
}

/**
 * Validates, estimates and budgets a job, then writes the job, its pending steps, its first timeline
 * event, the budget reservation and the engine event in ONE transaction.
 */
export async function submitJob(db: DbOrTx, ctx: SubmitContext, raw: SubmitJobInput): Promise<SubmitResult> {
  const input = ZSubmitJobInput.parse(raw);
  const payloadJson = JSON.stringify(input.payload ?? {});
  if (Buffer.byteLength(payloadJson) > MAX_PAYLOAD_BYTES) {
    throw new DomainError(
      'PAYLOAD_TOO_LARGE',
      `payload is ${Buffer.byteLength(payloadJson)} bytes serialized; the limit is ${MAX_PAYLOAD_BYTES} bytes (200 KB)`,
    );
  }
  const requestHash = createHash('sha256')
    .update(
      canonical({
        w: input.workflow,
        p: input.payload ?? {},
        pr: input.priority,
        c: input.callback_url ?? null,
        t: input.tags,
      }),
    )
    .digest('hex');

  const result = await db.transaction(async (tx) => {
    // One intake at a time per workspace, so reservations never overshoot the budget.
    await tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(eq(workspaces.id, ctx.workspaceId))
      .for('update');

    if (input.idempotency_key) {
      const [prior] = await tx
        .select()
        .from(jobIdempotencyKeys)
        .where(
          and(
            eq(jobIdempotencyKeys.workspaceId, ctx.workspaceId),
            eq(jobIdempotencyKeys.key, input.idempotency_key),
          ),
        );
      if (prior && prior.expiresAt > new Date()) {
        if (prior.requestHash !== requestHash) {
          throw new DomainError(
            'CONFLICT',
            'This Idempotency-Key was already used with a different request body within the last 24 hours',
          );
        }
        const [job] = await tx.select().from(jobs).where(eq(jobs.id, prior.jobId));
        return { job: toJobResource(job!), created: false };
      }
    }

    const workflow = await findWorkflowRow(tx, ctx.workspaceId, input.workflow);
    if (!workflow) throw notFound(`Workflow "${input.workflow}"`);
    if (workflow.status === 'archived')
      throw new DomainError(
        'UNPROCESSABLE',
        `Workflow "${workflow.slug}" is archived and accepts no new jobs`,
      );
    const version = await publishedVersion(tx, workflow);
    if (!version)
      throw new DomainError(
        'UNPROCESSABLE',
        `Workflow "${workflow.slug}" has no published version yet; publish it first`,
      );

    const estimate = estimateJob(version.steps);
    const budget = await budgetStatus(tx, ctx.workspaceId);
    const available = budget.budget - budget.spent - budget.reserved;
    if (estimate > available) {
      throw new DomainError(
        'PAYMENT_REQUIRED',
        `Estimated cost ${formatCents(estimate)} exceeds the remaining budget: budget ${formatCents(budget.budget)} − spent ${formatCents(budget.spent)} − reserved ${formatCents(budget.reserved)} = ${formatCents(available)} this month`,
        {
          estimated_cost_cents: unitsToCents(estimate),
          budget_cents: unitsToCents(budget.budget),
          spent_cents: unitsToCents(budget.spent),
          reserved_cents: unitsToCents(budget.reserved),
        },
      );
    }

    const [job] = await tx
      .insert(jobs)
      .values({
        workspaceId: ctx.workspaceId,
        workflowId: workflow.id,
        workflowVersionId: version.id,
        workflowSlug: workflow.slug,
        workflowVersion: version.version,
        payload: input.payload ?? {},
        priority: input.priority,
        idempotencyKey: input.idempotency_key ?? null,
        callbackUrl: input.callback_url ?? null,
        tags: input.tags,
        estimatedCost: unitsToDb(estimate),
        reservedCost: unitsToDb(estimate),
        submittedBy: ctx.submittedBy,
        rerunOf: ctx.rerunOf ?? null,
      })
      .returning();
    await tx
      .insert(jobSteps)
      .values(version.steps.map((s, position) => ({ jobId: job!.id, stepId: s.id, type: s.type, position })));
    await tx.insert(costLedger).values({
      workspaceId: ctx.workspaceId,
      jobId: job!.id,
      kind: 'reserve',
      amount: unitsToDb(estimate),
      month: monthOf(),
    });
    await recordJobEvent(
      tx,
      job!.id,
      'job.queued',
      `Queued ${workflow.slug} v${version.version} (estimate ${formatCents(estimate)})`,
      {
        data: { estimated_cost_cents: unitsToCents(estimate), rerun_of: ctx.rerunOf ?? null },
      },
    );
    if (input.idempotency_key) {
      await tx
        .insert(jobIdempotencyKeys)
        .values({
          workspaceId: ctx.workspaceId,
          key: input.idempotency_key,
          requestHash,
          jobId: job!.id,
          expiresAt: new Date(Date.now() + IDEMPOTENCY_TTL_MS),
        })
        .onConflictDoUpdate({
          target: [jobIdempotencyKeys.workspaceId, jobIdempotencyKeys.key],
          set: { requestHash, jobId: job!.id, expiresAt: sql`excluded.expires_at` },
        });
    }
    await ctx.events.send(tx, {
      name: EVENTS.jobSubmitted,
      data: { jobId: job!.id, workspaceId: ctx.workspaceId, priority: input.priority },
    });
    return { job: toJobResource(job!), created: true };
  });
  if (result.created) await ctx.events.flush();
  return result;
}
