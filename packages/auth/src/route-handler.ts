import { trustedRequestFacts } from '@levqor/config/app-server-proof';
import NextAuth from 'next-auth';
import { getAuthOptions } from './auth-options';
import { guardAuthRequest } from './guard-auth-request';
import { authRequestContext } from './request-context';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** `app/api/auth/[...nextauth]/route.ts`: `export { authHandler as GET, authHandler as POST }`. */
export async function authHandler(req: Request, ctx: RouteContext): Promise<Response> {
  const params = await ctx.params;
  // What the app server established from the socket (never the client's own headers; 'unknown' without it).
  const facts = trustedRequestFacts((name) => req.headers.get(name));
  const store = { ip: facts.ip, requestId: req.headers.get('x-request-id') };
  return authRequestContext.run(store, async () => {
    const refused = await guardAuthRequest(req, params.nextauth ?? [], { facts, requestId: store.requestId });
    if (refused) return refused;
    // next-auth v4's app-router entry takes (req, { params }, options).
    return NextAuth(req as never, { params } as never, getAuthOptions()) as Promise<Response>;
  });
}
