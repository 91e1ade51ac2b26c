import { describe, expect, it } from 'vitest';
import { canonicalTarget, encodedLength } from './canonical-path';

const SIGN_IN = '/api/auth/signin/email';

describe('canonicalTarget', () => {
  it.each([
    ['/api/auth/signin/email', SIGN_IN],
    ['/api/auth/%73ignin/email', SIGN_IN],
    ['/api/auth/%73%69%67%6e%69%6e/email', SIGN_IN],
    ['/api/health/../auth/signin/email', SIGN_IN],
    ['/api/health/%2e%2e/auth/signin/email', SIGN_IN],
    ['/api/health/%2E%2E/auth/signin/email', SIGN_IN],
    ['/api/health/.%2e/auth/signin/email', SIGN_IN],
    ['/_next/../api/auth/signin/email', SIGN_IN],
    ['/_next/static/../../api/auth/signin/email', SIGN_IN],
    ['//api/auth/signin/email', SIGN_IN],
    ['/api//auth///signin/email', SIGN_IN],
    ['/api/auth/./signin/email', SIGN_IN],
    ['/api/auth/%2e/signin/email', SIGN_IN],
    ['/api/auth/signin/email/', `${SIGN_IN}/`],
    ['/api/auth/SIGNIN/email', '/api/auth/SIGNIN/email'],
    ['/', '/'],
    ['//', '/'],
    ['/a/..', '/'],
    ['/a/b/..', '/a/'],
    ['/dashboard/jobs/job_1?status=queued&x=%2e%2e', '/dashboard/jobs/job_1'],
    ['/caf%C3%A9', '/café'],
  ])('%s → %s', (raw, path) => {
    const t = canonicalTarget(raw);
    expect(t).toMatchObject({ ok: true, path });
  });

  it.each([
    ['/api/auth%2fsignin/email', 'encoded "/"'],
    ['/api/auth%2Fsignin/email', 'encoded "/"'],
    ['/api/auth/signin%5cemail', 'backslash'],
    ['/api/auth\\signin/email', 'backslash'],
    ['/api/auth/signin./email', 'ends with a dot'],
    ['/api/auth/signin%2e/email', 'ends with a dot'],
    ['/api/auth/signin/email...', 'ends with a dot'],
    ['/api/auth/%2573ignin/email', 'twice'],
    ['/api/auth/%252e%252e/x', 'twice'],
    ['/api/auth/signin/email%00', 'control'],
    ['/api/auth/sign%0ain/email', 'control'],
    ['/api/auth/%zz', 'malformed'],
    ['/api/auth/%e2%82', 'malformed'],
    ['/..', 'above the root'],
    ['/%2e%2e/api/auth/signin/email', 'above the root'],
    ['/api/../../etc/passwd', 'above the root'],
    ['*', 'starting with "/"'],
    ['http://evil.example/api/auth/signin/email', 'starting with "/"'],
  ])('refuses %s', (raw, reason) => {
    const t = canonicalTarget(raw);
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.reason).toContain(reason);
  });

  it('keeps the query as received and re-encodes what must stay encoded in a path', () => {
    expect(canonicalTarget('/a%20b/%3Fq%23/c?x=%2F&y=..')).toEqual({
      ok: true,
      path: '/a b/?q#/c',
      url: '/a%20b/%3Fq%23/c?x=%2F&y=..',
    });
    expect(canonicalTarget('/u/%40me:1,2;x=y')).toEqual({
      ok: true,
      path: '/u/@me:1,2;x=y',
      url: '/u/@me:1,2;x=y',
    });
  });

  it('is idempotent: the canonical target canonicalises to itself', () => {
    for (const raw of ['/api/health/../auth/%73ignin//email/', '/a%20b/%3F/c?x=1', '/caf%C3%A9/./x']) {
      const once = canonicalTarget(raw);
      if (!once.ok) throw new Error(once.reason);
      expect(canonicalTarget(once.url)).toEqual(once);
    }
  });
});

describe('encodedLength', () => {
  it('counts what a redirect would percent-encode as three characters per byte, the rest as one', () => {
    expect(encodedLength('/api/auth?token=a%5B&x=(1)')).toBe(26);
    expect(encodedLength('/api/auth/?email=[]')).toBe('/api/auth/?email=%5B%5D'.length);
    expect(encodedLength('/?q={"a"}')).toBe('/?q=%7B%22a%22%7D'.length);
    expect(encodedLength('/café')).toBe('/caf%C3%A9'.length);
    expect(encodedLength(`/?email=${'['.repeat(3_000)}`)).toBeGreaterThan(8_192);
  });
});
