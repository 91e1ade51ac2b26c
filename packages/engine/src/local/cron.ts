import type { Database } from '@levqor/db';
import { engineRuns } from '@levqor/db';
import { CronExpressionParser } from 'cron-parser';
import type { FunctionDefinition } from '../define-function';
import { newRunValues } from './send';

/** Throws a readable error when `expression` is not a valid cron expression (5 or 6 fields, UTC). */
export function assertCron(expression: string, jobId: string): void {
  try {
    CronExpressionParser.parse(expression, { tz: 'UTC' });
  } catch (error) {
    throw new Error(`Job ${jobId}: invalid cron "${expression}": ${(error as Error).message}`);
  }
}

/** The first tick of `expression` strictly after `after` (UTC). */
export function nextTick(expression: string, after: Date): Date {
  return CronExpressionParser.parse(expression, { currentDate: after, tz: 'UTC' }).next().toDate();
}

/** The deterministic id of one tick of one cron job: every worker computes the same one. */
export function cronDedupeKey(functionId: string, tick: Date): string {
  return `cron:${functionId}:${tick.toISOString()}`;
}

/**
 * Makes sure the next tick of every cron definition has its run, due at the tick. Runs are keyed by
 * `cronDedupeKey` (unique index, ON CONFLICT DO NOTHING), so any number of workers can call this and each
 * tick fires once. Only future ticks are scheduled: ticks missed while no worker was up are skipped.
 * `scheduled` remembers the last tick this worker inserted per definition, to skip useless inserts.
 */
export async function scheduleCronTicks(
  db: Database,
  crons: readonly (FunctionDefinition & { trigger: { cron: string } })[],
  scheduled: Map<string, number>,
  now = new Date(),
): Promise<number> {
  let inserted = 0;
  for (const def of crons) {
    const tick = nextTick(def.trigger.cron, now);
    if (scheduled.get(def.id) === tick.getTime()) continue;
    const rows = await db
      .insert(engineRuns)
      .values({
        ...newRunValues(def, `cron:${def.trigger.cron}`, { tick: tick.toISOString() }),
        runAt: tick,
        dedupeKey: cronDedupeKey(def.id, tick),
      })
      .onConflictDoNothing()
      .returning({ id: engineRuns.id });
    inserted += rows.length;
    scheduled.set(def.id, tick.getTime());
  }
  return inserted;
}
