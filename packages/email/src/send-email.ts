import { isDevMailboxEnabled } from '@levqor/config';
import { listensOnLoopbackOnly } from '@levqor/config/listen';
import { type DbOrTx, devMail } from '@levqor/db';
import { log } from '@levqor/observability/logger';
import { render } from '@react-email/render';
import type { ReactElement } from 'react';
import { Resend } from 'resend';
import { assertMayMail, type MailPurpose } from './mail-purpose';

export interface OutgoingEmail {
  to: string;
  subject: string;
  react: ReactElement;
  /**
   * Why the message is sent. `transactional` (default: sign-in links, privacy requests, receipts) goes
   * to anyone; `product` is refused to a user who objected to product email; `marketing` is sent only
   * to a confirmed subscriber who has not objected (PECR), and must carry List-Unsubscribe headers.
   */
  purpose?: MailPurpose;
  /** Extra headers (e.g. RFC 8058 List-Unsubscribe + List-Unsubscribe-Post). */
  headers?: Record<string, string>;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

export interface SentEmail {
  id: string;
  transport: 'resend' | 'dev-mailbox';
}

export class EmailNotConfiguredError extends Error {
  constructor() {
    super('No mail transport: set RESEND_API_KEY (the dev mailbox exists only in local mode).');
  }
}

/** Sends through Resend when RESEND_API_KEY is set (unless the dev mailbox is forced on locally), else stores the message in the dev mailbox. */
export async function sendEmail(db: DbOrTx, email: OutgoingEmail, env = process.env): Promise<SentEmail> {
  await assertMayMail(db, email);
  const html = await render(email.react);
  const text = await render(email.react, { plainText: true });
  if (env.RESEND_API_KEY && !isDevMailboxEnabled(env)) {
    const resend = new Resend(env.RESEND_API_KEY);
    const { data, error } = await resend.emails.send({
      from: env.LEVQOR_EMAIL_FROM ?? 'Levqor <no-reply@levqor.local>',
      to: email.to,
      subject: email.subject,
      html,
      text,
      headers: email.headers,
      attachments: email.attachments?.map((a) => ({
        filename: a.filename,
        content: a.content,
        contentType: a.contentType,
      })),
    });
    if (error || !data) throw new Error(`Resend refused the message: ${error?.message ?? 'no id returned'}`);
    return { id: data.id, transport: 'resend' };
  }
  if (!isDevMailboxEnabled(env)) throw new EmailNotConfiguredError();
  const [row] = await db
    .insert(devMail)
    .values({
      to: email.to,
      subject: email.subject,
      html,
      text,
      headers: email.headers ?? null,
      attachments:
        email.attachments?.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          size: a.content.length,
          base64: a.content.toString('base64'),
        })) ?? null,
    })
    .returning({ id: devMail.id });
  log.info({ mailbox: 'dev' }, consoleCopy(email, text, env));
  return { id: row!.id, transport: 'dev-mailbox' };
}

/** A sign-in link's secret in a URL query (`token=…`). */
const TOKEN_PARAM = /([?&]token=)[^&\s"'<>]+/gi;

/**
 * What the console shows of a dev-mailbox message. Sign-in tokens appear only in local mode with the
 * apps listening on loopback alone (nobody else can reach the mailbox either), and the line says so;
 * otherwise they are redacted — logs travel further than the machine.
 */
export function consoleCopy(
  email: Pick<OutgoingEmail, 'to' | 'subject'>,
  text: string,
  env: Record<string, string | undefined> = process.env,
): string {
  const head = `[levqor mailbox] to=${email.to} subject="${email.subject}"`;
  if (listensOnLoopbackOnly(env))
    return `${head} (local, loopback only: links below are live, do not share this log)\n${text.trim()}\n`;
  return `${head} (sign-in tokens redacted: the apps are reachable beyond this machine)\n${text.trim().replace(TOKEN_PARAM, '$1[redacted]')}\n`;
}
