import { type APIRequestContext, expect, type Page } from '@playwright/test';
import { DEVELOPERS_URL, WEB_URL } from '../urls';

export const API = `${DEVELOPERS_URL}/api/v1`;

/** A fresh address: any new email signs up and gets a workspace with the starter workflows. */
export function freshEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.com`;
}

/** Creates a workflow through the dashboard's editor, its steps typed in the JSON view. */
export async function createWorkflowAsJson(
  page: Page,
  opts: { slug: string; steps: unknown[]; publish?: boolean },
): Promise<void> {
  await page.goto(`${WEB_URL}/dashboard/workflows/new`);
  await page.getByLabel('Slug').fill(opts.slug);
  await page.getByLabel('Name', { exact: true }).fill(`E2E ${opts.slug}`);
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  await page.getByLabel('Steps (JSON)').fill(JSON.stringify(opts.steps, null, 2));
  await page.getByRole('button', { name: 'Create workflow' }).click();
  await expect(page).toHaveURL(`${WEB_URL}/dashboard/workflows/${opts.slug}`);
  if (opts.publish) {
    await page.getByRole('button', { name: 'Publish v1' }).click();
    await expect(page.getByTestId('workflow-status')).toHaveText('published');
  }
}

/** Creates an API key with `scopes` in the developer portal (same browser session) and returns it. */
export async function createApiKey(page: Page, scopes: string[]): Promise<string> {
  await page.goto(`${DEVELOPERS_URL}/keys`);
  const form = page.getByRole('form', { name: 'Create an API key' });
  await form.getByLabel('Name').fill('e2e overview');
  for (const scope of scopes) await form.getByRole('checkbox', { name: new RegExp(`^${scope}`) }).check();
  await form.getByRole('button', { name: 'Create key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your new API key' });
  const key = (await dialog.getByTestId('new-key-plaintext').textContent())?.trim() ?? '';
  expect(key).toMatch(/^lvq_live_/);
  await dialog.getByRole('button', { name: 'I have stored it' }).click();
  return key;
}

/** Submits a job over REST; returns its id. */
export async function submitJob(
  request: APIRequestContext,
  key: string,
  body: { workflow: string; payload?: unknown; callback_url?: string },
): Promise<string> {
  const res = await request.post(`${API}/jobs`, {
    headers: { authorization: `Bearer ${key}` },
    data: { payload: {}, priority: 'normal', ...body },
  });
  expect(res.status(), await res.text()).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

/** Waits until every job has finished (REST), returns their statuses by id. */
export async function waitForJobs(
  request: APIRequestContext,
  key: string,
  ids: string[],
): Promise<Record<string, string>> {
  const statuses: Record<string, string> = {};
  await expect(async () => {
    for (const id of ids) {
      const res = await request.get(`${API}/jobs/${id}`, { headers: { authorization: `Bearer ${key}` } });
      statuses[id] = ((await res.json()) as { status: string }).status;
    }
    expect(Object.values(statuses).every((s) => ['succeeded', 'failed', 'cancelled'].includes(s))).toBe(true);
  }).toPass({ timeout: 60_000, intervals: [500, 1_000] });
  return statuses;
}
