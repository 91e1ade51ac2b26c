import { getDb } from '@levqor/db';
import { createLevqorEngine, type LevqorEngine } from '@levqor/engine/functions';

const KEY = Symbol.for('levqor.jobs');
type GlobalWithJobs = typeof globalThis & { [KEY]?: LevqorEngine };

/** The process-wide job registry and event sender (local engine or Inngest, by LEVQOR_JOBS_PROVIDER). */
export function getLevqorEngine(): LevqorEngine {
  const g = globalThis as GlobalWithJobs;
  g[KEY] ??= createLevqorEngine(getDb());
  return g[KEY];
}
