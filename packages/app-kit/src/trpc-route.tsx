import { appRouter, createContext } from '@levqor/api';
import { getDb } from '@levqor/db';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { getLevqorJobs } from './jobs';
import { requestIdFrom } from './request-id';
import { getSessionUser } from './session-user';

/** `app/api/trpc/[trpc]/route.ts`: `export { trpcHandler as GET, trpcHandler as POST }`. */
export async function trpcHandler(req: Request): Promise<Response> {
  const requestId = requestIdFrom(req.headers);
  const response = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: async () =>
      createContext({
        db: getDb(),
        user: await getSessionUser(),
        requestId,
        events: getLevqorJobs().client,
        headers: req.headers,
      }),
  });
  response.headers.set('x-request-id', requestId);
  return response;
}
