import { adminRouter } from './routers/admin';
import { devMailboxRouter } from './routers/dev-mailbox';
import { meRouter } from './routers/me';
import { workspaceRouter } from './routers/workspace';
import { createCallerFactory, createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  me: meRouter,
  workspace: workspaceRouter,
  admin: adminRouter,
  devMailbox: devMailboxRouter,
});
export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
