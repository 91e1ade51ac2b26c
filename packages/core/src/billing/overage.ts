import {
  and,
  asc,
  billingNotices,
  costLedger,
  costLedgerTotals,
  type DbOrTx,
  eq,
  gte,
  inArray,
  lt,
  lte,
  sql,
  workspaces,
} from '@levqor/db';
import type Stripe from 'stripe';
import { FLAGS, isFeatureEnabled } from '../feature-flags/feature-flag-reader';
import { centsToUnits, UNITS_PER_CENT, type Units } from '../money/money';
import { monthOf } from '../usage/budget';
import { recordNoticeOnce } from './billing-notices';
import { PLANS, type WorkspacePlan } from './plans';

/** The Stripe Billing meter overage is reported to (its `event_name`). */
export const meterEventName = (env: Record<string, string | undefined> = process.env) =>
  env.STRIPE_METER_EVENT_NAME || 'levqor_ai_overage';

/**
 * A settlement is metered once it is this old: settlements commit within seconds, so by then every
 * row before it in (created_at, id) order is visible and each row's share of the overage is final.
 */
export const METER_SETTLE_DELAY_MS = 60_000;

/** Whether AI spend above the plan's included budget is metered (flag on; not for contract budgets). */
export async function overageApplies(db: DbOrTx, workspaceId: string, plan: WorkspacePlan): Promise<boolean> {
  if (PLANS[plan].spendSetPerWorkspace) return false;
  return isFeatureEnabled(db, FLAGS.billingOverage, workspaceId);
}

/**
 * The budget intake checks against, in units; null: no limit. Without overage it is the plan's included
 * spend or the owner's lower cap. With overage the included spend no longer refuses (the excess is
 * metered), but an owner's own cap still does.
 */
export function intakeBudgetUnits(
  plan: WorkspacePlan,
  capCents: string | null,
  overage: boolean,
): Units | null {
  const p = PLANS[plan];
  if (p.spendSetPerWorkspace) return centsToUnits(capCents ?? p.includedSpendCents);
  if (overage)
    return capCents === null ? null : centsToUnits(Math.min(Number(capCents), p.includedSpendCents));
  return centsToUnits(
    capCents === null ? p.includedSpendCents : Math.min(Number(capCents), p.includedSpendCents),
  );
}

export interface MeterRow {
  /** The ledger row (`led_…`): the meter event's identifier. */
  id: string;
  /** Whole cents of overage this row carries. */
  cents: number;
}

/**
 * Each settlement's share of the month's overage, in whole cents, for settle rows in (created_at, id)
 * order: with `cum` the running spend above `includedUnits`, a row carries ⌊cum after it⌋ − ⌊cum
 * before it⌋ cents, so the shares sum to the whole cents of the overage and each is fixed by the rows
 * before it. Rows carrying nothing are left out.
 */
export function overageShares(rows: { id: string; amount: Units }[], includedUnits: Units): MeterRow[] {
  let spent = 0;
  const out: MeterRow[] = [];
  const wholeCentsOver = (s: Units) => Math.floor(Math.max(0, s - includedUnits) / UNITS_PER_CENT);
  for (const r of rows) {
    const before = wholeCentsOver(spent);
    spent += r.amount;
    const cents = wholeCentsOver(spent) - before;
    if (cents > 0) out.push({ id: r.id, cents });
  }
  return out;
}

/** Workspaces whose settled AI spend this month is above their plan's included spend. */
export async function workspacesOverIncluded(db: DbOrTx, month: string): Promise<string[]> {
  const rows = await db
    .select({
      id: workspaces.id,
      plan: workspaces.plan,
      spent: sql<string>`sum(${costLedgerTotals.total})::text`,
    })
    .from(costLedgerTotals)
    .innerJoin(workspaces, eq(workspaces.id, costLedgerTotals.workspaceId))
    .where(and(eq(costLedgerTotals.month, month), eq(costLedgerTotals.kind, 'settle')))
    .groupBy(workspaces.id, workspaces.plan);
  return rows
    .filter((r) => !PLANS[r.plan].spendSetPerWorkspace)
    .filter((r) => centsToUnits(r.spent) > centsToUnits(PLANS[r.plan].includedSpendCents))
    .map((r) => r.id);
}

/**
 * The month's settle rows settled before `settledBefore`, in (created_at, id) order, with each one's share
 * of the overage (`overageShares` against the plan's included spend): exactly what `reportOverage` meters.
 * Rows carrying nothing are left out.
 */
export async function meteredShares(
  db: DbOrTx,
  opts: { workspaceId: string; plan: WorkspacePlan; month: string; settledBefore: Date },
): Promise<(MeterRow & { createdAt: Date })[]> {
  const settled = await db
    .select({ id: costLedger.id, amount: costLedger.amount, createdAt: costLedger.createdAt })
    .from(costLedger)
    .where(
      and(
        eq(costLedger.workspaceId, opts.workspaceId),
        eq(costLedger.month, opts.month),
        eq(costLedger.kind, 'settle'),
        lte(costLedger.createdAt, opts.settledBefore),
      ),
    )
    .orderBy(asc(costLedger.createdAt), asc(costLedger.id));
  const at = new Map(settled.map((r) => [r.id, r.createdAt]));
  return overageShares(
    settled.map((r) => ({ id: r.id, amount: centsToUnits(r.amount) })),
    centsToUnits(PLANS[opts.plan].includedSpendCents),
  ).map((s) => ({ ...s, createdAt: at.get(s.id)! }));
}

/**
 * The overage billed for a workspace's settlements of one UTC day (YYYY-MM-DD), in whole cents: the
 * shares `reportOverage` meters (same rows, same formula) of the settle rows created that day — in the
 * month of their job's reservation, which for a job that ran across a month's end is the month before.
 * Nothing when the overage does not apply (flag off, contract budget) or Stripe cannot bill it (no
 * customer), as `reportOverage` would meter nothing.
 */
export async function overageCentsOn(
  db: DbOrTx,
  opts: { workspaceId: string; day: string },
): Promise<number> {
  const [ws] = await db
    .select({ plan: workspaces.plan, customer: workspaces.stripeCustomerId })
    .from(workspaces)
    .where(eq(workspaces.id, opts.workspaceId));
  if (!ws?.customer || !(await overageApplies(db, opts.workspaceId, ws.plan))) return 0;
  const from = new Date(`${opts.day}T00:00:00Z`);
  const until = new Date(from.getTime() + 86_400_000);
  const months = await db
    .selectDistinct({ month: costLedger.month })
    .from(costLedger)
    .where(
      and(
        eq(costLedger.workspaceId, opts.workspaceId),
        eq(costLedger.kind, 'settle'),
        gte(costLedger.createdAt, from),
        lt(costLedger.createdAt, until),
      ),
    );
  let cents = 0;
  for (const { month } of months) {
    const shares = await meteredShares(db, {
      workspaceId: opts.workspaceId,
      plan: ws.plan,
      month,
      settledBefore: until,
    });
    for (const s of shares) if (s.createdAt >= from && s.createdAt < until) cents += s.cents;
  }
  return cents;
}

export interface OverageReport {
  workspaceId: string;
  /** Meter events created now. */
  reported: number;
  /** Rows found reported before (recorded, or Stripe already had the identifier). */
  already: number;
  cents: number;
  skipped?: string;
}

const alreadyExists = (e: unknown) =>
  (e as { code?: string; raw?: { code?: string } }).code === 'resource_already_exists' ||
  (e as { raw?: { code?: string } }).raw?.code === 'resource_already_exists';

/**
 * Reports the workspace's AI overage of `month` to the Stripe meter, one meter event per settle row
 * carrying overage (identifier = the ledger row id, payload value in cents), when `billing.overage` is
 * on for it. Each reported row is recorded (`billing_notices`, key `meter:<row id>`); a retry skips the
 * recorded rows, and a row reported but not recorded (a crash between the two) is refused by Stripe as a
 * duplicate identifier and recorded then — so a row is never billed twice.
 */
export async function reportOverage(
  db: DbOrTx,
  stripe: Stripe,
  opts: { workspaceId: string; month?: string; now?: Date; env?: Record<string, string | undefined> },
): Promise<OverageReport> {
  const now = opts.now ?? new Date();
  const month = opts.month ?? monthOf(now);
  const report: OverageReport = { workspaceId: opts.workspaceId, reported: 0, already: 0, cents: 0 };
  const [ws] = await db
    .select({ plan: workspaces.plan, customer: workspaces.stripeCustomerId })
    .from(workspaces)
    .where(eq(workspaces.id, opts.workspaceId));
  if (!ws) return { ...report, skipped: 'no such workspace' };
  if (!(await overageApplies(db, opts.workspaceId, ws.plan)))
    return { ...report, skipped: 'billing.overage is off' };
  if (!ws.customer) return { ...report, skipped: 'no Stripe customer' };
  const shares = await meteredShares(db, {
    workspaceId: opts.workspaceId,
    plan: ws.plan,
    month,
    settledBefore: new Date(now.getTime() - METER_SETTLE_DELAY_MS),
  });
  if (shares.length === 0) return report;
  const recorded = new Set(
    (
      await db
        .select({ key: billingNotices.key })
        .from(billingNotices)
        .where(
          inArray(
            billingNotices.key,
            shares.map((s) => `meter:${s.id}`),
          ),
        )
    ).map((r) => r.key),
  );
  const eventName = meterEventName(opts.env);
  for (const share of shares) {
    if (recorded.has(`meter:${share.id}`)) {
      report.already++;
      continue;
    }
    let fresh = true;
    try {
      await stripe.billing.meterEvents.create({
        event_name: eventName,
        identifier: share.id,
        payload: { stripe_customer_id: ws.customer, value: String(share.cents) },
      });
    } catch (error) {
      if (!alreadyExists(error)) throw error;
      fresh = false;
    }
    await recordNoticeOnce(db, {
      key: `meter:${share.id}`,
      workspaceId: opts.workspaceId,
      kind: 'overage.metered',
      metadata: { cents: share.cents, month, event_name: eventName },
    });
    if (fresh) {
      report.reported++;
      report.cents += share.cents;
    } else report.already++;
  }
  return report;
}
