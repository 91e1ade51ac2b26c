import { apiKeys, type DbOrTx, jobs, sql, webhookDeliveries } from '@levqor/db';
import { z } from 'zod';

/** The slug of the starter workflow every workspace gets; running it is the first step. */
export const DEMO_WORKFLOW = 'demo.flow';

export const ZFirstRunChecklist = z.object({
  /** An API key exists (any status: revoking it later does not undo having made one). */
  api_key: z.boolean(),
  /** A job of demo.flow was submitted. */
  demo_job: z.boolean(),
  /** A job was given a callback_url: a webhook delivery exists, or a live job has one. */
  webhook: z.boolean(),
  done: z.boolean(),
});
export type FirstRunChecklist = z.infer<typeof ZFirstRunChecklist>;

/** Which of the first three things a new workspace does are done, read from its own rows. */
export async function getFirstRunChecklist(
  db: DbOrTx,
  options: { workspaceId: string },
): Promise<FirstRunChecklist> {
  const { workspaceId } = options;
  // One round trip; each `exists` stops at its first row. Live jobs only for the callback check: found
  // through the (workspace, status) index (finished ones have a delivery).
  const rows = await db.execute<{
    api_key: boolean;
    demo_job: boolean;
    delivered: boolean;
    pending: boolean;
  }>(sql`
    select
      exists (select 1 from ${apiKeys} where ${apiKeys.workspaceId} = ${workspaceId}) as api_key,
      exists (select 1 from ${jobs} where ${jobs.workspaceId} = ${workspaceId}
              and ${jobs.workflowSlug} = ${DEMO_WORKFLOW}) as demo_job,
      exists (select 1 from ${webhookDeliveries} where ${webhookDeliveries.workspaceId} = ${workspaceId}) as delivered,
      exists (select 1 from ${jobs} where ${jobs.workspaceId} = ${workspaceId}
              and ${jobs.status} in ('queued', 'running') and ${jobs.callbackUrl} is not null) as pending`);
  const row = rows[0];
  const api_key = !!row?.api_key;
  const demo_job = !!row?.demo_job;
  const webhook = !!row?.delivered || !!row?.pending;
  return { api_key, demo_job, webhook, done: api_key && demo_job && webhook };
}
