import type { DbOrTx } from '@levqor/db';
import { DomainError } from '../errors';
import { recordSecurityEvent } from '../security/record-security-event';
import { type Finding, firewallFromEnv } from './firewall';

export interface ScreenContext {
  /** What is screened, for messages and the security log. */
  subject: 'job' | 'workflow';
  workspaceId: string;
  /** `usr_…` or `key_…`: hashed in the security log. */
  actor?: string | null;
  requestId?: string | null;
  /** The workflow slug or id, for the security log. */
  workflow?: string | null;
}

/** The message shown for a blocked finding: names the category, the term and where it was found. */
export function blockedMessage(f: Finding): string {
  return `High-risk ${f.category} data refused: the term "${f.term}" (category "${f.category}") was found in ${f.path}. Levqor does not process ${f.category} data; remove it and try again.`;
}

/** The warning stored on a job for a finding in a `warn` category. */
export function warningMessage(f: Finding): string {
  return `High-risk ${f.category} data: the term "${f.term}" (category "${f.category}") was found in ${f.path}; accepted because the category is in warn mode.`;
}

/**
 * Screens every string value of `value` (named `root` in messages) against the high-risk data
 * firewall. A finding in a `block` category is logged (`firewall.blocked`) and thrown as a 422
 * DomainError; findings in `warn` categories come back as warning strings.
 */
export async function screenHighRisk(
  db: DbOrTx,
  value: unknown,
  root: string,
  ctx: ScreenContext,
  env: Record<string, string | undefined> = process.env,
): Promise<string[]> {
  const firewall = firewallFromEnv(env);
  if (firewall.categories.length === 0) return [];
  const { findings, incomplete } = firewall.scanValue(value, root);
  const blocked = findings.find((f) => f.mode === 'block');
  if (blocked) {
    await recordSecurityEvent(db, {
      type: 'firewall.blocked',
      severity: 'warning',
      requestId: ctx.requestId ?? null,
      actor: ctx.actor ?? null,
      metadata: {
        subject: ctx.subject,
        category: blocked.category,
        term: blocked.term,
        field: blocked.path,
        workspace_id: ctx.workspaceId,
        ...(ctx.workflow ? { workflow: ctx.workflow } : {}),
      },
    });
    throw new DomainError('high-risk-data', blockedMessage(blocked), {
      category: blocked.category,
      term: blocked.term,
      path: blocked.path,
    });
  }
  if (incomplete && firewall.blocks) {
    // What cannot be read cannot be let through.
    throw new DomainError(
      'too-deep-to-screen',
      `${root} is nested too deeply to be screened for high-risk data (at most 64 levels)`,
    );
  }
  return findings.map(warningMessage);
}
