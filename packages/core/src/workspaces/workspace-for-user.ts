import { asc, type DbOrTx, eq, memberships, users, workspaces } from '@levqor/db';
import type { WorkspacePlan } from '../billing/plans';
import { defaultWorkspaceName } from '../users/create-user';
import { ensureStarterWorkflows } from '../workflows/starter-workflows';

/**
 * The workspace as every member may see it. Never the webhook signing secret: that is revealed only by
 * `revealWebhookSecret` (owner only, audited).
 */
export const WORKSPACE_VIEW = {
  id: workspaces.id,
  name: workspaces.name,
  plan: workspaces.plan,
  createdAt: workspaces.createdAt,
};
export interface WorkspaceView {
  id: string;
  name: string;
  plan: WorkspacePlan;
  createdAt: Date;
}

export interface WorkspaceAccess {
  workspace: WorkspaceView;
  role: 'owner' | 'member';
}

/** The user's first workspace (oldest membership), or null. */
export async function findWorkspaceForUser(db: DbOrTx, userId: string): Promise<WorkspaceAccess | null> {
  const [row] = await db
    .select({ workspace: WORKSPACE_VIEW, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return row ?? null;
}

/** The user's workspace; creates a personal one (owner) when they have none yet, e.g. right after sign-up. */
export async function ensureWorkspaceForUser(db: DbOrTx, userId: string): Promise<WorkspaceAccess> {
  const found = await findWorkspaceForUser(db, userId);
  if (found) return found;
  return db.transaction(async (tx) => {
    // Lock the user row so two concurrent first requests create one workspace.
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user) throw new Error(`user ${userId} does not exist`);
    const again = await findWorkspaceForUser(tx, userId);
    if (again) return again;
    const [workspace] = await tx
      .insert(workspaces)
      .values({ name: defaultWorkspaceName(user.name, user.email) })
      .returning(WORKSPACE_VIEW);
    await tx.insert(memberships).values({ workspaceId: workspace!.id, userId, role: 'owner' });
    await ensureStarterWorkflows(tx, workspace!.id);
    return { workspace: workspace!, role: 'owner' as const };
  });
}

/** Every workspace the user belongs to, oldest membership first. */
export async function listWorkspacesForUser(db: DbOrTx, userId: string): Promise<WorkspaceAccess[]> {
  return db
    .select({ workspace: WORKSPACE_VIEW, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
}
