import {
  and,
  auditEvents,
  devMail,
  eq,
  getDb,
  healthChecks,
  stripeEvents,
  subscriptions,
  workspaces,
} from '@levqor/db';
import { makeMember, makeUser } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { monthlyAvailability, monthlyFeeCents } from './monthly-availability';
import { fileSlaClaim, getSlaOverview, rejectSlaClaim } from './sla-claims';

const db = getDb();
/**
 * Records checks for the given minutes of a month of its own (each test uses a different past month, so
 * the platform-wide health checks other tests write do not mix in): `down` minutes get one failing check.
 */
async function recordMinutes(
  month: string,
  opts: { up: number; down: number; downService?: string; extra?: { service: string; ok: number }[] },
) {
  const rows: (typeof healthChecks.$inferInsert)[] = [];
  const start = new Date(`${month}-02T00:00:00Z`).getTime();
  for (let i = 0; i < opts.up + opts.down; i++) {
    const at = new Date(start + i * 60_000 + 5_000);
    const down = i >= opts.up;
    rows.push({ service: 'database', ok: 1, latencyMs: 1, createdAt: at });
    rows.push({
      service: opts.downService ?? 'api',
      ok: down ? 0 : 1,
      latencyMs: 3,
      createdAt: new Date(at.getTime() + 1_000),
    });
    for (const e of opts.extra ?? []) rows.push({ ...e, latencyMs: 1, createdAt: at });
  }
  for (let i = 0; i < rows.length; i += 1000) await db.insert(healthChecks).values(rows.slice(i, i + 1000));
}

/** A billed Growth subscription for the workspace ($79/month) known since `since`, with a Stripe customer. */
async function subscribe(
  workspaceId: string,
  since: string,
  opts: { status?: string; customer?: string } = {},
) {
  const sub = `sub_${Math.random().toString(36).slice(2, 12)}`;
  const customerId = opts.customer ?? `cus_${Math.random().toString(36).slice(2, 12)}`;
  await db.insert(subscriptions).values({
    id: sub,
    workspaceId,
    customerId,
    status: opts.status ?? 'active',
    plan: 'growth',
    currentPeriodStart: new Date('2030-01-01T00:00:00Z'),
    currentPeriodEnd: new Date('2030-02-01T00:00:00Z'),
    version: 1,
  });
  const created = Math.floor(new Date(since).getTime() / 1000);
  await db.insert(stripeEvents).values({
    id: `evt_${sub}`,
    type: 'customer.subscription.created',
    created,
    payload: {
      id: `evt_${sub}`,
      type: 'customer.subscription.created',
      created,
      data: { object: { id: sub } },
    },
  });
  if (opts.customer)
    await db.update(workspaces).set({ stripeCustomerId: customerId }).where(eq(workspaces.id, workspaceId));
}

const refused = async (p: Promise<unknown>) => {
  const e = await p.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
};

describe('monthly availability from recorded health checks', () => {
  it('counts measured minutes; a minute is down when any web/api/database check in it failed', async () => {
    await recordMinutes('2019-01', { up: 990, down: 10 });
    // A failing workers check does not count against the SLA figure.
    await recordMinutes('2019-02', { up: 100, down: 0, extra: [{ service: 'workers', ok: 0 }] });
    const [jan, feb, mar] = await monthlyAvailability(db, ['2019-01', '2019-02', '2019-03']);
    expect(jan).toEqual({ month: '2019-01', measuredMinutes: 1000, upMinutes: 990, availability: 0.99 });
    expect(feb).toMatchObject({ measuredMinutes: 100, upMinutes: 100, availability: 1 });
    // No check recorded: no figure (shown as "no measurements", never as 100%).
    expect(mar).toEqual({ month: '2019-03', measuredMinutes: 0, upMinutes: 0, availability: null });
  });

  it('a database failure counts too; minutes are UTC minutes', async () => {
    await recordMinutes('2019-04', { up: 95, down: 5, downService: 'database' });
    const [apr] = await monthlyAvailability(db, ['2019-04']);
    expect(apr).toMatchObject({ measuredMinutes: 100, upMinutes: 95, availability: 0.95 });
  });

  it("the month's fee: a billed subscription in force that month; trials and later subscriptions pay none", async () => {
    const { workspace } = await makeUser();
    expect(await monthlyFeeCents(db, workspace.id, '2019-05')).toBe(0);
    await subscribe(workspace.id, '2019-05-20T00:00:00Z');
    expect(await monthlyFeeCents(db, workspace.id, '2019-04')).toBe(0);
    expect(await monthlyFeeCents(db, workspace.id, '2019-05')).toBe(7_900);
    expect(await monthlyFeeCents(db, workspace.id, '2019-09')).toBe(7_900);
    const trial = await makeUser();
    await subscribe(trial.workspace.id, '2019-05-01T00:00:00Z', { status: 'trialing' });
    expect(await monthlyFeeCents(db, trial.workspace.id, '2019-06')).toBe(0);
  });
});

describe('SLA claims', () => {
  it('files the computed credit inside the window only, once per month, owners only', async () => {
    await recordMinutes('2019-06', { up: 985, down: 15 }); // 98.5%: 25%
    const { user, workspace } = await makeUser();
    await subscribe(workspace.id, '2019-01-01T00:00:00Z');
    const file = (now: string, userId = user.id) =>
      fileSlaClaim(db, { workspaceId: workspace.id, userId, month: '2019-06', now: new Date(now) });

    expect((await refused(file('2019-06-30T23:59:00Z'))).message).toMatch(/has not ended yet/);
    expect((await refused(file('2019-07-31T00:00:00Z'))).message).toMatch(/closed on 2019-07-31/);
    const { user: member } = await makeMember(workspace.id);
    expect((await refused(file('2019-07-10T00:00:00Z', member.id))).reason).toBe('owner-only');

    const claim = await file('2019-07-30T23:59:59Z');
    expect(claim).toMatchObject({
      status: 'pending',
      availability: 0.985,
      measuredMinutes: 1000,
      creditPercent: 25,
      feeCents: 7_900,
      creditCents: 1_975,
    });
    expect((await refused(file('2019-07-11T00:00:00Z'))).message).toMatch(/already filed/);
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.target, claim.id));
    expect(audit).toMatchObject({ actor: user.id, action: 'sla.claim_filed', workspaceId: workspace.id });

    // The overview shows the claim to the owner, and read-only figures to the member.
    const overview = await getSlaOverview(db, {
      workspaceId: workspace.id,
      owner: false,
      now: new Date('2019-07-15T00:00:00Z'),
    });
    expect(overview.map((m) => m.month)).toEqual([
      '2019-07',
      '2019-06',
      '2019-05',
      '2019-04',
      '2019-03',
      '2019-02',
    ]);
    expect(overview[1]).toMatchObject({ claimable: false, note: 'Claim pending', creditCents: 1_975 });
    expect(overview[0]).toMatchObject({ note: 'Month in progress', claimable: false });
  });

  it('refuses a month that met the target, a month without a fee, and unmeasured months', async () => {
    await recordMinutes('2019-07', { up: 995, down: 5 }); // exactly 99.5%: no credit
    await recordMinutes('2019-08', { up: 900, down: 100 });
    const { user, workspace } = await makeUser();
    const file = (month: string, now: string) =>
      fileSlaClaim(db, { workspaceId: workspace.id, userId: user.id, month, now: new Date(now) });
    expect((await refused(file('2019-07', '2019-08-02T00:00:00Z'))).message).toMatch(
      /99\.500%.*no credit is due/,
    );
    expect((await refused(file('2019-08', '2019-09-02T00:00:00Z'))).message).toMatch(
      /paid no subscription fee/,
    );
    expect((await refused(file('2018-02', '2018-03-02T00:00:00Z'))).message).toMatch(
      /No availability was measured/,
    );
    const overview = await getSlaOverview(db, {
      workspaceId: workspace.id,
      owner: true,
      now: new Date('2019-09-02T00:00:00Z'),
    });
    expect(overview.find((m) => m.month === '2019-08')).toMatchObject({
      creditPercent: 50,
      feeCents: 0,
      claimable: false,
      note: 'No paid subscription that month',
    });
  });

  it('tenant isolation: an owner cannot claim for, or see the claims of, another workspace', async () => {
    await recordMinutes('2019-10', { up: 80, down: 20 });
    const a = await makeUser();
    const b = await makeUser();
    await subscribe(a.workspace.id, '2019-01-01T00:00:00Z');
    await subscribe(b.workspace.id, '2019-01-01T00:00:00Z');
    const now = new Date('2019-11-05T00:00:00Z');
    const e = await refused(
      fileSlaClaim(db, { workspaceId: a.workspace.id, userId: b.user.id, month: '2019-10', now }),
    );
    expect(e.reason).toBe('not-found');
    await fileSlaClaim(db, { workspaceId: a.workspace.id, userId: a.user.id, month: '2019-10', now });
    const bView = await getSlaOverview(db, { workspaceId: b.workspace.id, owner: true, now });
    expect(bView.find((m) => m.month === '2019-10')).toMatchObject({ claim: null, claimable: true });
  });

  it('reject: the owner is emailed the reason (dev mailbox); audited', async () => {
    await recordMinutes('2018-01', { up: 98, down: 2 });
    const { user, workspace } = await makeUser();
    const { user: admin } = await makeUser({ admin: true });
    await subscribe(workspace.id, '2017-12-01T00:00:00Z');
    const claim = await fileSlaClaim(db, {
      workspaceId: workspace.id,
      userId: user.id,
      month: '2018-01',
      now: new Date('2018-02-10T00:00:00Z'),
    });
    const rejected = await rejectSlaClaim(db, {
      actor: admin.id,
      input: { id: claim.id, reason: 'planned maintenance announced' },
    });
    expect(rejected.status).toBe('rejected');
    const mail = await db.select().from(devMail).where(eq(devMail.to, user.email));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe('Your SLA credit claim for 2018-01 was not approved');
    expect(mail[0]!.text).toContain('planned maintenance announced');
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.target, claim.id), eq(auditEvents.action, 'admin.sla_claim.reject')));
    expect(audit).toMatchObject({ actor: admin.id, metadata: { reason: 'planned maintenance announced' } });
  });
});
