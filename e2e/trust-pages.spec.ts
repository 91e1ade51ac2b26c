import { expect, test } from '@playwright/test';
import { BUILT_IN_CATEGORIES, PRESET_CATEGORIES } from '../packages/core/src/firewall/terms';
import { checkPages } from './support/axe';
import { WEB_URL } from './urls';

/**
 * The public trust pages of apps/web (linked from every footer of the three apps), signed out: each
 * answers 200 with its heading and a piece of its real content, and axe finds nothing serious or
 * critical at 1280 and 390 px. /privacy, /status and /sla have their own specs (privacy, status).
 */
const PAGES: { path: string; heading: string; content: (string | RegExp)[] }[] = [
  {
    path: '/terms',
    heading: 'Terms of service',
    content: ['When a new version is published, API keys keep working for 30 days', 'terms-not-accepted'],
  },
  {
    path: '/cookies',
    heading: 'Cookies',
    content: [
      'Levqor sets first-party cookies only.',
      // The categories and the cookie's name come from packages/core/src/privacy/cookie-consent.ts.
      "Analytics: Levqor's own page views and product events",
      'levqor_consent',
    ],
  },
  {
    path: '/dpa',
    heading: 'Data processing agreement (summary)',
    content: [
      'you are the controller and Levqor processes it on your behalf (Art. 28 GDPR)',
      // Generated from the plans table (jobDataRetentionDays).
      'Free 30 days, Starter 90 days, Growth 180 days, Business 365 days, Enterprise 365 days',
    ],
  },
  {
    path: '/subprocessors',
    heading: 'Subprocessors',
    content: ['Email delivery: recipient address and message', 'Payments: billing details of paid plans'],
  },
  {
    path: '/ai-disclosure',
    heading: 'AI disclosure',
    content: ['Levqor does not train models on your data', 'Model output can be wrong.'],
  },
  {
    path: '/acceptable-use',
    heading: 'Acceptable use policy',
    content: ['send spam or marketing email to people who did not consent', 'security@levqor.dev'],
  },
  {
    path: '/high-risk-data',
    heading: 'High-risk data',
    content: ['By default a match refuses the job with 422', 'LEVQOR_FIREWALL_MODE'],
  },
  {
    path: '/rate-limits',
    heading: 'Rate limits',
    // From the plans table and the limit rules the servers apply.
    content: [
      /Free 60, Starter 600, Growth 1,200, Business 3,000, Enterprise 100,000/,
      'Data exports, per user',
    ],
  },
  {
    path: '/security',
    heading: 'Security and vulnerability disclosure',
    content: ['acknowledge your report within 3 working days', 'Rate limits against brute force'],
  },
];

test.use({ storageState: { cookies: [], origins: [] } });

test('every trust page answers 200 with its heading and content, and passes axe at 1280 and 390 px', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  for (const { path, heading, content } of PAGES) {
    const res = await page.goto(`${WEB_URL}${path}`);
    expect(res?.status(), path).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: heading, exact: true })).toBeVisible();
    const main = page.locator('#main');
    for (const text of content) await expect(main, `${path}: ${text}`).toContainText(text);
    // Reachable from the footer of every page.
    await expect(
      page.getByRole('navigation', { name: 'Legal' }).locator(`a[href="${path}"]`),
      `${path} in the footer`,
    ).toHaveCount(1);
  }
  await checkPages(
    page,
    testInfo,
    WEB_URL,
    PAGES.map((p) => p.path),
  );
});

test('/high-risk-data lists every category and term of the firewall, from its own term list', async ({
  page,
}) => {
  await page.goto(`${WEB_URL}/high-risk-data`);
  const display = (term: string) => term.split('|')[0]!;
  for (const [name, terms] of Object.entries({ ...BUILT_IN_CATEGORIES, ...PRESET_CATEGORIES })) {
    const section = page
      .locator('section')
      .filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) });
    await expect(section, name).toHaveCount(1);
    await expect(section.locator('p')).toHaveText(terms.map(display).join(', '));
  }
});
