import { apiKeys, type DbOrTx, eq, sql, workspaces } from '@levqor/db';
import { z } from 'zod';
import { API_KEY_CHANNEL } from '../api-keys/manage-api-keys';
import { recordAudit } from '../audit/record-audit';
import { notFound } from '../errors';
import { PLAN_IDS, PLANS, type WorkspacePlan } from './plans';

export const ZSetPlanInput = z.object({
  workspaceId: z.string().min(1),
  plan: z.enum(PLAN_IDS, { error: `plan is one of ${PLAN_IDS.join(', ')}` }),
  /** `usr_…` (an admin or the CLI's operator), `stripe` (a subscription change) or `system`. */
  actor: z.string().min(1),
  /** Why (the subscription id, "set by hand"…), kept in the audit entry. */
  reason: z.string().max(500).optional(),
});
export type SetPlanInput = z.input<typeof ZSetPlanInput>;

/**
 * Puts a workspace on a plan: its budget, job quota, concurrency and API limits follow at once (API
 * keys cached by the verifiers are dropped through their channel). Audited with the old and new plan;
 * a no-op when it is already on it.
 */
export async function setWorkspacePlan(
  db: DbOrTx,
  raw: SetPlanInput,
): Promise<{ from: WorkspacePlan; to: WorkspacePlan; changed: boolean }> {
  const input = ZSetPlanInput.parse(raw);
  return db.transaction(async (tx) => {
    const [ws] = await tx
      .select({ plan: workspaces.plan })
      .from(workspaces)
      .where(eq(workspaces.id, input.workspaceId))
      .for('no key update');
    if (!ws) throw notFound('Workspace');
    if (ws.plan === input.plan) return { from: ws.plan, to: input.plan, changed: false };
    await tx.update(workspaces).set({ plan: input.plan }).where(eq(workspaces.id, input.workspaceId));
    await tx.execute(
      sql`select pg_notify(${API_KEY_CHANNEL}, ${apiKeys.hash}) from ${apiKeys} where ${apiKeys.workspaceId} = ${input.workspaceId}`,
    );
    await recordAudit(tx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: 'billing.plan_changed',
      target: input.workspaceId,
      metadata: { from: ws.plan, to: input.plan, reason: input.reason ?? null },
    });
    return { from: ws.plan, to: input.plan, changed: true };
  });
}

/** The plan's limits as a person reads them (CLI, billing page). */
export function describePlan(plan: WorkspacePlan): string {
  const p = PLANS[plan];
  const price = p.priceCents === null ? 'by contract' : `$${p.priceCents / 100}/month`;
  const jobs =
    p.jobsPerMonth === null ? 'unlimited jobs' : `${p.jobsPerMonth.toLocaleString('en-US')} jobs/month`;
  return `${p.name} (${price}): $${p.includedSpendCents / 100} AI spend included, ${jobs}, ${p.concurrency} running at once, ${p.apiRequestsPerMin.toLocaleString('en-US')} API requests/min, support ${p.support}`;
}
