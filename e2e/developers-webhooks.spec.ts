import { expect, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { DEVELOPERS_URL, FAKES_URL } from './urls';

const SECRET = /^whsec_[0-9A-Za-z]{32}$/;

test('webhooks: the signing secret is revealed only by the Reveal action, never by me.get or workspace.current', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const email = `e2e-whsec-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@levqor.local`;
  await signInViaMailbox(page, email, DEVELOPERS_URL);

  // The session's own calls, through the developers app server: no secret in who-am-I answers.
  for (const path of ['me.get', 'workspace.current']) {
    const res = await page.request.get(`${DEVELOPERS_URL}/api/trpc/${path}`);
    expect(res.status(), path).toBe(200);
    expect(await res.text(), path).not.toMatch(/whsec_|webhookSecret/);
  }

  await page.goto(`${DEVELOPERS_URL}/webhooks`);
  const secret = page.getByTestId('webhook-secret');
  await expect(secret).toHaveText(`whsec_${'•'.repeat(32)}`);
  await page.getByRole('button', { name: 'Reveal' }).click();
  await expect(secret).toHaveText(SECRET);
  const revealed = (await secret.textContent()) ?? '';
  await page.getByRole('button', { name: 'Hide' }).click();
  await expect(secret).toHaveText(`whsec_${'•'.repeat(32)}`);

  // Rotating shows the new secret; revealing again returns it.
  await page.getByRole('button', { name: 'Rotate' }).click();
  await page
    .getByRole('dialog', { name: 'Rotate the signing secret?' })
    .getByRole('button', { name: 'Rotate secret' })
    .click();
  await expect(secret).toHaveText(SECRET);
  const rotated = (await secret.textContent()) ?? '';
  expect(rotated).not.toBe(revealed);
  await page.reload();
  await page.getByRole('button', { name: 'Reveal' }).click();
  await expect(secret).toHaveText(rotated);
});

test('/public/metrics is answered from a short cache: a burst gets one computation', async ({ request }) => {
  const get = async () => {
    const res = await request.get(`${DEVELOPERS_URL}/public/metrics`);
    expect(res.status()).toBe(200);
    const maxAge = Number(/max-age=(\d+)/.exec(res.headers()['cache-control'] ?? '')?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(0);
    expect(maxAge).toBeLessThanOrEqual(15);
    return { maxAge, body: (await res.json()) as { generated_at: string } };
  };
  let first = await get();
  // Start the burst well inside one cache period.
  if (first.maxAge < 5) {
    await new Promise((r) => setTimeout(r, (first.maxAge + 1) * 1000));
    first = await get();
  }
  const burst = await Promise.all(Array.from({ length: 20 }, get));
  // Figures computed once for the period: every answer carries the same generation time.
  expect(new Set(burst.map((b) => b.body.generated_at))).toEqual(new Set([first.body.generated_at]));
});

test('webhooks: "Send test event" delivers a signed sample and shows the response; an internal URL is refused', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const email = `e2e-whtest-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@levqor.local`;
  await signInViaMailbox(page, email, DEVELOPERS_URL);
  await page.goto(`${DEVELOPERS_URL}/webhooks`);
  // The e2e launcher allows 127.0.0.1 (LEVQOR_SSRF_ALLOW): the fake receiver is reachable.
  await page.getByLabel('Receiver URL').fill(`${FAKES_URL}/hook`);
  await page.getByRole('button', { name: 'Send test event' }).click();
  const response = page.getByTestId('test-event-response');
  await expect(response).toContainText('Delivered');
  await expect(response).toContainText('HTTP 200');
  await expect(response).toContainText(/\d+ ms/);
  await expect(response).toContainText('"received":true,"signed":true');

  // Not allow-listed: the guard refuses it, and nothing is sent.
  await page.getByLabel('Receiver URL').fill('http://169.254.169.254/latest/meta-data');
  await page.getByRole('button', { name: 'Send test event' }).click();
  await expect(response).toContainText('Not delivered');
  await expect(response).toContainText('Refusing to connect to 169.254.169.254');
});

test('the quickstart shows a redacted key in its sample output', async ({ page }) => {
  const email = `e2e-qs-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@levqor.local`;
  await signInViaMailbox(page, email, DEVELOPERS_URL);
  await page.goto(`${DEVELOPERS_URL}/quickstart`);
  const main = page.locator('main');
  await expect(main).toContainText('lvq_live_FQuUZ•••');
  // No whole key (lvq_live_ + 32 base62 + _ + 6) anywhere on the page.
  expect(await main.textContent()).not.toMatch(/lvq_live_[0-9A-Za-z]{32}_[0-9A-Za-z]{6}/);
});
