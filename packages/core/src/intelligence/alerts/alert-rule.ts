import { alertWebhookSecret } from '@levqor/config';
import { alertRules, type DbOrTx, desc } from '@levqor/db';
import { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import { DomainError } from '../../errors';
import { METRIC_KEYS } from '../metrics';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (24-hour)');

export const ZAlertChannel = z.discriminatedUnion('type', [
  z.object({ type: z.literal('email'), to: z.email() }),
  /**
   * POSTed JSON signed like job webhooks (`Levqor-Signature`, HMAC-SHA256 of `<t>.<body>`), at delivery,
   * with the secret of the day: a workspace's own rules with the workspace's webhook signing secret,
   * console rules with LEVQOR_ALERT_WEBHOOK_SECRET. No secret is kept in the rule.
   */
  z.object({
    type: z.literal('webhook'),
    url: z.url(),
    secret: z
      .undefined({
        error:
          'a webhook channel takes no secret: console alerts are signed with LEVQOR_ALERT_WEBHOOK_SECRET at delivery',
      })
      .optional(),
  }),
  /** A Slack (or compatible) incoming webhook: `{ text, blocks }`. */
  z.object({ type: z.literal('slack'), url: z.url() }),
]);
export type AlertChannel = z.infer<typeof ZAlertChannel>;

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export const ALERT_CONDITIONS = ['gt', 'gte', 'lt', 'lte', 'anomaly'] as const;

export const ZQuietHours = z.object({
  start: HHMM,
  end: HHMM,
  time_zone: z
    .string()
    .default('UTC')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-GB', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone such as Europe/London'),
});
export type QuietHours = z.infer<typeof ZQuietHours>;

export const ZCreateAlertRuleInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    /** `platform` or a workspace id. */
    scope: z.string().regex(/^(platform|ws_[A-Za-z0-9]+)$/, '"platform" or a workspace id (ws_…)'),
    metric: z.enum(METRIC_KEYS as [string, ...string[]]),
    condition: z.enum(ALERT_CONDITIONS),
    threshold: z.number().finite().optional(),
    severity: z.enum(ALERT_SEVERITIES),
    channels: z.array(ZAlertChannel).min(1).max(10),
    quiet_hours: ZQuietHours.optional(),
    escalate_after_minutes: z.number().int().min(1).max(1440).optional(),
    escalate_channels: z.array(ZAlertChannel).min(1).max(10).optional(),
  })
  .refine((r) => r.condition === 'anomaly' || r.threshold !== undefined, {
    message: 'a threshold is required unless the condition is "anomaly"',
    path: ['threshold'],
  });
export type CreateAlertRuleInput = z.input<typeof ZCreateAlertRuleInput>;

/** Creates an alert rule (audited). A webhook channel needs LEVQOR_ALERT_WEBHOOK_SECRET, which signs it. */
export async function createAlertRule(
  db: DbOrTx,
  opts: { userId: string; input: CreateAlertRuleInput; env?: Record<string, string | undefined> },
) {
  const input = ZCreateAlertRuleInput.parse(opts.input);
  const webhook = [...input.channels, ...(input.escalate_channels ?? [])].some((c) => c.type === 'webhook');
  if (webhook && !alertWebhookSecret(opts.env ?? process.env))
    throw new DomainError(
      'validation',
      'Webhook alerts of console rules are signed with LEVQOR_ALERT_WEBHOOK_SECRET: set it (32 characters or more) on the apps and the worker, then add the rule again.',
      { field: 'channels' },
    );
  const [rule] = await db
    .insert(alertRules)
    .values({
      name: input.name,
      scope: input.scope,
      metric: input.metric,
      condition: input.condition,
      threshold: input.threshold ?? null,
      severity: input.severity,
      channels: input.channels,
      quietHours: input.quiet_hours ?? null,
      escalateAfterMinutes: input.escalate_after_minutes ?? null,
      escalateChannels: input.escalate_channels ?? null,
    })
    .returning();
  await recordAudit(db, {
    workspaceId: input.scope === 'platform' ? null : input.scope,
    actor: opts.userId,
    action: 'alert_rule.created',
    target: rule!.id,
    metadata: { metric: input.metric, condition: input.condition, threshold: input.threshold ?? null },
  });
  return toAlertRuleResource(rule!);
}

export function toAlertRuleResource(r: typeof alertRules.$inferSelect) {
  const channels = r.channels as AlertChannel[];
  return {
    id: r.id,
    name: r.name,
    scope: r.scope,
    metric: r.metric,
    condition: r.condition,
    threshold: r.threshold,
    severity: r.severity,
    channels: channels.map((c) => (c.type === 'webhook' ? { type: c.type, url: c.url } : c)),
    quiet_hours: r.quietHours as QuietHours | null,
    escalate_after_minutes: r.escalateAfterMinutes,
    enabled: r.enabled,
    created_at: r.createdAt.toISOString(),
  };
}

/** Every rule, newest first (a console lists a few dozen at most). */
export async function listAlertRules(db: DbOrTx) {
  const rows = await db.select().from(alertRules).orderBy(desc(alertRules.createdAt)).limit(500);
  return rows.map(toAlertRuleResource);
}

/** Whether `now` falls in the quiet hours (a window may wrap past midnight, e.g. 22:00–07:00). */
export function inQuietHours(q: QuietHours | null | undefined, now: Date): boolean {
  if (!q) return false;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: q.time_zone ?? 'UTC',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const h = Number(parts.find((p) => p.type === 'hour')!.value);
  const m = Number(parts.find((p) => p.type === 'minute')!.value);
  const cur = h * 60 + m;
  const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  const start = toMin(q.start);
  const end = toMin(q.end);
  return start <= end ? cur >= start && cur < end : cur >= start || cur < end;
}
