import 'server-only';
import { createCaller, createContext } from '@levqor/api';
import { getDb } from '@levqor/db';
import { headers } from 'next/headers';
import { cache } from 'react';
import { getLevqorJobs } from './jobs';
import { requestIdFrom } from './request-id';
import { getSessionUser } from './session-user';

/** tRPC caller for server components: same procedures, no HTTP hop. One per request. */
export const getServerCaller = cache(async () => {
  const h = await headers();
  return createCaller(
    createContext({
      db: getDb(),
      user: await getSessionUser(),
      requestId: requestIdFrom(h),
      events: getLevqorJobs().client,
      headers: h,
    }),
  );
});
