import { downloadReportPdf, ZReportId } from '@levqor/core';
import { getDb } from '@levqor/db';
import { getSessionUser } from './session-user';

const TYPES: Record<number, string> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'admin-only',
  404: 'not-found',
};

const problem = (status: number, title: string, detail: string) =>
  Response.json(
    { type: `https://levqor.dev/problems/${TYPES[status]}`, title, status, detail },
    { status, headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' } },
  );

/**
 * `GET /reports/[id]/pdf` (admin console): a weekly governance report's PDF, for administrators only
 * (401 signed out, 403 not an administrator, 404 no such report, problem+json). Audited.
 */
export async function reportDownloadHandler(
  _req: Request,
  ctx: { params: Promise<{ id: string }> },
  deps: { sessionUser?: () => Promise<{ id: string; role?: string } | null> } = {},
) {
  const user = await (deps.sessionUser ?? getSessionUser)();
  if (!user) return problem(401, 'Unauthorized', 'Sign in to continue.');
  if (user.role !== 'admin')
    return problem(403, 'Administrators only', 'Reports are for administrators only.');
  const { id } = await ctx.params;
  if (!ZReportId.safeParse(id).success)
    return problem(400, 'Invalid request', `"${id.slice(0, 60)}" is not a report id (rpt_…).`);
  const file = await downloadReportPdf(getDb(), { reportId: id, adminId: user.id });
  if (!file) return problem(404, 'Not found', 'No report with a PDF has this id.');
  return new Response(new Uint8Array(file.pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${file.filename}"`,
      'content-length': String(file.pdf.length),
      'cache-control': 'no-store',
    },
  });
}
