import { and, type DbOrTx, desc, eq, slaClaims } from '@levqor/db';
import { z } from 'zod';
import { exactInstant, keysetPage, olderThan } from '../admin/keyset-cursor';
import type { SlaClaimRow } from './sla-claims';

/** A claim as the REST API shows it to its workspace (no admin-only fields: who decided, Stripe ids). */
export const ZSlaClaimResource = z.object({
  id: z.string(),
  month: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  /** Measured availability of the month when the claim was filed, 0..1. */
  availability: z.number(),
  measured_minutes: z.number().int(),
  credit_percent: z.number().int(),
  fee_cents: z.number().int(),
  credit_cents: z.number().int(),
  filed_at: z.date(),
  decided_at: z.date().nullable(),
  decision_reason: z.string().nullable(),
});
export type SlaClaimResource = z.infer<typeof ZSlaClaimResource>;

export function toSlaClaimResource(c: SlaClaimRow): SlaClaimResource {
  return {
    id: c.id,
    month: c.month,
    status: c.status,
    availability: c.availability,
    measured_minutes: c.measuredMinutes,
    credit_percent: c.creditPercent,
    fee_cents: c.feeCents,
    credit_cents: c.creditCents,
    filed_at: c.filedAt,
    decided_at: c.decidedAt,
    decision_reason: c.decisionReason,
  };
}

export const ZListSlaClaimsPageInput = z.object({
  limit: z.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).nullish(),
});
export type ListSlaClaimsPageInput = z.input<typeof ZListSlaClaimsPageInput>;

export const ZSlaClaimPage = z.object({
  data: z.array(ZSlaClaimResource),
  next_cursor: z.string().nullable(),
});
export type SlaClaimPage = z.infer<typeof ZSlaClaimPage>;

/** One workspace's claims, newest filed first, a page at a time (keyset on filed_at, id). */
export async function listWorkspaceSlaClaims(
  db: DbOrTx,
  opts: { workspaceId: string; input: ListSlaClaimsPageInput },
): Promise<SlaClaimPage> {
  const input = ZListSlaClaimsPageInput.parse(opts.input);
  const rows = await db
    .select({ claim: slaClaims, id: slaClaims.id, at: exactInstant(slaClaims.filedAt) })
    .from(slaClaims)
    .where(
      and(
        eq(slaClaims.workspaceId, opts.workspaceId),
        input.cursor ? olderThan(slaClaims.filedAt, slaClaims.id, input.cursor) : undefined,
      ),
    )
    .orderBy(desc(slaClaims.filedAt), desc(slaClaims.id))
    .limit(input.limit + 1);
  const page = keysetPage(rows, input.limit);
  return { data: page.items.map((r) => toSlaClaimResource(r.claim)), next_cursor: page.nextCursor };
}
