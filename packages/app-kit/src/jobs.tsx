import { getDb } from '@levqor/db';
import { createLevqorJobs, type LevqorJobs } from '@levqor/jobs/levqor/index';

const KEY = Symbol.for('levqor.jobs');
type GlobalWithJobs = typeof globalThis & { [KEY]?: LevqorJobs };

/** The process-wide job registry and event sender (local engine or Inngest, by LEVQOR_JOBS_PROVIDER). */
export function getLevqorJobs(): LevqorJobs {
  const g = globalThis as GlobalWithJobs;
  g[KEY] ??= createLevqorJobs(getDb());
  return g[KEY];
}
