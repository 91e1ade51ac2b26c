import {
  createApiKey,
  creditCents,
  getSlaOverview,
  monthKey,
  SLA_CREDIT_TIERS,
  SLA_TARGET,
} from '@levqor/core';
import { lastMonthKey, recordOutageMonth, subscribeFromMonth } from '@levqor/core/status/testing';
import { and, eq, memberships, slaClaims } from '@levqor/db';
import { makeMember, makeUser, testDb } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestTestServer } from './test-server';

const db = testDb();
let server: Awaited<ReturnType<typeof startRestTestServer>>;
const today = new Date();
const lastMonth = lastMonthKey(today);
const thisMonth = monthKey(today);

beforeAll(async () => {
  server = await startRestTestServer();
  // 95 of 100 measured minutes up last month: 95.0% → a 25% credit.
  await recordOutageMonth(db, lastMonth);
});
afterAll(() => server.close());

/** An owner whose workspace paid for Starter (29 USD) through last month. */
async function payingOwner() {
  const { user, workspace } = await makeUser();
  await subscribeFromMonth(db, { workspaceId: workspace.id, month: lastMonth });
  return { user, workspace };
}

/** Claims filed earlier (one a month from `firstFiled`), as the admin's list would hold them. */
async function seedClaims(
  owner: { user: { id: string }; workspace: { id: string } },
  months: string[],
  firstFiled: number,
) {
  await db.insert(slaClaims).values(
    months.map((month, i) => ({
      workspaceId: owner.workspace.id,
      month,
      availability: 0.99,
      measuredMinutes: 100,
      creditPercent: 10,
      feeCents: 2900,
      creditCents: 290,
      filedBy: owner.user.id,
      filedAt: new Date(firstFiled + i * 31 * 86_400_000),
    })),
  );
}

async function keyFor(workspaceId: string, userId: string, scopes: string[]) {
  const { plaintext } = await createApiKey(db, {
    workspaceId,
    userId,
    input: { name: 'sla', scopes: scopes as never },
  });
  return plaintext;
}

const call = async (key: string, method: 'GET' | 'POST', path: string, body?: unknown) => {
  const res = await fetch(`${server.base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.json() };
};

const expectProblem = (
  r: Awaited<ReturnType<typeof call>>,
  status: number,
  detail: RegExp,
): Record<string, unknown> => {
  expect(r.status).toBe(status);
  expect(r.type).toContain('application/problem+json');
  expect(r.body.detail).toMatch(detail);
  return r.body;
};

describe.skipIf(today.getUTCDate() > 30)('REST /api/v1/sla/claims', () => {
  it('files the claim the dashboard would (same figures, same rules), lists it, and refuses a second', async () => {
    const a = await payingOwner();
    const key = await keyFor(a.workspace.id, a.user.id, ['sla:read', 'sla:write']);
    expect((await call(key, 'GET', '/sla/claims')).body).toEqual({ data: [], next_cursor: null });

    const filed = await call(key, 'POST', '/sla/claims', { month: lastMonth });
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({
      month: lastMonth,
      status: 'pending',
      fee_cents: 2900,
      decided_at: null,
      decision_reason: null,
    });
    // Availability is platform-wide, and other test files record checks in the same month: the figure is
    // below target (this file's outage alone makes it 95.0%), and the credit follows the policy from it.
    const { availability, credit_percent } = filed.body as { availability: number; credit_percent: number };
    expect(availability).toBeLessThan(SLA_TARGET);
    expect(credit_percent).toBe(SLA_CREDIT_TIERS.find((t) => availability < t.below)?.percent ?? 0);
    expect(filed.body.credit_cents).toBe(creditCents(2900, credit_percent));
    expect(filed.body.id).toMatch(/^slc_/);
    expect(filed.body).not.toHaveProperty('stripe_balance_transaction_id');

    // The dashboard's view of the workspace has the same claim.
    const months = await getSlaOverview(db, { workspaceId: a.workspace.id, owner: true });
    expect(months.find((m) => m.month === lastMonth)?.claim?.id).toBe(filed.body.id);

    const list = await call(key, 'GET', '/sla/claims');
    expect(list.body.data.map((c: { id: string }) => c.id)).toEqual([filed.body.id]);
    expect(list.body.next_cursor).toBeNull();

    expectProblem(await call(key, 'POST', '/sla/claims', { month: lastMonth }), 400, /already filed/);
    expectProblem(await call(key, 'POST', '/sla/claims', { month: thisMonth }), 400, /has not ended yet/);
  });

  it('never shows a workspace another one’s claims, nor lets it claim on their behalf', async () => {
    const a = await payingOwner();
    const aKey = await keyFor(a.workspace.id, a.user.id, ['sla:read', 'sla:write']);
    const filed = await call(aKey, 'POST', '/sla/claims', { month: lastMonth });
    expect(filed.status).toBe(200);

    const b = await makeUser();
    const bKey = await keyFor(b.workspace.id, b.user.id, ['sla:read', 'sla:write']);
    expect((await call(bKey, 'GET', '/sla/claims')).body).toEqual({ data: [], next_cursor: null });
    // B's filing is about B (no fee paid), whatever it sends: no input names a workspace.
    expectProblem(
      await call(bKey, 'POST', '/sla/claims', { month: lastMonth, workspace_id: a.workspace.id }),
      400,
      /paid no subscription fee/,
    );
    // A cursor made from A's page does not reach A's rows either.
    const more = await payingOwner();
    const moreKey = await keyFor(more.workspace.id, more.user.id, ['sla:read']);
    await seedClaims(a, ['2025-01', '2025-02'], Date.UTC(2025, 2, 1));
    const aPage = await call(aKey, 'GET', '/sla/claims?limit=1');
    expect(aPage.body.next_cursor).toEqual(expect.any(String));
    const leak = await call(moreKey, 'GET', `/sla/claims?limit=1&cursor=${aPage.body.next_cursor}`);
    expect(leak.body).toEqual({ data: [], next_cursor: null });
    const ids = (await db.select().from(slaClaims).where(eq(slaClaims.workspaceId, b.workspace.id))).length;
    expect(ids).toBe(0);
  });

  it('pages through the workspace’s claims, newest filed first', async () => {
    const a = await payingOwner();
    const key = await keyFor(a.workspace.id, a.user.id, ['sla:read']);
    const months = ['2025-03', '2025-04', '2025-05', '2025-06', '2025-07'];
    await seedClaims(a, months, Date.UTC(2025, 3, 2));
    await db
      .update(slaClaims)
      .set({
        status: 'rejected',
        decidedAt: new Date(Date.UTC(2025, 5, 1)),
        decisionReason: 'planned maintenance',
      })
      .where(and(eq(slaClaims.workspaceId, a.workspace.id), eq(slaClaims.month, '2025-04')));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof call>> = await call(
        key,
        'GET',
        `/sla/claims?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((c: { month: string }) => c.month));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...months].reverse());
    const rejected = (await call(key, 'GET', '/sla/claims?limit=100')).body.data.find(
      (c: { month: string }) => c.month === '2025-04',
    );
    expect(rejected).toMatchObject({ status: 'rejected', decision_reason: 'planned maintenance' });
  });

  it('answers bad input, a missing scope and a member’s key with 4xx problem+json', async () => {
    const a = await payingOwner();
    const key = await keyFor(a.workspace.id, a.user.id, ['sla:read', 'sla:write']);
    const badMonth = expectProblem(
      await call(key, 'POST', '/sla/claims', { month: '2026-13' }),
      400,
      /month/,
    );
    expect(badMonth.errors).toEqual([expect.objectContaining({ path: 'month' })]);
    expectProblem(await call(key, 'POST', '/sla/claims', {}), 400, /month/);
    expectProblem(await call(key, 'GET', '/sla/claims?limit=0'), 400, /limit/);
    expectProblem(await call(key, 'GET', '/sla/claims?cursor=not-a-cursor'), 400, /cursor/);

    const readOnly = await keyFor(a.workspace.id, a.user.id, ['sla:read']);
    expectProblem(await call(readOnly, 'POST', '/sla/claims', { month: lastMonth }), 403, /sla:write/);
    const jobsOnly = await keyFor(a.workspace.id, a.user.id, ['jobs:read']);
    expectProblem(await call(jobsOnly, 'GET', '/sla/claims'), 403, /sla:read/);

    // A key speaks for its creator while they belong to the workspace: once the owner who made it has
    // handed the workspace over and is a member, it may no longer claim.
    const { user: successor } = await makeMember(a.workspace.id);
    await db.update(memberships).set({ role: 'owner' }).where(eq(memberships.userId, successor.id));
    await db.update(memberships).set({ role: 'member' }).where(eq(memberships.userId, a.user.id));
    expectProblem(
      await call(key, 'POST', '/sla/claims', { month: lastMonth }),
      403,
      /Only a workspace owner can file SLA credit claims/,
    );
    expect((await call(key, 'GET', '/sla/claims')).body.data).toEqual([]);
  });
});
