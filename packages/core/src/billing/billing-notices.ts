import { and, billingNotices, type DbOrTx, eq, memberships, users } from '@levqor/db';
import { BillingNoticeEmail, sendEmail } from '@levqor/email';
import { createElement } from 'react';

export interface BillingNotice {
  /** Unique per notice (`dunning:in_1:day1`): a notice whose key exists is never sent again. */
  key: string;
  workspaceId: string;
  kind: string;
  subject: string;
  paragraphs: string[];
  action: { label: string; url: string };
  metadata?: Record<string, unknown>;
}

/** Records a key once (true when new): for notices without an email, e.g. "invoice paid". */
export async function recordNoticeOnce(
  db: DbOrTx,
  entry: { key: string; workspaceId: string; kind: string; metadata?: Record<string, unknown> },
): Promise<boolean> {
  const rows = await db
    .insert(billingNotices)
    .values({ ...entry, metadata: entry.metadata ?? null })
    .onConflictDoNothing()
    .returning({ key: billingNotices.key });
  return rows.length > 0;
}

export async function noticeExists(db: DbOrTx, key: string): Promise<boolean> {
  const [row] = await db
    .select({ key: billingNotices.key })
    .from(billingNotices)
    .where(eq(billingNotices.key, key));
  return !!row;
}

/**
 * Emails the workspace's owners, once per `key` even across retries and concurrent runs: the key is
 * recorded in the same transaction as the dev-mailbox message (with Resend, an email whose commit then
 * failed is sent again on retry: at least once, never twice for a committed notice). False: sent before.
 */
export async function sendBillingNoticeOnce(db: DbOrTx, notice: BillingNotice): Promise<boolean> {
  return db.transaction(async (tx) => {
    const fresh = await recordNoticeOnce(tx, {
      key: notice.key,
      workspaceId: notice.workspaceId,
      kind: notice.kind,
      metadata: { subject: notice.subject, ...notice.metadata },
    });
    if (!fresh) return false;
    const owners = await tx
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, notice.workspaceId), eq(memberships.role, 'owner')));
    for (const owner of owners)
      await sendEmail(tx, {
        to: owner.email,
        subject: notice.subject,
        react: createElement(BillingNoticeEmail, {
          title: notice.subject,
          paragraphs: notice.paragraphs,
          action: notice.action,
        }),
      });
    return true;
  });
}
