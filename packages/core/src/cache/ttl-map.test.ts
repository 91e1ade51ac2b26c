import { describe, expect, it } from 'vitest';
import { TtlMap } from './ttl-map';

describe('TtlMap', () => {
  it('expires entries after the map’s TTL or their own, and keeps at most `max`, oldest out first', () => {
    const m = new TtlMap<string, number>(1_000, 2);
    m.set('a', 1, undefined, 0);
    m.set('b', 2, 5_000, 0);
    expect(m.get('a', 999)).toBe(1);
    expect(m.get('a', 1_000)).toBeUndefined();
    expect(m.get('b', 4_999)).toBe(2);
    m.set('c', 3, undefined, 0);
    m.set('d', 4, undefined, 0);
    expect(m.get('b', 1)).toBeUndefined();
    expect([m.get('c', 1), m.get('d', 1)]).toEqual([3, 4]);
    m.deleteWhere((k) => k === 'c');
    expect(m.get('c', 1)).toBeUndefined();
  });
});
