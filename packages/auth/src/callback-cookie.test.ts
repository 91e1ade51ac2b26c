import { describe, expect, it } from 'vitest';
import { isHttpUrl, withoutBadCallbackCookie } from './callback-cookie';

const NAME = 'levqor-web.callback-url';

describe('withoutBadCallbackCookie', () => {
  it('keeps a header with a good return address (the same string)', () => {
    const header = `a=1; ${NAME}=http%3A%2F%2Flocalhost%3A3000%2Fdashboard; b=2`;
    expect(withoutBadCallbackCookie(header, NAME)).toBe(header);
    expect(withoutBadCallbackCookie('a=1', NAME)).toBe('a=1');
  });

  it('drops every bad occurrence, even after a good one', () => {
    expect(withoutBadCallbackCookie(`${NAME}=%2Fdashboard; x=1; ${NAME}=%22x%22`, NAME)).toBe(
      `${NAME}=%2Fdashboard; x=1`,
    );
    expect(withoutBadCallbackCookie(`${NAME}=http%3A%2F%2Flocalhost%3A3000.evil.example%2F`, NAME)).toBe('');
    expect(withoutBadCallbackCookie(`${NAME}=%E0%A4%A; y=2`, NAME)).toBe('y=2');
  });
});

describe('isHttpUrl', () => {
  it('is next-auth’s test, without throwing', () => {
    expect(isHttpUrl('/dashboard')).toBe(true);
    expect(isHttpUrl('https://app.example.com/x')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'http://localhost:3000.evil.example/', '[]', '"x"', ''])
      expect(isHttpUrl(bad), bad).toBe(false);
  });
});
