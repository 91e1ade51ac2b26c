import { createUser } from '@levqor/core';
import { z } from 'zod';
import { UsageError } from '../cli-error';
import { withDatabase } from '../with-database';

const ZArgs = z.object({
  email: z.email({
    error: (iss) =>
      iss.input ? `"${String(iss.input)}" is not a valid email address` : '--email is required',
  }),
  admin: z.boolean().default(false),
  workspace: z.string().trim().min(1, '--workspace cannot be empty').max(80).optional(),
  name: z.string().trim().min(1).max(100).optional(),
});

export async function userCreate(values: Record<string, unknown>): Promise<void> {
  const parsed = ZArgs.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  const args = parsed.data;
  await withDatabase(async (db) => {
    const { user, workspace } = await db.transaction((tx) =>
      createUser(tx, {
        email: args.email,
        name: args.name,
        admin: args.admin,
        workspaceName: args.workspace,
      }),
    );
    console.log(
      `Created ${user.role} ${user.email} (${user.id}) owning workspace "${workspace.name}" (${workspace.id}).`,
    );
  });
}
