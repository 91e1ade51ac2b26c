import { describe, expect, it } from 'vitest';
import { niceCeil } from './bar-chart';

describe('niceCeil', () => {
  it('rounds an axis maximum up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceCeil(0)).toBe(0);
    expect(niceCeil(33.3333)).toBe(50);
    expect(niceCeil(20)).toBe(20);
    expect(niceCeil(0.0003)).toBeCloseTo(0.0005, 10);
    expect(niceCeil(1.2)).toBe(2);
    expect(niceCeil(2.3)).toBe(2.5);
  });
});
