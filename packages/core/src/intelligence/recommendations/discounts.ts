import { type DbOrTx, sql } from '@levqor/db';
import { countable } from '../growth/growth';
import { addDays, pct, type RecommendationDraft, round2 } from './recommendation';

/** Below this share of recent signups on a paid plan, a discount is recommended. */
export const TARGET_CONVERSION = 0.05;
/** Fewer signups than this in the last 7 days: too few to judge. */
export const MIN_SIGNUPS = 3;

/**
 * The discount rule, from signup and conversion rates (users objecting to analytics are not counted):
 * - signups: users who signed up in the 7 days before `day`, against the weekly average of the 28 days
 *   before those (the trend);
 * - conversion: of the users who signed up in the 30 days before `day`, the share in a workspace on a
 *   paid plan.
 * Conversion under TARGET_CONVERSION calls for a coupon on the first 3 months: 15% off, +10 points when
 * conversion is under half the target, +5 when signups fell by more than 20% against the trend.
 */
export function discountFor(f: { signups7: number; weeklyAvg: number; conversion: number }) {
  if (f.signups7 < MIN_SIGNUPS) return null;
  if (f.conversion >= TARGET_CONVERSION) return null;
  let percent = 15;
  if (f.conversion < TARGET_CONVERSION / 2) percent += 10;
  if (f.weeklyAvg > 0 && f.signups7 < 0.8 * f.weeklyAvg) percent += 5;
  return percent;
}

export async function discountRecommendations(
  db: DbOrTx,
  opts: { day: string },
): Promise<RecommendationDraft[]> {
  const [row] = await db.execute<{ signups7: number; prior28: number; cohort30: number; paid30: number }>(sql`
    with u as (
      select u.id, u.created_at from users u
      where u.created_at >= ${addDays(opts.day, -35)}::date and u.created_at < ${opts.day}::date
        and ${countable(sql.raw('u.id'))}
    )
    select
      count(*) filter (where created_at >= ${addDays(opts.day, -7)}::date)::int as signups7,
      count(*) filter (where created_at < ${addDays(opts.day, -7)}::date)::int as prior28,
      count(*) filter (where created_at >= ${addDays(opts.day, -30)}::date)::int as cohort30,
      count(*) filter (where created_at >= ${addDays(opts.day, -30)}::date and exists (
        select 1 from memberships m join workspaces w on w.id = m.workspace_id
        where m.user_id = u.id and w.plan <> 'free'))::int as paid30
    from u
  `);
  const signups7 = row?.signups7 ?? 0;
  const weeklyAvg = (row?.prior28 ?? 0) / 4;
  const conversion = row && row.cohort30 > 0 ? row.paid30 / row.cohort30 : 0;
  const percent = discountFor({ signups7, weeklyAvg, conversion });
  const code = `WELCOME${percent ?? 0}-${opts.day.replaceAll('-', '')}`;
  const inputs = [
    { key: 'signups_7d', label: 'Signups, last 7 days', value: signups7 },
    { key: 'weekly_avg_prior', label: 'Weekly signups, 28 days before', value: round2(weeklyAvg) },
    { key: 'signups_30d', label: 'Signups, last 30 days', value: row?.cohort30 ?? 0 },
    { key: 'paid_30d', label: '…of them on a paid plan', value: row?.paid30 ?? 0 },
    { key: 'conversion', label: 'Conversion to paid', value: pct(conversion) },
    { key: 'target', label: 'Target conversion', value: pct(TARGET_CONVERSION) },
  ];
  const why =
    signups7 < MIN_SIGNUPS
      ? `Only ${signups7} signups in the last 7 days (fewer than ${MIN_SIGNUPS}): too few to judge.`
      : `Conversion to paid is ${pct(conversion)} against a ${pct(TARGET_CONVERSION)} target; ` +
        `${signups7} signups this week vs ${round2(weeklyAvg)} a week before.`;
  return [
    {
      kind: 'discount',
      subject: 'signup',
      title: percent
        ? `Offer ${percent}% off the first 3 months (promotion code ${code})`
        : 'No discount: conversion is on target or there are too few signups',
      explanation: percent
        ? `${why} 15% off${conversion < TARGET_CONVERSION / 2 ? ', +10 points as conversion is under half the target' : ''}${weeklyAvg > 0 && signups7 < 0.8 * weeklyAvg ? ', +5 points as signups fell over 20%' : ''}. Applying creates a Stripe coupon and promotion code.`
        : why,
      inputs,
      proposal: percent
        ? { percent_off: percent, duration: 'repeating', duration_in_months: 3, code, max_redemptions: 500 }
        : {},
      actionable: percent !== null,
    },
  ];
}
