import { describe, expect, it } from 'vitest';
import { envProblems, notionSettings } from './env';

const prod = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://x',
  NEXTAUTH_SECRET: 'x'.repeat(32),
  LEVQOR_SECRET: 'y'.repeat(32),
  RESEND_API_KEY: 're_x',
  LEVQOR_EMAIL_FROM: 'Levqor <a@b.c>',
  LEVQOR_WEB_URL: 'https://app.levqor.dev',
  LEVQOR_ADMIN_URL: 'https://admin.levqor.dev',
  LEVQOR_DEVELOPERS_URL: 'https://developers.levqor.dev',
  NOTION_TOKEN: 'ntn_abc',
  NOTION_DATABASE_ID: 'db1',
};

describe('Notion settings', () => {
  it('are off unless both the token and the database are set', () => {
    expect(notionSettings({})).toBeNull();
    expect(notionSettings({ NOTION_TOKEN: 'ntn_abc' })).toBeNull();
    expect(notionSettings({ NOTION_TOKEN: 't', NOTION_DATABASE_ID: 'd' })).toEqual({
      token: 't',
      databaseId: 'd',
      baseUrl: undefined,
    });
    expect(envProblems({ NOTION_TOKEN: 't' })[0]).toContain('NOTION_DATABASE_ID');
  });

  it('production refuses a NOTION_API_BASE other than Notion’s own API; locally a fake is fine', () => {
    expect(envProblems(prod)).toEqual([]);
    expect(envProblems({ ...prod, NOTION_API_BASE: 'https://api.notion.com' })).toEqual([]);
    const refused = envProblems({ ...prod, NOTION_API_BASE: 'http://127.0.0.1:9999' });
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain('NOTION_API_BASE=http://127.0.0.1:9999 is refused in production');
    expect(() => notionSettings({ ...prod, NOTION_API_BASE: 'https://evil.example' })).toThrow(/refused/);
    expect(
      notionSettings({ ...prod, NODE_ENV: 'test', NOTION_API_BASE: 'http://127.0.0.1:9999' }),
    ).toMatchObject({
      baseUrl: 'http://127.0.0.1:9999',
    });
  });
});
