import { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withContext } from './context';
import { flushSentry, initSentry, reportError, sentryEnabled } from './sentry';
import { type FakeSentry, startFakeSentry } from './testing/fake-sentry';

let ingest: FakeSentry;
beforeAll(async () => {
  ingest = await startFakeSentry();
});
afterAll(() => ingest.close());

/** Counts every TCP connection this process opens while `fn` runs. */
async function connectionsDuring(fn: () => Promise<void>): Promise<number> {
  const connect = vi.spyOn(Socket.prototype, 'connect');
  try {
    await fn();
    return connect.mock.calls.length;
  } finally {
    connect.mockRestore();
  }
}

// In this order: once started, a Sentry client lives as long as its process.
describe('Sentry in a Node process', () => {
  it('without SENTRY_DSN is off: nothing loaded, no connection, nothing received', async () => {
    const opened = await connectionsDuring(async () => {
      expect(await initSentry('test', { NODE_ENV: 'test' })).toBe(false);
      reportError(new Error('boom for ada@example.com'), { requestId: 'req_off' });
      await flushSentry();
      await new Promise((r) => setTimeout(r, 200));
    });
    expect(sentryEnabled()).toBe(false);
    expect(opened).toBe(0);
    expect(ingest.envelopes).toHaveLength(0);
  });

  it('with SENTRY_DSN sends a scrubbed event tagged with the ids of the context', async () => {
    const opened = await connectionsDuring(async () => {
      expect(await initSentry('test', { SENTRY_DSN: ingest.dsn, NODE_ENV: 'test' })).toBe(true);
      withContext({ requestId: 'req_on', workspaceId: 'ws_on' }, () =>
        reportError(new Error('boom for ada@example.com'), { jobId: 'job_on' }),
      );
      await flushSentry();
    });
    expect(opened).toBeGreaterThan(0);
    const [event] = await ingest.waitForEvents(1);
    expect(event!.tags).toMatchObject({
      service: 'test',
      request_id: 'req_on',
      workspace_id: 'ws_on',
      job_id: 'job_on',
    });
    const raw = ingest.envelopes.map((e) => e.raw).join('\n');
    expect(raw).toContain('boom for [email]');
    expect(raw).not.toContain('ada@example.com');
  });
});
