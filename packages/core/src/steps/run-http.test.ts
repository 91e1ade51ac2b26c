import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZHttpStep } from '../workflows/step-schema';
import { runHttp } from './run-http';
import { StepError } from './step-error';

/** A local server recording what reaches it (the guard lets 127.0.0.1 through via LEVQOR_SSRF_ALLOW). */
const received: IncomingHttpHeaders[] = [];
const server = createServer((req, res) => {
  received.push(req.headers);
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
});
let url = '';
const env = { LEVQOR_SSRF_ALLOW: '127.0.0.1' };

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const step = ZHttpStep.parse({
  id: 'call',
  type: 'http',
  url: '{{input.url}}',
  headers: { 'X-Trace': '{{input.trace}}' },
});
const run = (trace: string) =>
  runHttp(step, { input: { url, trace }, steps: {} }, AbortSignal.timeout(5_000), env).catch(
    (e: unknown) => e,
  );

describe('http step headers filled in at run time', () => {
  it('are sent when they are one line', async () => {
    received.length = 0;
    const ok = await run('abc-123');
    expect(ok).toMatchObject({ output: { status: 200, body: { ok: true } } });
    expect(received.map((h) => h['x-trace'])).toEqual(['abc-123']);
  });

  it.each([
    ['a CR/LF', 'abc\r\nX-Injected: 1', 'contains a line break (CR/LF)'],
    ['a bare LF', 'abc\nX-Injected: 1', 'contains a line break (CR/LF)'],
    ['a NUL', 'abc\u0000', 'a control character'],
    ['text beyond Latin-1', 'price in €', 'beyond Latin-1'],
  ])(
    'fail the step at once, not retried, with a readable message, sending nothing (%s)',
    async (_, trace, text) => {
      received.length = 0;
      const err = await run(trace);
      expect(err).toBeInstanceOf(StepError);
      expect((err as StepError).retryable).toBe(false);
      expect((err as StepError).message).toContain('Header "X-Trace"');
      expect((err as StepError).message).toContain(text);
      expect(received).toEqual([]);
    },
  );
});
