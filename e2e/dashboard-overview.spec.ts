import { expect, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { createApiKey, createWorkflowAsJson, freshEmail, submitJob, waitForJobs } from './support/dashboard';
import { DEVELOPERS_URL, WEB_URL } from './urls';

test('overview: health figures match the jobs this test made, and the checklist ticks from real data', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const email = freshEmail('overview');
  await signInViaMailbox(page, email);
  await page.goto(`${WEB_URL}/dashboard`);

  // A new workspace: nothing yet, and the first-run checklist with nothing ticked.
  await expect(page.getByText('Get started · 0 of 3 done')).toBeVisible();
  for (const item of ['api_key', 'demo_job', 'webhook'])
    await expect(page.getByTestId(`checklist-${item}`)).toHaveAttribute('data-done', 'false');
  await expect(page.getByTestId('health-total')).toHaveText('0');
  await expect(page.getByTestId('health-success-rate')).toHaveText('—');
  await expect(page.getByTestId('health-p95')).toHaveText('—');

  // A workflow that always fails, and a key to submit jobs with.
  const failing = `e2e-fail-${Date.now().toString(36)}`;
  await createWorkflowAsJson(page, {
    slug: failing,
    steps: [{ id: 'boom', type: 'transform', expression: '$error("e2e boom")' }],
    publish: true,
  });
  // Each app has its own session: sign in to the developer portal too, and make a key there.
  await signInViaMailbox(page, email, DEVELOPERS_URL);
  const key = await createApiKey(page, ['jobs:read', 'jobs:write']);

  await page.goto(`${WEB_URL}/dashboard`);
  await expect(page.getByTestId('checklist-api_key')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('checklist-demo_job')).toHaveAttribute('data-done', 'false');

  // Three demo.flow jobs (one with a callback_url) and two failing ones.
  const ids = [
    await submitJob(request, key, { workflow: 'demo.flow', payload: { n: 1 } }),
    await submitJob(request, key, { workflow: 'demo.flow', payload: { n: 2 } }),
    await submitJob(request, key, {
      workflow: 'demo.flow',
      payload: { n: 3 },
      callback_url: 'https://hooks.example.com/levqor-e2e',
    }),
    await submitJob(request, key, { workflow: failing }),
    await submitJob(request, key, { workflow: failing }),
  ];
  const statuses = await waitForJobs(request, key, ids);
  expect(Object.values(statuses).sort()).toEqual(['failed', 'failed', 'succeeded', 'succeeded', 'succeeded']);

  await page.goto(`${WEB_URL}/dashboard`);
  // Every item is done: the checklist goes away.
  await expect(page.getByTestId('health-total')).toHaveText('5');
  await expect(page.getByText(/Get started ·/)).toHaveCount(0);
  await expect(page.getByTestId('health-succeeded')).toHaveText('3');
  await expect(page.getByTestId('health-failed')).toHaveText('2');
  await expect(page.getByTestId('health-success-rate')).toHaveText('60%');
  await expect(page.getByTestId('health-p95')).not.toHaveText('—');

  // The throughput chart's numbers (its data table) add up to the same jobs, by status.
  const chartTotal = async (series: string) =>
    (
      await page
        .getByTestId('throughput-chart')
        .locator(`td[data-series="${series}"]`)
        .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))))
    ).reduce((a, b) => a + b, 0);
  expect(await chartTotal('succeeded')).toBe(3);
  expect(await chartTotal('failed')).toBe(2);

  // The last failures, with their error.
  const failures = page.getByTestId('recent-failure');
  await expect(failures).toHaveCount(2);
  await expect(failures.first()).toContainText('e2e boom');
  await expect(failures.first()).toContainText(failing);

  // The 7-day window holds the same jobs; the chart has one bar per day.
  await page.getByRole('button', { name: 'Last 7 days' }).click();
  await expect(page.getByTestId('health-stats')).toHaveAttribute('data-window', '7d');
  await expect(page.getByTestId('health-total')).toHaveText('5');
  await expect(page.getByTestId('throughput-chart').locator('tbody tr')).toHaveCount(7);
  // The drawing (visx): today's bar, and its tooltip lists today's jobs by status.
  const plot = page.getByTestId('throughput-chart').locator('svg.chart-surface');
  await plot.scrollIntoViewIfNeeded();
  await expect(plot).toBeVisible();
  const drawn = await plot
    .locator('rect[fill="#4f46e5"], rect[fill="#0e7490"]')
    .evaluateAll((rects) => rects.filter((r) => Number(r.getAttribute('height')) > 0).length);
  expect(drawn).toBeGreaterThanOrEqual(1);
  const box = (await plot.boundingBox())!;
  const step = (box.width - 76 - 12) / 7; // the plot's left and right margins (chart-parts.tsx)
  await plot.hover({ position: { x: box.width - 12 - step / 2, y: box.height / 2 } });
  const tooltip = page.getByTestId('throughput-chart').locator('.chart-tooltip');
  await expect(tooltip).toContainText('Succeeded: 3');
  await expect(tooltip).toContainText('Failed: 2');

  // Spend: what the jobs cost, and the forecast says how it is computed.
  await expect(page.getByTestId('budget-meter')).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId('forecast')).toContainText('Month-end forecast');
  await expect(page.getByText(/average settled spend per day over the last 7 days/)).toBeVisible();
});
