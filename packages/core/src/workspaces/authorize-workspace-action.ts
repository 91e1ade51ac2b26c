import { and, type DbOrTx, eq, memberships } from '@levqor/db';
import { DomainError, notFound } from '../errors';

/**
 * What only a workspace's owner may do: change its configuration and credentials. A member works in the
 * workspace (workflows, jobs, webhook redelivery) and reads it, but changes none of these. Each domain
 * function below checks the acting user with `authorizeWorkspaceAction` before it writes, whoever calls it
 * (dashboard, developer portal, CLI), so the rule cannot be forgotten by an adapter.
 */
export const OWNER_ONLY_ACTIONS = {
  'workspace.rename': 'rename the workspace',
  'budget.change': 'change the monthly budget',
  'api_key.create': 'create API keys',
  'api_key.rotate': 'rotate API keys',
  'api_key.revoke': 'revoke API keys',
  'webhook_secret.reveal': 'reveal the webhook signing secret',
  'webhook_secret.rotate': 'rotate the webhook signing secret',
  'billing.manage': 'manage billing (subscribe, change or cancel the plan, open the billing portal)',
  'sla.claim': 'file SLA credit claims',
  'alerts.manage': "acknowledge the workspace's alerts or change where they are sent",
} as const;
export type OwnerOnlyAction = keyof typeof OWNER_ONLY_ACTIONS;

/**
 * Throws NOT_FOUND when `userId` is not in the workspace (it must not learn that it exists) and
 * FORBIDDEN, naming the action, when they are a member rather than an owner.
 */
export async function authorizeWorkspaceAction(
  db: DbOrTx,
  opts: { workspaceId: string; userId: string; action: OwnerOnlyAction },
): Promise<void> {
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, opts.workspaceId), eq(memberships.userId, opts.userId)));
  if (!m) throw notFound('Workspace');
  if (m.role !== 'owner')
    throw new DomainError('owner-only', `Only a workspace owner can ${OWNER_ONLY_ACTIONS[opts.action]}.`);
}
