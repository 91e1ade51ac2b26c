import { randomBytes } from 'node:crypto';
import { createUser } from '@levqor/core';
import { getDb, memberships, users } from '@levqor/db';

export { getDb as testDb };

/** A unique email for this test run. */
export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(5).toString('hex')}@test.levqor.local`;
}

/** A fresh user owning a fresh workspace. */
export async function makeUser(
  opts: { admin?: boolean; name?: string; workspaceName?: string; label?: string } = {},
) {
  const { user, workspace } = await createUser(getDb(), {
    email: uniqueEmail(opts.label),
    name: opts.name,
    admin: opts.admin ?? false,
    workspaceName: opts.workspaceName,
  });
  return { user, workspace };
}

/**
 * A fresh user whose only workspace is `workspaceId`, joined as a `member` (not an owner): the workspace
 * every request of theirs acts in.
 */
export async function makeMember(workspaceId: string, opts: { label?: string } = {}) {
  const [user] = await getDb()
    .insert(users)
    .values({ email: uniqueEmail(opts.label ?? 'member'), name: 'Member' })
    .returning();
  await getDb().insert(memberships).values({ workspaceId, userId: user!.id, role: 'member' });
  return { user: user! };
}
