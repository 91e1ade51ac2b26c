import {
  alertRules,
  and,
  type DbOrTx,
  eq,
  inArray,
  metricAnomalies,
  metricRollups,
  ne,
  newId,
  sql,
} from '@levqor/db';
import { formatMetricValue, metricLabel } from '../metrics';

const COMPARE = {
  gt: (v: number, t: number) => v > t,
  gte: (v: number, t: number) => v >= t,
  lt: (v: number, t: number) => v < t,
  lte: (v: number, t: number) => v <= t,
} as const;
const WORDS = { gt: 'above', gte: 'at or above', lt: 'below', lte: 'at or below' } as const;

/**
 * Checks every enabled rule against the rollups (or anomalies) of `bucketStart`. A rule that fires
 * opens an alert, or — while its alert is open or acknowledged — counts one more occurrence on it
 * (deduplication: one unresolved alert per rule). Re-evaluating the same bucket changes nothing.
 * Returns how many rules fired.
 */
export async function evaluateAlertRules(
  db: DbOrTx,
  opts: { bucketStart: Date /** Only rules of these scopes (default: all). */; scopes?: string[] },
): Promise<number> {
  const rules = await db
    .select()
    .from(alertRules)
    .where(
      and(
        eq(alertRules.enabled, true),
        // Event rules (stabilize mode, budgets) fire from their own code, not from a bucket.
        ne(alertRules.condition, 'event'),
        opts.scopes ? inArray(alertRules.scope, opts.scopes) : undefined,
      ),
    );
  let fired = 0;
  for (const rule of rules) {
    let value: number | null = null;
    let message = '';
    if (rule.condition === 'anomaly') {
      const [a] = await db
        .select()
        .from(metricAnomalies)
        .where(
          and(
            eq(metricAnomalies.scope, rule.scope),
            eq(metricAnomalies.metric, rule.metric),
            eq(metricAnomalies.bucketStart, opts.bucketStart),
          ),
        );
      if (!a) continue;
      value = a.value;
      message = `Anomaly: ${a.explanation}`;
    } else {
      const [r] = await db
        .select({ value: metricRollups.value })
        .from(metricRollups)
        .where(
          and(
            eq(metricRollups.scope, rule.scope),
            eq(metricRollups.metric, rule.metric),
            eq(metricRollups.bucketStart, opts.bucketStart),
          ),
        );
      const cond = rule.condition as keyof typeof COMPARE;
      if (!r || rule.threshold === null || !COMPARE[cond](r.value, rule.threshold)) continue;
      value = r.value;
      message = `${metricLabel(rule.metric)} ${formatMetricValue(rule.metric, r.value)} is ${WORDS[cond]} ${formatMetricValue(rule.metric, rule.threshold)}`;
    }
    fired++;
    const at = opts.bucketStart.toISOString();
    await db.execute(sql`
      insert into alerts (id, rule_id, scope, metric, severity, group_key, status, message, value,
                          occurrences, first_seen_at, last_seen_at)
      values (${newId('alr')}, ${rule.id}, ${rule.scope},
              ${rule.metric}, ${rule.severity}, ${rule.scope}, 'open', ${`${rule.name}: ${message}`}, ${value},
              1, ${at}::timestamptz, ${at}::timestamptz)
      on conflict (rule_id) where status <> 'resolved' do update set
        occurrences = alerts.occurrences + (excluded.last_seen_at > alerts.last_seen_at)::int,
        last_seen_at = greatest(alerts.last_seen_at, excluded.last_seen_at),
        value = case when excluded.last_seen_at >= alerts.last_seen_at then excluded.value else alerts.value end,
        message = case when excluded.last_seen_at >= alerts.last_seen_at then excluded.message else alerts.message end
    `);
  }
  return fired;
}
