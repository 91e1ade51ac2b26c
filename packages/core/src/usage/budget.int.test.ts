import { costLedger, eq, jobs, sql, workspaces } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import type { EventSender } from '../events/events';
import { submitJob } from '../jobs/submit-job';
import { centsToUnits } from '../money/money';
import { budgetStatus, monthOf } from './budget';

const events: EventSender = { send: async () => {}, flush: async () => {} };

/** What the ledger itself says, summed the slow way. */
async function summed(workspaceId: string) {
  const rows = await testDb()
    .select({ kind: costLedger.kind, total: sql<string>`sum(${costLedger.amount})::text` })
    .from(costLedger)
    .where(eq(costLedger.workspaceId, workspaceId))
    .groupBy(costLedger.kind);
  const sum = (k: string) => centsToUnits(rows.find((r) => r.kind === k)?.total ?? '0');
  return { spent: sum('settle'), reserved: sum('reserve') - sum('release') };
}

describe('ledger running totals (triggers on cost_ledger)', () => {
  it('match the ledger after intake, concurrent settlements and deletions', async () => {
    const { user, workspace } = await makeUser();
    const submitted = await Promise.all(
      Array.from({ length: 12 }, () =>
        submitJob(
          testDb(),
          { workspaceId: workspace.id, submittedBy: user.id, events },
          { workflow: 'demo.flow', payload: {} },
        ),
      ),
    );
    const month = monthOf();
    // Settlements as the workers write them: one statement of two rows per job, many at once.
    await Promise.all(
      submitted.slice(0, 8).map(({ job }) =>
        testDb().transaction((tx) =>
          tx.insert(costLedger).values([
            { workspaceId: workspace.id, jobId: job.id, kind: 'settle', amount: '0.0070', month },
            { workspaceId: workspace.id, jobId: job.id, kind: 'release', amount: '0.0100', month },
          ]),
        ),
      ),
    );
    let status = await budgetStatus(testDb(), workspace.id);
    expect({ spent: status.spent, reserved: status.reserved }).toEqual(await summed(workspace.id));
    expect(status.spent).toBe(centsToUnits('0.0560'));
    expect(status.reserved).toBe(centsToUnits('0.0400'));

    // A deleted job leaves its ledger rows as they were, its id included: totals unchanged.
    const kept = await testDb().select().from(costLedger).where(eq(costLedger.jobId, submitted[0]!.job.id));
    await testDb().delete(jobs).where(eq(jobs.id, submitted[0]!.job.id));
    expect(
      await testDb().select().from(costLedger).where(eq(costLedger.jobId, submitted[0]!.job.id)),
    ).toEqual(kept);
    expect(kept.map((r) => r.kind).sort()).toEqual(['release', 'reserve', 'settle']);
    // Deleted ledger rows leave the totals.
    await testDb().delete(costLedger).where(eq(costLedger.jobId, submitted[1]!.job.id));
    status = await budgetStatus(testDb(), workspace.id);
    expect({ spent: status.spent, reserved: status.reserved }).toEqual(await summed(workspace.id));

    // The ledger is append-only.
    await expect(
      testDb().update(costLedger).set({ amount: '1.0000' }).where(eq(costLedger.workspaceId, workspace.id)),
    ).rejects.toThrow();
    // And a workspace still goes with everything it owns.
    await testDb().delete(workspaces).where(eq(workspaces.id, workspace.id));
    expect(await summed(workspace.id)).toEqual({ spent: 0, reserved: 0 });
  });
});
