import type { Database } from '@levqor/db';
import { engineRuns } from '@levqor/db';
import { CronExpressionParser } from 'cron-parser';
import type { FunctionDefinition } from '../define-function';
import { newRunValues } from './send';

/**
 * A cron expression and its time zone. `TZ=Europe/London 0 9 * * 0` (Inngest's own syntax, which the
 * Inngest provider passes through unchanged) fires at 09:00 London time, GMT or BST; without the
 * prefix, UTC.
 */
export function parseCronSpec(spec: string): { expression: string; tz: string } {
  const m = /^(?:CRON_)?TZ=(\S+)\s+(.+)$/.exec(spec.trim());
  return m ? { tz: m[1]!, expression: m[2]! } : { tz: 'UTC', expression: spec.trim() };
}

/** Throws a readable error when `spec` is not a valid cron expression (5 or 6 fields, optional `TZ=`). */
export function assertCron(spec: string, jobId: string): void {
  const { expression, tz } = parseCronSpec(spec);
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
  } catch {
    throw new Error(`Job ${jobId}: invalid cron "${spec}": unknown time zone ${tz}`);
  }
  try {
    CronExpressionParser.parse(expression, { tz });
  } catch (error) {
    throw new Error(`Job ${jobId}: invalid cron "${spec}": ${(error as Error).message}`);
  }
}

/** The first tick of `spec` strictly after `after` (in the spec's time zone; UTC without `TZ=`). */
export function nextTick(spec: string, after: Date): Date {
  const { expression, tz } = parseCronSpec(spec);
  return CronExpressionParser.parse(expression, { currentDate: after, tz }).next().toDate();
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
