/** The kinds of recommendation and what each draft carries before it is stored. */
export const RECOMMENDATION_KINDS = ['pricing', 'discount', 'autoscale'] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

export const RECOMMENDATION_STATUSES = ['open', 'applied', 'dismissed', 'noop'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/** A recorded figure a recommendation was computed from, as a person reads it. */
export interface RecommendationInput {
  key: string;
  label: string;
  value: number | string | null;
}

export interface RecommendationDraft {
  kind: RecommendationKind;
  subject: string;
  title: string;
  explanation: string;
  inputs: RecommendationInput[];
  proposal: Record<string, unknown>;
  /** False when the figures call for no change (stored as `noop`: shown, nothing to apply). */
  actionable: boolean;
}

export const DAY_MS = 86_400_000;
export const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);
export const addDays = (day: string, n: number) =>
  new Date(dayStart(day).getTime() + n * DAY_MS).toISOString().slice(0, 10);
export const round2 = (n: number) => Math.round(n * 100) / 100;
export const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
export const pct = (r: number) => `${round2(r * 100)}%`;
