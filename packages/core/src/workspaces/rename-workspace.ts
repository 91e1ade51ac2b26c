import { type DbOrTx, eq, workspaces } from '@levqor/db';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { notFound } from '../errors';
import { authorizeWorkspaceAction } from './authorize-workspace-action';
import { WORKSPACE_VIEW } from './workspace-for-user';

export const ZRenameWorkspaceInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Workspace name cannot be empty')
    .max(80, 'Workspace name is at most 80 characters'),
});
export type RenameWorkspaceInput = z.infer<typeof ZRenameWorkspaceInput>;

/** Only an owner may rename a workspace; audited with the old and the new name. */
export async function renameWorkspace(
  db: DbOrTx,
  opts: { workspaceId: string; userId: string; input: RenameWorkspaceInput },
) {
  const input = ZRenameWorkspaceInput.parse(opts.input);
  return db.transaction(async (tx) => {
    await authorizeWorkspaceAction(tx, { ...opts, action: 'workspace.rename' });
    const [before] = await tx
      .select({ name: workspaces.name })
      .from(workspaces)
      .where(eq(workspaces.id, opts.workspaceId))
      .for('update');
    if (!before) throw notFound('Workspace');
    const [row] = await tx
      .update(workspaces)
      .set({ name: input.name })
      .where(eq(workspaces.id, opts.workspaceId))
      .returning(WORKSPACE_VIEW);
    await recordAudit(tx, {
      workspaceId: opts.workspaceId,
      actor: opts.userId,
      action: 'workspace.renamed',
      target: opts.workspaceId,
      metadata: { from: before.name, to: input.name },
    });
    return row!;
  });
}
