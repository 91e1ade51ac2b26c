import { createTRPCRouter } from '../../trpc';
import { adminLegalRouter } from '../legal';
import { adminAccountsRouter } from './accounts';
import { adminAlertsRouter } from './alerts';
import { adminAuditLogRouter } from './audit-log';
import { adminBillingRouter } from './billing';
import { adminFeatureFlagsRouter } from './feature-flags';
import { adminGrowthRouter } from './growth';
import { adminJobsRouter } from './jobs';
import { adminPrivacyRequestsRouter } from './privacy-requests';
import { adminRecommendationsRouter } from './recommendations';
import { adminSecurityEventsRouter } from './security-events';
import { adminUsersRouter } from './users';

export const adminRouter = createTRPCRouter({
  users: adminUsersRouter,
  billing: adminBillingRouter,
  securityEvents: adminSecurityEventsRouter,
  alerts: adminAlertsRouter,
  featureFlags: adminFeatureFlagsRouter,
  jobs: adminJobsRouter,
  accounts: adminAccountsRouter,
  auditLog: adminAuditLogRouter,
  privacyRequests: adminPrivacyRequestsRouter,
  legal: adminLegalRouter,
  recommendations: adminRecommendationsRouter,
  growth: adminGrowthRouter,
});
