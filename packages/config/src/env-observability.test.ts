import { describe, expect, it } from 'vitest';
import { envProblems } from './env';

describe('the observability variables', () => {
  it('accept a Sentry DSN and the log settings, and name a bad value in one line', () => {
    expect(
      envProblems({
        SENTRY_DSN: 'https://abc123@o1.ingest.sentry.io/42',
        LEVQOR_LOG_LEVEL: 'debug',
        LEVQOR_LOG_FORMAT: 'json',
      }),
    ).toEqual([]);
    expect(envProblems({ SENTRY_DSN: 'https://o1.ingest.sentry.io/42' })).toEqual([
      'Invalid environment variable SENTRY_DSN: must be a Sentry DSN: https://<key>@<host>/<project id>.',
    ]);
    expect(envProblems({ LEVQOR_LOG_FORMAT: 'xml' })[0]).toMatch(
      /^Invalid environment variable LEVQOR_LOG_FORMAT/,
    );
  });
});
