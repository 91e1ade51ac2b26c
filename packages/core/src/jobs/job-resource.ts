import type { jobSteps, jobs } from '@levqor/db';
import { centsToUnits, unitsToCents } from '../money/money';

type JobRow = typeof jobs.$inferSelect;
type StepRow = typeof jobSteps.$inferSelect;

export interface JobStepResource {
  id: string;
  type: string;
  status: StepRow['status'];
  attempt: number;
  duration_ms: number | null;
  cost_cents: number;
  output: unknown;
  error: string | null;
}

/** The public job resource (REST and dashboard alike). */
export interface JobResource {
  id: string;
  status: JobRow['status'];
  workflow: string;
  workflow_version: number;
  priority: JobRow['priority'];
  tags: string[];
  payload: unknown;
  result: unknown;
  error: string | null;
  warnings: string[];
  estimated_cost_cents: number;
  cost_cents: number;
  callback_url: string | null;
  rerun_of: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  steps?: JobStepResource[];
}

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
    created_at: job.createdAt.toISOString(),
    started_at: iso(job.startedAt),
    finished_at: iso(job.finishedAt),
  };
  if (steps) resource.steps = [...steps].sort((a, b) => a.position - b.position).map(toStepResource);
  return resource;
}
