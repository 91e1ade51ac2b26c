import { DomainError, redeemExportDownload } from '@levqor/core';
import { getDb } from '@levqor/db';
import { getSessionUser } from '../session-user';

/**
 * `POST /api/privacy/export/[id]` (form field `code`): the export archive, for its signed-in owner with a
 * valid one-time code. Anything else goes back to the download page with a message.
 */
export async function exportDownloadHandler(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  const back = (message: string) =>
    Response.redirect(
      new URL(
        `/dashboard/settings/privacy/export/${encodeURIComponent(id)}?error=${encodeURIComponent(message)}`,
        req.url,
      ),
      303,
    );
  const origin = req.headers.get('origin');
  if (origin && origin !== new URL(req.url).origin)
    return new Response('Cross-site request refused', { status: 403 });
  const user = await getSessionUser();
  if (!user)
    return Response.redirect(
      new URL(`/sign-in?callbackUrl=/dashboard/settings/privacy/export/${id}`, req.url),
      303,
    );
  const form = await req.formData().catch(() => null);
  const code = String(form?.get('code') ?? '');
  try {
    const { filename, zip } = await redeemExportDownload(getDb(), { userId: user.id, requestId: id, code });
    return new Response(new Uint8Array(zip), {
      headers: {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="${filename}"`,
        'cache-control': 'no-store',
      },
    });
  } catch (err) {
    if (err instanceof DomainError) return back(err.message);
    if (err instanceof Error && err.name === 'ZodError')
      return back('The code is the 6 digits from the email.');
    throw err;
  }
}
