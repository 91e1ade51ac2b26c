import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { signInAdminDirectly } from './support/admin-session';
import { withDb } from './support/attack';
import { reloadUntil } from './support/reload-until';
import { ADMIN_URL, WEB_URL } from './urls';

/**
 * The admin console's Stripe webhook log and its Replay button, end to end: a subscription event signed
 * with the Stripe SDK and the local stand-in's webhook secret goes through the real webhook
 * (/api/stripe/webhook: verified, stored, handed to the engine); its processing fails for real (it names
 * a workspace that does not exist yet, so storing the subscription breaks a foreign key). Once the cause
 * is gone, an administrator replays it from /billing with a reason, and the worker applies it: the row
 * shows processed and the workspace is on the plan the event carried.
 */

/** The local stand-in's fixed secrets (STRIPE_STANDIN in packages/config): the e2e run has no real Stripe. */
const STANDIN_WEBHOOK_SECRET = 'whsec_levqor_local_standin_secret';
const STANDIN_GROWTH_PRICE = 'price_standin_growth';

/** The Stripe SDK, borrowed from packages/core like withDb borrows `postgres`. */
function stripeSdk(): {
  webhooks: { generateTestHeaderString(o: { payload: string; secret: string }): string };
} {
  const require = createRequire(join(import.meta.dirname, '..', 'packages', 'core', 'package.json'));
  const Stripe = require('stripe') as new (key: string) => ReturnType<typeof stripeSdk>;
  return new Stripe('sk_test_levqor_standin');
}

test('a Stripe event that failed processing is replayed from the console and applied', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const workspaceId = `ws_e2ereplay${tag}`;
  const eventId = `evt_e2ereplay${tag}`;
  const subscriptionId = `sub_e2ereplay${tag}`;
  const now = Math.floor(Date.now() / 1000);
  const payload = JSON.stringify({
    id: eventId,
    object: 'event',
    api_version: '2025-10-29.clover',
    created: now,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'customer.subscription.updated',
    data: {
      object: {
        id: subscriptionId,
        object: 'subscription',
        customer: `cus_e2ereplay${tag}`,
        status: 'active',
        cancel_at_period_end: false,
        metadata: { workspace_id: workspaceId },
        items: {
          object: 'list',
          data: [
            {
              id: `si_e2ereplay${tag}`,
              object: 'subscription_item',
              price: { id: STANDIN_GROWTH_PRICE, object: 'price' },
              current_period_start: now,
              current_period_end: now + 30 * 86_400,
            },
          ],
        },
      },
    },
  });

  // 1. Delivered through the real webhook with a real signature: stored once, handed to the engine.
  const signature = stripeSdk().webhooks.generateTestHeaderString({
    payload,
    secret: STANDIN_WEBHOOK_SECRET,
  });
  const delivered = await request.post(`${WEB_URL}/api/stripe/webhook`, {
    data: payload,
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
  });
  expect(delivered.status()).toBe(200);
  expect(await delivered.json()).toMatchObject({ received: true, id: eventId, duplicate: false });

  // 2. The worker's attempt fails (no such workspace yet). Its retries would take ~4 minutes to run out
  //    (8 attempts with exponential back-off): end them here as the engine would, so that only the
  //    replay can apply the event from now on.
  await expect
    .poll(
      () =>
        withDb(
          (sql) => sql`update engine_runs set status = 'failed', finished_at = now()
            where function_id = 'billing.stripe-event' and payload ->> 'eventId' = ${eventId}
              and status = 'queued' and last_error is not null
            returning last_error`,
        ),
      { timeout: 30_000, intervals: [250] },
    )
    .toHaveLength(1);

  await signInAdminDirectly(page);
  await page.goto(`${ADMIN_URL}/billing?type=customer.subscription.updated&state=failed`);
  const failedRow = page.getByTestId(`stripe-event-${eventId}`);
  await expect(failedRow).toContainText('failed');
  await expect(failedRow).toContainText('workspace');
  await expect(page.getByRole('table', { name: 'Stripe webhook events' })).toBeVisible();

  // 3. The cause goes away (the workspace the subscription names now exists); it is still on Free.
  await withDb(
    (sql) => sql`insert into workspaces (id, name) values (${workspaceId}, ${`E2E replay ${tag}`})`,
  );
  await page.goto(`${ADMIN_URL}/accounts/workspaces/${workspaceId}`);
  await expect(page.getByRole('heading', { level: 1, name: `E2E replay ${tag}` })).toBeVisible();
  await expect(page.getByText('No members')).toBeVisible();
  const plan = page
    .locator('.dl > div')
    .filter({ has: page.locator('dt', { hasText: /^Plan$/ }) })
    .locator('dd');
  await expect(plan).toHaveText('free');

  // 4. Replay, with a reason, from the unfiltered log (a processed event leaves the "failed" filter).
  await page.goto(`${ADMIN_URL}/billing?type=customer.subscription.updated`);
  const row = page.getByTestId(`stripe-event-${eventId}`);
  await expect(row).toContainText('failed');
  await row.getByTestId(`replay-${eventId}`).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`Process ${eventId} again?`);
  // Too short a reason is refused in the dialog, nothing is replayed.
  await dialog.getByLabel('Reason (kept in the audit log)').fill('x');
  await dialog.getByRole('button', { name: 'Replay' }).click();
  await expect(dialog).toContainText('Give a reason of at least 5 characters');
  await dialog.getByLabel('Reason (kept in the audit log)').fill('e2e: the workspace exists now');
  await dialog.getByRole('button', { name: 'Replay' }).click();
  await expect(dialog).toBeHidden();

  // 5. The worker processes the new run: the row says processed, with no Replay button left.
  await reloadUntil(page, async () => (await row.textContent())?.includes('processed') ?? false);
  await expect(row).not.toContainText('failed');
  await expect(row.getByTestId(`replay-${eventId}`)).toHaveCount(0);

  // 6. The effect: the workspace is on Growth, the subscription is stored, the replay is audited, and it
  //    was the replay's run (the second) that applied the event.
  await page.goto(`${ADMIN_URL}/accounts/workspaces/${workspaceId}`);
  await expect(plan).toHaveText('growth');
  const facts = await withDb(async (sql) => ({
    subscription:
      await sql`select workspace_id, plan, status from subscriptions where id = ${subscriptionId}`,
    runs: await sql`select status from engine_runs
      where function_id = 'billing.stripe-event' and payload ->> 'eventId' = ${eventId} order by created_at`,
    audit:
      await sql`select action, metadata ->> 'reason' as reason from audit_events where target = ${eventId}`,
  }));
  expect(facts.subscription).toEqual([{ workspace_id: workspaceId, plan: 'growth', status: 'active' }]);
  expect(facts.runs.map((r) => r.status)).toEqual(['failed', 'succeeded']);
  expect(facts.audit).toEqual([
    { action: 'admin.billing.stripe_event_replayed', reason: 'e2e: the workspace exists now' },
  ]);
});
