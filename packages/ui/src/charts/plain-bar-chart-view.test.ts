import { describe, expect, it } from 'vitest';
import { ticksFor } from './plain-bar-chart-view';

describe('ticksFor: the plain bar chart value axis', () => {
  it('gives five round ticks from 0 whose top covers the largest stack', () => {
    expect(ticksFor(1, true)).toEqual([0, 1, 2, 3, 4]);
    expect(ticksFor(7, true)).toEqual([0, 2, 4, 6, 8]);
    expect(ticksFor(37, true)).toEqual([0, 10, 20, 30, 40]);
    expect(ticksFor(1234, true)).toEqual([0, 500, 1000, 1500, 2000]);
    for (const max of [1, 3, 9, 11, 99, 101, 4999])
      expect(ticksFor(max, true).at(-1)).toBeGreaterThanOrEqual(max);
  });
  it('keeps whole steps for counts and allows fractions otherwise', () => {
    expect(ticksFor(0.4, true)).toEqual([0, 1, 2, 3, 4]);
    expect(ticksFor(0.4, false)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
  });
  it('draws an empty chart on 0..4', () => {
    expect(ticksFor(0, true)).toEqual([0, 1, 2, 3, 4]);
  });
});
