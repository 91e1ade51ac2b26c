import { and, type DbOrTx, desc, devMail, eq, lt, or, type SQL } from '@levqor/db';

export interface MailboxPage {
  items: { id: string; to: string; subject: string; createdAt: Date }[];
  nextCursor: string | null;
}

/** Newest first, cursor = the id of the last item seen. */
export async function listDevMail(
  db: DbOrTx,
  opts: { limit?: number; cursor?: string | null } = {},
): Promise<MailboxPage> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  let where: SQL | undefined;
  if (opts.cursor) {
    const [c] = await db
      .select({ createdAt: devMail.createdAt })
      .from(devMail)
      .where(eq(devMail.id, opts.cursor));
    if (c)
      where = or(
        lt(devMail.createdAt, c.createdAt),
        and(eq(devMail.createdAt, c.createdAt), lt(devMail.id, opts.cursor)),
      );
  }
  const rows = await db
    .select({ id: devMail.id, to: devMail.to, subject: devMail.subject, createdAt: devMail.createdAt })
    .from(devMail)
    .where(where)
    .orderBy(desc(devMail.createdAt), desc(devMail.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

export async function getDevMail(db: DbOrTx, id: string) {
  const [row] = await db.select().from(devMail).where(eq(devMail.id, id));
  return row ?? null;
}
