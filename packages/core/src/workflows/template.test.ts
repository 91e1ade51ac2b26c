import { describe, expect, it } from 'vitest';
import { lookup, placeholders, renderDeep, renderString, renderTemplate } from './template';

const scope = {
  input: { url: 'https://x.test', n: 3, list: [{ a: 1 }] },
  steps: { fetch: { output: { body: 'hello', status: 200 } } },
};

describe('templates', () => {
  it('renders input and step outputs', () => {
    expect(renderString('GET {{input.url}} -> {{ steps.fetch.output.status }}', scope)).toBe(
      'GET https://x.test -> 200',
    );
    expect(renderTemplate('{{input.n}}', scope)).toBe(3);
    expect(renderTemplate('{{input.list[0].a}}', scope)).toBe(1);
    expect(renderString('{{input.list}}', scope)).toBe('[{"a":1}]');
    expect(renderDeep({ h: ['{{steps.fetch.output.body}}'] }, scope)).toEqual({ h: ['hello'] });
  });

  it('never evaluates code and never walks the prototype', () => {
    expect(renderString('{{constructor.constructor("return 1")()}}', scope)).toBe('');
    expect(lookup(scope, 'input.__proto__')).toBeUndefined();
    expect(lookup(scope, 'input.toString')).toBeUndefined();
    expect(renderString('{{process.env.HOME}}', scope)).toBe('');
  });

  it('reports malformed placeholders', () => {
    expect(placeholders('{{input.a}} {{steps.x.output}}').paths).toEqual(['input.a', 'steps.x.output']);
    expect(placeholders('{{ 1 + 1 }}').error).toMatch(/not a valid placeholder/);
  });
});
