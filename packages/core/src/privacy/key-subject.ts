import { and, apiKeys, asc, type DbOrTx, eq, memberships } from '@levqor/db';
import { notFound } from '../errors';

/**
 * The person an API key speaks for in privacy actions: the user who created it, while they still
 * belong to the key's workspace; otherwise the workspace's owner. Never a user of another workspace.
 */
export async function keySubject(db: DbOrTx, opts: { keyId: string; workspaceId: string }): Promise<string> {
  const [key] = await db
    .select({ createdBy: apiKeys.createdBy })
    .from(apiKeys)
    .where(and(eq(apiKeys.id, opts.keyId), eq(apiKeys.workspaceId, opts.workspaceId)));
  if (key?.createdBy) {
    const [member] = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, opts.workspaceId), eq(memberships.userId, key.createdBy)));
    if (member) return member.userId;
  }
  const [owner] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, opts.workspaceId), eq(memberships.role, 'owner')))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  if (!owner) throw notFound('Workspace owner');
  return owner.userId;
}
