import { z } from 'zod';
import { type Units, unitsToCents } from '../money/money';

/**
 * Where a workspace stands against its monthly budget:
 * - `over`: settled spend is above the budget (e.g. the budget was lowered after the spend);
 * - `exhausted`: spend + reservations reach the budget — new jobs with a cost are refused;
 * - `near`: spend + reservations reach 80% of it;
 * - `ok`: otherwise.
 */
export const BUDGET_STATES = ['ok', 'near', 'exhausted', 'over'] as const;
export type BudgetStateName = (typeof BUDGET_STATES)[number];

/** Share of the budget at which the dashboard starts warning. */
export const NEAR_BUDGET_RATIO = 0.8;

export const ZBudgetState = z
  .object({
    month: z.string().meta({ example: '2026-11' }),
    state: z.enum(BUDGET_STATES),
    budget_cents: z.number(),
    spent_cents: z.number(),
    reserved_cents: z.number(),
    /** Budget − spent − reserved; negative when over. */
    available_cents: z.number(),
    /** Spent ÷ budget × 100, not capped (250 means two and a half times the budget); null for a zero budget. */
    spent_percent: z.number().nullable(),
    /** (Spent + reserved) ÷ budget × 100, not capped; null for a zero budget. */
    committed_percent: z.number().nullable(),
    /** How far settled spend is above the budget (0 unless `over`). */
    over_by_cents: z.number(),
  })
  .meta({ id: 'BudgetState' });
export type BudgetState = z.infer<typeof ZBudgetState>;

/** One decimal place; above the whole it rounds up, so 100.04% reads as 100.1%, never as "100%". */
function percent(part: Units, whole: Units): number | null {
  if (whole <= 0) return null;
  const tenths = (part / whole) * 1_000;
  return (part > whole ? Math.ceil(tenths) : Math.round(tenths)) / 10;
}

/** The budget state of figures in units (exact), as cents for the API. */
export function describeBudget(figures: {
  month: string;
  budget: Units;
  spent: Units;
  reserved: Units;
}): BudgetState {
  const { month, budget, spent, reserved } = figures;
  const committed = spent + reserved;
  const state: BudgetStateName =
    spent > budget
      ? 'over'
      : committed >= budget
        ? 'exhausted'
        : committed >= budget * NEAR_BUDGET_RATIO
          ? 'near'
          : 'ok';
  return {
    month,
    state,
    budget_cents: unitsToCents(budget),
    spent_cents: unitsToCents(spent),
    reserved_cents: unitsToCents(reserved),
    available_cents: unitsToCents(budget - committed),
    spent_percent: percent(spent, budget),
    committed_percent: percent(committed, budget),
    over_by_cents: unitsToCents(Math.max(0, spent - budget)),
  };
}
