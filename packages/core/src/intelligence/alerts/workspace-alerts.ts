import {
  alertRules,
  alerts,
  and,
  costLedgerTotals,
  type DbOrTx,
  desc,
  eq,
  gte,
  inArray,
  memberships,
  metricRollups,
  ne,
  users,
} from '@levqor/db';
import { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import { notFound } from '../../errors';
import { budgetStatus, monthOf } from '../../usage/budget';
import { assertCallbackUrlAllowed } from '../../webhooks/check-callback-url';
import { authorizeWorkspaceAction } from '../../workspaces/authorize-workspace-action';
import type { AlertChannel } from './alert-rule';
import { type EventRule, raiseEventAlert } from './event-alerts';
import { acknowledgeAlert, toAlertResource } from './manage-alerts';

/**
 * A workspace's own rules: the owner chooses where they go and how many failed jobs in 5 minutes make
 * a spike (`threshold` is the default of a new rule); admins' rules on the workspace are apart.
 */
export const FAILURE_SPIKE = { name: 'Failure spike', metric: 'jobs.failed', threshold: 5 } as const;
export const BUDGET_THRESHOLDS = [
  { name: 'Budget 80%', share: 0.8, severity: 'warning' },
  { name: 'Budget 100%', share: 1, severity: 'critical' },
] as const;

async function ownerEmail(db: DbOrTx, workspaceId: string): Promise<string | null> {
  const [o] = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')))
    .limit(1);
  return o?.email ?? null;
}

/** The channel the workspace's rules use now (its owner's email until the owner chooses another). */
async function currentChannel(db: DbOrTx, workspaceId: string): Promise<AlertChannel[]> {
  const [r] = await db
    .select({ channels: alertRules.channels })
    .from(alertRules)
    .where(and(eq(alertRules.scope, workspaceId), eq(alertRules.managedBy, 'workspace')))
    .limit(1);
  if (r) return r.channels as AlertChannel[];
  const email = await ownerEmail(db, workspaceId);
  return email ? [{ type: 'email', to: email }] : [];
}

const budgetRule = (
  workspaceId: string,
  t: (typeof BUDGET_THRESHOLDS)[number],
  channels: AlertChannel[],
): EventRule => ({
  scope: workspaceId,
  name: t.name,
  metric: 'budget.share',
  severity: t.severity,
  managedBy: 'workspace',
  channels,
});

/** Creates the workspace's own rules that are missing (failure spike, budget 80% and 100%). */
export async function ensureWorkspaceAlertRules(db: DbOrTx, workspaceId: string): Promise<void> {
  const existing = await db
    .select({ name: alertRules.name })
    .from(alertRules)
    .where(and(eq(alertRules.scope, workspaceId), eq(alertRules.managedBy, 'workspace')));
  const names = new Set(existing.map((r) => r.name));
  if (names.has(FAILURE_SPIKE.name) && BUDGET_THRESHOLDS.every((t) => names.has(t.name))) return;
  const channels = await currentChannel(db, workspaceId);
  if (!names.has(FAILURE_SPIKE.name))
    await db.insert(alertRules).values({
      name: FAILURE_SPIKE.name,
      scope: workspaceId,
      metric: FAILURE_SPIKE.metric,
      condition: 'gte',
      threshold: FAILURE_SPIKE.threshold,
      severity: 'warning',
      channels,
      managedBy: 'workspace',
    });
  for (const t of BUDGET_THRESHOLDS)
    if (!names.has(t.name))
      await db.insert(alertRules).values({
        name: t.name,
        scope: workspaceId,
        metric: 'budget.share',
        condition: 'event',
        severity: t.severity,
        channels,
        managedBy: 'workspace',
      });
}

/**
 * Before the alert rules are judged on a bucket: workspaces that failed at least the spike threshold of
 * jobs in it get their own rules (created once), so a failure spike alerts without anyone having
 * opened the alerts page first.
 */
export async function ensureRulesForFailingWorkspaces(db: DbOrTx, bucketStart: Date, scopes?: string[]) {
  const rows = await db
    .select({ scope: metricRollups.scope })
    .from(metricRollups)
    .where(
      and(
        eq(metricRollups.bucketStart, bucketStart),
        eq(metricRollups.metric, FAILURE_SPIKE.metric),
        gte(metricRollups.value, FAILURE_SPIKE.threshold),
        ne(metricRollups.scope, 'platform'),
        scopes ? inArray(metricRollups.scope, scopes) : undefined,
      ),
    );
  for (const r of rows) await ensureWorkspaceAlertRules(db, r.scope);
  return rows.length;
}

/**
 * Raises budget alerts at 80% and 100% of the month's budget (settled spend), once per workspace and
 * month: the alert's time is the month's start, so later checks in the month add nothing.
 */
export async function checkBudgetAlerts(db: DbOrTx, opts: { now: Date; scopes?: string[] }): Promise<number> {
  const month = monthOf(opts.now);
  const candidates = await db
    .selectDistinct({ workspaceId: costLedgerTotals.workspaceId })
    .from(costLedgerTotals)
    .where(and(eq(costLedgerTotals.month, month), eq(costLedgerTotals.kind, 'settle'), scopes(opts.scopes)));
  let raised = 0;
  for (const { workspaceId } of candidates) {
    const b = await budgetStatus(db, workspaceId, month);
    if (b.budget <= 0) continue;
    const share = b.spent / b.budget;
    for (const t of BUDGET_THRESHOLDS) {
      if (share < t.share) continue;
      await ensureWorkspaceAlertRules(db, workspaceId);
      await raiseEventAlert(db, budgetRule(workspaceId, t, []), {
        message: `${Math.round(share * 100)}% of the ${month} budget spent`,
        value: share,
        at: new Date(`${month}-01T00:00:00Z`),
      });
      raised++;
    }
  }
  return raised;
}
const scopes = (s?: string[]) => (s ? inArray(costLedgerTotals.workspaceId, s) : undefined);

async function assertMember(db: DbOrTx, workspaceId: string, userId: string) {
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  if (!m) throw notFound('Workspace');
  return m.role;
}

export const ZWorkspaceAlertsInput = z.object({
  status: z.enum(['open', 'acknowledged', 'resolved']).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

/** The alerts about the workspace (its own rules and admins' rules on it), newest first; members only. */
export async function listWorkspaceAlerts(
  db: DbOrTx,
  opts: { workspaceId: string; userId: string; input: z.input<typeof ZWorkspaceAlertsInput> },
) {
  const input = ZWorkspaceAlertsInput.parse(opts.input);
  const role = await assertMember(db, opts.workspaceId, opts.userId);
  const rows = await db
    .select()
    .from(alerts)
    .where(
      and(eq(alerts.scope, opts.workspaceId), input.status ? eq(alerts.status, input.status) : undefined),
    )
    .orderBy(desc(alerts.lastSeenAt), desc(alerts.id))
    .limit(input.limit);
  return { can_manage: role === 'owner', items: rows.map(toAlertResource) };
}

/** Acknowledges one of the workspace's alerts (owners; audited). Another workspace's alert is not found. */
export async function acknowledgeWorkspaceAlert(
  db: DbOrTx,
  opts: { workspaceId: string; userId: string; alertId: string },
) {
  await authorizeWorkspaceAction(db, { ...opts, action: 'alerts.manage' });
  const [a] = await db.select({ scope: alerts.scope }).from(alerts).where(eq(alerts.id, opts.alertId));
  if (!a || a.scope !== opts.workspaceId) throw notFound('Alert');
  return acknowledgeAlert(db, { alertId: opts.alertId, userId: opts.userId });
}

/** What a customer chooses: email (any address), a signed webhook, or a Slack-compatible URL. */
export const ZWorkspaceAlertChannel = z.discriminatedUnion('type', [
  z.object({ type: z.literal('email'), to: z.email('Enter an email address') }),
  z.object({
    type: z.literal('webhook'),
    url: z.url({ protocol: /^https?$/, error: 'Enter an http(s) URL' }),
  }),
  z.object({ type: z.literal('slack'), url: z.url({ protocol: /^https?$/, error: 'Enter an http(s) URL' }) }),
]);
export type WorkspaceAlertChannel = z.infer<typeof ZWorkspaceAlertChannel>;

const shown = (c: AlertChannel | undefined): WorkspaceAlertChannel | null =>
  !c ? null : c.type === 'email' ? c : { type: c.type, url: c.url };

/** The workspace's own rules and their channel. Members only. */
export async function getWorkspaceAlertSettings(db: DbOrTx, opts: { workspaceId: string; userId: string }) {
  const role = await assertMember(db, opts.workspaceId, opts.userId);
  await ensureWorkspaceAlertRules(db, opts.workspaceId);
  const rules = await db
    .select()
    .from(alertRules)
    .where(and(eq(alertRules.scope, opts.workspaceId), eq(alertRules.managedBy, 'workspace')))
    .orderBy(alertRules.name);
  return {
    can_manage: role === 'owner',
    channel: shown((rules[0]?.channels as AlertChannel[] | undefined)?.[0]),
    failure_threshold: rules.find((r) => r.name === FAILURE_SPIKE.name)?.threshold ?? FAILURE_SPIKE.threshold,
    rules: rules.map((r) => ({
      name: r.name,
      severity: r.severity,
      threshold: r.condition === 'event' ? null : r.threshold,
      description:
        r.condition === 'event'
          ? `${r.name.replace('Budget ', '')} of the monthly budget spent`
          : `${r.threshold} or more failed jobs within 5 minutes`,
    })),
  };
}

/**
 * Sets where the workspace's own alerts go (owners; audited). Webhook and Slack URLs pass the same SSRF
 * guard as job callback URLs, now and at every delivery; a webhook is signed like job webhooks
 * (`Levqor-Signature`) with the workspace's webhook signing secret of the moment of delivery (read then,
 * never copied into the rule), so a rotation applies to the next alert.
 */
export async function setWorkspaceAlertChannel(
  db: DbOrTx,
  opts: {
    workspaceId: string;
    userId: string;
    input: z.input<typeof ZWorkspaceAlertChannel>;
    env?: Record<string, string | undefined>;
  },
) {
  await authorizeWorkspaceAction(db, {
    workspaceId: opts.workspaceId,
    userId: opts.userId,
    action: 'alerts.manage',
  });
  const input = ZWorkspaceAlertChannel.parse(opts.input);
  let channel: AlertChannel;
  if (input.type === 'email') channel = input;
  else {
    await assertCallbackUrlAllowed(db, input.url, {
      workspaceId: opts.workspaceId,
      env: opts.env,
      field: 'url',
    });
    channel = input;
  }
  await ensureWorkspaceAlertRules(db, opts.workspaceId);
  await db
    .update(alertRules)
    .set({ channels: [channel] })
    .where(and(eq(alertRules.scope, opts.workspaceId), eq(alertRules.managedBy, 'workspace')));
  await recordAudit(db, {
    workspaceId: opts.workspaceId,
    actor: opts.userId,
    action: 'alerts.channel_set',
    target: opts.workspaceId,
    metadata: { type: channel.type, target: channel.type === 'email' ? channel.to : channel.url },
  });
  return getWorkspaceAlertSettings(db, opts);
}

const THRESHOLD_MESSAGE = 'Enter a whole number of failed jobs from 1 to 10,000';
export const ZWorkspaceFailureThreshold = z.object({
  threshold: z
    .number({ error: THRESHOLD_MESSAGE })
    .int(THRESHOLD_MESSAGE)
    .min(1, 'The threshold is at least 1 failed job')
    .max(10_000, 'The threshold is at most 10,000 failed jobs'),
});

/**
 * Sets how many failed jobs within 5 minutes raise the workspace's failure-spike alert (owners; audited
 * with the old and new value). The budget rules stay at 80% and 100%.
 */
export async function setWorkspaceFailureThreshold(
  db: DbOrTx,
  opts: { workspaceId: string; userId: string; input: z.input<typeof ZWorkspaceFailureThreshold> },
) {
  await authorizeWorkspaceAction(db, {
    workspaceId: opts.workspaceId,
    userId: opts.userId,
    action: 'alerts.manage',
  });
  const { threshold } = ZWorkspaceFailureThreshold.parse(opts.input);
  await ensureWorkspaceAlertRules(db, opts.workspaceId);
  const spike = and(
    eq(alertRules.scope, opts.workspaceId),
    eq(alertRules.managedBy, 'workspace'),
    eq(alertRules.name, FAILURE_SPIKE.name),
  );
  const [before] = await db.select({ threshold: alertRules.threshold }).from(alertRules).where(spike);
  await db.update(alertRules).set({ threshold }).where(spike);
  await recordAudit(db, {
    workspaceId: opts.workspaceId,
    actor: opts.userId,
    action: 'alerts.threshold_set',
    target: opts.workspaceId,
    metadata: { rule: FAILURE_SPIKE.name, from: before?.threshold ?? null, to: threshold },
  });
  return getWorkspaceAlertSettings(db, opts);
}
