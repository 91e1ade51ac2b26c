import { createTRPCRouter } from '../../trpc';
import { adminAccountsRouter } from './accounts';
import { adminAuditLogRouter } from './audit-log';
import { adminFeatureFlagsRouter } from './feature-flags';
import { adminJobsRouter } from './jobs';
import { adminSecurityEventsRouter } from './security-events';
import { adminUsersRouter } from './users';

export const adminRouter = createTRPCRouter({
  users: adminUsersRouter,
  securityEvents: adminSecurityEventsRouter,
  featureFlags: adminFeatureFlagsRouter,
  jobs: adminJobsRouter,
  accounts: adminAccountsRouter,
  auditLog: adminAuditLogRouter,
});
