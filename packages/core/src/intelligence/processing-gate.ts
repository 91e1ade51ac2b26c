import { and, type DbOrTx, eq, inArray, memberships } from '@levqor/db';

/** What intelligence functions process personal activity for (issue I's objection purposes). */
export type ProcessingPurpose = 'analytics' | 'profiling';

/**
 * Whether a user's data may be processed for a purpose. Privacy (issue I) provides the real one
 * (`mayProcess(userId, purpose)` over consents and objections); until it is wired in, `ALLOW_ALL`
 * answers yes. Functions here ask it before judging a workspace on its own.
 */
export interface ProcessingGate {
  mayProcess(userId: string, purpose: ProcessingPurpose): Promise<boolean>;
}
export const ALLOW_ALL: ProcessingGate = { mayProcess: async () => true };

/**
 * The workspaces among `workspaceIds` whose owners object to `purpose`. Their per-workspace series are
 * skipped (they still count in the platform-wide aggregate, which names no one).
 */
export async function objectingWorkspaces(
  db: DbOrTx,
  gate: ProcessingGate,
  workspaceIds: string[],
  purpose: ProcessingPurpose,
): Promise<Set<string>> {
  if (gate === ALLOW_ALL || workspaceIds.length === 0) return new Set();
  const owners = await db
    .select({ workspaceId: memberships.workspaceId, userId: memberships.userId })
    .from(memberships)
    .where(and(inArray(memberships.workspaceId, workspaceIds), eq(memberships.role, 'owner')));
  const out = new Set<string>();
  for (const o of owners) if (!(await gate.mayProcess(o.userId, purpose))) out.add(o.workspaceId);
  return out;
}
