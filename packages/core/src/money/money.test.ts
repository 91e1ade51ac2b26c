import { describe, expect, it } from 'vitest';
import { centsToUnits, sumUnits, unitsToCents, unitsToDb } from './money';

describe('money', () => {
  it('round-trips database amounts exactly', () => {
    for (const s of ['0.0000', '0.0045', '12.3456', '1000000.0001'])
      expect(unitsToDb(centsToUnits(s))).toBe(s);
    expect(centsToUnits('-1.5')).toBe(-15_000);
    expect(unitsToDb(-15_000)).toBe('-1.5000');
  });

  it('sums without float drift', () => {
    const tenth = centsToUnits('0.1');
    const total = sumUnits(Array.from({ length: 10 }, () => tenth));
    expect(unitsToCents(total)).toBe(1);
    expect(0.1 * 10 === 1 || 0.1 + 0.2 !== 0.3).toBe(true);
    expect(unitsToCents(centsToUnits('0.1') + centsToUnits('0.2'))).toBe(0.3);
  });

  it('refuses garbage', () => {
    expect(() => centsToUnits('abc')).toThrow(/not an amount/);
  });
});
