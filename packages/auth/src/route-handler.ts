import NextAuth from 'next-auth';
import { getAuthOptions } from './auth-options';
import { authRequestContext } from './request-context';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** `app/api/auth/[...nextauth]/route.ts`: `export { authHandler as GET, authHandler as POST }`. */
export async function authHandler(req: Request, ctx: RouteContext): Promise<Response> {
  const params = await ctx.params;
  // The app server sets these from the socket (never from the client's own headers).
  const store = {
    ip: req.headers.get('x-levqor-client-ip') ?? 'unknown',
    requestId: req.headers.get('x-request-id'),
  };
  // next-auth v4's app-router entry takes (req, { params }, options).
  return authRequestContext.run(
    store,
    () => NextAuth(req as never, { params } as never, getAuthOptions()) as Promise<Response>,
  );
}
