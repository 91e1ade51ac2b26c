import { expect, type Page, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { createWorkflowAsJson, freshEmail } from './support/dashboard';

/** Runs the workflow at `slug` with `payload` from its page; returns the new job's id (its page is open). */
async function runJob(page: Page, slug: string, payload: unknown): Promise<string> {
  await page.goto(`/dashboard/workflows/${slug}`);
  const run = page.getByRole('form', { name: 'Run workflow' });
  await run.getByLabel('Payload (JSON)').fill(JSON.stringify(payload));
  await run.getByRole('button', { name: 'Run job' }).click();
  await page.waitForURL(/\/dashboard\/jobs\/job_[A-Za-z0-9]+$/);
  return page.url().split('/').pop()!;
}

test('run trace: a retrying step counts down to its next attempt; a sleeping step shows when it wakes; the run time ticks', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInViaMailbox(page, freshEmail('trace'));
  const stamp = Date.now().toString(36);

  // Nothing listens on 127.0.0.1:9 (allowed by the e2e launcher's LEVQOR_SSRF_ALLOW): every attempt fails
  // with a retryable connection error, and the engine backs off between attempts.
  await createWorkflowAsJson(page, {
    slug: `e2e-retry-${stamp}`,
    publish: true,
    steps: [
      { id: 'fetch', type: 'http', method: 'GET', url: 'http://127.0.0.1:9/{{input.who}}', timeout_ms: 2000 },
    ],
  });
  await runJob(page, `e2e-retry-${stamp}`, { who: 'ada' });
  const wait = page.getByTestId('step-wait-fetch');
  await expect(wait).toHaveText(/^retrying in \d+ s \(attempt [2-5] of 5\)$/, { timeout: 30_000 });
  // The failed attempts are listed with their offset, duration and error; the input is resolved.
  await expect(page.getByTestId('attempt-fetch-1')).toContainText(
    /attempt 1: failed · \+\d+ ms · \d+ ms · HTTP request to http:\/\/127\.0\.0\.1:9\/ada failed/,
  );
  await page.getByText('Input (resolved)').first().click();
  await expect(page.getByText('"url": "http://127.0.0.1:9/ada"').first()).toBeVisible();
  // The countdown ticks down without a reload (a later attempt waits up to 8 s).
  await expect(wait).toHaveText(/^retrying in ([3-9]|\d\d) s \(attempt [4-5] of 5\)$/, { timeout: 40_000 });
  const first = Number(/in (\d+) s/.exec((await wait.textContent()) ?? '')![1]);
  await expect(wait).toHaveText(new RegExp(`^retrying in (${first - 1}|${first - 2}) s `), {
    timeout: 3_000,
  });

  // A delay step: it sleeps, and the trace says when it wakes (its start + 1 h, in the viewer's time).
  await createWorkflowAsJson(page, {
    slug: `e2e-nap-${stamp}`,
    publish: true,
    steps: [
      { id: 'first', type: 'transform', expression: "{ 'ok': true }" },
      { id: 'nap', type: 'delay', duration: '1h' },
    ],
  });
  const t0 = Date.now();
  await runJob(page, `e2e-nap-${stamp}`, {});
  const napWait = page.getByTestId('step-wait-nap');
  await expect(napWait).toHaveText(/^wakes at \d\d:\d\d:\d\d$/, { timeout: 30_000 });
  const [h, m, s] = /(\d\d):(\d\d):(\d\d)/
    .exec((await napWait.textContent()) ?? '')!
    .slice(1)
    .map(Number);
  const wake = new Date(t0 + 3_600_000);
  const shown = new Date(wake);
  shown.setHours(h!, m!, s!);
  expect(Math.abs(shown.getTime() - wake.getTime())).toBeLessThan(60_000);
  await expect(page.getByTestId('attempt-first-1')).toContainText(/attempt 1: succeeded · \+\d+ ms · \d+ ms/);

  // The job is running (asleep): its run time ticks.
  const runTime = page.getByTestId('run-time');
  const before = await runTime.textContent();
  await expect(runTime).not.toHaveText(before ?? '', { timeout: 5_000 });
  await expect(page.getByRole('list', { name: 'Events' })).toContainText('step.sleeping');
});
