import { expect, test } from '@playwright/test';
import { mailIdsFor, signInViaMailbox } from './mailbox';
import { DEVELOPERS_URL, FAKES_URL, MAILBOX_URL } from './urls';

const API = `${DEVELOPERS_URL}/api/v1`;

interface StepResource {
  id: string;
  type: string;
  status: string;
  attempt: number;
  output: unknown;
  error: string | null;
}
interface JobResource {
  id: string;
  status: string;
  error: string | null;
  result: unknown;
  steps?: StepResource[];
}

/**
 * Every step type on the production path: the build `pnpm start` runs, the launcher's worker
 * (`pnpm levqor worker` through tsx), a real http call to a local server, a chat completion from a
 * local OpenAI-compatible fake, a sandboxed transform, a durable delay, and an email that lands in the
 * dev mailbox — so a difference between Vitest's transform and the worker's runtime cannot hide a
 * broken step again (the email step failed there with "React is not defined").
 */
test('one workflow with http, ai, transform, delay and email runs in the production worker', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const email = `steps-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.com`;
  const topic = `durable-${Math.random().toString(36).slice(2, 8)}`;

  // A new account (its own workspace, which it owns) and an API key from the developer portal.
  await signInViaMailbox(page, email, DEVELOPERS_URL);
  await page.goto(`${DEVELOPERS_URL}/keys`);
  const form = page.getByRole('form', { name: 'Create an API key' });
  await form.getByLabel('Name').fill('every step');
  for (const scope of ['workflows:read', 'workflows:write', 'jobs:read', 'jobs:write'])
    await form.getByRole('checkbox', { name: new RegExp(`^${scope}`) }).check();
  await form.getByRole('button', { name: 'Create key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your new API key' });
  const key = (await dialog.getByTestId('new-key-plaintext').textContent())?.trim() ?? '';
  expect(key).toMatch(/^lvq_/);
  await dialog.getByRole('button', { name: 'I have stored it' }).click();
  const headers = { authorization: `Bearer ${key}` };

  // The workflow, created and published over REST.
  const slug = `every-step-${Date.now().toString(36)}`;
  const created = await request.post(`${API}/workflows`, {
    headers,
    data: {
      slug,
      name: 'Every step',
      publish: true,
      steps: [
        { id: 'fetch', type: 'http', url: `${FAKES_URL}/page?topic={{input.topic}}` },
        {
          id: 'summarize',
          type: 'ai',
          model: 'gpt-4o-mini',
          prompt: 'Summarize: {{steps.fetch.output.body}}',
          max_tokens: 50,
        },
        {
          id: 'shape',
          type: 'transform',
          expression:
            "{ 'topic': input.topic, 'status': steps.fetch.output.status, 'summary': steps.summarize.output.text, 'words': $count($split(steps.fetch.output.body, ' ')) }",
        },
        { id: 'pause', type: 'delay', duration: '2s' },
        {
          id: 'notify',
          type: 'email',
          to: 'owner',
          subject: 'Every step: {{input.topic}}',
          body: 'Summary: {{steps.shape.output.summary}}',
        },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);

  // A job over REST, then its record once the worker is done with it.
  const submitted = await request.post(`${API}/jobs`, {
    headers,
    data: { workflow: slug, payload: { topic }, priority: 'normal' },
  });
  expect(submitted.status(), await submitted.text()).toBe(202);
  const { id } = (await submitted.json()) as { id: string };
  let job: JobResource | undefined;
  await expect
    .poll(
      async () => {
        job = (await (await request.get(`${API}/jobs/${id}`, { headers })).json()) as JobResource;
        return job.status;
      },
      { timeout: 120_000, intervals: [500, 1_000] },
    )
    .toMatch(/^(succeeded|failed|cancelled)$/);
  const done = job!;
  expect(done.error).toBeNull();
  expect(done.status).toBe('succeeded');

  const page_text = await (await request.get(`${FAKES_URL}/page`)).text();
  const summary = `Summary of ${`Summarize: ${page_text}`.length} chars: Summarize: ${page_text.split(' ').slice(0, 3).join(' ')}`;
  const steps = Object.fromEntries((done.steps ?? []).map((s) => [s.id, s]));
  expect(Object.keys(steps)).toEqual(['fetch', 'summarize', 'shape', 'pause', 'notify']);
  for (const s of Object.values(steps))
    expect(s).toMatchObject({ status: 'succeeded', attempt: 1, error: null });
  expect(steps.fetch!.output).toMatchObject({ status: 200, body: page_text });
  expect(steps.summarize!.output).toEqual({
    text: summary,
    usage: { prompt_tokens: 42, completion_tokens: 7 },
  });
  expect(steps.shape!.output).toEqual({
    topic,
    status: 200,
    summary,
    words: page_text.split(' ').length,
  });
  expect((steps.pause!.output as { slept_ms: number }).slept_ms).toBeGreaterThanOrEqual(2_000);
  expect(steps.notify!.output).toEqual({ message_id: expect.any(String) });
  expect(done.result).toEqual(steps.notify!.output);

  // The email reached the dev mailbox, rendered (the worker compiles the React template).
  const messageId = (steps.notify!.output as { message_id: string }).message_id;
  expect(await mailIdsFor(page, email)).toContain(messageId);
  await page.goto(`${MAILBOX_URL}/${messageId}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Every step: ${topic}`);
  await expect(page.getByText(`To ${email} ·`)).toBeVisible();
  await expect(page.frameLocator('iframe[title="Message"]').getByText(`Summary: ${summary}`)).toBeVisible();
});
