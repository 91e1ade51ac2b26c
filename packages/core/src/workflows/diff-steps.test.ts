import { describe, expect, it } from 'vitest';
import { diffSteps } from './diff-steps';

const echo = { id: 'echo', type: 'transform', expression: 'input' };
const wait = { id: 'wait', type: 'delay', duration: '30s' };
const fetch = { id: 'fetch', type: 'http', method: 'GET', url: 'https://example.com', timeout_ms: 10_000 };

describe('diffSteps', () => {
  it('reports added, removed, changed (field by field), moved and unchanged steps', () => {
    const changes = diffSteps(
      [echo, wait, fetch],
      [
        { ...fetch, url: 'https://example.org', headers: { a: 'b' } },
        echo,
        { id: 'new', type: 'delay', duration: '1m' },
      ],
    );
    expect(changes).toEqual([
      {
        id: 'fetch',
        type: 'http',
        change: 'changed',
        from_position: 3,
        to_position: 1,
        fields: [
          { field: 'url', before: 'https://example.com', after: 'https://example.org' },
          { field: 'headers', before: undefined, after: { a: 'b' } },
        ],
      },
      { id: 'echo', type: 'transform', change: 'moved', from_position: 1, to_position: 2, fields: [] },
      { id: 'new', type: 'delay', change: 'added', from_position: null, to_position: 3, fields: [] },
      { id: 'wait', type: 'delay', change: 'removed', from_position: 2, to_position: null, fields: [] },
    ]);
  });

  it('says unchanged for identical versions, and lists a type change among the fields', () => {
    expect(diffSteps([echo], [echo])[0]!.change).toBe('unchanged');
    const [c] = diffSteps([echo], [{ id: 'echo', type: 'delay', duration: '5s' }]);
    expect(c!.change).toBe('changed');
    expect(c!.fields.map((f) => f.field)).toEqual(['type', 'expression', 'duration']);
  });
});
