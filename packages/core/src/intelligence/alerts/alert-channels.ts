import { alertWebhookSecret } from '@levqor/config';
import { type DbOrTx, eq, newId, workspaces } from '@levqor/db';
import { NoticeEmail, sendEmail } from '@levqor/email';
import { createElement } from 'react';
import { safeFetch } from '../../net/safe-fetch';
import { allowListFromEnv } from '../../net/ssrf-guard';
import { postSignedWebhook } from '../../webhooks/run-webhook-delivery';
import type { AlertChannel } from './alert-rule';

export interface AlertMessage {
  kind: 'notify' | 'escalate';
  title: string;
  alerts: {
    id: string;
    scope: string;
    metric: string;
    severity: string;
    message: string;
    occurrences: number;
  }[];
}

export interface ChannelResult {
  ok: boolean;
  detail: string | null;
}

/** The text of a message: one line per alert of the group. */
export function alertText(m: AlertMessage): string {
  return m.alerts
    .map((a) => `[${a.severity}] ${a.message} (${a.scope}, ${a.occurrences}× — ${a.id})`)
    .join('\n');
}

/** A Slack-compatible incoming-webhook body: `text` (fallback and notifications) and blocks. */
export function slackPayload(m: AlertMessage) {
  return {
    text: `${m.title}\n${alertText(m)}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: m.title.slice(0, 150) } },
      ...m.alerts.map((a) => ({
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `*${a.severity.toUpperCase()}* ${a.message}\n_${a.scope} · ${a.occurrences}× · ${a.id}_`,
        },
      })),
    ],
  };
}

/**
 * Sends one grouped message to one channel; a webhook is signed with `signingSecret` (the caller reads
 * the current one: see `alertSigningSecret`). Never throws: failures come back as `ok: false`.
 */
export async function sendToChannel(
  db: DbOrTx,
  channel: AlertChannel,
  m: AlertMessage,
  env: Record<string, string | undefined> = process.env,
  signingSecret: string | null = null,
): Promise<ChannelResult> {
  try {
    if (channel.type === 'email') {
      const sent = await sendEmail(db, {
        to: channel.to,
        subject: m.title,
        react: createElement(NoticeEmail, { title: m.title, body: alertText(m).replaceAll('\n', '\n\n') }),
      });
      return { ok: true, detail: sent.id };
    }
    if (channel.type === 'webhook') {
      if (!signingSecret)
        return {
          ok: false,
          detail: 'Not sent: no signing secret (console rules need LEVQOR_ALERT_WEBHOOK_SECRET)',
        };
      const res = await postSignedWebhook({
        url: channel.url,
        secret: signingSecret,
        deliveryId: newId('aln'),
        payload: {
          type: m.kind === 'escalate' ? 'alert.escalated' : 'alert.fired',
          title: m.title,
          alerts: m.alerts,
        },
        env,
      });
      return { ok: res.ok, detail: res.error ?? `HTTP ${res.statusCode}` };
    }
    const res = await safeFetch(
      channel.url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Levqor-Alerts/1' },
        body: JSON.stringify(slackPayload(m)),
        timeoutMs: 10_000,
        maxBytes: 16 * 1024,
        maxRedirects: 0,
      },
      { allow: allowListFromEnv(env) },
    );
    const ok = res.status >= 200 && res.status < 300;
    return { ok, detail: `HTTP ${res.status}` };
  } catch (err) {
    return { ok: false, detail: (err as Error).message.slice(0, 500) };
  }
}

/**
 * The secret an alert webhook is signed with, read at delivery so that a rotation applies to the next
 * alert: a workspace's own rules use the workspace's webhook signing secret (as job webhooks do); rules
 * made in the admin console use LEVQOR_ALERT_WEBHOOK_SECRET. Null when there is none.
 */
export async function alertSigningSecret(
  db: DbOrTx,
  rule: { managedBy: string; scope: string },
  env: Record<string, string | undefined> = process.env,
): Promise<string | null> {
  if (rule.managedBy !== 'workspace') return alertWebhookSecret(env);
  const [ws] = await db
    .select({ secret: workspaces.webhookSecret })
    .from(workspaces)
    .where(eq(workspaces.id, rule.scope));
  return ws?.secret ?? null;
}

export const channelTarget = (c: AlertChannel) => (c.type === 'email' ? c.to : c.url);
