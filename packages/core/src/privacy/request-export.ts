import { and, type DbOrTx, eq, gt, privacyRequests, sql, users } from '@levqor/db';
import { DomainError, notFound } from '../errors';
import { EVENTS, type EventSender } from '../events/events';
import { hashPii } from '../security/pii-hash';
import { oneMonthAfter, recordRequestStep } from './request-trail';

export const EXPORT_REQUESTS_PER_DAY = 1;

/**
 * A signed-in user asks for their data (Art. 15/20). At most one request per 24 hours; the engine
 * builds and mails the archive (`privacy.export`). The event is sent in the same transaction.
 */
export async function requestExport(
  db: DbOrTx,
  opts: { userId: string; events: EventSender; now?: Date },
): Promise<{ id: string; dueAt: Date }> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, opts.userId)).for('update');
    if (!user) throw notFound('User');
    const recent = await tx
      .select({ id: privacyRequests.id, requestedAt: privacyRequests.requestedAt })
      .from(privacyRequests)
      .where(
        and(
          eq(privacyRequests.userId, opts.userId),
          eq(privacyRequests.kind, 'export'),
          gt(privacyRequests.requestedAt, new Date(now.getTime() - 86_400_000)),
        ),
      )
      .limit(1);
    if (recent.length) {
      const next = new Date(recent[0]!.requestedAt.getTime() + 86_400_000);
      throw new DomainError(
        'rate-limited',
        `You can request one data export per 24 hours. The next one is possible after ${next.toISOString()}.`,
        { retryAfter: next.toISOString() },
      );
    }
    const [row] = await tx
      .insert(privacyRequests)
      .values({
        userId: user.id,
        emailHash: hashPii(user.email.toLowerCase()),
        kind: 'export',
        status: 'pending',
        requestedAt: now,
        dueAt: oneMonthAfter(now),
      })
      .returning();
    await recordRequestStep(tx, { id: row!.id, kind: 'export', userId: user.id }, 'requested', {
      actor: user.id,
    });
    await opts.events.send(tx, {
      name: EVENTS.privacyExportRequested,
      data: { requestId: row!.id, userId: user.id },
    });
    return { id: row!.id, dueAt: row!.dueAt };
  });
}

/** The user's own requests (newest first), without archives or secrets. */
export async function listPrivacyRequests(db: DbOrTx, userId: string) {
  const rows = await db
    .select({
      id: privacyRequests.id,
      kind: privacyRequests.kind,
      status: privacyRequests.status,
      requestedAt: privacyRequests.requestedAt,
      dueAt: privacyRequests.dueAt,
      executeAfter: privacyRequests.executeAfter,
      completedAt: privacyRequests.completedAt,
      delivery: privacyRequests.delivery,
      archiveBytes: privacyRequests.archiveBytes,
      downloadedAt: privacyRequests.downloadedAt,
      purgedAt: privacyRequests.purgedAt,
    })
    .from(privacyRequests)
    .where(eq(privacyRequests.userId, userId))
    .orderBy(privacyRequests.requestedAt)
    .limit(100);
  return rows.reverse();
}

/**
 * For admins: data-subject requests by deadline (Art. 12(3): one month). Open ones first, oldest due
 * first; `overdue` marks those past their deadline and not completed.
 */
export async function listPrivacyRequestsByDeadline(db: DbOrTx, opts: { limit?: number; now?: Date } = {}) {
  const now = opts.now ?? new Date();
  const rows = await db
    .select({
      id: privacyRequests.id,
      userId: privacyRequests.userId,
      kind: privacyRequests.kind,
      status: privacyRequests.status,
      requestedAt: privacyRequests.requestedAt,
      dueAt: privacyRequests.dueAt,
      executeAfter: privacyRequests.executeAfter,
      completedAt: privacyRequests.completedAt,
    })
    .from(privacyRequests)
    .orderBy(
      sql`case when ${privacyRequests.status} in ('completed', 'cancelled') then 1 else 0 end`,
      privacyRequests.dueAt,
    )
    .limit(Math.min(opts.limit ?? 100, 500));
  return rows.map((r) => ({
    ...r,
    overdue: r.status !== 'completed' && r.status !== 'cancelled' && r.dueAt < now,
  }));
}
