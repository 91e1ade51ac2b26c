import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Page, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { createWorkflowAsJson, freshEmail } from './support/dashboard';

/**
 * Replay (issue G 2): rerun from the failed step (earlier steps reused, not called again), rerun with an
 * edited payload, bulk cancel of a filtered selection — in the production build, against a local
 * counting HTTP server the worker calls (127.0.0.1 is allowed by the e2e launcher's LEVQOR_SSRF_ALLOW).
 */
let server: Server;
let base = '';
const hits = new Map<string, number>();
/** While true, POST /notify drops the connection (a retryable failure, until the retries run out). */
let notifyBroken = true;

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    req.resume();
    if (path.startsWith('/notify') && notifyBroken) {
      req.socket.destroy();
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ path, n: hits.get(path) }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

/** Runs the workflow `slug` from its page; returns the new job's id (its page is open). */
async function runJob(page: Page, slug: string, payload: unknown, tags = ''): Promise<string> {
  await page.goto(`/dashboard/workflows/${slug}`);
  const run = page.getByRole('form', { name: 'Run workflow' });
  await run.getByLabel('Payload (JSON)').fill(JSON.stringify(payload));
  if (tags) await run.getByLabel('Tags').fill(tags);
  await run.getByRole('button', { name: 'Run job' }).click();
  await page.waitForURL(/\/dashboard\/jobs\/job_[A-Za-z0-9]+$/);
  return page.url().split('/').pop()!;
}

const jobId = (page: Page) => page.url().split('/').pop()!;

test('replay: rerun from the failed step reuses step 1 (called once in all); rerun with an edited payload; bulk cancel of a filtered selection', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInViaMailbox(page, freshEmail('replay'));
  const stamp = Date.now().toString(36);

  // 1. http (counted) → http that fails until the server is fixed. Rerun from step 2 once it is.
  await createWorkflowAsJson(page, {
    slug: `e2e-notify-${stamp}`,
    publish: true,
    steps: [
      { id: 'fetch', type: 'http', method: 'GET', url: `${base}/fetch-${stamp}`, timeout_ms: 2000 },
      {
        id: 'notify',
        type: 'http',
        method: 'POST',
        url: `${base}/notify-${stamp}`,
        timeout_ms: 2000,
        body: { n: '{{steps.fetch.output.body.n}}' },
      },
    ],
  });
  const original = await runJob(page, `e2e-notify-${stamp}`, { who: 'ada' });
  // Five attempts of step 2 with back-off (about 15 s), then the job fails.
  await expect(page.getByTestId('job-status')).toHaveText('failed', { timeout: 60_000 });
  expect(hits.get(`/fetch-${stamp}`)).toBe(1);
  const notifyCalls = hits.get(`/notify-${stamp}`) ?? 0;
  expect(notifyCalls).toBeGreaterThanOrEqual(1);

  notifyBroken = false;
  await page.getByRole('button', { name: 'Rerun from step 2 (notify)' }).click();
  const confirm = page.getByRole('dialog', { name: `Rerun ${original} from step 2 (notify)?` });
  await expect(confirm).toContainText('not executed again and not charged');
  await confirm.getByRole('button', { name: 'Rerun from there' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith(original) && /\/jobs\/job_/.test(url.pathname));
  const replay = jobId(page);
  await expect(page.getByTestId('job-status')).toHaveText('succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('replay-of')).toContainText(original);
  await expect(page.getByTestId('replay-of')).toContainText('from step 2');
  await expect(page.getByTestId('step-reused-fetch')).toContainText(`reused from ${original}`);
  // Step 1 was called once in all (by the original); step 2 once more, by the replay.
  expect(hits.get(`/fetch-${stamp}`)).toBe(1);
  expect(hits.get(`/notify-${stamp}`)).toBe(notifyCalls + 1);
  // The original lists its replay.
  await page.getByTestId('replay-of').getByRole('link').click();
  await expect(page.getByTestId('job-reruns')).toContainText(replay);

  // 2. Rerun with an edited payload: step 2 needs input.ok; the editor validates the JSON.
  await createWorkflowAsJson(page, {
    slug: `e2e-check-${stamp}`,
    publish: true,
    steps: [
      { id: 'fetch', type: 'http', method: 'GET', url: `${base}/check-${stamp}`, timeout_ms: 2000 },
      {
        id: 'check',
        type: 'transform',
        expression: "input.ok = true ? { 'n': steps.fetch.output.body.n } : $error('input.ok is not true')",
      },
    ],
  });
  const bad = await runJob(page, `e2e-check-${stamp}`, { ok: false });
  await expect(page.getByTestId('job-status')).toHaveText('failed', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Rerun with edited payload…' }).click();
  const editor = page.getByRole('dialog', { name: `Rerun ${bad} with an edited payload` });
  const text = editor.getByLabel('Payload (JSON)');
  await text.fill('{"ok": tru');
  await expect(editor.getByText(/Invalid JSON/)).toBeVisible();
  await expect(editor.getByRole('button', { name: 'Review…' })).toBeDisabled();
  await text.fill('{"ok": true}');
  await editor.getByLabel('Start from').selectOption({ label: 'step 2 (check)' });
  await editor.getByRole('button', { name: 'Review…' }).click();
  const review = page.getByRole('dialog', { name: 'Submit a new job with this payload?' });
  await expect(review).toContainText('starting at step 2 (check)');
  await review.getByRole('button', { name: 'Submit new job' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith(bad) && /\/jobs\/job_/.test(url.pathname));
  await expect(page.getByTestId('job-status')).toHaveText('succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('replay-of')).toContainText(bad);
  expect(hits.get(`/check-${stamp}`)).toBe(1);

  // From step 1 with an edited payload: every step runs again.
  const fixed = jobId(page);
  await page.getByRole('button', { name: 'Rerun with edited payload…' }).click();
  const again = page.getByRole('dialog', { name: /with an edited payload$/ });
  await again.getByLabel('Payload (JSON)').fill('{"ok": true, "again": 1}');
  await again.getByRole('button', { name: 'Review…' }).click();
  await page
    .getByRole('dialog', { name: 'Submit a new job with this payload?' })
    .getByRole('button', { name: 'Submit new job' })
    .click();
  await page.waitForURL((url) => !url.pathname.endsWith(fixed) && /\/jobs\/job_/.test(url.pathname));
  await expect(page.getByTestId('replay-of')).toContainText(fixed);
  await expect(page.getByTestId('job-status')).toHaveText('succeeded', { timeout: 30_000 });
  expect(hits.get(`/check-${stamp}`)).toBe(2);

  // 3. Bulk cancel of a filtered selection: three sleeping jobs and a finished one share a tag.
  await runJob(page, `e2e-check-${stamp}`, { ok: true }, `bulk-${stamp}`);
  await expect(page.getByTestId('job-status')).toHaveText('succeeded', { timeout: 30_000 });
  await createWorkflowAsJson(page, {
    slug: `e2e-nap-${stamp}`,
    publish: true,
    steps: [{ id: 'nap', type: 'delay', duration: '1h' }],
  });
  const napping: string[] = [];
  for (let i = 0; i < 3; i++) napping.push(await runJob(page, `e2e-nap-${stamp}`, { i }, `bulk-${stamp}`));
  const untouched = await runJob(page, `e2e-nap-${stamp}`, { other: true }, `keep-${stamp}`);

  await page.goto(`/dashboard/jobs?tag=bulk-${stamp}`);
  await expect(page.getByTestId('job-row')).toHaveCount(4);
  await page.getByRole('checkbox', { name: `Select ${napping[0]}` }).check();
  await expect(page.getByTestId('bulk-count')).toHaveText('1 job selected');
  await page.getByRole('button', { name: 'Select all 4 matching this filter' }).click();
  await expect(page.getByTestId('bulk-count')).toHaveText('All 4 jobs matching this filter selected');
  await page.getByRole('button', { name: 'Cancel jobs…' }).click();
  const bulk = page.getByRole('dialog', { name: 'Cancel 4 jobs?' });
  await bulk.getByRole('button', { name: 'Cancel jobs' }).click();
  await expect(page.getByTestId('bulk-summary')).toHaveText('Cancelled 3 jobs; skipped 1 already finished.');
  await expect(page.getByTestId('count-cancelled')).toHaveText('3');

  // Bulk rerun of the same selection: the cancelled ones run again, the succeeded one is skipped.
  await page.getByRole('checkbox', { name: 'Select the jobs on this page' }).check();
  await expect(page.getByTestId('bulk-count')).toHaveText('4 jobs selected');
  await page.getByRole('button', { name: 'Rerun jobs…' }).click();
  await page
    .getByRole('dialog', { name: 'Rerun 4 jobs?' })
    .getByRole('button', { name: 'Rerun jobs' })
    .click();
  await expect(page.getByTestId('bulk-summary')).toHaveText(
    'Submitted 3 reruns; skipped 1 (still running or succeeded).',
  );
  await expect(page.getByTestId('job-row')).toHaveCount(7);
  // The job outside the filter still sleeps.
  await page.goto(`/dashboard/jobs/${untouched}`);
  await expect(page.getByTestId('job-status')).toHaveText('running');
});
