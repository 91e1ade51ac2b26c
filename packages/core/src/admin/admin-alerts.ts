import type { DbOrTx } from '@levqor/db';
import type { z } from 'zod';
import { createAlertRule, ZCreateAlertRuleInput } from '../intelligence/alerts/alert-rule';
import { acknowledgeAlert, resolveAlert, ZAlertIdInput } from '../intelligence/alerts/manage-alerts';
import { recordAdminAction, ZAdminReason } from './admin-action';

export const ZAdminAlertActionInput = ZAlertIdInput.extend({ reason: ZAdminReason });
export type AdminAlertActionInput = z.input<typeof ZAdminAlertActionInput>;

async function decide(
  db: DbOrTx,
  opts: { actor: string; input: AdminAlertActionInput },
  to: 'acknowledge' | 'resolve',
) {
  const input = ZAdminAlertActionInput.parse(opts.input);
  return db.transaction(async (tx) => {
    const change = to === 'acknowledge' ? acknowledgeAlert : resolveAlert;
    const alert = await change(tx, { alertId: input.id, userId: opts.actor });
    await recordAdminAction(tx, {
      actor: opts.actor,
      action: `admin.alert.${to}`,
      target: alert.id,
      reason: input.reason,
      workspaceId: alert.scope === 'platform' ? null : alert.scope,
      details: { rule_id: alert.rule_id, metric: alert.metric, status: alert.status },
    });
    return alert;
  });
}

/**
 * An administrator acknowledges an open alert (it stops escalating), saying why: the alert's own
 * transition and an admin audit entry with the reason, in one transaction.
 */
export const adminAcknowledgeAlert = (db: DbOrTx, opts: { actor: string; input: AdminAlertActionInput }) =>
  decide(db, opts, 'acknowledge');

/** An administrator resolves an open or acknowledged alert, saying why (audited with the reason). */
export const adminResolveAlert = (db: DbOrTx, opts: { actor: string; input: AdminAlertActionInput }) =>
  decide(db, opts, 'resolve');

/** A console alert rule, with why it is added. */
export const ZAdminCreateAlertRuleInput = ZCreateAlertRuleInput.safeExtend({ reason: ZAdminReason });
export type AdminCreateAlertRuleInput = z.input<typeof ZAdminCreateAlertRuleInput>;

/** An administrator adds an alert rule, saying why: the rule and an admin audit entry, in one transaction. */
export async function adminCreateAlertRule(
  db: DbOrTx,
  opts: { actor: string; input: AdminCreateAlertRuleInput },
) {
  const { reason, ...rule } = ZAdminCreateAlertRuleInput.parse(opts.input);
  return db.transaction(async (tx) => {
    const created = await createAlertRule(tx, { userId: opts.actor, input: rule });
    await recordAdminAction(tx, {
      actor: opts.actor,
      action: 'admin.alert_rule.create',
      target: created.id,
      reason,
      workspaceId: rule.scope === 'platform' ? null : rule.scope,
      details: { name: rule.name, metric: rule.metric, condition: rule.condition },
    });
    return created;
  });
}
