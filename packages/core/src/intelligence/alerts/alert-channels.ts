import { type DbOrTx, newId } from '@levqor/db';
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

/** Sends one grouped message to one channel. Never throws: failures come back as `ok: false`. */
export async function sendToChannel(
  db: DbOrTx,
  channel: AlertChannel,
  m: AlertMessage,
  env: Record<string, string | undefined> = process.env,
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
      const res = await postSignedWebhook({
        url: channel.url,
        secret: channel.secret,
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

export const channelTarget = (c: AlertChannel) => (c.type === 'email' ? c.to : c.url);
