import { adminRouter } from './routers/admin';
import { alertsRouter } from './routers/alerts';
import { apiKeysRouter } from './routers/api-keys';
import { billingRouter } from './routers/billing';
import { dashboardRouter } from './routers/dashboard';
import { devMailboxRouter } from './routers/dev-mailbox';
import { developerRouter } from './routers/developer';
import { jobsRouter } from './routers/jobs';
import { legacyRouter } from './routers/legacy';
import { legalRouter } from './routers/legal';
import { marketingRouter } from './routers/marketing';
import { meRouter } from './routers/me';
import { privacyRouter } from './routers/privacy';
import { slaRouter, statusRouter } from './routers/status';
import { usageRouter } from './routers/usage';
import { workflowsRouter } from './routers/workflows';
import { workspaceRouter } from './routers/workspace';
import { createCallerFactory, createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  me: meRouter,
  workspace: workspaceRouter,
  admin: adminRouter,
  devMailbox: devMailboxRouter,
  workflows: workflowsRouter,
  jobs: jobsRouter,
  usage: usageRouter,
  billing: billingRouter,
  dashboard: dashboardRouter,
  apiKeys: apiKeysRouter,
  developer: developerRouter,
  legacy: legacyRouter,
  privacy: privacyRouter,
  marketing: marketingRouter,
  legal: legalRouter,
  status: statusRouter,
  sla: slaRouter,
  alerts: alertsRouter,
});
export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
