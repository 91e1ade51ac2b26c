import { memberships, users } from '@levqor/db';
import { makeUser, testDb, uniqueEmail } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { listMembers } from './list-members';
import { renameWorkspace } from './rename-workspace';
import { ensureWorkspaceForUser, findWorkspaceForUser } from './workspace-for-user';

describe('workspaces', () => {
  it('an owner renames; a member cannot; an outsider gets NOT_FOUND', async () => {
    const owner = await makeUser();
    const member = await makeUser();
    const outsider = await makeUser();
    await testDb()
      .insert(memberships)
      .values({ workspaceId: owner.workspace.id, userId: member.user.id, role: 'member' });

    const renamed = await renameWorkspace(testDb(), {
      workspaceId: owner.workspace.id,
      userId: owner.user.id,
      input: { name: 'Renamed' },
    });
    expect(renamed.name).toBe('Renamed');
    await expect(
      renameWorkspace(testDb(), {
        workspaceId: owner.workspace.id,
        userId: member.user.id,
        input: { name: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      renameWorkspace(testDb(), {
        workspaceId: owner.workspace.id,
        userId: outsider.user.id,
        input: { name: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const members = await listMembers(testDb(), owner.workspace.id);
    expect(members.map((m) => m.role).sort()).toEqual(['member', 'owner']);
    expect(members.some((m) => m.userId === outsider.user.id)).toBe(false);
  });

  it('gives a new user exactly one workspace even under concurrent first requests', async () => {
    const [user] = await testDb()
      .insert(users)
      .values({ email: uniqueEmail('fresh'), name: 'Fresh' })
      .returning();
    expect(await findWorkspaceForUser(testDb(), user!.id)).toBeNull();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => ensureWorkspaceForUser(testDb(), user!.id)),
    );
    expect(new Set(results.map((r) => r.workspace.id)).size).toBe(1);
    expect(results[0]!.role).toBe('owner');
    expect(results[0]!.workspace.name).toBe("Fresh's workspace");
  });
});
