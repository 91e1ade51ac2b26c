import { describePlan, findWorkspaceForUser, getUserByEmail, PLAN_IDS, setWorkspacePlan } from '@levqor/core';
import { z } from 'zod';
import { UsageError } from '../cli-error';
import { withDatabase } from '../with-database';

const ZArgs = z.object({
  email: z.email({
    error: (iss) =>
      iss.input ? `"${String(iss.input)}" is not a valid email address` : '--email is required',
  }),
  plan: z.enum(PLAN_IDS, {
    error: (iss) =>
      iss.input
        ? `"${String(iss.input)}" is not a plan; choose one of ${PLAN_IDS.join(', ')}`
        : `--plan is required (${PLAN_IDS.join(', ')})`,
  }),
});

/**
 * `pnpm levqor billing plan --email E --plan growth`: puts E's workspace on a plan by hand (self-hosters
 * without Stripe, Enterprise contracts, benchmarks). Audited as the operator's change.
 */
export async function billingPlan(values: Record<string, unknown>): Promise<void> {
  const parsed = ZArgs.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  const { email, plan } = parsed.data;
  await withDatabase(async (db) => {
    const user = await getUserByEmail(db, email);
    if (!user) throw new Error(`No user with email ${email}`);
    const access = await findWorkspaceForUser(db, user.id);
    if (!access) throw new Error(`${email} has no workspace yet (they have never signed in)`);
    const result = await setWorkspacePlan(db, {
      workspaceId: access.workspace.id,
      plan,
      actor: 'cli',
      reason: 'set by hand (pnpm levqor billing plan)',
    });
    console.log(
      result.changed
        ? `"${access.workspace.name}" (${access.workspace.id}) moved from ${result.from} to ${describePlan(plan)}.`
        : `"${access.workspace.name}" (${access.workspace.id}) is already on ${describePlan(plan)}.`,
    );
  });
}
