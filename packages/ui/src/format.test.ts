import { describe, expect, it } from 'vitest';
import { formatCents, formatDateTime, formatDuration } from './format';

describe('formatCents', () => {
  it('shows amounts under a dollar as cents with up to 4 decimals', () => {
    expect(formatCents(0)).toBe('0¢');
    expect(formatCents(0.0123)).toBe('0.0123¢');
    expect(formatCents(0.1)).toBe('0.1¢');
    expect(formatCents(12)).toBe('12¢');
    expect(formatCents(99.9999)).toBe('99.9999¢');
  });
  it('shows a dollar and more as dollars, exactly', () => {
    expect(formatCents(100)).toBe('$1.00');
    expect(formatCents(1_000)).toBe('$10.00');
    expect(formatCents(100.0123)).toBe('$1.000123');
    expect(formatCents(123_456_78.5)).toBe('$123,456.785');
  });
  it('does not drift on float sums and handles missing values', () => {
    expect(formatCents(0.1 + 0.2)).toBe('0.3¢');
    expect(formatCents(null)).toBe('—');
    expect(formatCents(-0.5)).toBe('−0.5¢');
  });
});

describe('formatDuration', () => {
  it('picks a readable unit', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(1_234)).toBe('1.23 s');
    expect(formatDuration(125_000)).toBe('2m 5s');
    expect(formatDuration(7_200_000)).toBe('2h 0m');
    expect(formatDuration(null)).toBe('—');
  });
});

describe('formatDateTime', () => {
  it('writes UTC for server HTML, the same shape as the viewer-local form', () => {
    expect(formatDateTime('2025-01-31T23:05:09.123Z', 'utc')).toBe('2025-01-31 23:05:09');
    expect(formatDateTime('2025-01-31T23:05:09+02:00', 'utc')).toBe('2025-01-31 21:05:09');
    expect(formatDateTime('2025-01-31T23:05:09.123Z')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(formatDateTime(null, 'utc')).toBe('—');
  });
});
