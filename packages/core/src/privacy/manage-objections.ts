import { and, type DbOrTx, desc, eq, isNull, privacyObjections, sql } from '@levqor/db';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { notFound } from '../errors';
import { ZPrivacyPurpose } from './purposes';

export const ZObjectionInput = z.object({
  purpose: ZPrivacyPurpose,
  reason: z.string().trim().max(500).optional(),
});
export type ObjectionInput = z.input<typeof ZObjectionInput>;

export const ZObjectionResource = z.object({
  id: z.string(),
  purpose: ZPrivacyPurpose,
  source: z.string(),
  reason: z.string().nullable(),
  created_at: z.date(),
  withdrawn_at: z.date().nullable(),
});
export type ObjectionResource = z.infer<typeof ZObjectionResource>;

const toResource = (r: typeof privacyObjections.$inferSelect): ObjectionResource => ({
  id: r.id,
  purpose: r.purpose,
  source: r.source,
  reason: r.reason,
  created_at: r.createdAt,
  withdrawn_at: r.withdrawnAt,
});

/** Newest first, withdrawn ones included (the record of what the user decided and when). */
export async function listObjections(db: DbOrTx, userId: string): Promise<ObjectionResource[]> {
  const rows = await db
    .select()
    .from(privacyObjections)
    .where(eq(privacyObjections.userId, userId))
    .orderBy(desc(privacyObjections.createdAt))
    .limit(200);
  return rows.map(toResource);
}

/** Records an objection; objecting again to a purpose already objected to returns the active one. */
export async function createObjection(
  db: DbOrTx,
  opts: {
    userId: string;
    actor: string;
    source: 'ui' | 'api' | 'header' | 'unsubscribe-link';
    input: ObjectionInput;
  },
): Promise<ObjectionResource> {
  const input = ZObjectionInput.parse(opts.input);
  const [row] = await db
    .insert(privacyObjections)
    .values({
      userId: opts.userId,
      purpose: input.purpose,
      source: opts.source,
      reason: input.reason ?? null,
    })
    .onConflictDoNothing({
      target: [privacyObjections.userId, privacyObjections.purpose],
      where: sql`${privacyObjections.withdrawnAt} is null`,
    })
    .returning();
  if (row) {
    await recordAudit(db, {
      workspaceId: null,
      actor: opts.actor,
      action: 'privacy.objection.created',
      target: opts.userId,
      metadata: { purpose: input.purpose, source: opts.source },
    });
    return toResource(row);
  }
  const [active] = await db
    .select()
    .from(privacyObjections)
    .where(
      and(
        eq(privacyObjections.userId, opts.userId),
        eq(privacyObjections.purpose, input.purpose),
        isNull(privacyObjections.withdrawnAt),
      ),
    );
  return toResource(active!);
}

/** Withdraws an objection of the user's own (idempotent; someone else's is "not found"). */
export async function withdrawObjection(
  db: DbOrTx,
  opts: { userId: string; actor: string; objectionId: string },
): Promise<ObjectionResource> {
  const [row] = await db
    .update(privacyObjections)
    .set({ withdrawnAt: sql`coalesce(${privacyObjections.withdrawnAt}, now())` })
    .where(and(eq(privacyObjections.id, opts.objectionId), eq(privacyObjections.userId, opts.userId)))
    .returning();
  if (!row) throw notFound('Objection');
  await recordAudit(db, {
    workspaceId: null,
    actor: opts.actor,
    action: 'privacy.objection.withdrawn',
    target: opts.userId,
    metadata: { purpose: row.purpose, objectionId: row.id },
  });
  return toResource(row);
}
