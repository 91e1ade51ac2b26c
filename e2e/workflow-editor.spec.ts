import { expect, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { createWorkflowAsJson, freshEmail } from './support/dashboard';
import { WEB_URL } from './urls';

test('workflow editor: a form per step type, with plain-words messages next to the field', async ({
  page,
}) => {
  await signInViaMailbox(page, freshEmail('step-forms'));
  await page.goto(`${WEB_URL}/dashboard/workflows/new`);
  await page.getByLabel('Slug').fill(`e2e-forms-${Date.now().toString(36)}`);
  await page.getByLabel('Name', { exact: true }).fill('Forms');

  // The starter step is a transform: its form knows its one field.
  const first = page.getByTestId('step-form-0');
  await expect(first.getByLabel('Expression (JSONata)')).toHaveValue("{ 'echo': input }");
  // Add an http and an ai step from the buttons; each brings its own fields.
  await page.getByRole('button', { name: '+ http' }).click();
  await page.getByRole('button', { name: '+ ai' }).click();
  const http = page.getByTestId('step-form-1');
  await expect(http.getByLabel('Method')).toHaveValue('GET');
  await expect(http.getByLabel('URL')).toHaveValue('https://example.com/{{input.path}}');
  const ai = page.getByTestId('step-form-2');
  await expect(ai.getByLabel('Model')).toHaveValue('gpt-4o-mini');

  // Break three fields: a timeout over the limit, a missing max_tokens, a bad delay after a type change.
  await http.getByLabel('Timeout (ms)').fill('99999');
  await ai.getByLabel('Max output tokens').fill('');
  await page.getByRole('button', { name: '+ delay' }).click();
  await page.getByTestId('step-form-3').getByLabel('Duration').fill('soon');
  await page.getByRole('button', { name: 'Create workflow' }).click();

  await expect(http.getByText('timeout_ms is at most 30000 (30 s)')).toBeVisible();
  await expect(ai.locator('#step-2-max_tokens').locator('..')).toContainText('Required');
  await expect(page.getByTestId('step-form-3')).toContainText(
    'Duration looks like "30s", "5m", "2h" or "1d"',
  );
  await expect(page.getByText(/Invalid input|expected \w+, received/)).toHaveCount(0);

  // The JSON view shows the same steps, as JSON, and the outline keeps the messages.
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  const json = JSON.parse(await page.getByLabel('Steps (JSON)').inputValue()) as Record<string, unknown>[];
  expect(json.map((s) => s.type)).toEqual(['transform', 'http', 'ai', 'delay']);
  expect(json[1]!.timeout_ms).toBe(99999);
  expect('max_tokens' in json[2]!).toBe(false);
  await expect(page.getByTestId('step-outline-1')).toContainText('timeout_ms is at most 30000');

  // Fix them in the form and create it.
  await page.getByRole('button', { name: 'Form', exact: true }).click();
  await http.getByLabel('Timeout (ms)').fill('5000');
  await ai.getByLabel('Max output tokens').fill('200');
  await page.getByTestId('step-form-3').getByLabel('Duration').fill('5s');
  await page.getByRole('button', { name: 'Create workflow' }).click();
  await expect(page).toHaveURL(/\/dashboard\/workflows\/e2e-forms-/);
  await expect(page.getByTestId('workflow-status')).toHaveText('draft');
});

test('workflow editor: unsaved changes ask before leaving', async ({ page }) => {
  await signInViaMailbox(page, freshEmail('unsaved'));
  const slug = `e2e-unsaved-${Date.now().toString(36)}`;
  await createWorkflowAsJson(page, { slug, steps: [{ id: 'echo', type: 'transform', expression: 'input' }] });
  const expression = page.getByTestId('step-form-0').getByLabel('Expression (JSONata)');
  await expression.fill("{ 'changed': true }");
  await expect(page.getByTestId('unsaved')).toBeVisible();

  // An in-app link asks first; "Keep editing" stays, with the edit intact.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
  const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(`${WEB_URL}/dashboard/workflows/${slug}`);
  await expect(expression).toHaveValue("{ 'changed': true }");

  // Closing the tab asks too (the browser's own prompt).
  const prompts: string[] = [];
  page.on('dialog', async (d) => {
    prompts.push(d.type());
    await d.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => prompts).toEqual(['beforeunload']);
});

test('workflow editor: leaving after confirming, and no question once saved', async ({ page }) => {
  await signInViaMailbox(page, freshEmail('unsaved-leave'));
  const slug = `e2e-leave-${Date.now().toString(36)}`;
  await createWorkflowAsJson(page, { slug, steps: [{ id: 'echo', type: 'transform', expression: 'input' }] });
  await page.getByTestId('step-form-0').getByLabel('Expression (JSONata)').fill("{ 'v': 2 }");
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
  await page
    .getByRole('dialog', { name: 'Leave without saving?' })
    .getByRole('button', { name: 'Leave without saving' })
    .click();
  await expect(page).toHaveURL(`${WEB_URL}/dashboard/jobs`);

  // Saved: nothing to ask.
  await page.goto(`${WEB_URL}/dashboard/workflows/${slug}`);
  await page.getByTestId('step-form-0').getByLabel('Expression (JSONata)').fill("{ 'v': 3 }");
  await page.getByRole('button', { name: 'Save new version' }).click();
  await expect(page.getByText('Saved as version 2. Publish it to run it.')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
  await expect(page).toHaveURL(`${WEB_URL}/dashboard/jobs`);
});

test('workflow versions: history, a diff between versions, and publishing an earlier one again', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInViaMailbox(page, freshEmail('versions'));
  const slug = `e2e-versions-${Date.now().toString(36)}`;
  await createWorkflowAsJson(page, {
    slug,
    steps: [{ id: 'greet', type: 'transform', expression: "'hello ' & input.name" }],
  });
  // A draft cannot run: the refusal says so, and goes away once its cause is gone (publishing).
  await page.getByRole('form', { name: 'Run workflow' }).getByRole('button', { name: 'Run job' }).click();
  const refusal = page.getByText('This workflow cannot run yet.');
  await expect(refusal).toBeVisible();
  await page.getByRole('button', { name: 'Publish v1' }).click();
  await expect(page.getByTestId('workflow-status')).toHaveText('published');
  await expect(refusal).toHaveCount(0);
  // Version 2: a new greeting and a pause before it.
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  await page.getByLabel('Steps (JSON)').fill(
    JSON.stringify([
      { id: 'pause', type: 'delay', duration: '1s' },
      { id: 'greet', type: 'transform', expression: "'hi ' & input.name" },
    ]),
  );
  await page.getByRole('button', { name: 'Save new version' }).click();
  await expect(page.getByText('Saved as version 2. Publish it to run it.')).toBeVisible();
  await page.getByRole('button', { name: 'Publish v2' }).click();
  await expect(page.getByRole('button', { name: 'v2 is published' })).toBeVisible();

  const history = page.getByRole('table', { name: 'Versions' });
  await expect(history.getByTestId('version-row-2')).toContainText('runs new jobs');
  await expect(history.getByTestId('version-row-2')).toContainText('latest');
  await expect(history.getByTestId('version-row-1')).not.toContainText('runs new jobs');

  // The diff from v1 to v2: a step added, one changed (its expression, before and after).
  const diff = page.getByTestId('version-diff');
  await expect(diff.getByTestId('diff-pause')).toHaveAttribute('data-change', 'added');
  const greet = diff.getByTestId('diff-greet');
  await expect(greet).toHaveAttribute('data-change', 'changed');
  await expect(greet).toContainText('position 1 → 2');
  await expect(greet.locator('.diff-before')).toHaveText("'hello ' & input.name");
  await expect(greet.locator('.diff-after')).toHaveText("'hi ' & input.name");
  // The other way round, v2 → v1.
  await page.getByLabel('From', { exact: true }).selectOption('2');
  await page.getByLabel('To', { exact: true }).selectOption('1');
  await expect(diff.getByTestId('diff-pause')).toHaveAttribute('data-change', 'removed');

  // Roll back: publish version 1 again.
  await history
    .getByTestId('version-row-1')
    .getByRole('button', { name: 'Publish this version again' })
    .click();
  await page
    .getByRole('dialog', { name: 'Publish version 1?' })
    .getByRole('button', { name: 'Publish v1' })
    .click();
  await expect(history.getByTestId('version-row-1')).toContainText('runs new jobs');
  await expect(history.getByTestId('version-row-2')).not.toContainText('runs new jobs');
  await expect(page.getByText('Runs the published version 1 (the latest is 2).')).toBeVisible();

  // New jobs run version 1.
  const run = page.getByRole('form', { name: 'Run workflow' });
  await run.getByLabel('Payload (JSON)').fill('{"name": "Ada"}');
  await run.getByRole('button', { name: 'Run job' }).click();
  await page.waitForURL(/\/dashboard\/jobs\/job_/);
  await expect(page.getByTestId('job-status')).toHaveText('succeeded', { timeout: 60_000 });
  await expect(page.getByText('"hello Ada"').first()).toBeVisible();
  await expect(page.getByTestId('step-pause')).toHaveCount(0);
});
