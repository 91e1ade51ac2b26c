import { createTRPCRouter } from '../../trpc';
import { adminLegalRouter } from '../legal';
import { adminAccountsRouter } from './accounts';
import { adminAlertsRouter } from './alerts';
import { adminAuditLogRouter } from './audit-log';
import { adminBillingRouter } from './billing';
import { adminFeatureFlagsRouter } from './feature-flags';
import { adminGrowthRouter } from './growth';
import { adminJobsRouter } from './jobs';
import { adminAnalyticsRouter, adminHealthRouter } from './operations';
import { adminPrivacyRequestsRouter } from './privacy-requests';
import { adminRecommendationsRouter } from './recommendations';
import { adminReportsRouter } from './reports';
import { adminSecurityEventsRouter } from './security-events';
import { adminIncidentsRouter, adminSlaClaimsRouter } from './status';
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
  reports: adminReportsRouter,
  health: adminHealthRouter,
  analytics: adminAnalyticsRouter,
  incidents: adminIncidentsRouter,
  slaClaims: adminSlaClaimsRouter,
  recommendations: adminRecommendationsRouter,
  growth: adminGrowthRouter,
});
