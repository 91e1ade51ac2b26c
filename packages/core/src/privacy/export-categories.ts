import { type SQL, sql } from '@levqor/db';
import { hashPii } from '../security/pii-hash';

/** Who the export is about: the user and the workspaces they own or belong to. */
export interface ExportSubject {
  userId: string;
  email: string;
  /** Workspaces the user owns: all of their data is the user's (as the customer). */
  ownedWorkspaceIds: string[];
  /** Workspaces where the user is a member only: what the user did there (jobs they submitted). */
  memberWorkspaceIds: string[];
}

export interface ExportCategory {
  file: string;
  /** One page of rows with `id` greater than `after` (ordered by id). */
  page(s: ExportSubject, after: string, limit: number): SQL;
}

const ids = (list: string[]) =>
  list.length ? sql`array[${sql.join(list, sql`, `)}]::text[]` : sql`'{}'::text[]`;
const allWs = (s: ExportSubject) => ids([...s.ownedWorkspaceIds, ...s.memberWorkspaceIds]);
const owned = (s: ExportSubject) => ids(s.ownedWorkspaceIds);
/** Jobs in the export: every job of an owned workspace, and the user's own jobs elsewhere. */
const jobScope = (s: ExportSubject) =>
  sql`(j.workspace_id = any(${owned(s)}) or (j.workspace_id = any(${ids(s.memberWorkspaceIds)}) and j.submitted_by = ${s.userId}))`;

/**
 * One JSON file per category (Art. 15/20). Secrets never leave: API keys as metadata only, no key
 * hashes, no webhook secrets, no link tokens. Every query is scoped to the subject — never another
 * user's rows.
 */
export const EXPORT_CATEGORIES: ExportCategory[] = [
  {
    file: 'account.json',
    page: (s, after, limit) => sql`select id, name, email, email_verified, role, created_at from users
      where id = ${s.userId} and id > ${after} order by id limit ${limit}`,
  },
  {
    file: 'workspaces.json',
    page: (s, after, limit) => sql`select id, name, plan, monthly_budget_cents, created_at from workspaces
      where id = any(${allWs(s)}) and id > ${after} order by id limit ${limit}`,
  },
  {
    file: 'memberships.json',
    page: (s, after, limit) => sql`select id, workspace_id, role, created_at from memberships
      where user_id = ${s.userId} and id > ${after} order by id limit ${limit}`,
  },
  {
    file: 'workflows.json',
    page: (s, after, limit) => sql`select w.*, (select coalesce(json_agg(v order by v.version), '[]'::json)
        from workflow_versions v where v.workflow_id = w.id) as versions
      from workflows w where w.workspace_id = any(${owned(s)}) and w.id > ${after} order by w.id limit ${limit}`,
  },
  {
    file: 'jobs.json',
    page: (s, after, limit) => sql`select j.*,
        (select coalesce(json_agg(st order by st.position), '[]'::json) from job_steps st where st.job_id = j.id) as steps,
        (select coalesce(json_agg(ev order by ev.id), '[]'::json) from job_events ev where ev.job_id = j.id) as events
      from jobs j where ${jobScope(s)} and j.id > ${after} order by j.id limit ${limit}`,
  },
  {
    file: 'api-keys.json',
    page: (
      s,
      after,
      limit,
    ) => sql`select id, workspace_id, name, environment, prefix, scopes, rate_limit_per_min,
        expires_at, last_used_at, revoked_at, created_by, created_at
      from api_keys where (workspace_id = any(${owned(s)}) or created_by = ${s.userId}) and id > ${after}
      order by id limit ${limit}`,
  },
  {
    file: 'webhooks.json',
    page: (s, after, limit) => sql`select d.*, (select coalesce(json_agg(a order by a.attempt), '[]'::json)
        from webhook_attempts a where a.delivery_id = d.id) as attempts
      from webhook_deliveries d where d.workspace_id = any(${owned(s)}) and d.id > ${after} order by d.id limit ${limit}`,
  },
  {
    file: 'usage-ledger.json',
    page: (
      s,
      after,
      limit,
    ) => sql`select id, workspace_id, job_id, kind, amount, month, created_at from cost_ledger
      where workspace_id = any(${owned(s)}) and id > ${after} order by id limit ${limit}`,
  },
  {
    file: 'api-requests.json',
    page: (
      s,
      after,
      limit,
    ) => sql`select id, workspace_id, api_key_id, method, path, status, duration_ms, request_id, created_at
      from api_requests where workspace_id = any(${owned(s)}) and id > ${after} order by id limit ${limit}`,
  },
  {
    file: 'consents.json',
    page: (
      s,
      after,
      limit,
    ) => sql`select id, kind, action, granted, categories, method, source, wording, created_at
      from consent_records where (user_id = ${s.userId} or email_hash = ${hashPii(s.email.toLowerCase())})
      and id > ${after} order by id limit ${limit}`,
  },
  {
    file: 'objections.json',
    page: (
      s,
      after,
      limit,
    ) => sql`select id, purpose, source, reason, created_at, withdrawn_at from privacy_objections
      where user_id = ${s.userId} and id > ${after} order by id limit ${limit}`,
  },
  {
    file: 'marketing-subscription.json',
    page: (s, after, limit) => sql`select id, email, status, confirmed_at, unsubscribed_at, created_at
      from marketing_subscriptions where email = ${s.email.toLowerCase()} and id > ${after} order by id limit ${limit}`,
  },
  {
    file: 'terms-acceptances.json',
    page: (s, after, limit) => sql`select a.id, d.kind, d.version, a.accepted_at, a.user_agent
      from legal_acceptances a join legal_documents d on d.id = a.document_id
      where a.user_id = ${s.userId} and a.id > ${after} order by a.id limit ${limit}`,
  },
  {
    file: 'security-events.json',
    page: (
      s,
      after,
      limit,
    ) => sql`select id, type, severity, path, metadata, count, created_at from security_events
      where (email_hash = ${hashPii(s.email.toLowerCase())} or actor_hash = ${hashPii(s.userId)})
      and id > ${after} order by id limit ${limit}`,
  },
  {
    file: 'audit-log.json',
    page: (
      s,
      after,
      limit,
    ) => sql`select id, workspace_id, actor, action, target, metadata, created_at from audit_events
      where (actor = ${s.userId} or target = ${s.userId}) and id > ${after} order by id limit ${limit}`,
  },
  {
    file: 'privacy-requests.json',
    page: (s, after, limit) => sql`select id, kind, status, requested_at, due_at, confirmed_at, execute_after,
        cancelled_at, completed_at, archive_bytes, delivery, downloaded_at, purged_at, trail
      from privacy_requests where user_id = ${s.userId} and id > ${after} order by id limit ${limit}`,
  },
  {
    file: 'billing.json',
    page: (s, after, limit) => sql`select w.id, w.name, w.plan, w.monthly_budget_cents,
        (select coalesce(json_agg(json_build_object('month', t.month, 'kind', t.kind, 'total', t.total)), '[]'::json)
          from (select month, kind, sum(total) as total from cost_ledger_totals where workspace_id = w.id
            group by month, kind order by month, kind) t) as monthly_totals
      from workspaces w where w.id = any(${owned(s)}) and w.id > ${after} order by w.id limit ${limit}`,
  },
];
