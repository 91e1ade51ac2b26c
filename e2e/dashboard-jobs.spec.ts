import { expect, type Page, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { WEB_URL } from './urls';

const CENTS = /^\d+(\.\d{1,4})?¢$/;

/** A fresh address: any new email signs up and gets a workspace with the starter workflows. */
function freshEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.com`;
}

async function createWorkflow(page: Page, slug: string, steps: unknown[]): Promise<void> {
  await page.goto('/dashboard/workflows');
  await page.getByRole('link', { name: 'New workflow' }).click();
  await expect(page).toHaveURL(`${WEB_URL}/dashboard/workflows/new`);
  await page.getByLabel('Slug').fill(slug);
  await page.getByLabel('Name', { exact: true }).fill(`E2E ${slug}`);
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  await page.getByLabel('Steps (JSON)').fill(JSON.stringify(steps, null, 2));
  await page.getByRole('button', { name: 'Create workflow' }).click();
}

test('dashboard: create a transform workflow, publish it, run it and watch it succeed live with its cost', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInViaMailbox(page, freshEmail('jobs'));

  // The new workspace has its starter workflows.
  await page.getByRole('link', { name: 'Workflows' }).click();
  await expect(page.getByRole('table', { name: 'Workflows' }).getByText('demo.flow')).toBeVisible();

  // Create a workflow (a short durable pause, then a transform); it starts as a draft at version 1.
  const slug = `e2e-greet-${Date.now().toString(36)}`;
  await createWorkflow(page, slug, [
    { id: 'pause', type: 'delay', duration: '3s' },
    {
      id: 'greet',
      type: 'transform',
      expression: "{ 'greeting': 'hello ' & input.name, 'double': input.n * 2 }",
    },
  ]);
  await expect(page).toHaveURL(`${WEB_URL}/dashboard/workflows/${slug}`);
  await expect(page.getByTestId('workflow-status')).toHaveText('draft');

  // Publish it.
  await page.getByRole('button', { name: 'Publish v1' }).click();
  await expect(page.getByTestId('workflow-status')).toHaveText('published');
  await expect(page.getByText('Runs the published version 1.')).toBeVisible();

  // Run it with a payload; the job page opens.
  const run = page.getByRole('form', { name: 'Run workflow' });
  await run.getByLabel('Payload (JSON)').fill('{"name": "Ada", "n": 21}');
  await run.getByLabel('Priority').selectOption('high');
  await run.getByLabel('Tags').fill('e2e');
  await run.getByRole('button', { name: 'Run job' }).click();
  await page.waitForURL(/\/dashboard\/jobs\/job_[A-Za-z0-9]+$/);
  const jobId = page.url().split('/').pop()!;
  await expect(page.getByRole('heading', { level: 1 })).toContainText(jobId);

  // From here on the page must update by itself: a marker on window would vanish on a reload.
  await page.evaluate(() => {
    (window as unknown as { __levqorNoReload?: boolean }).__levqorNoReload = true;
  });

  // The engine runs it; the page first shows it in progress, then succeeded without a reload, with its
  // steps, output and cost.
  await expect(page.getByTestId('job-status')).toHaveText(/^(queued|running)$/);
  await expect(page.getByTestId('job-status')).toHaveText('succeeded', { timeout: 60_000 });
  expect(
    await page.evaluate(() => (window as unknown as { __levqorNoReload?: boolean }).__levqorNoReload),
  ).toBe(true);
  await expect(page.getByTestId('step-status-pause')).toHaveText('succeeded');
  await expect(page.getByTestId('step-status-greet')).toHaveText('succeeded');
  const estimate = (await page.getByTestId('job-estimate').textContent()) ?? '';
  expect(estimate).toMatch(CENTS);
  await expect(page.getByTestId('job-cost')).toHaveText(CENTS);
  await expect(page.getByTestId('job-cost')).not.toHaveText('0¢');
  await expect(page.getByTestId('job-cost')).toHaveText(estimate); // flat step fees: actual = estimate
  await expect(page.getByText('"greeting": "hello Ada"').first()).toBeVisible();
  await expect(page.getByText('"double": 42').first()).toBeVisible();
  await expect(page.getByRole('list', { name: 'Events' })).toContainText('job.succeeded');

  // The jobs list shows it too, filtered by its workflow through the URL.
  await page.goto(`/dashboard/jobs?workflow=${slug}`);
  const row = page.getByTestId('job-row').filter({ hasText: jobId });
  await expect(row).toContainText('succeeded');
  await expect(row).toContainText(estimate);
  await expect(page.getByTestId('job-row')).toHaveCount(1);
});

test('dashboard: the workflow editor shows JSON errors and server validation next to the step', async ({
  page,
}) => {
  await signInViaMailbox(page, freshEmail('editor'));
  const steps = page.getByLabel('Steps (JSON)');

  await page.goto('/dashboard/workflows/new');
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  await steps.fill('[{"id": "a" "type": "transform"}]');
  await expect(page.getByTestId('steps-json-error')).toContainText('Invalid JSON at line 1');
  await expect(page.getByRole('button', { name: 'Create workflow' })).toBeDisabled();

  await createWorkflow(page, `e2e-bad-${Date.now().toString(36)}`, [
    { id: 'ok', type: 'transform', expression: 'input' },
    { id: 'fetch', type: 'http', method: 'GET', url: 'https://example.com', timeout_ms: 99_999 },
  ]);
  await expect(page.getByTestId('step-outline-1')).toContainText('timeout_ms is at most 30000');
  await expect(page.getByTestId('step-outline-0')).not.toContainText('at most');
  await expect(page).toHaveURL(`${WEB_URL}/dashboard/workflows/new`);
});
