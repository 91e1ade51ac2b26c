import { Cents, formatCents } from '@levqor/ui';
import type { BudgetState } from '../api-types';

/** "250%", "100.1%", "<0.1%" for a spend too small to round to a tenth; "—" for a zero budget. */
export function formatPercent(p: number | null, spent = 0): string {
  if (p === null) return '—';
  if (p === 0 && spent > 0) return '<0.1%';
  return `${p}%`;
}

/**
 * Spend (and reservations) against the budget as a bar and a sentence. The percentage is the real one —
 * 250% when spend is two and a half times the budget — and over budget the whole bar turns red.
 */
export function BudgetMeter({ budget }: { budget: BudgetState }) {
  const over = budget.state === 'over';
  const total = Math.max(budget.budget_cents, budget.spent_cents + budget.reserved_cents);
  const width = (v: number) => (total > 0 ? `${Math.min(100, (v / total) * 100)}%` : '0%');
  return (
    <div className="stack" style={{ gap: 8 }} data-testid="budget-meter" data-state={budget.state}>
      <div
        className={`meter${over ? ' meter-over' : ''}`}
        role="img"
        aria-label={`Budget used: ${formatPercent(budget.spent_percent)} spent${over ? `, over by ${formatCents(budget.over_by_cents)}` : ''}`}
      >
        <div
          className={`meter-segment ${over ? 'meter-danger' : 'meter-accent'}`}
          style={{ width: over ? '100%' : width(budget.spent_cents) }}
        />
        {!over && (
          <div className="meter-segment meter-warn" style={{ width: width(budget.reserved_cents) }} />
        )}
      </div>
      <p style={{ margin: 0 }}>
        <strong data-testid="budget-percent" className={over ? 'text-danger' : undefined}>
          {formatPercent(budget.spent_percent, budget.spent_cents)}
        </strong>{' '}
        of <Cents value={budget.budget_cents} /> spent (<Cents value={budget.spent_cents} />)
        {budget.reserved_cents > 0 && (
          <>
            {' '}
            · <Cents value={budget.reserved_cents} /> held for queued and running jobs
          </>
        )}
        {over && (
          <>
            {' '}
            ·{' '}
            <strong className="text-danger" data-testid="budget-over-by">
              over by {formatCents(budget.over_by_cents)}
            </strong>
          </>
        )}
      </p>
    </div>
  );
}
