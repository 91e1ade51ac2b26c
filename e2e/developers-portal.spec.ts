import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { DEVELOPERS_URL } from './urls';

const API = `${DEVELOPERS_URL}/api/v1`;
const KEY_FORMAT = /^lvq_live_[0-9A-Za-z]{32}_[0-9A-Za-z]{6}$/;

function freshEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.com`;
}

/** The row of the key whose plaintext is `key` (rows show the 14-character prefix). */
const keyRow = (page: Page, key: string) =>
  page.locator(`[data-testid="key-row"][data-key-prefix="${key.slice(0, 14)}…"]`);

/** Reads the plaintext from the copy-once dialog, checks the warning, and closes it. */
async function takeKeyFromDialog(page: Page, title: string): Promise<string> {
  const dialog = page.getByRole('dialog', { name: title });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('it will not be shown again');
  await expect(dialog.getByRole('button', { name: 'Copy' })).toBeVisible();
  const key = (await dialog.getByTestId('new-key-plaintext').textContent())?.trim() ?? '';
  expect(key).toMatch(KEY_FORMAT);
  await dialog.getByRole('button', { name: 'I have stored it' }).click();
  await expect(dialog).toBeHidden();
  return key;
}

/** The status of GET /api/v1/jobs with `key`, once it settles on `status` (revocation reaches every cache via NOTIFY). */
async function expectJobsStatus(request: APIRequestContext, key: string, status: number) {
  await expect
    .poll(
      async () =>
        (await request.get(`${API}/jobs`, { headers: { authorization: `Bearer ${key}` } })).status(),
      { timeout: 5_000 },
    )
    .toBe(status);
}

test('developers portal: create a key, call the API with it, rotate it, revoke it', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);

  // Signed out, the portal sends you to sign in.
  await page.goto(`${DEVELOPERS_URL}/keys`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fkeys$/);

  await signInViaMailbox(page, freshEmail('portal'), DEVELOPERS_URL);
  await page.goto(`${DEVELOPERS_URL}/keys`);
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  await expect(page.getByText('No API keys yet')).toBeVisible();

  // Create a key with jobs:read + jobs:write; the plaintext is in the copy-once dialog.
  const form = page.getByRole('form', { name: 'Create an API key' });
  await form.getByLabel('Name').fill('e2e client');
  await form.getByRole('checkbox', { name: /^jobs:read/ }).check();
  await form.getByRole('checkbox', { name: /^jobs:write/ }).check();
  await form.getByRole('button', { name: 'Create key' }).click();
  const first = await takeKeyFromDialog(page, 'Your new API key');
  const firstRow = keyRow(page, first);
  await expect(firstRow).toContainText('e2e client');
  await expect(firstRow).toContainText('jobs:read');
  await expect(firstRow).toContainText('jobs:write');
  await expect(firstRow.getByTestId('key-status')).toHaveText('active');

  // The key works against the REST API.
  const submitted = await request.post(`${API}/jobs`, {
    headers: { authorization: `Bearer ${first}` },
    data: { workflow: 'demo.flow', payload: { x: 1 }, priority: 'normal' },
  });
  expect(submitted.status()).toBe(202);
  const job = (await submitted.json()) as { id: string; status: string };
  expect(job.status).toBe('queued');
  expect(submitted.headers().location).toBe(`/api/v1/jobs/${job.id}`);

  // Rotate with no grace: the old key stops, the new one works.
  await firstRow.getByRole('button', { name: 'Rotate' }).click();
  const rotate = page.getByRole('dialog', { name: 'Rotate “e2e client”?' });
  await rotate.getByLabel('Grace period for the old key').selectOption('now');
  await rotate.getByRole('button', { name: 'Rotate key' }).click();
  const second = await takeKeyFromDialog(page, 'Your rotated API key');
  expect(second).not.toBe(first);
  await expect(keyRow(page, first).getByTestId('key-status')).toHaveText('revoked');
  await expect(keyRow(page, second).getByTestId('key-status')).toHaveText('active');
  await expectJobsStatus(request, first, 401);
  await expectJobsStatus(request, second, 200);
  const read = await request.get(`${API}/jobs/${job.id}`, { headers: { 'x-api-key': second } });
  expect(read.status()).toBe(200);
  expect(((await read.json()) as { id: string }).id).toBe(job.id);

  // Revoke the new key, after confirming: it stops at once.
  const secondRow = keyRow(page, second);
  await secondRow.getByRole('button', { name: 'Revoke' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke “e2e client”?' });
  await expect(confirm).toContainText('cannot be undone');
  await confirm.getByRole('button', { name: 'Revoke key' }).click();
  await expect(confirm).toBeHidden();
  await expect(secondRow.getByTestId('key-status')).toHaveText('revoked');
  await expectJobsStatus(request, second, 401);
});
