import { describe, expect, it } from 'vitest';
import { withContext } from './context';
import { createLogger, prettyLine } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ write: (line: string) => void lines.push(JSON.parse(line)) }, {});
  return { logger, lines };
}

describe('the logger', () => {
  it('writes one JSON line with level, ISO time, message and the ids of the work in progress', () => {
    const { logger, lines } = capture();
    withContext({ requestId: 'req_1' }, () =>
      withContext({ jobId: 'job_1', workspaceId: 'ws_1' }, () => logger.warn({ step: 2 }, 'step.slow')),
    );
    logger.info('outside');
    expect(lines[0]).toMatchObject({
      level: 'warn',
      msg: 'step.slow',
      requestId: 'req_1',
      jobId: 'job_1',
      workspaceId: 'ws_1',
      step: 2,
    });
    expect(new Date(String(lines[0]!.time)).toISOString()).toBe(lines[0]!.time);
    expect(lines[1]).toEqual({ level: 'info', time: lines[1]!.time, msg: 'outside' });
  });

  it('redacts cookies and authorization headers', () => {
    const { logger, lines } = capture();
    logger.error({ headers: { cookie: 'session=abc', authorization: 'Bearer k', accept: '*/*' } }, 'x');
    expect(lines[0]!.headers).toEqual({ cookie: '[redacted]', authorization: '[redacted]', accept: '*/*' });
  });

  it('writes an error as its type, message and stack, without the data hung on it', () => {
    const { logger, lines } = capture();
    logger.error({ err: Object.assign(new Error('boom'), { payload: { card: '4242' } }) }, 'x');
    expect(lines[0]!.err).toMatchObject({ type: 'Error', message: 'boom' });
    expect(JSON.stringify(lines[0])).not.toContain('4242');
  });

  it('renders a line for a terminal', () => {
    const line = prettyLine(
      JSON.stringify({ level: 'info', time: '2026-12-05T16:00:01.000Z', msg: 'hello', requestId: 'req_1' }),
    );
    expect(line).toBe('16:00:01 INFO  hello  requestId=req_1\n');
  });
});
