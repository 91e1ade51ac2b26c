import type { DbOrTx } from '@levqor/db';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';

/** Why an administrator acts: required on every admin mutation, stored in the audit entry. */
export const ZAdminReason = z
  .string()
  .trim()
  .min(5, 'Give a reason of at least 5 characters; it is kept in the audit log')
  .max(500, 'Keep the reason under 500 characters');

/** Appends an admin action to the audit log: who (`actor`), what (`action` on `target`), why (`reason`). */
export async function recordAdminAction(
  db: DbOrTx,
  entry: {
    actor: string;
    action: `admin.${string}`;
    target: string;
    reason: string;
    workspaceId?: string | null;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await recordAudit(db, {
    workspaceId: entry.workspaceId ?? null,
    actor: entry.actor,
    action: entry.action,
    target: entry.target,
    metadata: { reason: entry.reason, ...entry.details },
  });
}
