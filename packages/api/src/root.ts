import { adminRouter } from './routers/admin';
import { devMailboxRouter } from './routers/dev-mailbox';
import { jobsRouter } from './routers/jobs';
import { meRouter } from './routers/me';
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
});
export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
