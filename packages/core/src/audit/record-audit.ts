import { auditEvents, type DbOrTx } from '@levqor/db';

/** Appends to the audit log (API keys, budgets, roles…). */
export async function recordAudit(
  db: DbOrTx,
  entry: {
    workspaceId: string | null;
    actor: string;
    action: string;
    target?: string;
    metadata?: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(auditEvents).values({
    workspaceId: entry.workspaceId,
    actor: entry.actor,
    action: entry.action,
    target: entry.target ?? null,
    metadata: entry.metadata ?? null,
  });
}
