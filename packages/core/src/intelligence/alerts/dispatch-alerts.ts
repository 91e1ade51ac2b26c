import {
  alertNotifications,
  alertRules,
  alerts,
  and,
  type DbOrTx,
  eq,
  inArray,
  isNotNull,
  isNull,
  sql,
} from '@levqor/db';
import { type AlertMessage, alertSigningSecret, channelTarget, sendToChannel } from './alert-channels';
import { type AlertChannel, inQuietHours, type QuietHours } from './alert-rule';

type Row = { alert: typeof alerts.$inferSelect; rule: typeof alertRules.$inferSelect };

export interface DispatchResult {
  /** Alerts notified now (in `groups` grouped messages). */
  notified: number;
  groups: number;
  /** Alerts held back by quiet hours. */
  held: number;
  escalated: number;
}

/**
 * Where a rule's alert is sent. A workspace's budget alerts skip email: billing already mails the
 * workspace's owners at the same thresholds, with the month-end forecast (`billing.budget-alerts`), so
 * an email channel would only send the same news twice. Webhook and Slack channels get them.
 */
export function notifyChannels(rule: Pick<Row['rule'], 'metric' | 'managedBy' | 'channels'>): AlertChannel[] {
  const channels = rule.channels as AlertChannel[];
  if (rule.metric === 'budget.share' && rule.managedBy === 'workspace')
    return channels.filter((c) => c.type !== 'email');
  return channels;
}

interface Group {
  scope: string;
  /** Whose rules (`workspace` or `admin`): decides the secret webhooks are signed with. */
  managedBy: string;
  channels: AlertChannel[];
  rows: Row[];
}

/** Related alerts (same scope, same kind of rule, same channels) go out as one message per channel. */
function groupOf(rows: Row[], channelsOf: (r: Row) => AlertChannel[]) {
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const channels = channelsOf(r);
    const key = `${r.alert.groupKey}\u0000${r.rule.managedBy}\u0000${JSON.stringify(channels)}`;
    const g = groups.get(key) ?? {
      scope: r.alert.groupKey,
      managedBy: r.rule.managedBy,
      channels,
      rows: [],
    };
    g.rows.push(r);
    groups.set(key, g);
  }
  return [...groups.values()];
}

const inScopes = (scopes?: string[]) => (scopes ? inArray(alerts.scope, scopes) : undefined);

const held = (r: Row, now: Date) =>
  r.alert.severity !== 'critical' && inQuietHours(r.rule.quietHours as QuietHours | null, now);

async function send(
  db: DbOrTx,
  kind: AlertMessage['kind'],
  group: Group,
  ids: string[],
  env: Record<string, string | undefined>,
) {
  const rows = group.rows.filter((r) => ids.includes(r.alert.id));
  const worst = rows.some((r) => r.alert.severity === 'critical')
    ? 'critical'
    : rows.some((r) => r.alert.severity === 'warning')
      ? 'warning'
      : 'info';
  const minutes = rows[0]?.rule.escalateAfterMinutes;
  const title =
    kind === 'escalate'
      ? `Levqor [${worst}] ${rows.length} alert(s) on ${group.scope} unacknowledged for ${minutes} min`
      : `Levqor [${worst}] ${rows.length} alert(s) on ${group.scope}`;
  const message: AlertMessage = {
    kind,
    title,
    alerts: rows.map((r) => ({
      id: r.alert.id,
      scope: r.alert.scope,
      metric: r.alert.metric,
      severity: r.alert.severity,
      message: r.alert.message,
      occurrences: r.alert.occurrences,
    })),
  };
  const secret = group.channels.some((c) => c.type === 'webhook')
    ? await alertSigningSecret(db, { managedBy: group.managedBy, scope: rows[0]!.rule.scope }, env)
    : null;
  for (const channel of group.channels) {
    const result = await sendToChannel(db, channel, message, env, secret);
    await db.insert(alertNotifications).values({
      alertIds: ids,
      kind,
      channel: channel.type,
      target: channelTarget(channel),
      ok: result.ok,
      detail: result.detail,
    });
  }
}

/**
 * Sends what is due: new alerts (grouped per scope and channels; non-critical ones wait out their
 * rule's quiet hours) and escalations of alerts still unacknowledged N minutes after their
 * notification. Each alert is claimed before sending (`notified_at` / `escalated_at`), so concurrent
 * or repeated runs never notify twice.
 */
export async function dispatchAlerts(
  db: DbOrTx,
  opts: {
    now: Date;
    env?: Record<string, string | undefined>;
    /** Only alerts of these scopes (default: all). */
    scopes?: string[];
  },
): Promise<DispatchResult> {
  const env = opts.env ?? process.env;
  const result: DispatchResult = { notified: 0, groups: 0, held: 0, escalated: 0 };

  const pending = await db
    .select({ alert: alerts, rule: alertRules })
    .from(alerts)
    .innerJoin(alertRules, eq(alertRules.id, alerts.ruleId))
    .where(and(eq(alerts.status, 'open'), isNull(alerts.notifiedAt), inScopes(opts.scopes)));
  const due = pending.filter((r) => !held(r, opts.now));
  result.held = pending.length - due.length;
  for (const group of groupOf(due, (r) => notifyChannels(r.rule))) {
    const claimed = await db
      .update(alerts)
      .set({ notifiedAt: opts.now })
      .where(
        and(
          inArray(
            alerts.id,
            group.rows.map((r) => r.alert.id),
          ),
          isNull(alerts.notifiedAt),
        ),
      )
      .returning({ id: alerts.id });
    if (claimed.length === 0) continue;
    await send(
      db,
      'notify',
      group,
      claimed.map((c) => c.id),
      env,
    );
    result.notified += claimed.length;
    result.groups++;
  }

  const unacknowledged = await db
    .select({ alert: alerts, rule: alertRules })
    .from(alerts)
    .innerJoin(alertRules, eq(alertRules.id, alerts.ruleId))
    .where(
      and(
        eq(alerts.status, 'open'),
        inScopes(opts.scopes),
        isNotNull(alerts.notifiedAt),
        isNull(alerts.escalatedAt),
        isNotNull(alertRules.escalateAfterMinutes),
        sql`${alerts.notifiedAt} <= ${opts.now.toISOString()}::timestamptz - make_interval(mins => ${alertRules.escalateAfterMinutes})`,
      ),
    );
  const escalate = unacknowledged.filter((r) => !held(r, opts.now));
  for (const group of groupOf(
    escalate,
    (r) => (r.rule.escalateChannels as AlertChannel[] | null) ?? notifyChannels(r.rule),
  )) {
    const claimed = await db
      .update(alerts)
      .set({ escalatedAt: opts.now })
      .where(
        and(
          inArray(
            alerts.id,
            group.rows.map((r) => r.alert.id),
          ),
          isNull(alerts.escalatedAt),
          eq(alerts.status, 'open'),
        ),
      )
      .returning({ id: alerts.id });
    if (claimed.length === 0) continue;
    await send(
      db,
      'escalate',
      group,
      claimed.map((c) => c.id),
      env,
    );
    result.escalated += claimed.length;
  }
  return result;
}
