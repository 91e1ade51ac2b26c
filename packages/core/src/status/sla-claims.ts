import { and, type DbOrTx, desc, eq, slaClaims, sql, workspaces } from '@levqor/db';
import type Stripe from 'stripe';
import { z } from 'zod';
import { recordAdminAction, ZAdminReason } from '../admin/admin-action';
import { recordAudit } from '../audit/record-audit';
import { sendBillingNoticeOnce } from '../billing/billing-notices';
import { billingPageUrl } from '../billing/dunning';
import { DomainError, notFound } from '../errors';
import { authorizeWorkspaceAction } from '../workspaces/authorize-workspace-action';
import { monthlyAvailability, monthlyFeeCents } from './monthly-availability';
import {
  type ClaimWindowState,
  claimWindow,
  claimWindowState,
  creditCents,
  creditPercentFor,
  recentMonths,
  SLA_TARGET,
} from './sla-policy';

export const ZSlaMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month is YYYY-MM, e.g. 2026-11');
export const ZFileSlaClaimInput = z.object({ month: ZSlaMonth });

export type SlaClaimRow = typeof slaClaims.$inferSelect;

export interface SlaMonth {
  month: string;
  measuredMinutes: number;
  upMinutes: number;
  availability: number | null;
  creditPercent: number;
  feeCents: number;
  creditCents: number;
  window: ClaimWindowState;
  closesAt: string;
  claim: SlaClaimRow | null;
  /** Whether a claim can be filed now (owner, month ended, window open, a credit due, none filed). */
  claimable: boolean;
  /** Why not, in words, when not claimable. */
  note: string | null;
}

/** How many months the page shows (the current one and the five before it). */
const MONTHS_SHOWN = 6;

async function monthFigures(db: DbOrTx, workspaceId: string, months: string[]) {
  const availability = await monthlyAvailability(db, months);
  return Promise.all(
    availability.map(async (a) => {
      const feeCents = await monthlyFeeCents(db, workspaceId, a.month);
      const creditPercent = creditPercentFor(a.upMinutes, a.measuredMinutes);
      return { ...a, feeCents, creditPercent, creditCents: creditCents(feeCents, creditPercent) };
    }),
  );
}

function noteFor(
  m: { availability: number | null; creditPercent: number; feeCents: number; window: ClaimWindowState },
  claim: SlaClaimRow | null,
  owner: boolean,
): string | null {
  if (claim) return `Claim ${claim.status}`;
  if (m.window === 'not-ended') return 'Month in progress';
  if (m.availability === null) return 'No measurements';
  if (m.creditPercent === 0) return `Target met (${(SLA_TARGET * 100).toFixed(1)}%)`;
  if (m.feeCents === 0) return 'No paid subscription that month';
  if (m.window === 'closed') return 'Claim window closed';
  if (!owner) return 'Only the workspace owner can claim';
  return null;
}

/** The workspace's measured availability for the last six months, with what can be claimed. */
export async function getSlaOverview(
  db: DbOrTx,
  opts: { workspaceId: string; owner: boolean; now?: Date },
): Promise<SlaMonth[]> {
  const now = opts.now ?? new Date();
  const months = recentMonths(now, MONTHS_SHOWN);
  const [figures, claims] = await Promise.all([
    monthFigures(db, opts.workspaceId, months),
    db.select().from(slaClaims).where(eq(slaClaims.workspaceId, opts.workspaceId)),
  ]);
  return figures.map((f) => {
    const claim = claims.find((c) => c.month === f.month) ?? null;
    const window = claimWindowState(f.month, now);
    const m = { ...f, window, closesAt: claimWindow(f.month).closesAt.toISOString(), claim };
    const note = noteFor(m, claim, opts.owner);
    return { ...m, claimable: note === null, note };
  });
}

/**
 * Files the owner's claim for `month`: the month must have ended less than 30 days ago, its measured
 * availability be below the target and the workspace have paid a fee for it. The figures are computed
 * now and stored with the claim; one claim per workspace and month (the second is refused).
 */
export async function fileSlaClaim(
  db: DbOrTx,
  opts: { workspaceId: string; userId: string; month: string; now?: Date },
): Promise<SlaClaimRow> {
  await authorizeWorkspaceAction(db, {
    workspaceId: opts.workspaceId,
    userId: opts.userId,
    action: 'sla.claim',
  });
  const now = opts.now ?? new Date();
  const window = claimWindowState(opts.month, now);
  if (window === 'not-ended')
    throw new DomainError(
      'validation',
      `${opts.month} has not ended yet: claims open when the month is over.`,
    );
  if (window === 'closed')
    throw new DomainError(
      'validation',
      `Claims for ${opts.month} closed on ${claimWindow(opts.month).closesAt.toISOString().slice(0, 10)} (30 days after the month ended).`,
    );
  const [f] = await monthFigures(db, opts.workspaceId, [opts.month]);
  if (!f || f.availability === null)
    throw new DomainError(
      'validation',
      `No availability was measured in ${opts.month}: there is nothing to claim.`,
    );
  if (f.creditPercent === 0)
    throw new DomainError(
      'validation',
      `Measured availability in ${opts.month} was ${(f.availability * 100).toFixed(3)}%, at or above the ${(SLA_TARGET * 100).toFixed(1)}% target: no credit is due.`,
    );
  if (f.feeCents === 0)
    throw new DomainError(
      'validation',
      `The workspace paid no subscription fee for ${opts.month}, so a credit would be $0.00.`,
    );
  return db.transaction(async (tx) => {
    const [claim] = await tx
      .insert(slaClaims)
      .values({
        workspaceId: opts.workspaceId,
        month: opts.month,
        availability: f.availability!,
        measuredMinutes: f.measuredMinutes,
        creditPercent: f.creditPercent,
        feeCents: f.feeCents,
        creditCents: f.creditCents,
        filedBy: opts.userId,
        filedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!claim)
      throw new DomainError('validation', `A claim for ${opts.month} was already filed for this workspace.`);
    await recordAudit(tx, {
      workspaceId: opts.workspaceId,
      actor: opts.userId,
      action: 'sla.claim_filed',
      target: claim.id,
      metadata: { month: claim.month, creditCents: claim.creditCents, creditPercent: claim.creditPercent },
    });
    return claim;
  });
}

export const ZListSlaClaimsInput = z
  .object({ status: z.enum(['pending', 'approved', 'rejected']).optional() })
  .default({});

/** For admins: claims, pending first then newest, with their workspace's name (at most 200). */
export async function listSlaClaims(db: DbOrTx, input: z.infer<typeof ZListSlaClaimsInput> = {}) {
  return db
    .select({
      claim: slaClaims,
      workspaceName: workspaces.name,
      stripeCustomerId: workspaces.stripeCustomerId,
    })
    .from(slaClaims)
    .innerJoin(workspaces, eq(workspaces.id, slaClaims.workspaceId))
    .where(input.status ? eq(slaClaims.status, input.status) : undefined)
    .orderBy(sql`${slaClaims.status} = 'pending' desc`, desc(slaClaims.filedAt))
    .limit(200);
}

export const ZDecideSlaClaimInput = z.object({
  id: z.string().regex(/^slc_\w+$/, 'id is a claim id (slc_…)'),
  reason: ZAdminReason,
});
export type DecideSlaClaimInput = z.infer<typeof ZDecideSlaClaimInput>;

async function lockPending(tx: DbOrTx, id: string) {
  const [row] = await tx
    .select({ claim: slaClaims, customer: workspaces.stripeCustomerId })
    .from(slaClaims)
    .innerJoin(workspaces, eq(workspaces.id, slaClaims.workspaceId))
    .where(eq(slaClaims.id, id))
    .for('update', { of: slaClaims });
  if (!row) throw notFound('SLA claim');
  if (row.claim.status !== 'pending')
    throw new DomainError('validation', `This claim was already ${row.claim.status}.`);
  return row;
}

/**
 * Approves a pending claim: the credit is recorded on the claim and, when the workspace has a Stripe
 * customer, added to its customer balance (a negative balance transaction, applied to the next invoice;
 * idempotent per claim). A Stripe failure leaves the claim pending. Audited with the reason.
 */
export async function approveSlaClaim(
  db: DbOrTx,
  stripe: Stripe | null,
  opts: { actor: string; input: DecideSlaClaimInput },
): Promise<SlaClaimRow> {
  return db.transaction(async (tx) => {
    const { claim, customer } = await lockPending(tx, opts.input.id);
    let balanceTxn: string | null = null;
    if (customer && stripe && claim.creditCents > 0) {
      try {
        const txn = await stripe.customers.createBalanceTransaction(
          customer,
          {
            amount: -claim.creditCents,
            currency: 'usd',
            description: `Levqor SLA credit for ${claim.month} (${claim.creditPercent}% of the month's fee)`,
            metadata: { sla_claim_id: claim.id, workspace_id: claim.workspaceId },
          },
          { idempotencyKey: `levqor-sla-credit-${claim.id}` },
        );
        balanceTxn = txn.id;
      } catch (err) {
        throw new DomainError(
          'validation',
          `Stripe did not accept the balance credit (${err instanceof Error ? err.message : 'unknown error'}); the claim is still pending.`,
        );
      }
    }
    const [updated] = await tx
      .update(slaClaims)
      .set({
        status: 'approved',
        decidedBy: opts.actor,
        decidedAt: new Date(),
        decisionReason: opts.input.reason,
        stripeBalanceTransactionId: balanceTxn,
      })
      .where(and(eq(slaClaims.id, claim.id), eq(slaClaims.status, 'pending')))
      .returning();
    await recordAdminAction(tx, {
      actor: opts.actor,
      action: 'admin.sla_claim.approve',
      target: claim.id,
      reason: opts.input.reason,
      workspaceId: claim.workspaceId,
      details: { month: claim.month, creditCents: claim.creditCents, stripeBalanceTransaction: balanceTxn },
    });
    return updated!;
  });
}

/** Rejects a pending claim; the owners are emailed the reason. Audited. */
export async function rejectSlaClaim(
  db: DbOrTx,
  opts: { actor: string; input: DecideSlaClaimInput },
): Promise<SlaClaimRow> {
  return db.transaction(async (tx) => {
    const { claim } = await lockPending(tx, opts.input.id);
    const [updated] = await tx
      .update(slaClaims)
      .set({
        status: 'rejected',
        decidedBy: opts.actor,
        decidedAt: new Date(),
        decisionReason: opts.input.reason,
      })
      .where(eq(slaClaims.id, claim.id))
      .returning();
    await recordAdminAction(tx, {
      actor: opts.actor,
      action: 'admin.sla_claim.reject',
      target: claim.id,
      reason: opts.input.reason,
      workspaceId: claim.workspaceId,
      details: { month: claim.month, creditCents: claim.creditCents },
    });
    await sendBillingNoticeOnce(tx, {
      key: `sla-claim:${claim.id}:rejected`,
      workspaceId: claim.workspaceId,
      kind: 'sla_claim_rejected',
      subject: `Your SLA credit claim for ${claim.month} was not approved`,
      paragraphs: [
        `Your claim for a ${claim.creditPercent}% service credit for ${claim.month} (measured availability ${(claim.availability * 100).toFixed(3)}%) was reviewed and not approved.`,
        `The reason given: ${opts.input.reason}`,
        'Reply to this email if you think this is wrong.',
      ],
      action: { label: 'See your availability', url: billingPageUrl().replace(/\/billing$/, '/sla') },
    });
    return updated!;
  });
}
