import { createRestFetchHandler } from '@levqor/api/rest/fetch-handler';
import { getRestDeps } from '@levqor/app-kit/rest-deps';

// The REST API where the node:http server (server.ts) is not in front: `pnpm dev`, serverless.
export const dynamic = 'force-dynamic';
const handler = createRestFetchHandler(getRestDeps, {
  origin: process.env.LEVQOR_DEVELOPERS_URL ?? 'http://localhost:3002',
});

export { handler as DELETE, handler as GET, handler as PATCH, handler as POST, handler as PUT };
