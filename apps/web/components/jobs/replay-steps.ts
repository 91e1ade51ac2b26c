import type { JobDetail } from '../api-types';

/** Replay applies to ended jobs (the API refuses others). */
export const isEnded = (status: JobDetail['status']) =>
  status === 'succeeded' || status === 'failed' || status === 'cancelled';

/**
 * The furthest position a replay of `job` may start at: the first step that did not succeed (every
 * step before it has a recorded output to reuse); the last step when all succeeded.
 */
export function maxFromStep(job: JobDetail): number {
  const steps = job.steps ?? [];
  const first = steps.findIndex((s) => s.status !== 'succeeded');
  if (first !== -1) return first;
  return Math.max(0, steps.length - 1);
}

/** "step 2 (check)" — the dashboard counts steps from 1, the API from 0. */
export function stepLabel(job: JobDetail, position: number): string {
  const step = job.steps?.[position];
  return `step ${position + 1}${step ? ` (${step.id})` : ''}`;
}
