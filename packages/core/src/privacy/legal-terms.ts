import {
  and,
  type DbOrTx,
  desc,
  eq,
  legalAcceptances,
  legalDocumentKind,
  legalDocuments,
  memberships,
} from '@levqor/db';
import { z } from 'zod';
import { recordAdminAction, ZAdminReason } from '../admin/admin-action';
import { DomainError } from '../errors';
import { hashPii } from '../security/pii-hash';

export const LEGAL_KINDS = legalDocumentKind.enumValues;
export type LegalKind = (typeof LEGAL_KINDS)[number];
/** API keys keep working this long after a new version, then need the owner's acceptance. */
export const API_KEY_ACCEPTANCE_GRACE_MS = 30 * 86_400_000;

export const ZPublishLegalInput = z.object({
  kind: z.enum(LEGAL_KINDS),
  version: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z.-]{1,32}$/, 'Use a short version label such as 2026-12 or 2.1'),
  summary: z.string().trim().min(3).max(500),
  body: z.string().trim().min(20).max(200_000),
  /** Why this version is published (kept in the audit entry, like every admin action). */
  reason: ZAdminReason,
});
export type PublishLegalInput = z.input<typeof ZPublishLegalInput>;

/** Publishes a new version (an admin action, audited). It becomes current at once. */
export async function publishLegalDocument(db: DbOrTx, opts: { adminId: string; input: PublishLegalInput }) {
  const input = ZPublishLegalInput.parse(opts.input);
  const { reason, ...doc } = input;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(legalDocuments)
      .values({ ...doc, publishedBy: opts.adminId })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new DomainError('validation', `${input.kind} version ${input.version} already exists`);
    await recordAdminAction(tx, {
      actor: opts.adminId,
      action: 'admin.legal.publish',
      target: row.id,
      reason,
      details: { kind: row.kind, version: row.version },
    });
    return row;
  });
}

/** The current (newest) version of each kind that has one. */
export async function currentLegalDocuments(db: DbOrTx) {
  const out: (typeof legalDocuments.$inferSelect)[] = [];
  for (const kind of LEGAL_KINDS) {
    const [doc] = await db
      .select()
      .from(legalDocuments)
      .where(eq(legalDocuments.kind, kind))
      .orderBy(desc(legalDocuments.publishedAt))
      .limit(1);
    if (doc) out.push(doc);
  }
  return out;
}

/** Current versions the user has not accepted (empty: nothing to accept). */
export async function pendingLegalDocuments(db: DbOrTx, userId: string) {
  const current = await currentLegalDocuments(db);
  const pending = [];
  for (const doc of current) {
    const [accepted] = await db
      .select({ id: legalAcceptances.id })
      .from(legalAcceptances)
      .where(and(eq(legalAcceptances.userId, userId), eq(legalAcceptances.documentId, doc.id)));
    if (!accepted) pending.push(doc);
  }
  return pending;
}

/** Records acceptance of the given current versions (ids must be current: a stale page cannot accept old text). */
export async function acceptLegalDocuments(
  db: DbOrTx,
  opts: { userId: string; documentIds: string[]; ip?: string | null; userAgent?: string | null },
): Promise<{ accepted: number }> {
  const current = await currentLegalDocuments(db);
  const ids = new Set(opts.documentIds);
  const stale = opts.documentIds.filter((id) => !current.some((d) => d.id === id));
  if (stale.length)
    throw new DomainError(
      'validation',
      'A newer version was published meanwhile: reload the page and read it.',
    );
  let accepted = 0;
  for (const doc of current.filter((d) => ids.has(d.id))) {
    const rows = await db
      .insert(legalAcceptances)
      .values({
        userId: opts.userId,
        documentId: doc.id,
        ipHash: opts.ip ? hashPii(opts.ip) : null,
        userAgent: opts.userAgent?.slice(0, 400) ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: legalAcceptances.id });
    accepted += rows.length;
  }
  return { accepted };
}

/**
 * The API-key gate: a workspace whose owner has not accepted a current version within 30 days of its
 * publication is refused (403 `terms-not-accepted`). Within the 30 days, keys keep working.
 */
export async function assertOwnerAcceptedTerms(
  db: DbOrTx,
  opts: { workspaceId: string; now?: Date },
): Promise<void> {
  const now = opts.now ?? new Date();
  const overdue = (await currentLegalDocuments(db)).filter(
    (d) => now.getTime() - d.publishedAt.getTime() > API_KEY_ACCEPTANCE_GRACE_MS,
  );
  if (!overdue.length) return;
  const owners = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, opts.workspaceId), eq(memberships.role, 'owner')));
  for (const doc of overdue) {
    let ok = false;
    for (const o of owners) {
      const [a] = await db
        .select({ id: legalAcceptances.id })
        .from(legalAcceptances)
        .where(and(eq(legalAcceptances.userId, o.userId), eq(legalAcceptances.documentId, doc.id)));
      if (a) ok = true;
    }
    if (!ok)
      throw new DomainError(
        'terms-not-accepted',
        `The workspace owner has not accepted the ${doc.kind === 'terms' ? 'terms of service' : 'privacy policy'} version ${doc.version} (published ${doc.publishedAt.toISOString().slice(0, 10)}). API keys work again once the owner accepts it at /legal/accept.`,
      );
  }
}

/**
 * The gate above with a short per-workspace memory, for the API's hot path: a refusal or a pass is
 * reused for `ttlMs` (a new acceptance takes effect within that time).
 */
export function createTermsGate(db: DbOrTx, opts: { ttlMs?: number } = {}) {
  const ttl = opts.ttlMs ?? 60_000;
  const memo = new Map<string, { until: number; error: DomainError | null }>();
  // One check in flight per workspace: a burst of requests shares it (and, with the database down,
  // fails together at once instead of queueing one query each).
  const inFlight = new Map<string, Promise<DomainError | null>>();
  const check = (workspaceId: string) => {
    let p = inFlight.get(workspaceId);
    if (!p) {
      p = assertOwnerAcceptedTerms(db, { workspaceId })
        .then(() => null)
        .catch((err: unknown) => {
          if (err instanceof DomainError) return err;
          throw err;
        })
        .then((error) => {
          if (memo.size > 10_000) memo.clear();
          memo.set(workspaceId, { until: Date.now() + ttl, error });
          return error;
        })
        .finally(() => inFlight.delete(workspaceId));
      inFlight.set(workspaceId, p);
    }
    return p;
  };
  return async (workspaceId: string) => {
    const hit = memo.get(workspaceId);
    const error = hit && hit.until > Date.now() ? hit.error : await check(workspaceId);
    if (error) throw error;
  };
}
