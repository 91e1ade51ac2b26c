import { findWorkspaceForUser, getUserByEmail, setMonthlyBudget, unitsToCents } from '@levqor/core';
import { z } from 'zod';
import { UsageError } from '../cli-error';
import { withDatabase } from '../with-database';

const ZArgs = z.object({
  email: z.email({
    error: (iss) =>
      iss.input ? `"${String(iss.input)}" is not a valid email address` : '--email is required',
  }),
  cents: z
    .string({ error: '--cents is required (a whole number of cents, e.g. 5000 for $50)' })
    .regex(/^\d{1,10}$/, '--cents must be a whole, non-negative number of cents')
    .transform(Number),
});

/** `pnpm levqor workspace budget --email E --cents N`: sets the monthly budget of E's workspace. */
export async function workspaceBudget(values: Record<string, unknown>): Promise<void> {
  const parsed = ZArgs.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  const { email, cents } = parsed.data;
  await withDatabase(async (db) => {
    const user = await getUserByEmail(db, email);
    if (!user) throw new Error(`No user with email ${email}`);
    const access = await findWorkspaceForUser(db, user.id);
    if (!access) throw new Error(`${email} has no workspace yet (they have never signed in)`);
    const status = await setMonthlyBudget(db, access.workspace.id, { cents });
    console.log(
      `Budget of "${access.workspace.name}" (${access.workspace.id}) set to ${cents}¢ per month; this month: spent ${unitsToCents(status.spent)}¢, reserved ${unitsToCents(status.reserved)}¢.`,
    );
  });
}
