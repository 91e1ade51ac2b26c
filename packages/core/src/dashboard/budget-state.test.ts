import { describe, expect, it } from 'vitest';
import { centsToUnits } from '../money/money';
import { describeBudget } from './budget-state';

const figures = (budget: number, spent: number, reserved = 0) => ({
  month: '2026-12',
  budget: centsToUnits(budget),
  spent: centsToUnits(spent),
  reserved: centsToUnits(reserved),
});

describe('describeBudget', () => {
  it('reports an over-spent budget with its real percentage and how far over it is', () => {
    const s = describeBudget(figures(100, 250.5));
    expect(s.state).toBe('over');
    expect(s.spent_percent).toBe(250.5);
    expect(s.over_by_cents).toBe(150.5);
    expect(s.available_cents).toBe(-150.5);
  });

  it('keeps 100.04% distinct from 100%', () => {
    expect(describeBudget(figures(10_000, 10_004)).spent_percent).toBe(100.1);
    expect(describeBudget(figures(10_000, 10_000)).state).toBe('exhausted');
  });

  it('calls a budget used up by reservations exhausted, not over', () => {
    const s = describeBudget(figures(100, 60, 40));
    expect(s.state).toBe('exhausted');
    expect(s.over_by_cents).toBe(0);
    expect(s.committed_percent).toBe(100);
  });

  it('warns from 80% and is calm below', () => {
    expect(describeBudget(figures(100, 70, 10)).state).toBe('near');
    expect(describeBudget(figures(100, 70, 9.9999)).state).toBe('ok');
  });

  it('has no percentage for a zero budget, and any spend is over it', () => {
    const s = describeBudget(figures(0, 0.0001));
    expect(s.spent_percent).toBeNull();
    expect(s.state).toBe('over');
    expect(s.over_by_cents).toBe(0.0001);
    expect(describeBudget(figures(0, 0)).state).toBe('exhausted');
  });
});
