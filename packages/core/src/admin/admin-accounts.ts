import {
  and,
  apiKeys,
  asc,
  type DbOrTx,
  desc,
  eq,
  exists,
  ilike,
  inArray,
  jobs,
  memberships,
  or,
  type SQL,
  securityEvents,
  sessions,
  sql,
  userRole,
  users,
  workspaces,
} from '@levqor/db';
import { z } from 'zod';
import { PLAN_IDS } from '../billing/plans';
import { DomainError } from '../errors';
import { unitsToCents } from '../money/money';
import { hashPii } from '../security/pii-hash';
import { budgetStatus } from '../usage/budget';
import { getAccountPrivacy } from './account-privacy';
import { recordAdminAction, ZAdminReason } from './admin-action';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A workspace's standing, as the console filters and shows it: `suspended` (intake closed, by dunning or
 * by an admin), `past_due` (not suspended; its newest Stripe subscription is `past_due` or `unpaid`),
 * otherwise `active`.
 */
export const ACCOUNT_STATUSES = ['active', 'past_due', 'suspended'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/**
 * The standing of the `workspaces` row in scope, computed in SQL (see ACCOUNT_STATUSES). The outer row is
 * named in full: drizzle leaves a lone table's columns unqualified, which the subquery would read as its own.
 */
const accountStatus = sql<AccountStatus>`(case
  when "workspaces"."suspended_at" is not null then 'suspended'
  when (select s.status from subscriptions s where s.workspace_id = "workspaces"."id"
        order by s.version desc limit 1) in ('past_due', 'unpaid') then 'past_due'
  else 'active' end)`;

/** A value as an error message quotes it: text as typed (at most 40 characters), anything else as JSON. */
const quoted = (v: unknown) => {
  const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`;
};

/**
 * The search's filters, with messages an administrator can act on: `Unknown plan “bogus”. Plans: free, …`
 * (the console's /accounts page shows them for an unknown `?plan=` or `?status=`).
 */
export const ZAccountFilters = z.object({
  /** Only workspaces on this plan (and users who are members of one). */
  plan: z
    .enum(PLAN_IDS, { error: (iss) => `Unknown plan ${quoted(iss.input)}. Plans: ${PLAN_IDS.join(', ')}` })
    .optional(),
  /** Only workspaces in this standing (and users who are members of one). */
  status: z
    .enum(ACCOUNT_STATUSES, {
      error: (iss) => `Unknown status ${quoted(iss.input)}. Statuses: ${ACCOUNT_STATUSES.join(', ')}`,
    })
    .optional(),
});

export const ZSearchAccountsInput = ZAccountFilters.extend({
  query: z.string().trim().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(20),
  /** The page to show (offset pagination: admin searches are small and sorted by name). */
  page: z.number().int().min(0).max(1_000).default(0),
});
export type SearchAccountsInput = z.input<typeof ZSearchAccountsInput>;

/**
 * Users by email or name, and workspaces by name, id or a member's email — each page sorted and bounded.
 * The plan and status filters narrow the workspaces, and the users to members of a matching workspace.
 */
export async function searchAccounts(db: DbOrTx, raw: SearchAccountsInput) {
  const input = ZSearchAccountsInput.parse(raw);
  const like = input.query ? `%${escapeLike(input.query)}%` : null;
  const offset = input.page * input.limit;
  const standing: SQL | undefined = and(
    input.plan ? eq(workspaces.plan, input.plan) : undefined,
    input.status ? sql`${accountStatus} = ${input.status}` : undefined,
  );
  const filtered = input.plan !== undefined || input.status !== undefined;
  const [userRows, workspaceRows] = await Promise.all([
    db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        createdAt: users.createdAt,
      })
      .from(users)
      .where(
        and(
          like ? or(ilike(users.email, like), ilike(users.name, like)) : undefined,
          filtered
            ? exists(
                db
                  .select({ one: sql`1` })
                  .from(memberships)
                  .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
                  .where(and(eq(memberships.userId, users.id), standing)),
              )
            : undefined,
        ),
      )
      .orderBy(asc(users.email))
      .limit(input.limit + 1)
      .offset(offset),
    db
      .select({
        id: workspaces.id,
        name: workspaces.name,
        plan: workspaces.plan,
        status: accountStatus,
        createdAt: workspaces.createdAt,
        // Qualified by hand: inside `sql` in a select, drizzle renders `workspaces.id` as a bare "id", which the
        // subquery would read as memberships.id (every count 0).
        members: sql<number>`(select count(*)::int from memberships m where m.workspace_id = "workspaces"."id")`,
      })
      .from(workspaces)
      .where(
        and(
          like
            ? or(
                ilike(workspaces.name, like),
                eq(workspaces.id, input.query!),
                // A workspace is also found by a member's email.
                exists(
                  db
                    .select({ one: sql`1` })
                    .from(memberships)
                    .innerJoin(users, eq(users.id, memberships.userId))
                    .where(and(eq(memberships.workspaceId, workspaces.id), ilike(users.email, like))),
                ),
              )
            : undefined,
          standing,
        ),
      )
      .orderBy(asc(workspaces.name), asc(workspaces.id))
      .limit(input.limit + 1)
      .offset(offset),
  ]);
  return {
    users: userRows.slice(0, input.limit),
    workspaces: workspaceRows.slice(0, input.limit),
    hasMore: userRows.length > input.limit || workspaceRows.length > input.limit,
  };
}

const RECENT = 20;

/**
 * A workspace for an administrator: members, budget and spend, keys (metadata only), recent jobs, and
 * its members' consents and data-subject requests.
 */
export async function getWorkspaceDetail(db: DbOrTx, workspaceId: string) {
  const [ws] = await db
    .select({
      id: workspaces.id,
      name: workspaces.name,
      plan: workspaces.plan,
      createdAt: workspaces.createdAt,
      suspendedAt: workspaces.suspendedAt,
      suspendedReason: workspaces.suspendedReason,
    })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!ws) throw new DomainError('not-found', `No workspace with id "${workspaceId}"`);
  const [members, budget, keys, recentJobs] = await Promise.all([
    db
      .select({
        userId: users.id,
        email: users.email,
        name: users.name,
        role: memberships.role,
        userRole: users.role,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, workspaceId))
      .orderBy(asc(memberships.createdAt)),
    budgetStatus(db, workspaceId),
    db
      .select({
        id: apiKeys.id,
        name: apiKeys.name,
        prefix: apiKeys.prefix,
        scopes: apiKeys.scopes,
        createdAt: apiKeys.createdAt,
        lastUsedAt: apiKeys.lastUsedAt,
        expiresAt: apiKeys.expiresAt,
        revokedAt: apiKeys.revokedAt,
      })
      .from(apiKeys)
      .where(eq(apiKeys.workspaceId, workspaceId))
      .orderBy(desc(apiKeys.createdAt))
      .limit(50),
    db
      .select({
        id: jobs.id,
        workflowId: jobs.workflowId,
        status: jobs.status,
        error: jobs.error,
        createdAt: jobs.createdAt,
      })
      .from(jobs)
      .where(eq(jobs.workspaceId, workspaceId))
      .orderBy(desc(jobs.createdAt), desc(jobs.id))
      .limit(RECENT),
  ]);
  const privacy = await getAccountPrivacy(db, {
    people: members.map((m) => ({ id: m.userId, email: m.email })),
  });
  return {
    ...ws,
    members,
    budget: {
      month: budget.month,
      budgetCents: unitsToCents(budget.budget),
      spentCents: unitsToCents(budget.spent),
      reservedCents: unitsToCents(budget.reserved),
    },
    keys,
    recentJobs,
    /** The members' consent records and data-subject requests. */
    consents: privacy.consents,
    privacyRequests: privacy.requests,
  };
}

/**
 * A user for an administrator: their workspaces, live sessions count, recent security events, consent
 * records and data-subject requests.
 */
export async function getUserDetail(db: DbOrTx, userId: string) {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw new DomainError('not-found', `No user with id "${userId}"`);
  // Security events store HMACs of the email and actor, never the plain values.
  const hashes = [hashPii(user.email), hashPii(user.id)];
  const [memberOf, [live], events, privacy] = await Promise.all([
    db
      .select({
        workspaceId: workspaces.id,
        name: workspaces.name,
        plan: workspaces.plan,
        role: memberships.role,
      })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(workspaces.name)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), sql`${sessions.expires} > now()`)),
    db
      .select({
        id: securityEvents.id,
        type: securityEvents.type,
        severity: securityEvents.severity,
        path: securityEvents.path,
        count: securityEvents.count,
        createdAt: securityEvents.createdAt,
      })
      .from(securityEvents)
      .where(or(inArray(securityEvents.emailHash, hashes), inArray(securityEvents.actorHash, hashes)))
      .orderBy(desc(securityEvents.createdAt))
      .limit(RECENT),
    getAccountPrivacy(db, { people: [{ id: user.id, email: user.email }] }),
  ]);
  return {
    ...user,
    workspaces: memberOf,
    liveSessions: live?.n ?? 0,
    securityEvents: events,
    consents: privacy.consents,
    privacyRequests: privacy.requests,
  };
}

export const ZSetUserRoleInput = z.object({
  userId: z.string().trim().min(1).max(100),
  role: z.enum(userRole.enumValues),
  reason: ZAdminReason,
});
export type SetUserRoleInput = z.input<typeof ZSetUserRoleInput>;

/** Makes a user an administrator or a plain user. An administrator cannot demote themself. */
export async function setUserRole(db: DbOrTx, opts: { actor: string; input: SetUserRoleInput }) {
  const input = ZSetUserRoleInput.parse(opts.input);
  if (input.userId === opts.actor && input.role !== 'admin')
    throw new DomainError(
      'validation',
      'You cannot remove your own administrator role; ask another administrator',
    );
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ role: users.role }).from(users).where(eq(users.id, input.userId));
    if (!before) throw new DomainError('not-found', `No user with id "${input.userId}"`);
    await tx.update(users).set({ role: input.role }).where(eq(users.id, input.userId));
    await recordAdminAction(tx, {
      actor: opts.actor,
      action: 'admin.user.role',
      target: input.userId,
      reason: input.reason,
      details: { from: before.role, to: input.role },
    });
    return { userId: input.userId, role: input.role };
  });
}

export const ZRevokeSessionsInput = z.object({
  userId: z.string().trim().min(1).max(100),
  reason: ZAdminReason,
});
export type RevokeSessionsInput = z.input<typeof ZRevokeSessionsInput>;

/** Signs a user out everywhere: deletes their database sessions (the next request finds none). */
export async function revokeUserSessions(db: DbOrTx, opts: { actor: string; input: RevokeSessionsInput }) {
  const input = ZRevokeSessionsInput.parse(opts.input);
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId));
    if (!user) throw new DomainError('not-found', `No user with id "${input.userId}"`);
    const revoked = await tx
      .delete(sessions)
      .where(eq(sessions.userId, input.userId))
      .returning({ t: sessions.userId });
    await recordAdminAction(tx, {
      actor: opts.actor,
      action: 'admin.user.revoke_sessions',
      target: input.userId,
      reason: input.reason,
      details: { sessions: revoked.length },
    });
    return { userId: input.userId, revoked: revoked.length };
  });
}
