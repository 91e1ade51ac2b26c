import { isDevMailboxEnabled } from '@levqor/config';
import { type DbOrTx, devMail } from '@levqor/db';
import { render } from '@react-email/render';
import type { ReactElement } from 'react';
import { Resend } from 'resend';

export interface OutgoingEmail {
  to: string;
  subject: string;
  react: ReactElement;
}

export interface SentEmail {
  id: string;
  transport: 'resend' | 'dev-mailbox';
}

export class EmailNotConfiguredError extends Error {
  constructor() {
    super('No mail transport: set RESEND_API_KEY (or LEVQOR_DEV_MAILBOX=1 for a local mailbox).');
  }
}

/** Sends through Resend when RESEND_API_KEY is set, else stores the message in the dev mailbox. */
export async function sendEmail(db: DbOrTx, email: OutgoingEmail, env = process.env): Promise<SentEmail> {
  const html = await render(email.react);
  const text = await render(email.react, { plainText: true });
  if (env.RESEND_API_KEY && env.LEVQOR_DEV_MAILBOX !== '1') {
    const resend = new Resend(env.RESEND_API_KEY);
    const { data, error } = await resend.emails.send({
      from: env.LEVQOR_EMAIL_FROM ?? 'Levqor <no-reply@levqor.local>',
      to: email.to,
      subject: email.subject,
      html,
      text,
    });
    if (error || !data) throw new Error(`Resend refused the message: ${error?.message ?? 'no id returned'}`);
    return { id: data.id, transport: 'resend' };
  }
  if (!isDevMailboxEnabled(env)) throw new EmailNotConfiguredError();
  const [row] = await db
    .insert(devMail)
    .values({ to: email.to, subject: email.subject, html, text })
    .returning({ id: devMail.id });
  console.log(`[levqor mailbox] to=${email.to} subject="${email.subject}"\n${text.trim()}\n`);
  return { id: row!.id, transport: 'dev-mailbox' };
}
