import { type DbOrTx, eq, memberships, users, workspaces } from '@levqor/db';
import { z } from 'zod';
import { DomainError } from '../errors';
import { ensureStarterWorkflows } from '../workflows/starter-workflows';

export const ZCreateUserInput = z.object({
  email: z.email('a valid email address is required').transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(100).optional(),
  admin: z.boolean().default(false),
  workspaceName: z.string().trim().min(1).max(80).optional(),
});
export type CreateUserInput = z.input<typeof ZCreateUserInput>;

/** Creates a user and their own workspace (owner). Fails with CONFLICT if the email is taken. */
export async function createUser(db: DbOrTx, raw: CreateUserInput) {
  const input = ZCreateUserInput.parse(raw);
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (existing) throw new DomainError('email-taken', `A user with email ${input.email} already exists`);
  const [user] = await db
    .insert(users)
    .values({ email: input.email, name: input.name ?? null, role: input.admin ? 'admin' : 'user' })
    .returning();
  const workspaceName = input.workspaceName ?? defaultWorkspaceName(input.name ?? null, input.email);
  const [workspace] = await db.insert(workspaces).values({ name: workspaceName }).returning();
  await db.insert(memberships).values({ workspaceId: workspace!.id, userId: user!.id, role: 'owner' });
  await ensureStarterWorkflows(db, workspace!.id);
  return { user: user!, workspace: workspace! };
}

export function defaultWorkspaceName(name: string | null, email: string): string {
  const who = name?.trim() || email.split('@')[0] || 'My';
  return `${who}'s workspace`.slice(0, 80);
}
