import { auditEvents, eq, workspaces } from '@levqor/db';
import { makeMember, makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { centsToUnits } from '../money/money';
import { changeBudget } from './change-budget';

describe('changeBudget', () => {
  it('is for the owner (audited with the old and new value); a member gets FORBIDDEN, an outsider NOT_FOUND', async () => {
    const { user: owner, workspace } = await makeUser();
    const { user: member } = await makeMember(workspace.id);
    const outsider = await makeUser();
    await expect(
      changeBudget(testDb(), { workspaceId: workspace.id, userId: member.id, input: { cents: 1 } }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only a workspace owner can change the monthly budget.',
    });
    await expect(
      changeBudget(testDb(), { workspaceId: workspace.id, userId: outsider.user.id, input: { cents: 1 } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [untouched] = await testDb().select().from(workspaces).where(eq(workspaces.id, workspace.id));
    expect(untouched!.monthlyBudgetCents).toBeNull();

    const status = await changeBudget(testDb(), {
      workspaceId: workspace.id,
      userId: owner.id,
      input: { cents: 250 },
    });
    expect(status.budget).toBe(centsToUnits(250));
    const audit = await testDb().select().from(auditEvents).where(eq(auditEvents.workspaceId, workspace.id));
    expect(audit.map((a) => [a.action, a.actor, a.metadata])).toEqual([
      ['budget.changed', owner.id, { from_cents: null, to_cents: 250 }],
    ]);
  });
});
