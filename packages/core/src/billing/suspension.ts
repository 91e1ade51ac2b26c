import { type DbOrTx, eq, workspaces } from '@levqor/db';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { DomainError, notFound } from '../errors';

/** The 403 intake answers while a workspace is suspended (REST: problem type `…/account-suspended`). */
export function accountSuspended(): DomainError {
  return new DomainError(
    'account-suspended',
    'This workspace is suspended: new jobs are refused. If an invoice is unpaid, update the payment method under Billing (Manage billing) and it is restored at once; otherwise contact support@levqor.dev.',
  );
}

export const ZSuspensionInput = z.object({
  workspaceId: z.string().min(1),
  /** Who acts: `usr_…` (an admin), `system` (dunning) or `stripe` (a payment). */
  actor: z.string().min(1),
  reason: z.string().trim().min(3, 'Give a reason (at least 3 characters)').max(500),
});
export type SuspensionInput = z.input<typeof ZSuspensionInput>;

/**
 * What an override does when the workspace is already in the state asked for. Billing (dunning, a paid
 * invoice) keeps the default `ignore`: a payment on a workspace in good standing is a quiet no-op. An
 * administrator's override uses `refuse`: a 409 `suspension-state` saying so, before anything is written,
 * so an action taken from a stale page is not mistaken for one that happened (no audit entry either).
 */
export interface SuspensionOptions {
  ifUnchanged?: 'ignore' | 'refuse';
}

export interface Suspension {
  workspaceId: string;
  suspendedAt: Date | null;
  reason: string | null;
  /** False when the workspace was already in that state (nothing written, nothing audited). */
  changed: boolean;
}

/**
 * Suspends a workspace: intake refuses new jobs (403 account-suspended) on the REST API and the
 * dashboard. Jobs already queued or running are left to finish: their cost was reserved when they were
 * accepted inside a paid period, and cancelling would lose customer work for a billing delay. Audited.
 */
export async function suspendWorkspace(
  db: DbOrTx,
  raw: SuspensionInput,
  opts: SuspensionOptions = {},
): Promise<Suspension> {
  const input = ZSuspensionInput.parse(raw);
  return db.transaction(async (tx) => {
    const [ws] = await tx
      .select({
        name: workspaces.name,
        suspendedAt: workspaces.suspendedAt,
        reason: workspaces.suspendedReason,
      })
      .from(workspaces)
      .where(eq(workspaces.id, input.workspaceId))
      .for('no key update');
    if (!ws) throw notFound('Workspace');
    if (ws.suspendedAt && opts.ifUnchanged === 'refuse')
      throw new DomainError(
        'suspension-state',
        `Workspace “${ws.name}” (${input.workspaceId}) is already suspended (since ${ws.suspendedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC); nothing to suspend`,
        { workspaceId: input.workspaceId, suspended: true },
      );
    if (ws.suspendedAt)
      return {
        workspaceId: input.workspaceId,
        suspendedAt: ws.suspendedAt,
        reason: ws.reason,
        changed: false,
      };
    const [row] = await tx
      .update(workspaces)
      .set({ suspendedAt: new Date(), suspendedReason: input.reason })
      .where(eq(workspaces.id, input.workspaceId))
      .returning({ suspendedAt: workspaces.suspendedAt });
    await recordAudit(tx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: 'workspace.suspended',
      target: input.workspaceId,
      metadata: { reason: input.reason },
    });
    return {
      workspaceId: input.workspaceId,
      suspendedAt: row!.suspendedAt,
      reason: input.reason,
      changed: true,
    };
  });
}

/**
 * Lifts a suspension (a payment, or an admin's override). Audited with the reason; idempotent unless
 * `ifUnchanged: 'refuse'` (see SuspensionOptions).
 */
export async function restoreWorkspace(
  db: DbOrTx,
  raw: SuspensionInput,
  opts: SuspensionOptions = {},
): Promise<Suspension> {
  const input = ZSuspensionInput.parse(raw);
  return db.transaction(async (tx) => {
    const [ws] = await tx
      .select({ name: workspaces.name, suspendedAt: workspaces.suspendedAt })
      .from(workspaces)
      .where(eq(workspaces.id, input.workspaceId))
      .for('no key update');
    if (!ws) throw notFound('Workspace');
    if (!ws.suspendedAt && opts.ifUnchanged === 'refuse')
      throw new DomainError(
        'suspension-state',
        `Workspace “${ws.name}” (${input.workspaceId}) is not suspended; nothing to restore`,
        { workspaceId: input.workspaceId, suspended: false },
      );
    if (!ws.suspendedAt)
      return { workspaceId: input.workspaceId, suspendedAt: null, reason: null, changed: false };
    await tx
      .update(workspaces)
      .set({ suspendedAt: null, suspendedReason: null })
      .where(eq(workspaces.id, input.workspaceId));
    await recordAudit(tx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: 'workspace.restored',
      target: input.workspaceId,
      metadata: { reason: input.reason, suspended_at: ws.suspendedAt.toISOString() },
    });
    return { workspaceId: input.workspaceId, suspendedAt: null, reason: null, changed: true };
  });
}

/** Whether the workspace is suspended, and why (for the banners). */
export async function suspensionOf(
  db: DbOrTx,
  workspaceId: string,
): Promise<{ suspendedAt: Date; reason: string | null } | null> {
  const [ws] = await db
    .select({ suspendedAt: workspaces.suspendedAt, reason: workspaces.suspendedReason })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!ws) throw notFound('Workspace');
  return ws.suspendedAt ? { suspendedAt: ws.suspendedAt, reason: ws.reason } : null;
}
