import { expect, type Page, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { signInAdminDirectly } from './support/admin-session';
import { freshEmail } from './support/dashboard';
import { ADMIN_URL, DEVELOPERS_URL, WEB_URL } from './urls';

const PHONE = { width: 390, height: 844 };

/** How much wider than the screen the page is (0 when it fits). */
const overflow = (page: Page) =>
  page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));

test('390 px: the dashboard folds its navigation behind a menu and every page fits the screen', async ({
  page,
}, testInfo) => {
  await signInViaMailbox(page, freshEmail('phone'));
  await page.setViewportSize(PHONE);
  await page.goto(`${WEB_URL}/dashboard`);
  const nav = page.getByRole('navigation', { name: 'Main' });
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(menu).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('link', { name: 'Jobs' })).toBeHidden();
  await page.screenshot({ path: testInfo.outputPath('dashboard-390-closed.png'), fullPage: true });

  await menu.click();
  await expect(page.getByRole('button', { name: 'Close menu' })).toHaveAttribute('aria-expanded', 'true');
  await expect(nav.getByRole('link', { name: 'Jobs' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('dashboard-390-open.png') });
  await nav.getByRole('link', { name: 'Jobs' }).click();
  await expect(page).toHaveURL(`${WEB_URL}/dashboard/jobs`);
  // The menu closes after navigating.
  await expect(nav.getByRole('link', { name: 'Jobs' })).toBeHidden();

  for (const path of [
    '/dashboard',
    '/dashboard/jobs',
    '/dashboard/workflows',
    '/dashboard/workflows/demo.flow',
    '/dashboard/usage',
    '/dashboard/settings',
  ]) {
    await page.goto(`${WEB_URL}${path}`);
    await page.waitForLoadState('networkidle');
    expect(await overflow(page), path).toBe(0);
    await page.screenshot({
      path: testInfo.outputPath(`web${path.replaceAll('/', '_')}-390.png`),
      fullPage: true,
    });
  }
  // On a screen taller than the page, the top bar keeps its height (it stretched to fill the screen,
  // then shrank when a streamed page arrived: a layout shift).
  await page.setViewportSize({ width: PHONE.width, height: 3000 });
  await page.goto(`${WEB_URL}/dashboard/settings`);
  const topBar = await page.locator('.shell-top').boundingBox();
  expect(topBar!.height).toBeLessThan(80);
  await page.setViewportSize(PHONE);

  // A wide table scrolls inside its card, not the page.
  await page.goto(`${WEB_URL}/dashboard/workflows`);
  const scroller = page
    .locator('.table-scroll')
    .filter({ has: page.getByRole('table', { name: 'Workflows' }) });
  expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  expect(await overflow(page)).toBe(0);

  // The skip link is the first stop of the keyboard and lands on the page's content.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
});

test('1280 px: the API keys table shows Revoke; 390 px: the portal fits', async ({ page }, testInfo) => {
  await signInViaMailbox(page, freshEmail('keys-layout'), DEVELOPERS_URL);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${DEVELOPERS_URL}/keys`);
  const form = page.getByRole('form', { name: 'Create an API key' });
  await form.getByLabel('Name').fill('a key with a rather long descriptive name');
  for (const scope of ['jobs:read', 'jobs:write', 'workflows:read', 'usage:read'])
    await form.getByRole('checkbox', { name: new RegExp(`^${scope}`) }).check();
  await form.getByRole('button', { name: 'Create key' }).click();
  await page
    .getByRole('dialog', { name: 'Your new API key' })
    .getByRole('button', { name: 'I have stored it' })
    .click();
  const revoke = page.getByRole('table', { name: 'API keys' }).getByRole('button', { name: 'Revoke' });
  await expect(revoke).toBeVisible();
  // Entirely inside the card, without scrolling the table.
  const card = await page.locator('.table-scroll').filter({ has: revoke }).boundingBox();
  const button = await revoke.boundingBox();
  expect(button!.x + button!.width).toBeLessThanOrEqual(card!.x + card!.width);
  expect(
    await page
      .locator('.table-scroll')
      .filter({ has: revoke })
      .evaluate((el) => el.scrollWidth <= el.clientWidth),
  ).toBe(true);

  await page.setViewportSize(PHONE);
  for (const path of ['/quickstart', '/keys', '/webhooks', '/usage', '/reference']) {
    await page.goto(`${DEVELOPERS_URL}${path}`);
    await page.waitForLoadState('networkidle');
    expect(await overflow(page), path).toBe(0);
    await page.screenshot({
      path: testInfo.outputPath(`developers${path.replaceAll('/', '_')}-390.png`),
      fullPage: true,
    });
  }
});

test('admin: the security log fits its page, and the 403 page has a visible Sign out', async ({
  page,
  browser,
}, testInfo) => {
  await signInAdminDirectly(page);
  for (const size of [{ width: 1280, height: 900 }, PHONE]) {
    await page.setViewportSize(size);
    for (const path of ['/users', '/security']) {
      await page.goto(`${ADMIN_URL}${path}`);
      expect(await overflow(page), `${path} at ${size.width}px`).toBe(0);
      await page.screenshot({
        path: testInfo.outputPath(`admin${path.replaceAll('/', '_')}-${size.width}.png`),
        fullPage: true,
      });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${ADMIN_URL}/security`);
  const log = page.getByTestId('security-table');
  expect((await log.boundingBox())!.width).toBeLessThanOrEqual(1280);

  const other = await browser.newPage();
  await signInViaMailbox(other, 'demo@levqor.local', ADMIN_URL);
  await other.goto(`${ADMIN_URL}/users`);
  const signOut = other.getByRole('button', { name: 'Sign out' });
  await expect(signOut).toBeVisible();
  // Dark text on a light button: readable, unlike the white-on-white it was.
  const [color, background] = await signOut.evaluate((el) => [
    getComputedStyle(el).color,
    getComputedStyle(el).backgroundColor,
  ]);
  expect(color).not.toBe(background);
  expect(color).toBe('rgb(31, 35, 51)');
  await signOut.click();
  await expect(other).toHaveURL(`${ADMIN_URL}/sign-in?callbackUrl=%2Fusers`);
  await other.close();
});
