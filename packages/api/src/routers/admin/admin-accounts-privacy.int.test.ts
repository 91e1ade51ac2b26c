import { randomBytes } from 'node:crypto';
import { hashPii, requestExport } from '@levqor/core';
import { consentRecords, eq, privacyRequests, subscriptions, workspaces } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../context';
import { callerFor, sessionOf, trpcHttp } from '../../test-client';

const db = testDb();
const DAY = 86_400_000;
const tag = () => randomBytes(4).toString('hex');

async function asAdmin(): Promise<SessionUser> {
  const { user } = await makeUser({ admin: true, label: 'admin-accounts' });
  return sessionOf(user, 'admin');
}

type Search = {
  users: { id: string; email: string }[];
  workspaces: { id: string; name: string; plan: string; status: string; members: number }[];
  hasMore: boolean;
};

describe('admin.accounts.search: plan and status filters', () => {
  it('returns exactly the workspaces (and their members) on the plan and in the standing asked for, paged', async () => {
    const admin = callerFor(await asAdmin());
    const t = tag();
    // Five workspaces, named so that one query finds exactly them; each in a known plan and standing.
    const make = async (
      letter: string,
      plan: 'free' | 'growth' | 'business',
      standing: 'active' | 'suspended' | 'past_due' | 'unpaid' | 'recovered',
    ) => {
      const made = await makeUser({
        workspaceName: `Filt ${t} ${letter}`,
        name: `Filt ${t} owner ${letter}`,
      });
      await db
        .update(workspaces)
        .set({
          plan,
          ...(standing === 'suspended' ? { suspendedAt: new Date(), suspendedReason: 'test' } : {}),
        })
        .where(eq(workspaces.id, made.workspace.id));
      if (standing === 'past_due' || standing === 'unpaid' || standing === 'recovered') {
        // The newest subscription decides: `recovered` was past due and is active again.
        await db.insert(subscriptions).values([
          {
            id: `sub_${t}_${letter}_1`,
            workspaceId: made.workspace.id,
            customerId: `cus_${t}_${letter}`,
            status: standing === 'recovered' ? 'past_due' : standing,
            plan,
            version: 1,
          },
          ...(standing === 'recovered'
            ? [
                {
                  id: `sub_${t}_${letter}_2`,
                  workspaceId: made.workspace.id,
                  customerId: `cus_${t}_${letter}`,
                  status: 'active',
                  plan,
                  version: 2,
                },
              ]
            : []),
        ]);
      }
      return made;
    };
    const a = await make('A', 'free', 'active');
    const b = await make('B', 'growth', 'recovered');
    const c = await make('C', 'growth', 'suspended');
    const d = await make('D', 'growth', 'past_due');
    const e = await make('E', 'business', 'unpaid');
    const query = `Filt ${t}`;
    const search = async (filters: Record<string, unknown>) =>
      (await admin.admin.accounts.search({ query, limit: 20, ...filters })) as Search;
    const names = (r: Search) => r.workspaces.map((w) => w.name.slice(-1));
    const owners = (r: Search) => r.users.map((u) => u.id).sort();

    const all = await search({});
    expect(names(all)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(all.workspaces.map((w) => [w.plan, w.status])).toEqual([
      ['free', 'active'],
      ['growth', 'active'],
      ['growth', 'suspended'],
      ['growth', 'past_due'],
      ['business', 'past_due'],
    ]);
    // Each workspace has its owner as a member (the count once read 0 for every workspace).
    expect(all.workspaces.map((w) => w.members)).toEqual([1, 1, 1, 1, 1]);

    expect(names(await search({ plan: 'growth' }))).toEqual(['B', 'C', 'D']);
    expect(names(await search({ plan: 'enterprise' }))).toEqual([]);
    expect(names(await search({ status: 'active' }))).toEqual(['A', 'B']);
    expect(names(await search({ status: 'suspended' }))).toEqual(['C']);
    expect(names(await search({ status: 'past_due' }))).toEqual(['D', 'E']);
    expect(names(await search({ plan: 'growth', status: 'past_due' }))).toEqual(['D']);
    expect(names(await search({ plan: 'free', status: 'suspended' }))).toEqual([]);

    // Users: members of a matching workspace only.
    expect(owners(await search({ status: 'past_due' }))).toEqual([d.user.id, e.user.id].sort());
    expect(owners(await search({ plan: 'growth', status: 'active' }))).toEqual([b.user.id]);
    expect(owners(await search({}))).toEqual([a, b, c, d, e].map((m) => m.user.id).sort());

    // Without a text query the filters alone find them (among everyone else's workspaces).
    const suspendedAnywhere = (await admin.admin.accounts.search({
      status: 'suspended',
      limit: 100,
    })) as Search;
    expect(suspendedAnywhere.workspaces.map((w) => w.id)).toContain(c.workspace.id);
    expect(suspendedAnywhere.workspaces.every((w) => w.status === 'suspended')).toBe(true);

    // Paged: two by two, in name order.
    const page0 = await search({ plan: 'growth', limit: 2, page: 0 });
    expect([names(page0), page0.hasMore]).toEqual([['B', 'C'], true]);
    const page1 = await search({ plan: 'growth', limit: 2, page: 1 });
    expect([names(page1), page1.hasMore]).toEqual([['D'], false]);

    // zod at the boundary: an unknown plan or status is a 400 that names the value and lists the known ones
    // (the /accounts page shows the same sentence for `?plan=bogus`).
    const who = await asAdmin();
    const badPlan = await trpcHttp(who, 'admin.accounts.search', { query, plan: 'bogus' });
    expect(badPlan.status).toBe(400);
    expect(badPlan.json.error?.json.message).toBe(
      'plan: Unknown plan “bogus”. Plans: free, starter, growth, business, enterprise',
    );
    expect(badPlan.json.error?.json.data).toMatchObject({
      code: 'BAD_REQUEST',
      reason: 'validation',
      issues: [
        {
          path: ['plan'],
          message: 'Unknown plan “bogus”. Plans: free, starter, growth, business, enterprise',
        },
      ],
    });
    const badStatus = await trpcHttp(who, 'admin.accounts.search', { query, status: 'deleted' });
    expect(badStatus.status).toBe(400);
    expect(badStatus.json.error?.json.message).toBe(
      'status: Unknown status “deleted”. Statuses: active, past_due, suspended',
    );
    // The server-side caller (what the console's pages use) is refused the same way, before any query.
    await expect(admin.admin.accounts.search({ query, plan: 'bogus' as 'free' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'plan: Unknown plan “bogus”. Plans: free, starter, growth, business, enterprise',
    });
    // Not for customers.
    expect((await trpcHttp(sessionOf(a.user), 'admin.accounts.search', { query })).status).toBe(403);
  });
});

describe('admin account detail: consents and data-subject requests', () => {
  it('shows the user’s (and the workspace members’) consents and DSARs, nobody else’s', async () => {
    const admin = callerFor(await asAdmin());
    const u = await makeUser({ label: 'consents' });
    const other = await makeUser({ label: 'consents-other' });
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY);
    await db.insert(consentRecords).values([
      {
        userId: null, // before sign-up: found through the email's hash
        emailHash: hashPii(u.user.email),
        kind: 'marketing',
        action: 'confirmed',
        granted: true,
        method: 'double-opt-in',
        source: 'newsletter-form',
        wording: 'Send me product news',
        createdAt: at(10),
      },
      {
        userId: u.user.id,
        kind: 'cookies',
        action: 'granted',
        granted: true,
        categories: { necessary: true, analytics: true, marketing: false },
        method: 'cookie-banner',
        source: 'web',
        wording: 'Cookies',
        createdAt: at(5),
      },
      {
        userId: u.user.id,
        emailHash: hashPii(u.user.email),
        kind: 'marketing',
        action: 'withdrawn',
        granted: false,
        method: 'unsubscribe-link',
        source: 'email',
        wording: 'Send me product news',
        createdAt: at(1),
      },
      {
        userId: other.user.id,
        kind: 'cookies',
        action: 'rejected',
        granted: false,
        categories: { necessary: true },
        method: 'cookie-banner',
        source: 'web',
        wording: 'Cookies',
      },
    ]);
    const [done, open] = await db
      .insert(privacyRequests)
      .values([
        {
          userId: u.user.id,
          emailHash: hashPii(u.user.email),
          kind: 'export',
          status: 'completed',
          requestedAt: at(20),
          dueAt: at(-10),
          completedAt: at(19),
        },
        {
          userId: u.user.id,
          emailHash: hashPii(u.user.email),
          kind: 'erasure',
          status: 'pending',
          requestedAt: at(40),
          dueAt: at(9),
        },
        {
          userId: other.user.id,
          emailHash: hashPii(other.user.email),
          kind: 'export',
          status: 'pending',
          requestedAt: at(2),
          dueAt: at(-28),
        },
      ])
      .returning();

    const user = await admin.admin.accounts.user({ id: u.user.id });
    expect(user.consents.map((c) => [c.purpose, c.action, c.granted, c.method, c.source, c.email])).toEqual([
      ['marketing', 'withdrawn', false, 'unsubscribe-link', 'email', u.user.email],
      ['cookies: analytics', 'granted', true, 'cookie-banner', 'web', u.user.email],
      ['marketing', 'confirmed', true, 'double-opt-in', 'newsletter-form', u.user.email],
    ]);
    expect(user.consents[0]!.createdAt).toBeInstanceOf(Date);
    expect(
      user.privacyRequests.map((r) => [r.id, r.kind, r.status, r.overdue, r.completedAt !== null]),
    ).toEqual([
      [done!.id, 'export', 'completed', false, true],
      [open!.id, 'erasure', 'pending', true, false],
    ]);

    // The workspace page shows its members' records (here: its one owner), and not another tenant's.
    const ws = await admin.admin.accounts.workspace({ id: u.workspace.id });
    expect(ws.consents.map((c) => c.id)).toEqual(user.consents.map((c) => c.id));
    expect(ws.privacyRequests.map((r) => r.id)).toEqual([done!.id, open!.id]);
    const otherWs = await admin.admin.accounts.workspace({ id: other.workspace.id });
    expect(otherWs.consents.map((c) => c.purpose)).toEqual(['cookies: necessary only']);
    expect(otherWs.privacyRequests.map((r) => [r.kind, r.overdue])).toEqual([['export', false]]);
  });
});

describe('admin.privacyRequests.list: the privacy queue', () => {
  it('puts open requests first, soonest due first (so the overdue lead); a request past its one-month deadline is overdue', async () => {
    const admin = callerFor(await asAdmin());
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY);
    const people = await Promise.all([1, 2, 3, 4, 5].map(() => makeUser({ label: 'dsar-queue' })));
    const noEvents = { send: async () => {}, flush: async () => {} };
    // Requested 32 days ago through the real intake: its deadline (one month) has passed.
    const late = await requestExport(db, { userId: people[0]!.user.id, events: noEvents, now: at(32) });
    expect(late.dueAt.getTime()).toBeLessThan(Date.now());
    expect(late.dueAt.getTime()).toBeGreaterThanOrEqual(at(32).getTime() + 28 * DAY);
    const row = (i: number, v: Partial<typeof privacyRequests.$inferInsert>) => ({
      userId: people[i]!.user.id,
      emailHash: hashPii(people[i]!.user.email),
      kind: 'erasure' as const,
      status: 'pending' as const,
      requestedAt: at(40),
      dueAt: at(10),
      ...v,
    });
    const [muchLater, fresh, doneLate, cancelled] = await db
      .insert(privacyRequests)
      .values([
        // Overdue by 10 days: the oldest deadline, first.
        row(1, { status: 'processing' }),
        // Requested yesterday: due in about a month, not overdue.
        row(2, { kind: 'export', requestedAt: at(1), dueAt: at(-29) }),
        // Completed after its deadline: not overdue any more, and below every open request.
        row(3, { status: 'completed', requestedAt: at(60), dueAt: at(30), completedAt: at(25) }),
        row(4, { status: 'cancelled', requestedAt: at(50), dueAt: at(20), cancelledAt: at(45) }),
      ])
      .returning();

    const list = await admin.admin.privacyRequests.list();
    const mine = [muchLater!.id, late.id, fresh!.id, doneLate!.id, cancelled!.id];
    const ours = list.filter((r) => mine.includes(r.id));
    expect(ours.map((r) => [r.id, r.overdue])).toEqual([
      [muchLater!.id, true],
      [late.id, true],
      [fresh!.id, false],
      [doneLate!.id, false],
      [cancelled!.id, false],
    ]);
    // The whole queue keeps the promise: open before closed, and open ones by due date ascending.
    const closed = (s: string) => s === 'completed' || s === 'cancelled';
    const firstClosed = list.findIndex((r) => closed(r.status));
    if (firstClosed >= 0) expect(list.slice(firstClosed).every((r) => closed(r.status))).toBe(true);
    const open = list.filter((r) => !closed(r.status)).map((r) => r.dueAt.getTime());
    expect(open).toEqual([...open].sort((x, y) => x - y));
    // Every overdue request sits above every open one that is not.
    const lastOverdue = list.map((r) => r.overdue).lastIndexOf(true);
    const firstOnTime = list.findIndex((r) => !r.overdue && !closed(r.status));
    if (firstOnTime >= 0) expect(lastOverdue).toBeLessThan(firstOnTime);
    expect(list.filter((r) => r.overdue).every((r) => !closed(r.status) && r.dueAt < new Date())).toBe(true);
  });
});
