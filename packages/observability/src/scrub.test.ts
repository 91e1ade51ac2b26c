import { describe, expect, it } from 'vitest';
import { scrubBreadcrumb, scrubEvent, scrubText } from './scrub';

describe('the Sentry scrubber', () => {
  it('masks emails, IPs, tokens, API keys and bearer secrets in text', () => {
    const text =
      'user ada@example.com from 203.0.113.9 / 2001:db8::1 opened /cb?token=s3cr3t&x=1 with lvq_live_abcdefghijklmnopqrstuvwxyz012345_abc123 and Bearer eyJhbGciOi.x.y';
    const out = scrubText(text);
    for (const secret of [
      'ada@example.com',
      '203.0.113.9',
      '2001:db8::1',
      's3cr3t',
      'lvq_live_',
      'eyJhbGciOi',
    ])
      expect(out).not.toContain(secret);
    expect(out).toContain('[email]');
    expect(out).toContain('token=[redacted]');
    // what locates a fault survives
    expect(scrubText('job_abc failed at 12:00:01 in step 2 (v1.2.3)')).toBe(
      'job_abc failed at 12:00:01 in step 2 (v1.2.3)',
    );
  });

  it('keeps only the user id, the request method and path, and the runtime contexts', () => {
    const event = scrubEvent({
      message: 'for bob@example.com',
      user: { id: 'usr_1', email: 'bob@example.com', ip_address: '198.51.100.4' },
      request: {
        method: 'POST',
        url: 'http://localhost:3000/api/trpc/jobs.submit?input=%7B%22email%22%3A%22bob%40example.com%22%7D',
        headers: { cookie: 'next-auth.session-token=abc', authorization: 'Bearer k' },
        cookies: { a: 'b' },
        data: { payload: { email: 'bob@example.com' } },
        query_string: 'x=1',
      },
      extra: { payload: { card: '4242' } },
      contexts: { runtime: { name: 'node' }, payload: { email: 'bob@example.com' } },
      tags: { request_id: 'req_1', email: 'bob@example.com', note: 'carol@example.com' },
      exception: {
        values: [
          {
            value: 'no row for bob@example.com',
            stacktrace: { frames: [{ function: 'f', vars: { email: 'x' } }] },
          },
        ],
      },
      breadcrumbs: [
        {
          message: 'GET /x?token=abc',
          data: { url: 'http://x/y?email=bob@example.com', to: 'bob@example.com' },
        },
      ],
    });
    const json = JSON.stringify(event);
    for (const secret of [
      'bob@example.com',
      'carol@example.com',
      'session-token',
      '198.51.100.4',
      '4242',
      'bob%40example',
    ])
      expect(json).not.toContain(secret);
    expect(event.user).toEqual({ id: 'usr_1' });
    expect(event.request).toEqual({ method: 'POST', url: 'http://localhost:3000/api/trpc/jobs.submit' });
    expect(event.contexts).toEqual({ runtime: { name: 'node' } });
    expect(event.tags).toEqual({ request_id: 'req_1', note: '[email]' });
    expect(event.exception.values[0]!.value).toBe('no row for [email]');
  });

  it('masks breadcrumbs on their own (beforeBreadcrumb)', () => {
    const crumb = scrubBreadcrumb({
      message: 'mail to eve@example.com',
      data: { url: 'http://a/b?code=1', email: 'e' },
    });
    expect(crumb).toEqual({ message: 'mail to [email]', data: { url: 'http://a/b' } });
  });
});
