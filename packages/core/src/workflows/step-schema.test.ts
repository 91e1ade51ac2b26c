import { describe, expect, it } from 'vitest';
import { ZWorkflowDefinition } from './step-schema';

const CONTRACT = {
  slug: 'summarize-url',
  name: 'Summarize a URL',
  steps: [
    {
      id: 'fetch',
      type: 'http',
      method: 'GET',
      url: '{{input.url}}',
      headers: {},
      body: null,
      timeout_ms: 10000,
    },
    {
      id: 'sum',
      type: 'ai',
      model: 'gpt-4o-mini',
      prompt: 'Summarize: {{steps.fetch.output.body}}',
      max_tokens: 300,
    },
    { id: 'shape', type: 'transform', expression: "{ 'summary': steps.sum.output.text }" },
    { id: 'wait', type: 'delay', duration: '5m' },
    { id: 'tell', type: 'email', to: 'owner', subject: 'Done', body: '{{steps.sum.output.text}}' },
  ],
};

function messages(input: unknown): string[] {
  const r = ZWorkflowDefinition.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('workflow definition', () => {
  it('accepts the documented contract', () => {
    expect(messages(CONTRACT)).toEqual([]);
  });

  it('explains each bad step', () => {
    const bad = {
      ...CONTRACT,
      steps: [
        { id: 'a', type: 'http', url: '{{input.url}}', timeout_ms: 60000 },
        { id: 'a', type: 'delay', duration: '8d' },
        { id: 'c', type: 'transform', expression: '{ "x": ' },
        { id: 'd', type: 'ai', model: 'nope', prompt: 'x', max_tokens: 10 },
        { id: 'f', type: 'teleport' },
      ],
    };
    const m = messages(bad).join('\n');
    expect(m).toContain('timeout_ms is at most 30000');
    expect(m).toContain('A delay is at most 7 days');
    expect(m).toContain('Invalid JSONata');
    expect(m).toContain('Unknown model "nope"');
    expect(m).toContain('Step type must be one of');
  });

  it('checks step ids and references across steps', () => {
    const steps = [
      { id: 'a', type: 'transform', expression: 'input' },
      { id: 'a', type: 'transform', expression: 'input' },
      { id: 'e', type: 'email', to: 'owner', subject: 'x', body: '{{steps.zzz.output}} {{steps.e.output}}' },
    ];
    const m = messages({ ...CONTRACT, steps }).join('\n');
    expect(m).toContain('Duplicate step id "a"');
    expect(m).toContain('no earlier step is called "zzz"');
    expect(m).toContain('no earlier step is called "e"');
  });

  it('refuses a bad slug and an empty step list', () => {
    expect(messages({ slug: 'Bad Slug', name: 'x', steps: [] }).join('\n')).toMatch(
      /Slug uses lowercase[\s\S]*at least one step/,
    );
  });
});

describe('http step headers', () => {
  const step = (headers: Record<string, string>) => ({
    ...CONTRACT,
    steps: [{ id: 'call', type: 'http', url: 'https://api.example.com/', headers }],
  });

  it('refuses a static value with a line break or control character, and a name that is not a token', () => {
    expect(messages(step({ 'X-Ok': 'Bearer {{input.token}}', Accept: 'text/plain; q=0.9' }))).toEqual([]);
    expect(messages(step({ 'X-Evil': 'a\r\nX-Injected: 1' }))).toEqual([
      'steps.0.headers.X-Evil: A header value is one line: no line breaks (CR/LF) or other control characters',
    ]);
    expect(messages(step({ 'X-Bell': 'ding\u0007' }))).toHaveLength(1);
    expect(messages(step({ 'Bad Name': 'x' }))[0]).toContain('A header name is letters, digits');
    expect(messages(step({ 'X-Split\r\nHost': 'x' }))[0]).toContain('A header name is letters, digits');
  });
});
