import { alertRules, alerts, and, type DbOrTx, eq, ne, newId, sql } from '@levqor/db';
import type { AlertChannel } from './alert-rule';

/**
 * Alerts raised by code rather than by a metric (stabilize mode, budgets): each has a rule of condition
 * `event` — created on first use, one per scope and name — so that it goes through the same router:
 * one unresolved alert per rule (dedupe), the rule's channels, quiet hours, escalation, acknowledge.
 */
export interface EventRule {
  /** `platform` or a workspace id. */
  scope: string;
  /** The rule's name, also its identity within the scope (`Stabilize mode`, `Budget 80%`…). */
  name: string;
  metric: string;
  severity: 'info' | 'warning' | 'critical';
  /** `admin` (platform rules) or `workspace` (a workspace's own, whose owner sets the channel). */
  managedBy: 'admin' | 'workspace';
  /** Channels of a rule created now (an existing rule keeps its own). */
  channels: AlertChannel[];
}

/** The rule of an event alert, created if missing. */
export async function ensureEventRule(db: DbOrTx, rule: EventRule) {
  const [existing] = await db
    .select()
    .from(alertRules)
    .where(
      and(
        eq(alertRules.scope, rule.scope),
        eq(alertRules.name, rule.name),
        eq(alertRules.condition, 'event'),
      ),
    )
    .limit(1);
  if (existing) return existing;
  const [created] = await db
    .insert(alertRules)
    .values({
      name: rule.name,
      scope: rule.scope,
      metric: rule.metric,
      condition: 'event',
      threshold: null,
      severity: rule.severity,
      channels: rule.channels,
      managedBy: rule.managedBy,
    })
    .returning();
  return created!;
}

/**
 * Raises (or, while one is unresolved, counts one more occurrence of) the rule's alert. `at` decides
 * dedupe within an occurrence: raising again with the same `at` changes nothing.
 */
export async function raiseEventAlert(
  db: DbOrTx,
  rule: EventRule,
  opts: { message: string; value: number; at: Date },
): Promise<void> {
  const r = await ensureEventRule(db, rule);
  if (!r.enabled) return;
  const at = opts.at.toISOString();
  await db.execute(sql`
    insert into alerts (id, rule_id, scope, metric, severity, group_key, status, message, value,
                        occurrences, first_seen_at, last_seen_at)
    values (${newId('alr')}, ${r.id}, ${r.scope}, ${r.metric}, ${r.severity}, ${r.scope}, 'open',
            ${`${r.name}: ${opts.message}`}, ${opts.value}, 1, ${at}::timestamptz, ${at}::timestamptz)
    on conflict (rule_id) where status <> 'resolved' do update set
      occurrences = alerts.occurrences + (excluded.last_seen_at > alerts.last_seen_at)::int,
      last_seen_at = greatest(alerts.last_seen_at, excluded.last_seen_at),
      value = case when excluded.last_seen_at >= alerts.last_seen_at then excluded.value else alerts.value end,
      message = case when excluded.last_seen_at >= alerts.last_seen_at then excluded.message else alerts.message end
  `);
}

/** Resolves the rule's unresolved alert, if any (by `system`): the condition ended. */
export async function resolveEventAlert(db: DbOrTx, rule: Pick<EventRule, 'scope' | 'name'>, at: Date) {
  await db.execute(sql`
    update alerts set status = 'resolved', resolved_at = ${at.toISOString()}::timestamptz, resolved_by = 'system'
    where status <> 'resolved' and rule_id in (
      select id from alert_rules where scope = ${rule.scope} and name = ${rule.name} and condition = 'event')
  `);
}

/** Whether the rule has an unresolved alert. */
export async function hasUnresolvedEventAlert(db: DbOrTx, rule: Pick<EventRule, 'scope' | 'name'>) {
  const [row] = await db
    .select({ id: alerts.id })
    .from(alerts)
    .innerJoin(alertRules, eq(alertRules.id, alerts.ruleId))
    .where(
      and(
        eq(alertRules.scope, rule.scope),
        eq(alertRules.name, rule.name),
        eq(alertRules.condition, 'event'),
        ne(alerts.status, 'resolved'),
      ),
    )
    .limit(1);
  return Boolean(row);
}
