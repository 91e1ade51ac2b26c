import { expect, type Page, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { createWorkflowAsJson, freshEmail } from './support/dashboard';
import { WEB_URL } from './urls';

async function setBudget(page: Page, dollars: string) {
  await page.goto(`${WEB_URL}/dashboard/settings`);
  const form = page.getByRole('form', { name: 'Monthly budget' });
  await form.getByLabel('Monthly budget (USD)').fill(dollars);
  await form.getByRole('button', { name: 'Save budget' }).click();
  return form;
}

test('budget form: refuses a fraction of a cent with a message, and never shows an error and a success together', async ({
  page,
}) => {
  await signInViaMailbox(page, freshEmail('budget-form'));
  const form = await setBudget(page, '4.34');
  await expect(form.getByText('Budget saved.')).toBeVisible();
  await expect(form.getByTestId('budget-current')).toHaveText('$4.34');

  // 0.0005 used to be stored as 0 without a word.
  await form.getByLabel('Monthly budget (USD)').fill('0.0005');
  // The success message was about the previous value: it goes as soon as the value changes.
  await expect(form.getByText('Budget saved.')).toHaveCount(0);
  await form.getByRole('button', { name: 'Save budget' }).click();
  await expect(form.getByRole('alert')).toContainText(
    'Budgets are in whole cents: 0.0005 has a fraction of a cent',
  );
  await expect(form.getByText('Budget saved.')).toHaveCount(0);
  await expect(form.getByTestId('budget-current')).toHaveText('$4.34');

  // Fixing the value clears the error; saving shows only the success.
  await form.getByLabel('Monthly budget (USD)').fill('0.05');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await form.getByRole('button', { name: 'Save budget' }).click();
  await expect(form.getByText('Budget saved.')).toBeVisible();
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(form.getByTestId('budget-current')).toHaveText('5¢');
  // After a reload, the stored budget is what the form said.
  await page.reload();
  await expect(page.getByRole('form', { name: 'Monthly budget' }).getByTestId('budget-current')).toHaveText(
    '5¢',
  );
});

test('over budget: the real percentage, a red bar, "over by", and a banner on Overview, Jobs and the run form', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInViaMailbox(page, freshEmail('over-budget'));
  // 50 transform steps at 0.01¢ each: 0.5¢ a job; three jobs spend 1.5¢.
  const slug = `e2e-spend-${Date.now().toString(36)}`;
  await createWorkflowAsJson(page, {
    slug,
    steps: Array.from({ length: 50 }, (_, i) => ({ id: `t${i}`, type: 'transform', expression: 'input' })),
    publish: true,
  });
  for (let i = 0; i < 3; i++) {
    await page.goto(`${WEB_URL}/dashboard/workflows/${slug}`);
    await page.getByRole('form', { name: 'Run workflow' }).getByRole('button', { name: 'Run job' }).click();
    await page.waitForURL(/\/dashboard\/jobs\/job_/);
    await expect(page.getByTestId('job-status')).toHaveText('succeeded', { timeout: 60_000 });
    await expect(page.getByTestId('job-cost')).toHaveText('0.5¢');
  }
  // No banner while within the budget.
  await page.goto(`${WEB_URL}/dashboard`);
  await expect(page.getByTestId('budget-meter')).toBeVisible();
  await expect(page.getByTestId('budget-banner')).toHaveCount(0);

  // The budget drops to 1¢ below what was already spent: 150% of it.
  await setBudget(page, '0.01');
  await expect(page.getByText('Budget saved.')).toBeVisible();

  for (const path of ['/dashboard', '/dashboard/jobs', `/dashboard/workflows/${slug}`]) {
    await page.goto(`${WEB_URL}${path}`);
    const banner = page.getByTestId('budget-banner');
    await expect(banner, path).toHaveAttribute('data-state', 'over');
    await expect(banner).toContainText('Over budget: 150% of this month’s budget spent');
    await expect(banner).toContainText('1.5¢ of 1¢, over by 0.5¢');
  }
  // On the workflow page the banner sits in the run form.
  await expect(page.getByRole('form', { name: 'Run workflow' }).getByTestId('budget-banner')).toBeVisible();

  // Overview's meter: red, the real percentage, over by.
  await page.goto(`${WEB_URL}/dashboard`);
  const meter = page.getByTestId('budget-meter');
  await expect(meter).toHaveAttribute('data-state', 'over');
  await expect(meter.getByTestId('budget-percent')).toHaveText('150%');
  await expect(meter.getByTestId('budget-over-by')).toHaveText('over by 0.5¢');
  const bar = meter.locator('.meter-segment').first();
  expect(await bar.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(192, 38, 45)');
  expect(await bar.evaluate((el) => el.getBoundingClientRect().width)).toBeCloseTo(
    await meter.locator('.meter').evaluate((el) => el.getBoundingClientRect().width),
    0,
  );

  // The usage page says the same.
  await page.goto(`${WEB_URL}/dashboard/usage`);
  await expect(page.getByTestId('budget-meter').getByTestId('budget-percent')).toHaveText('150%');

  // And a job is refused at once, with the reason.
  await page.goto(`${WEB_URL}/dashboard/workflows/${slug}`);
  await page.getByRole('form', { name: 'Run workflow' }).getByRole('button', { name: 'Run job' }).click();
  await expect(page.getByText('Over budget — the job was not submitted.')).toBeVisible();
});
