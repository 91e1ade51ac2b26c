import { describe, expect, it } from 'vitest';
import { storableJsonProblem, ZStorableJson } from './storable-json';

describe('storable JSON', () => {
  it('accepts ordinary JSON, emoji and paired surrogates', () => {
    expect(storableJsonProblem({ a: [1, 'x', null, { b: '😀 é' }], c: true })).toBeNull();
  });

  it('refuses NUL characters and unpaired surrogates in strings and keys, with the path', () => {
    expect(storableJsonProblem({ a: ['ok', 'x\u0000y'] })).toEqual({
      path: ['a', 1],
      message: 'contains a NUL character (\\u0000), which cannot be stored',
    });
    expect(storableJsonProblem({ a: { 'k\u0000': 1 } })?.path).toEqual(['a']);
    expect(storableJsonProblem(['\ud800'])?.message).toMatch(/unpaired UTF-16 surrogate/);
    expect(storableJsonProblem(['a\udc00'])?.message).toMatch(/unpaired/);
  });

  it('refuses nesting beyond the limit without recursing (100,000 levels)', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(storableJsonProblem(deep)?.message).toBe('is nested more than 64 levels deep');
    let ok: unknown = 1;
    for (let i = 0; i < 64; i++) ok = { a: ok };
    expect(storableJsonProblem(ok)).toBeNull();
  });

  it('is a zod schema with per-path issues', () => {
    const r = ZStorableJson.safeParse({ x: { y: 'a\u0000' } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['x', 'y'] });
  });
});
