import { type DbOrTx, eq, privacyRequests, sql } from '@levqor/db';
import { recordAudit } from '../audit/record-audit';

/** Appends a step to a request's trail and to the audit log, in the caller's transaction. */
export async function recordRequestStep(
  db: DbOrTx,
  req: { id: string; kind: 'export' | 'erasure'; userId: string | null },
  step: string,
  opts: { actor?: string; detail?: string; set?: Partial<typeof privacyRequests.$inferInsert> } = {},
): Promise<void> {
  const entry = { step, detail: opts.detail };
  await db
    .update(privacyRequests)
    .set({
      ...opts.set,
      trail: sql`${privacyRequests.trail} || jsonb_build_array(jsonb_build_object('at', now()) || ${JSON.stringify(entry)}::jsonb)`,
    })
    .where(eq(privacyRequests.id, req.id));
  await recordAudit(db, {
    workspaceId: null,
    actor: opts.actor ?? 'system',
    action: `privacy.${req.kind}.${step}`,
    target: req.id,
    metadata: { userId: req.userId, ...(opts.detail ? { detail: opts.detail } : {}) },
  });
}

/** The one-month deadline of Art. 12(3): the same day of the next month (clamped to its last day). */
export function oneMonthAfter(at: Date): Date {
  const due = new Date(at);
  const day = due.getUTCDate();
  due.setUTCDate(1);
  due.setUTCMonth(due.getUTCMonth() + 1);
  const last = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth() + 1, 0)).getUTCDate();
  due.setUTCDate(Math.min(day, last));
  return due;
}

export const webUrl = (env: NodeJS.ProcessEnv = process.env) =>
  (env.LEVQOR_WEB_URL ?? 'http://localhost:3000').replace(/\/$/, '');
