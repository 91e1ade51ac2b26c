import { type DbOrTx, eq, workspaces } from '@levqor/db';
import type { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { PLANS } from '../billing/plans';
import { DomainError, notFound } from '../errors';
import { authorizeWorkspaceAction } from '../workspaces/authorize-workspace-action';
import { type BudgetStatus, setMonthlyBudget, ZSetBudgetInput } from './budget';

/**
 * A user changes their workspace's monthly budget: owner only, audited with the old and new value. The
 * owner may cap spend below the plan's included spend, never above it (that takes a bigger plan).
 */
export async function changeBudget(
  db: DbOrTx,
  opts: { workspaceId: string; userId: string; input: z.input<typeof ZSetBudgetInput> },
): Promise<BudgetStatus> {
  const input = ZSetBudgetInput.parse(opts.input);
  return db.transaction(async (tx) => {
    await authorizeWorkspaceAction(tx, { ...opts, action: 'budget.change' });
    const [before] = await tx
      .select({ cents: workspaces.monthlyBudgetCents, plan: workspaces.plan })
      .from(workspaces)
      .where(eq(workspaces.id, opts.workspaceId))
      .for('update');
    if (!before) throw notFound('Workspace');
    const plan = PLANS[before.plan];
    if (input.cents !== null && !plan.spendSetPerWorkspace && input.cents > plan.includedSpendCents)
      throw new DomainError(
        'validation',
        `The ${plan.name} plan includes $${plan.includedSpendCents / 100} of AI spend a month; a budget can only be lower. Upgrade the plan under Billing to spend more.`,
      );
    const status = await setMonthlyBudget(tx, opts.workspaceId, input);
    await recordAudit(tx, {
      workspaceId: opts.workspaceId,
      actor: opts.userId,
      action: 'budget.changed',
      target: opts.workspaceId,
      metadata: { from_cents: before.cents === null ? null : Number(before.cents), to_cents: input.cents },
    });
    return status;
  });
}
