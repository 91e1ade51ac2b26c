import { getSession } from '@levqor/auth';
import { auditCsvStream, recordAdminAction, ZAuditFilters } from '@levqor/core';
import { getDb } from '@levqor/db';
import { isoOrUndefined } from '~/components/search-params';

export const dynamic = 'force-dynamic';

const problem = (status: number, title: string, detail: string) =>
  Response.json(
    {
      type: `https://levqor.dev/problems/${status === 400 ? 'validation' : status === 401 ? 'unauthorized' : 'admin-only'}`,
      title,
      status,
      detail,
    },
    { status, headers: { 'content-type': 'application/problem+json' } },
  );

/**
 * GET /audit/export?actor=&action=&workspace=&target=&from=&to= — the filtered audit log as CSV,
 * streamed from the database in keyset batches (never the whole table in memory). Administrators only;
 * the export itself is audited.
 */
export async function GET(request: Request) {
  const session = await getSession();
  if (!session) return problem(401, 'Unauthorized', 'Sign in to continue');
  if (session.user.role !== 'admin') return problem(403, 'Administrators only', 'Administrators only');
  const sp = new URL(request.url).searchParams;
  const value = (k: string) => sp.get(k)?.trim() || undefined;
  const parsed = ZAuditFilters.safeParse({
    actor: value('actor'),
    action: value('action'),
    workspaceId: value('workspace'),
    target: value('target'),
    from: isoOrUndefined(value('from')),
    to: isoOrUndefined(value('to')),
  });
  if (!parsed.success)
    return problem(
      400,
      'Invalid request',
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  const db = getDb();
  await recordAdminAction(db, {
    actor: session.user.id,
    action: 'admin.audit.export',
    target: 'audit_events',
    reason: 'audit log CSV export',
    details: { filters: parsed.data },
  });
  const body = auditCsvStream(db, parsed.data);
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="levqor-audit-${stamp}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
