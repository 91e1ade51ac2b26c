import { and, type DbOrTx, eq, inArray, memberships } from '@levqor/db';
import { mayProcess, objectorsAmong } from '../privacy/may-process';

/** What intelligence functions process personal activity for (issue I's objection purposes). */
export type ProcessingPurpose = 'analytics' | 'profiling';

/**
 * Whether a user's data may be processed for a purpose. Privacy (issue I) provides the real one
 * (`mayProcess(userId, purpose)` over consents and objections); until it is wired in, `ALLOW_ALL`
 * answers yes. Functions here ask it before judging a workspace on its own.
 */
export interface ProcessingGate {
  mayProcess(userId: string, purpose: ProcessingPurpose): Promise<boolean>;
  /** Of `userIds`, those who object to `purpose` (one query for a batch); else `mayProcess` per user. */
  objectors?(userIds: readonly string[], purpose: ProcessingPurpose): Promise<Set<string>>;
}
export const ALLOW_ALL: ProcessingGate = { mayProcess: async () => true };

/** The real gate: the users' Art. 21 objections (issue I), `all` included. */
export function privacyGate(db: DbOrTx): ProcessingGate {
  return {
    mayProcess: (userId, purpose) => mayProcess(db, userId, purpose),
    objectors: (userIds, purpose) => objectorsAmong(db, userIds, purpose),
  };
}

/** Of `userIds`, those the gate says object to `purpose`. */
export async function objectingUsers(
  gate: ProcessingGate,
  userIds: readonly string[],
  purpose: ProcessingPurpose,
): Promise<Set<string>> {
  if (gate === ALLOW_ALL || userIds.length === 0) return new Set();
  if (gate.objectors) return gate.objectors(userIds, purpose);
  const out = new Set<string>();
  for (const id of userIds) if (!(await gate.mayProcess(id, purpose))) out.add(id);
  return out;
}

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
  const objecting = await objectingUsers(
    gate,
    owners.map((o) => o.userId),
    purpose,
  );
  return new Set(owners.filter((o) => objecting.has(o.userId)).map((o) => o.workspaceId));
}
