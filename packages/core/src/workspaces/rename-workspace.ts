import { and, type DbOrTx, eq, memberships, workspaces } from '@levqor/db';
import { z } from 'zod';
import { DomainError, notFound } from '../errors';

export const ZRenameWorkspaceInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Workspace name cannot be empty')
    .max(80, 'Workspace name is at most 80 characters'),
});
export type RenameWorkspaceInput = z.infer<typeof ZRenameWorkspaceInput>;

/** Only an owner may rename a workspace. */
export async function renameWorkspace(
  db: DbOrTx,
  userId: string,
  workspaceId: string,
  input: RenameWorkspaceInput,
) {
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  if (!m) throw notFound('Workspace');
  if (m.role !== 'owner') throw new DomainError('FORBIDDEN', 'Only a workspace owner can rename it');
  const [row] = await db
    .update(workspaces)
    .set({ name: input.name })
    .where(eq(workspaces.id, workspaceId))
    .returning();
  return row!;
}
