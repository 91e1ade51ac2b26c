import { alerts, and, type DbOrTx, desc, eq, lt, or, sql } from '@levqor/db';
import { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import { DomainError } from '../../errors';

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;

export const ZListAlertsInput = z.object({
  status: z.enum(ALERT_STATUSES).optional(),
  limit: z.number().int().min(1).max(100).default(25),
  /** The `next_cursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});
export type ListAlertsInput = z.input<typeof ZListAlertsInput>;

export const ZAlertIdInput = z.object({ id: z.string().regex(/^alr_[A-Za-z0-9]+$/, 'an alert id (alr_…)') });

export function toAlertResource(a: typeof alerts.$inferSelect) {
  return {
    id: a.id,
    rule_id: a.ruleId,
    scope: a.scope,
    metric: a.metric,
    severity: a.severity,
    status: a.status,
    message: a.message,
    value: a.value,
    occurrences: a.occurrences,
    first_seen_at: a.firstSeenAt.toISOString(),
    last_seen_at: a.lastSeenAt.toISOString(),
    notified_at: a.notifiedAt?.toISOString() ?? null,
    escalated_at: a.escalatedAt?.toISOString() ?? null,
    acknowledged_at: a.acknowledgedAt?.toISOString() ?? null,
    acknowledged_by: a.acknowledgedBy,
    resolved_at: a.resolvedAt?.toISOString() ?? null,
    resolved_by: a.resolvedBy,
  };
}

const encode = (a: typeof alerts.$inferSelect) =>
  Buffer.from(JSON.stringify([a.lastSeenAt.toISOString(), a.id])).toString('base64url');

/** Alerts, most recently seen first, a page at a time (keyset cursor). */
export async function listAlerts(db: DbOrTx, raw: ListAlertsInput) {
  const input = ZListAlertsInput.parse(raw);
  let after: [string, string] | null = null;
  if (input.cursor) {
    try {
      after = JSON.parse(Buffer.from(input.cursor, 'base64url').toString()) as [string, string];
      if (!Array.isArray(after) || Number.isNaN(Date.parse(after[0]))) throw new Error('bad');
    } catch {
      throw new DomainError('invalid-cursor', 'cursor is not one this list returned; start again without it');
    }
  }
  const rows = await db
    .select()
    .from(alerts)
    .where(
      and(
        input.status ? eq(alerts.status, input.status) : undefined,
        after
          ? or(
              lt(alerts.lastSeenAt, new Date(after[0])),
              and(eq(alerts.lastSeenAt, new Date(after[0])), lt(alerts.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(alerts.lastSeenAt), desc(alerts.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    items: page.map(toAlertResource),
    next_cursor: rows.length > input.limit ? encode(page.at(-1)!) : null,
  };
}

async function transition(
  db: DbOrTx,
  opts: { alertId: string; userId: string },
  to: 'acknowledged' | 'resolved',
) {
  const now = new Date();
  const set =
    to === 'acknowledged'
      ? { status: to, acknowledgedAt: now, acknowledgedBy: opts.userId }
      : { status: to, resolvedAt: now, resolvedBy: opts.userId };
  const from = to === 'acknowledged' ? sql`${alerts.status} = 'open'` : sql`${alerts.status} <> 'resolved'`;
  const [row] = await db
    .update(alerts)
    .set(set)
    .where(and(eq(alerts.id, opts.alertId), from))
    .returning();
  if (!row) {
    const [exists] = await db
      .select({ status: alerts.status })
      .from(alerts)
      .where(eq(alerts.id, opts.alertId));
    if (!exists) throw new DomainError('not-found', 'Alert not found');
    throw new DomainError('alert-state', `The alert is already ${exists.status}`);
  }
  await recordAudit(db, {
    workspaceId: row.scope === 'platform' ? null : row.scope,
    actor: opts.userId,
    action: `alert.${to}`,
    target: row.id,
    metadata: { rule_id: row.ruleId, metric: row.metric },
  });
  return toAlertResource(row);
}

/** Acknowledges an open alert: it stops escalating (audited). */
export const acknowledgeAlert = (db: DbOrTx, opts: { alertId: string; userId: string }) =>
  transition(db, opts, 'acknowledged');

/** Resolves an open or acknowledged alert: the rule may open a new one next time it fires (audited). */
export const resolveAlert = (db: DbOrTx, opts: { alertId: string; userId: string }) =>
  transition(db, opts, 'resolved');
