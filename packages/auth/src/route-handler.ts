import NextAuth from 'next-auth';
import { getAuthOptions } from './auth-options';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** `app/api/auth/[...nextauth]/route.ts`: `export { authHandler as GET, authHandler as POST }`. */
export async function authHandler(req: Request, ctx: RouteContext): Promise<Response> {
  const params = await ctx.params;
  // next-auth v4's app-router entry takes (req, { params }, options).
  return NextAuth(req as never, { params } as never, getAuthOptions()) as Promise<Response>;
}
