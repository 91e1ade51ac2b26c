import type { jobSteps, jobs } from '@levqor/db';
import { jobPriority, jobStatus, stepStatus } from '@levqor/db';
import { z } from 'zod';
import { centsToUnits, unitsToCents } from '../money/money';

type JobRow = typeof jobs.$inferSelect;
type StepRow = typeof jobSteps.$inferSelect;

export const ZJobStepResource = z
  .object({
    id: z.string().describe('The step id from the workflow'),
    type: z.string(),
    status: z.enum(stepStatus.enumValues),
    attempt: z.number().int(),
    duration_ms: z.number().int().nullable(),
    cost_cents: z.number(),
    output: z.unknown(),
    error: z.string().nullable(),
    reused_from: z
      .string()
      .nullable()
      .describe("A replay's step that was not executed: the job whose recorded output it reused"),
  })
  .meta({ id: 'JobStep' });
export type JobStepResource = z.infer<typeof ZJobStepResource>;

/** The public job resource (REST and dashboard alike). */
export const ZJobResource = z
  .object({
    id: z.string().meta({ example: 'job_4Hq2Zx9Lmn0PqRsTuVwX' }),
    status: z.enum(jobStatus.enumValues),
    workflow: z.string().describe('Workflow slug'),
    workflow_version: z.number().int(),
    priority: z.enum(jobPriority.enumValues),
    tags: z.array(z.string()),
    payload: z.unknown(),
    result: z.unknown(),
    error: z.string().nullable(),
    warnings: z.array(z.string()),
    estimated_cost_cents: z.number(),
    cost_cents: z.number(),
    callback_url: z.string().nullable(),
    rerun_of: z.string().nullable(),
    replay_from_step: z
      .number()
      .int()
      .nullable()
      .describe(
        "A replay of `rerun_of`: the position (from 0) of the first step it executed; earlier steps reused the original's outputs",
      ),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
    steps: z.array(ZJobStepResource).optional(),
  })
  .meta({ id: 'Job' });
export type JobResource = z.infer<typeof ZJobResource>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toStepResource(s: StepRow): JobStepResource {
  return {
    id: s.stepId,
    type: s.type,
    status: s.status,
    attempt: s.attempt,
    duration_ms: s.durationMs,
    cost_cents: unitsToCents(centsToUnits(s.cost)),
    output: s.output ?? null,
    error: s.error,
    reused_from: s.reusedFromJobId ?? null,
  };
}

export function toJobResource(job: JobRow, steps?: StepRow[]): JobResource {
  const resource: JobResource = {
    id: job.id,
    status: job.status,
    workflow: job.workflowSlug,
    workflow_version: job.workflowVersion,
    priority: job.priority,
    tags: job.tags,
    payload: job.payload,
    result: job.result ?? null,
    error: job.error,
    warnings: job.warnings ?? [],
    estimated_cost_cents: unitsToCents(centsToUnits(job.estimatedCost)),
    cost_cents: unitsToCents(centsToUnits(job.cost)),
    callback_url: job.callbackUrl,
    rerun_of: job.rerunOf,
    replay_from_step: job.replayFromStep ?? null,
    created_at: job.createdAt.toISOString(),
    started_at: iso(job.startedAt),
    finished_at: iso(job.finishedAt),
  };
  if (steps) resource.steps = [...steps].sort((a, b) => a.position - b.position).map(toStepResource);
  return resource;
}
