import { reportDownloadHandler } from '@levqor/app-kit/report-download-route';

export const dynamic = 'force-dynamic';

export function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return reportDownloadHandler(req, ctx);
}
