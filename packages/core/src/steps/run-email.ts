import { and, type DbOrTx, eq, memberships, users } from '@levqor/db';
import { NoticeEmail, sendEmail } from '@levqor/email';
import { createElement } from 'react';
import type { EmailStep } from '../workflows/step-schema';
import { renderString, type TemplateScope } from '../workflows/template';
import { StepError } from './step-error';

/** Emails a member of the workspace ("owner" = the workspace owner). Nobody outside it. */
export async function runEmail(db: DbOrTx, workspaceId: string, step: EmailStep, scope: TemplateScope) {
  const members = await db
    .select({ email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId)));
  const to =
    step.to === 'owner'
      ? members.find((m) => m.role === 'owner')?.email
      : members.find((m) => m.email === step.to.toLowerCase())?.email;
  if (!to)
    throw new StepError(
      step.to === 'owner'
        ? 'This workspace has no owner to email'
        : `${step.to} is not a member of this workspace`,
      false,
    );
  const subject = renderString(step.subject, scope).slice(0, 300);
  const body = renderString(step.body, scope).slice(0, 100_000);
  try {
    const sent = await sendEmail(db, {
      to,
      subject,
      react: createElement(NoticeEmail, { title: subject, body }),
    });
    return { input: { to, subject, body }, output: { message_id: sent.id } };
  } catch (err) {
    throw new StepError(`Email could not be sent: ${(err as Error).message}`, true);
  }
}
